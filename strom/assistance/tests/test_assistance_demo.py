"""The demo assistance: made once for Amber-Heron-1001 from the Riga demo directory."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from strom.assistance import queries
from strom.assistance.models import AssistancePlan, DeliveredService, NeedsAssessment, Proceeding
from strom.cases.models import Case

pytestmark = pytest.mark.django_db


def test_load_demo_fills_the_assistance_of_the_demo_case_once():
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    case = Case.objects.get(person__pseudonym="Amber-Heron-1001")
    assert NeedsAssessment.objects.filter(case=case).count() == 1
    plan = AssistancePlan.objects.get(case=case)
    assert plan.is_approved and plan.next_review_on is not None
    planned = [p.service for p in plan.planned_services.all()]
    assert len(planned) == 2 and {s.organisation.municipality.name for s in planned} == {"Rīga"}
    rows = DeliveredService.objects.filter(case=case)
    assert rows.count() == 2 and {row.currency for row in rows} == {"EUR"}
    assert queries.totals_by_code(list(rows))["per_currency"] == [{"currency": "EUR", "amount": Decimal("625.00")}]
    assert Proceeding.objects.filter(case=case).count() == 1
