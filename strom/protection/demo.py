"""Demo protection for the Riga demo case Amber-Heron-1001 (`manage.py load_demo`): a reflection period
whose last day falls within the next 7 days (so that "My work" shows it), a residence permit from the
day after, a risk assessment and two tasks, one overdue. Made through the ordinary services, acting as
the demo case manager; all text is synthetic. Loading again changes nothing once the period exists."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from strom.accounts.models import User
from strom.accounts.policies import actor_for_user
from strom.cases.models import Case
from strom.protection import services, terms
from strom.protection.models import ReflectionPeriod

PSEUDONYM = "Amber-Heron-1001"
AUTHORITY = "State Police (demo)"


def _start_ending_soon(case, today):
    """A first day whose computed last day is five days from today under the case's country rule."""
    probe = ReflectionPeriod(case=case, start=today, rule_country=terms.country_of(case),
                             rule_valid_from=terms.stored_version(terms.country_of(case), today))
    length = (terms.period_terms(probe, extensions=[]).end - today).days
    return today - timedelta(days=length - 5)


def load_demo_protection() -> int:
    """Record the demo protection once; returns 1 when it was recorded, 0 when it was there already."""
    case = Case.objects.filter(person__pseudonym=PSEUDONYM).select_related("person", "municipality").first()
    if case is None or case.reflection_periods.exists():
        return 0
    actor = actor_for_user(User.objects.get(username="case.manager"))
    today = timezone.localdate()
    period = services.start_period(actor, case, start=_start_ending_soon(case, today), authority=AUTHORITY)
    period.refresh_from_db()
    first_permit_day = period.last_day + timedelta(days=1)
    services.record_permit(actor, case, ground="cooperation", valid_from=first_permit_day,
                           valid_until=first_permit_day + timedelta(days=182),
                           authority="Office of Citizenship and Migration Affairs (demo)")
    services.assess_risk(actor, case, assessed_on=today - timedelta(days=10), level="medium",
                         risks="Demo: the exploiters know the town where she lives.",
                         measures="Demo: shelter address kept confidential; check-in call twice a week.",
                         next_review=today + timedelta(days=20))
    services.add_task(actor, case, title="Demo: book an interpreter for the police interview",
                      due_on=today + timedelta(days=3), assignee=actor.user)
    services.add_task(actor, case, title="Demo: ask the migration office about the permit application",
                      due_on=today - timedelta(days=1), assignee=actor.user)
    return 1
