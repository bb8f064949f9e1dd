from django.urls import path

from recognitions.demarches import views

app_name = "demarches"

urlpatterns = [
    path("", views.demarche_list, name="list"),
    path("<int:pk>/", views.demarche_detail, name="detail"),
    path("<int:pk>/outcomes.csv", views.matrix_csv, name="csv"),
    path("<int:pk>/outcomes/new/", views.outcome_file, name="file"),
    path("<int:pk>/outcomes/<int:outcome_pk>/edit/", views.outcome_edit, name="edit"),
]
