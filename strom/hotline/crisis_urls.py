"""URLs of the crisis view, the job-offer check and escalation (added to hotline/urls.py)."""

from django.urls import path

from strom.hotline import views_crisis

urlpatterns = [
    path("crisis/", views_crisis.crisis_view, name="crisis"),
    path("contacts/<uuid:contact_id>/job-offer/", views_crisis.job_offer, name="job_offer"),
    path("contacts/<uuid:contact_id>/job-offer/summary.txt", views_crisis.job_offer_summary,
         name="job_offer_summary"),
    path("contacts/<uuid:contact_id>/escalate/", views_crisis.escalate, name="escalate"),
    path("contacts/<uuid:contact_id>/escalate/screening/", views_crisis.escalate_screening,
         name="escalate_screening"),
    path("contacts/<uuid:contact_id>/escalate/referral/", views_crisis.escalate_referral,
         name="escalate_referral"),
    path("contacts/<uuid:contact_id>/escalate/case/", views_crisis.escalate_case, name="escalate_case"),
]
