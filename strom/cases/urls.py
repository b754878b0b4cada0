from django.urls import path

from strom.cases import summary, views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_open, name="open"),
    path("<uuid:case_id>/", views.case_detail, name="detail"),
    path("<uuid:case_id>/summary/", summary.summary_page, name="summary"),
    path("<uuid:case_id>/summary.pdf", summary.summary_pdf, name="summary_pdf"),
    path("<uuid:case_id>/person/", views.person_edit, name="person_edit"),
    path("<uuid:case_id>/edit/", views.case_edit, name="edit"),
    path("<uuid:case_id>/stage/", views.case_stage, name="stage"),
    path("<uuid:case_id>/decisions/new/", views.decision_add, name="decision_add"),
    path("<uuid:case_id>/consent/new/", views.consent_add, name="consent_add"),
    path("<uuid:case_id>/emergency-access/", views.break_glass, name="break_glass"),
    path("<uuid:case_id>/emergency-access/<uuid:grant_id>/acknowledge/", views.acknowledge, name="acknowledge"),
]
