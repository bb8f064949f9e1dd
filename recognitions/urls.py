from django.urls import path

from recognitions import views

app_name = "recognitions"

urlpatterns = [
    path("", views.home, name="home"),
    path("entities/<str:code>/", views.entity_detail, name="entity"),
    path("countries/<str:code>/", views.country_detail, name="country"),
    path("organizations/<str:code>/", views.organization_detail, name="organization"),
]
