"""The self-assessment's "knows what assistance costs" item, suggested from the unit costs in force."""

from datetime import date
from decimal import Decimal

import pytest

from strom.costs.models import UnitCost
from strom.municipal.evidence import evidence_for

pytestmark = pytest.mark.django_db
ITEM = "monitoring.costs"


def _unit_cost(network, directory, **scope):
    return UnitCost.objects.create(service_type=directory["medical"].type, payer="municipality", unit="item",
                                   amount=Decimal("60.50"), currency="EUR", source="test",
                                   created_by=network.local_coordinator, **scope)


def test_without_unit_costs_there_is_no_evidence(network, directory):
    evidence = evidence_for(ITEM, network.riga, date(2026, 6, 1))
    assert (evidence.found, evidence.suggested_score) == (False, 0)


def test_the_countrys_rates_are_a_start_and_the_municipalitys_own_a_practice(network, directory):
    _unit_cost(network, directory, country="LV", valid_from=date(2025, 1, 1))
    assert evidence_for(ITEM, network.riga, date(2026, 6, 1)).suggested_score == 1
    assert not evidence_for(ITEM, network.vilnius, date(2026, 6, 1)).found  # another country's rates
    _unit_cost(network, directory, country="LV", municipality=network.riga, valid_from=date(2025, 1, 1))
    assert evidence_for(ITEM, network.riga, date(2026, 6, 1)).suggested_score == 2


def test_only_rates_in_force_on_the_day_count(network, directory):
    _unit_cost(network, directory, country="LV", municipality=network.riga, valid_from=date(2024, 1, 1),
               valid_to=date(2024, 12, 31))
    assert not evidence_for(ITEM, network.riga, date(2026, 6, 1)).found
    assert evidence_for(ITEM, network.riga, date(2024, 6, 1)).suggested_score == 2
