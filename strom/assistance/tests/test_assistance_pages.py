"""The assistance pages, persona by persona, and their forms."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.assistance.models import AssistancePlan, DeliveredService, NeedsAssessment
from strom.audit.models import AuditEvent
from strom.cases import services as case_services
from strom.network.models import ServiceType
from strom.testing import sign_in

pytestmark = pytest.mark.django_db

WRITE_PAGES = ["assistance:needs_add", "assistance:goal_add", "assistance:plan_service", "assistance:delivered_add",
               "assistance:proceeding_add", "assistance:return_plan"]
PAGES = ["assistance:overview", "assistance:plan_versions", *WRITE_PAGES]


def body(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_the_lead_case_manager_gets_every_page(client, network, case, directory, name):
    sign_in(client, network.case_manager)
    assert client.get(reverse(name, args=[case.pk])).status_code == 200


def test_the_case_page_shows_the_assistance_tab(client, network, case):
    sign_in(client, network.case_manager)
    page = body(client.get(reverse("cases:detail", args=[case.pk])))
    assert reverse("assistance:overview", args=[case.pk]) in page and "Assistance" in page


@pytest.mark.parametrize("name", PAGES)
def test_an_outsider_gets_404(client, network, case, name):
    sign_in(client, network.outsider_case_manager)
    assert client.get(reverse(name, args=[case.pk])).status_code == 404


def test_a_member_without_case_rights_gets_a_recorded_403(client, network, case):
    sign_in(client, network.org_admin)
    assert client.get(reverse("assistance:overview", args=[case.pk])).status_code == 403
    assert AuditEvent.objects.filter(outcome="denied", actor=network.org_admin).exists()


def test_break_glass_reads_are_recorded_and_never_write(client, network, case):
    case_services.break_glass(actor_for_user(network.outsider_case_manager), case, reason="Urgent hospital call")
    sign_in(client, network.outsider_case_manager)
    assert client.get(reverse("assistance:overview", args=[case.pk])).status_code == 200
    event = AuditEvent.objects.filter(action="assistance.viewed", actor=network.outsider_case_manager).get()
    assert event.detail["access"] == "emergency" and "goals.text" in event.fields
    for name in WRITE_PAGES:
        assert client.get(reverse(name, args=[case.pk])).status_code == 403
    response = client.post(reverse("assistance:delivered_add", args=[case.pk]), {
        "provider_name": "X", "date_from": "2026-01-01", "date_to": "2026-01-02", "units": "1", "unit": "day",
        "unit_cost": "1", "currency": "EUR", "payer": "state"})
    assert response.status_code == 403 and not DeliveredService.objects.exists()


def test_the_overview_shows_no_edit_links_to_a_reader(client, network, case):
    case_services.break_glass(actor_for_user(network.outsider_case_manager), case, reason="Urgent hospital call")
    sign_in(client, network.outsider_case_manager)
    page = body(client.get(reverse("assistance:overview", args=[case.pk])))
    assert reverse("assistance:delivered_add", args=[case.pk]) not in page


def test_recording_needs_through_the_form(client, network, case):
    sign_in(client, network.case_manager)
    needs = ServiceType.objects.filter(code__in=["safe_accommodation", "medical_care"])
    response = client.post(reverse("assistance:needs_add", args=[case.pk]), {
        "assessed_on": timezone.localdate().isoformat(), "needs": [need.pk for need in needs],
        "urgency": "immediate", "note": "Needs a doctor today"})
    assert response.status_code == 302
    assert NeedsAssessment.objects.get(case=case).urgency == "immediate"
    page = body(client.get(reverse("assistance:overview", args=[case.pk])))
    assert "Needs a doctor today" in page and "Medical care" in page


def test_a_delivered_service_with_a_negative_unit_count_changes_nothing(client, network, case, directory):
    sign_in(client, network.case_manager)
    url = reverse("assistance:delivered_add", args=[case.pk])
    form = body(client.get(url))
    assert 'value="EUR"' in form and "Safe Flat" in form and "Vilnius Talks" not in form
    assert "Vilnius Talks" in body(client.get(url, {"q": "vilnius"}))
    response = client.post(url, {"service": directory["shelter"].pk, "date_from": "2026-01-05",
                                 "date_to": "2026-01-01", "units": "-2", "unit": "night", "unit_cost": "20",
                                 "currency": "EUR", "payer": "state"})
    assert response.status_code == 200 and "The number of units cannot be negative." in body(response)
    response = client.post(url, {"service": directory["shelter"].pk, "date_from": "2026-01-05",
                                 "date_to": "2026-01-01", "units": "2", "unit": "night", "unit_cost": "20",
                                 "currency": "ABC", "payer": "state"})
    assert "Unknown currency code" in body(response) and "The end date is before the start date." in body(response)
    assert not DeliveredService.objects.exists()
    response = client.post(url, {"service": directory["shelter"].pk, "date_from": "2026-01-01",
                                 "date_to": "2026-01-05", "units": "4", "unit": "night", "unit_cost": "20.25",
                                 "currency": "EUR", "payer": "state"})
    assert response.status_code == 302
    page = body(client.get(reverse("assistance:overview", args=[case.pk])))
    assert "81.00 EUR" in page


def test_the_plan_through_the_forms_then_approved(client, network, case, directory):
    sign_in(client, network.case_manager)
    client.post(reverse("assistance:goal_add", args=[case.pk]), {"text": "Stable housing", "status": "open"})
    client.post(reverse("assistance:plan_service", args=[case.pk]), {
        "service": directory["counselling"].pk, "date_from": "2026-02-01"})
    plan = AssistancePlan.objects.get(case=case)
    assert plan.goals.count() == 1 and plan.planned_services.count() == 1
    day = (timezone.localdate() + timedelta(days=14)).isoformat()
    response = client.post(reverse("assistance:plan_approve", args=[case.pk, plan.pk]), {"next_review_on": day})
    assert response.status_code == 302
    response = client.post(reverse("assistance:plan_approve", args=[case.pk, plan.pk]), {"next_review_on": day})
    assert "can no longer change" in body(response)


def test_a_goal_status_changes_in_the_draft_only(client, network, case):
    sign_in(client, network.case_manager)
    client.post(reverse("assistance:goal_add", args=[case.pk]), {"text": "Learn Latvian", "status": "open"})
    plan = AssistancePlan.objects.get(case=case)
    goal = plan.goals.get()
    status_url = reverse("assistance:goal_status", args=[case.pk, goal.pk])
    assert status_url in body(client.get(reverse("assistance:overview", args=[case.pk])))
    assert client.post(status_url, {"status": "in_progress"}).status_code == 302
    goal.refresh_from_db()
    assert goal.status == "in_progress"
    day = (timezone.localdate() + timedelta(days=14)).isoformat()
    client.post(reverse("assistance:plan_approve", args=[case.pk, plan.pk]), {"next_review_on": day})
    response = client.post(status_url, {"status": "achieved"})
    assert "can no longer change" in body(response)
    goal.refresh_from_db()
    assert goal.status == "in_progress"
