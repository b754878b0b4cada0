from datetime import date
from decimal import Decimal

import pytest

from strom.accounts.policies import actor_for_user
from strom.assistance import services as assistance
from strom.assistance.tests.conftest import directory_service
from strom.cases.tests.helpers import open_shelter_case
from strom.costs.models import OverheadRate, StaffRate, UnitCost

DAY = date(2026, 3, 1)


@pytest.fixture
def case(network):
    return open_shelter_case(network)


@pytest.fixture
def directory(network):
    return {
        "shelter": directory_service(network.shelter, "safe_accommodation", "Safe Flat", municipality=network.riga),
        "counselling": directory_service(network.social, "psychological", "Counselling Rooms",
                                         municipality=network.riga),
        "medical": directory_service(network.social, "medical_care", "Clinic", municipality=network.riga),
    }


@pytest.fixture
def rates(network, directory):
    """Riga's rates (hand-picked figures for hand computations)."""
    keep = {"country": "LV", "municipality": network.riga, "valid_from": date(2025, 1, 1), "source": "test",
            "created_by": network.local_coordinator}
    UnitCost.objects.create(service_type=directory["medical"].type, payer="municipality", unit="item",
                            amount=Decimal("60.50"), currency="EUR", **keep)
    StaffRate.objects.create(profession="social worker", hourly=Decimal("28.40"), currency="EUR", **keep)
    OverheadRate.objects.create(percent=Decimal("15"), **keep)


def deliver(network, case, service, *, units, unit, unit_cost, payer, start=DAY, end=None):
    return assistance.record_delivered(actor_for_user(network.case_manager), case, service=service, date_from=start,
                                       date_to=end or start, units=Decimal(units), unit=unit,
                                       unit_cost=Decimal(unit_cost), currency="EUR", payer=payer)
