"""The demo costs: Riga's demo rates, the LV basket and the demo case's cost."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from strom.cases.models import Case
from strom.costs import queries
from strom.costs.demo import load_demo_costs
from strom.costs.models import Basket, UnitCost

pytestmark = pytest.mark.django_db


def test_load_demo_gives_the_demo_case_a_cost_once():
    call_command("load_demo", stdout=StringIO())
    assert load_demo_costs() == 0  # a second run leaves everything as it is
    assert UnitCost.objects.filter(municipality__name="Rīga").count() == 5
    assert all(rate.source == "Demo values, not official" for rate in UnitCost.objects.all())
    basket = Basket.objects.get(country="LV")
    assert basket.days == 180 and basket.needs_verification
    case = Case.objects.get(person__pseudonym="Amber-Heron-1001")
    cost = queries.cost_of(case).cost
    # Delivered: 14 × 35.00 (state) + 3 × 45.00 (NGO); staff 4.5 h × 21.00 = 94.50 (NGO) + 12 % = 11.34.
    assert cost.by_payer() == {("state", "EUR"): Decimal("490.00"), ("ngo", "EUR"): Decimal("240.84")}
    plan = queries.plan_to_forecast(case)
    _, lines = queries.forecast_of(plan, queries.tariffs_for(case.municipality), basket)
    assert len(lines) == 2 and all(line.amount and line.payer == "state" for line in lines)
