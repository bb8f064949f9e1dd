from django.urls import path

from recognitions.demarches import views

app_name = "demarches"

urlpatterns = [
    path("", views.demarche_list, name="demarche-list"),
    path("<int:pk>/", views.demarche_detail, name="demarche-detail"),
    path("<int:pk>/outcomes.csv", views.matrix_csv, name="demarche-csv"),
    path("<int:pk>/outcomes/new/", views.outcome_file, name="demarche-outcome-file"),
    path("<int:pk>/outcomes/<int:outcome_pk>/edit/", views.outcome_edit, name="demarche-outcome-edit"),
]
