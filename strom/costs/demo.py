"""Demo rates for Riga and the Latvian basket (`manage.py load_demo`), so that the demo case
Amber-Heron-1001 shows its cost, a forecast of its plan and the municipality's figures.

Every figure here is a **demo value, not official** (said in each row's source). The basket's 180 days come
from the shared domain note (§9) and are flagged "needs verification". Written through the ordinary
services, acting as the demo local coordinator (rates) and the demo case manager (staff time).
Idempotent: Riga with a unit cost already is left as it is.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from strom.accounts.models import User
from strom.accounts.policies import actor_for_user
from strom.cases.models import Case
from strom.costs import services
from strom.costs.models import UnitCost
from strom.network.models import Municipality, ServiceType

SOURCE = "Demo values, not official"
# service type code, payer, unit, EUR per unit
UNIT_COSTS = [
    ("safe_accommodation", "state", "night", "35.00"),
    ("psychological", "ngo", "session", "45.00"),
    ("psychological", "state", "session", "40.00"),
    ("medical_care", "state", "session", "55.00"),
    ("legal_counselling", "state", "hour", "38.00"),
]
STAFF_RATES = [("social worker", "18.50"), ("case manager", "21.00"), ("psychologist", "24.00")]
OVERHEAD_PERCENT = "12"
BASKET_SOURCE = ("Social rehabilitation for victims of trafficking in Latvia: 180 days (shared domain note §9); "
                 "check against the Cabinet of Ministers regulation before use")


def load_demo_costs() -> int:
    """Riga's demo rates, the LV basket and some staff time on Amber-Heron-1001; returns 1 when it did."""
    riga = Municipality.objects.filter(country="LV", name="Rīga").first()
    if riga is None or UnitCost.objects.filter(municipality=riga).exists():
        return 0
    coordinator = actor_for_user(User.objects.get(username="local.coordinator"))
    since = date(timezone.localdate().year - 1, 1, 1)
    for code, payer, unit, amount in UNIT_COSTS:
        service_type = ServiceType.objects.filter(code=code).first()
        if service_type is not None:
            services.add_unit_cost(coordinator, service_type=service_type, payer=payer, unit=unit,
                                   amount=Decimal(amount), currency="EUR", valid_from=since, source=SOURCE)
    for profession, hourly in STAFF_RATES:
        services.add_staff_rate(coordinator, profession=profession, hourly=Decimal(hourly), currency="EUR",
                                valid_from=since, source=SOURCE)
    services.add_overhead(coordinator, percent=Decimal(OVERHEAD_PERCENT), valid_from=since, source=SOURCE)
    services.save_basket(None, country="LV", days=180, source=BASKET_SOURCE, needs_verification=True)
    case = Case.objects.filter(person__pseudonym="Amber-Heron-1001").first()
    if case is not None:
        manager = actor_for_user(User.objects.get(username="case.manager"))
        today = timezone.localdate()
        for days_ago, hours in ((20, "2.00"), (13, "1.50"), (6, "1.00")):
            services.record_staff_time(manager, case, on=today - timedelta(days=days_ago), hours=Decimal(hours),
                                       profession="case manager", payer="ngo")
    return 1
