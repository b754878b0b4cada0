"""Cases for the statistics tests, written straight to the tables (bulk, no identity): what the
statistics read is stage, decisions, gender, age group, citizenship, forms and the registration date."""

from __future__ import annotations

import random
from datetime import datetime
from itertools import count

from django.utils import timezone

from strom.cases.models import Case, Person, StageChange

_serial = count(1)


def registered(year: int, month: int = 6) -> datetime:
    return timezone.make_aware(datetime(year, month, 15, 12, 0))


def add_cases(organisation, municipality, *, n=1, year=2025, stage="presumed_victim", gender="Feminine",
              age="adult", citizenships=("LV",), forms=("sexual",), passed=()):
    """`n` cases alike; `passed`: stages the case went through before its current one (StageChange rows)."""
    people = Person.objects.bulk_create([
        Person(pseudonym=f"Stat-Test-{next(_serial)}", gender=gender, citizenships=list(citizenships))
        for _ in range(n)])
    when = registered(year)
    cases = Case.objects.bulk_create([
        Case(person=person, lead_organisation=organisation, municipality=municipality, stage=stage,
             stage_changed=when, created=when, age_group=age, exploitation_forms=list(forms)) for person in people])
    StageChange.objects.bulk_create([StageChange(case=case, to_stage=to, at=when) for case in cases for to in passed])
    return cases


GENDERS = ("Feminine", "Masculine", "NonSpecifiedUnknown", "TransgenderFeminine")
AGES = ("child", "adult", "unknown")
CITIZENSHIPS = ((), ("LV",), ("LT",), ("UA",), ("VN",), ("PL", "UA"), ("GB",))
FORMS = ((), ("sexual",), ("labour",), ("begging",), ("criminal_activities",), ("labour", "sexual"))
STAGES = ("presumed_victim", "identified", "short_term_assistance", "signal", "screening")


def many_small_cells(organisation, municipality, *, cases=160, year=2025, seed=11):
    """A generated data set whose tables have many small cells (the disclosure attack's material)."""
    pick = random.Random(seed).choice
    for _ in range(cases):
        add_cases(organisation, municipality, year=year, stage=pick(STAGES), gender=pick(GENDERS), age=pick(AGES),
                  citizenships=pick(CITIZENSHIPS), forms=pick(FORMS))


def add_referrals(sender, service, *, answered_after_hours=(), unanswered=0, state="accepted", year=2025):
    """Referrals from `sender` to `service`'s organisation: one per answer time given, plus unanswered ones."""
    from datetime import timedelta

    from strom.referrals.models import Referral

    sent = registered(year)
    rows = [Referral(service=service, sender_organisation=sender, receiver_organisation=service.organisation,
                     state=state, reason="bench", sent_at=sent, answered_at=sent + timedelta(hours=hours))
            for hours in answered_after_hours]
    rows += [Referral(service=service, sender_organisation=sender, receiver_organisation=service.organisation,
                      state="sent", reason="bench", sent_at=sent) for _ in range(unanswered)]
    return Referral.objects.bulk_create(rows)


def add_delivered(case, user, *, service=None, provider="", payer="municipality", n=1, year=2025):
    from decimal import Decimal

    from strom.assistance.models import DeliveredService

    day = registered(year).date()
    return DeliveredService.objects.bulk_create([
        DeliveredService(case=case, service=service, provider_name=provider, date_from=day, date_to=day,
                         units=Decimal(1), unit="day", unit_cost=Decimal(10), currency="EUR", payer=payer,
                         recorded_by=user) for _ in range(n)])
