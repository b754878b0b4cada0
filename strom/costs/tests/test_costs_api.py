"""Costs through the API: the same rules and figures as the pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from strom.api.tokens import create_token
from strom.costs.models import StaffTime
from strom.costs.tests.conftest import deliver

pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    client = APIClient()
    _token, raw = create_token(user, name="test", days=1)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_the_case_cost_matches_the_hand_computation(network, case, directory, rates):
    deliver(network, case, directory["shelter"], units="14", unit="night", unit_cost="35.00", payer="state",
            end=date(2026, 3, 14))
    deliver(network, case, directory["medical"], units="2", unit="item", unit_cost="0", payer="municipality")
    api = api_for(network.case_manager)
    made = api.post(reverse("api_costs_staff_time", args=[case.pk]),
                    {"on": "2026-03-02", "hours": "2.5", "profession": "social worker", "payer": "municipality"},
                    format="json")
    assert made.status_code == 201
    data = api.get(reverse("api_costs_case", args=[case.pk])).json()
    assert data["by_payer"] == [{"payer": "municipality", "currency": "EUR", "amount": "202.65"},
                                {"payer": "state", "currency": "EUR", "amount": "490.00"}]
    assert data["totals"] == [{"currency": "EUR", "amount": "692.65"}] and data["days"] == 14


def test_bad_staff_time_is_a_400_naming_the_field(network, case):
    response = api_for(network.case_manager).post(reverse("api_costs_staff_time", args=[case.pk]),
                                                  {"on": "2999-01-01", "hours": "1", "profession": "x",
                                                   "payer": "state"}, format="json")
    assert response.status_code == 400 and "on" in response.json()
    assert not StaffTime.objects.exists()


@pytest.mark.parametrize("name", ["api_costs_case", "api_costs_staff_time"])
def test_outsiders_get_404_and_members_without_the_right_403(network, case, name):
    method = "get" if name == "api_costs_case" else "post"
    url = reverse(name, args=[case.pk])
    assert getattr(api_for(network.outsider_case_manager), method)(url, {}, format="json").status_code == 404
    assert getattr(api_for(network.org_admin), method)(url, {}, format="json").status_code == 403


def test_the_report_through_the_api(network, directory, settings):
    from strom.costs.tests.test_costs_pages import riga_cases

    settings.DISCLOSURE_THRESHOLD = 2
    riga_cases(network, directory, 2)
    data = api_for(network.local_coordinator).get(reverse("api_costs_report"), {"year": 2026}).json()
    (eur,) = data["reports"]
    assert eur["overall"]["total"] == "600.00" and eur["overall"]["median_per_day"] == "30.00"
    assert not data["exact"] and data["threshold"] == 2
    assert api_for(network.case_manager).get(reverse("api_costs_report")).status_code == 403
    assert api_for(network.local_coordinator).get(reverse("api_costs_report"),
                                                  {"municipality": network.vilnius.pk}).status_code == 404
    assert Decimal(eur["by_payer"][0]["total"]) == Decimal("600.00")  # state first
