from django.urls import path

from strom.municipal import views

app_name = "municipal"
urlpatterns = [
    path("", views.index, name="index"),
    path("assessments/start/", views.start, name="start"),
    path("assessments/<uuid:assessment_id>/", views.assessment, name="assessment"),
    path("assessments/<uuid:assessment_id>/edit/", views.assessment_edit, name="assessment_edit"),
    path("assessments/<uuid:assessment_id>/actions/new/", views.action_add, name="action_add"),
    path("actions/<uuid:action_id>/", views.action_detail, name="action"),
    path("actions/<uuid:action_id>/edit/", views.action_edit, name="action_edit"),
    path("national/", views.national, name="national"),
    path("municipalities/<uuid:municipality_id>/mapping/", views.mappings, name="mappings"),
    path("municipalities/<uuid:municipality_id>/mapping/new/", views.mapping_new, name="mapping_new"),
    path("mapping/<uuid:mapping_id>/", views.mapping, name="mapping"),
]
