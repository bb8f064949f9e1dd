from django.urls import path

from cables import review_views

app_name = "review"

urlpatterns = [
    path("", review_views.queue, name="queue"),
    path("facts/<int:pk>/", review_views.edit, name="fact-edit"),
    path("auto-accept/", review_views.auto_accept, name="auto-accept"),
]
