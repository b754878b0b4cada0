from django.urls import path

from strom.interchange import views

app_name = "interchange"
urlpatterns = [
    path("", views.index, name="index"),
    path("htcds.csv", views.htcds_csv, name="htcds_csv"),
    path("htcds.xlsx", views.htcds_xlsx, name="htcds_xlsx"),
    path("ctdc.csv", views.ctdc_csv, name="ctdc_csv"),
    path("import/", views.start_import, name="import"),
    path("imports/<uuid:job_id>/", views.job_page, name="job"),
    path("imports/<uuid:job_id>/progress/", views.job_progress, name="progress"),
]
