from django.urls import path

from cables import browse, views

app_name = "cables"

urlpatterns = [
    path("upload/", views.upload, name="upload"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job-progress"),
    *browse.urlpatterns,
]
