"""Assistance through the API: the same rules as the pages, typed money, and the schema."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from strom.accounts.policies import actor_for_user
from strom.api.tokens import create_token
from strom.assistance.models import DeliveredService
from strom.audit.models import AuditEvent
from strom.cases import services as case_services
from strom.testing import sign_in

pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    client = APIClient()
    _token, raw = create_token(user, name="test", days=1)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def url(name, case, *args):
    return reverse(name, args=[case.pk, *args])


ROW = {"provider_name": "Night Shelter Co-op", "date_from": "2026-02-01", "date_to": "2026-02-03", "units": "2",
       "unit": "night", "unit_cost": "30.10", "currency": "EUR", "payer": "eu_project"}


def test_delivered_services_with_totals(network, case, directory):
    api = api_for(network.case_manager)
    assert api.post(url("api_assistance_delivered", case), ROW, format="json").status_code == 201
    other = {key: value for key, value in ROW.items() if key != "currency"} | {
        "provider_name": "", "service": str(directory["counselling"].pk), "units": "1.5", "unit": "session",
        "unit_cost": "40.00", "payer": "municipality"}  # no currency: Latvia's, the euro
    created = api.post(url("api_assistance_delivered", case), other, format="json")
    assert created.status_code == 201 and (created.json()["total"], created.json()["currency"]) == ("60.00", "EUR")
    body = api.get(url("api_assistance_delivered", case)).json()
    assert body["totals_per_currency"] == [{"currency": "EUR", "amount": "120.20"}]
    assert body["totals_per_payer"] == [{"payer": "eu_project", "currency": "EUR", "amount": "60.20"},
                                        {"payer": "municipality", "currency": "EUR", "amount": "60.00"}]


def test_bad_rows_get_400_with_the_message_and_change_nothing(network, case):
    api = api_for(network.case_manager)
    response = api.post(url("api_assistance_delivered", case), ROW | {"currency": "EURO"}, format="json")
    assert response.status_code == 400
    response = api.post(url("api_assistance_delivered", case), ROW | {"currency": "QQQ", "units": "-1"},
                        format="json")
    assert response.status_code == 400
    assert response.json()["currency"] == ["Unknown currency code: use a three-letter ISO 4217 code such as EUR."]
    assert response.json()["units"] == ["The number of units cannot be negative."]
    assert not DeliveredService.objects.exists()


def test_plan_goal_service_approve_review_and_versions(network, case, directory):
    api = api_for(network.case_manager)
    assert api.post(url("api_assistance_goals", case), {"text": "Safe housing"}, format="json").status_code == 201
    assert api.post(url("api_assistance_plan_services", case), {
        "service": str(directory["shelter"].pk), "date_from": "2026-02-01"}, format="json").status_code == 201
    plan = api.get(url("api_assistance_plan", case)).json()[0]
    assert (plan["version"], plan["status"], plan["goals"][0]["text"]) == (1, "draft", "Safe housing")
    day = (timezone.localdate() + timedelta(days=20)).isoformat()
    approved = api.post(url("api_assistance_plan_approve", case, plan["id"]), {"next_review_on": day}, format="json")
    assert approved.status_code == 201 and approved.json()["status"] == "approved"
    again = api.post(url("api_assistance_plan_approve", case, plan["id"]), {"next_review_on": day}, format="json")
    assert again.status_code == 400 and "can no longer change" in again.json()["non_field_errors"][0]
    review = api.post(url("api_assistance_plan_reviews", case, plan["id"]), {
        "reviewed_on": timezone.localdate().isoformat(), "outcome": "on_track"}, format="json")
    assert review.status_code == 201
    api.post(url("api_assistance_goals", case), {"text": "Language course"}, format="json")
    versions = api.get(url("api_assistance_plan", case)).json()
    assert [(v["version"], v["status"], len(v["goals"])) for v in versions] == [(2, "draft", 2), (1, "approved", 1)]


def test_needs_proceedings_and_return(network, case):
    api = api_for(network.case_manager)
    made = api.post(url("api_assistance_needs", case), {"assessed_on": timezone.localdate().isoformat(),
                                                         "needs": ["psychological", "legal_counselling"],
                                                         "urgency": "soon", "note": "Nightmares"}, format="json")
    assert made.status_code == 201
    assert api.get(url("api_assistance_needs", case)).json()[0]["note"] == "Nightmares"
    assert api.post(url("api_assistance_needs", case), {"assessed_on": "2026-01-01", "needs": ["hotline"],
                                                         "urgency": "soon"}, format="json").status_code == 400
    proceeding = api.post(url("api_assistance_proceedings", case), {
        "kind": "labour", "stage": "prosecution", "role": "injured_party", "legal_aid": True,
        "legal_aid_by": "Trade union lawyer"}, format="json").json()
    claim = api.post(url("api_assistance_claims", case, proceeding["id"]), {
        "amount": "3500.00", "currency": "EUR", "against": "The farm owner", "status": "filed"}, format="json")
    assert claim.status_code == 201
    listed = api.get(url("api_assistance_proceedings", case)).json()
    assert listed[0]["claims"][0]["amount"] == "3500.00"
    assert api.get(url("api_assistance_return", case)).status_code == 404
    refused = api.post(url("api_assistance_return", case), {"destination_country": "UA",
                                                            "assisting_organisation": "IOM"}, format="json")
    assert refused.status_code == 400


def test_outsiders_get_404_and_break_glass_reads_only(network, case):
    outsider = api_for(network.outsider_case_manager)
    assert outsider.get(url("api_assistance_delivered", case)).status_code == 404
    assert outsider.post(url("api_assistance_delivered", case), ROW, format="json").status_code == 404
    case_services.break_glass(actor_for_user(network.outsider_case_manager), case, reason="Urgent hospital call")
    assert outsider.get(url("api_assistance_proceedings", case)).status_code == 200
    assert AuditEvent.objects.filter(action="assistance.viewed", detail__access="emergency").exists()
    assert outsider.post(url("api_assistance_delivered", case), ROW, format="json").status_code == 403
    assert api_for(network.org_admin).get(url("api_assistance_plan", case)).status_code == 403


def test_the_schema_lists_the_assistance_routes(client, network):
    sign_in(client, network.case_manager)
    paths = client.get(reverse("api_schema"), {"format": "json"}).json()["paths"]
    assistance = sorted(path for path in paths if "/assistance/" in path)
    assert len(assistance) == 10
    assert "/api/v1/cases/{case_id}/assistance/delivered/" in assistance
