"""Demo assistance for the demo case Amber-Heron-1001 (`manage.py load_demo`): needs, an approved plan
with two services from the Riga demo directory, two services delivered with their cost in EUR and one
criminal proceeding. Written through the ordinary services, acting as the case's demo case manager.
Idempotent: a case that has a needs assessment already is left as it is.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from strom.accounts.models import User
from strom.accounts.policies import actor_for_user
from strom.assistance import services
from strom.assistance.models import NeedsAssessment
from strom.cases.models import Case
from strom.network.models import Service, ServiceType

PSEUDONYM = "Amber-Heron-1001"
NEEDS = ["safe_accommodation", "psychological", "medical_care", "legal_counselling"]
PLANNED = ["Psychological counselling", "Medical care for victims of trafficking"]


def load_demo_assistance() -> int:
    """Fill the demo case's assistance when it has none yet; returns 1 when it did, else 0."""
    case = Case.objects.filter(person__pseudonym=PSEUDONYM).first()
    if case is None or NeedsAssessment.objects.filter(case=case).exists():
        return 0
    actor = actor_for_user(User.objects.get(username="case.manager"))
    today = timezone.localdate()
    start = today - timedelta(days=21)
    services.assess_needs(actor, case, assessed_on=start, urgency="immediate",
                          needs=list(ServiceType.objects.filter(code__in=NEEDS)),
                          note="Demo: arrived without belongings; sleeps badly; wants to talk to a lawyer.")
    services.add_goal(actor, case, text="Demo: a safe place to stay through the reflection period.",
                      target_date=today + timedelta(days=30))
    services.add_goal(actor, case, text="Demo: weekly counselling; a health check in the first month.",
                      target_date=today + timedelta(days=60))
    for name in PLANNED:
        service = Service.objects.get(name=name, organisation__municipality=case.municipality)
        services.plan_service(actor, case, service=service, date_from=start, date_to=today + timedelta(days=60))
    plan = case.assistance_plans.get(status="draft")
    services.approve_plan(actor, case, plan, next_review_on=today + timedelta(days=30))
    shelter = Service.objects.get(name="Safe accommodation for survivors of trafficking")
    services.record_delivered(actor, case, service=shelter, date_from=start, date_to=start + timedelta(days=14),
                              units=Decimal("14"), unit="night", unit_cost=Decimal("35.00"), currency="EUR",
                              payer="state")
    services.record_delivered(actor, case, service=Service.objects.get(name=PLANNED[0]), date_from=start,
                              date_to=today, units=Decimal("3"), unit="session", unit_cost=Decimal("45.00"),
                              currency="EUR", payer="ngo")
    proceeding = services.record_proceeding(actor, case, kind="criminal", stage="investigation", role="victim",
                                            legal_aid=True, legal_aid_by="Riga Legal Aid Office",
                                            protection_measures="Demo: interviews by video link; address withheld.")
    services.add_claim(actor, case, proceeding, amount=Decimal("8000.00"), currency="EUR",
                       against="Demo: the recruiting agency", status="planned")
    return 1
