"""Scoped reads of protection: the case rules decide (strom.cases.queries: 404 to outsiders, a recorded
403 to members without `case.read`; break-glass reads). Reading the overview records which encrypted
fields were shown (names only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.cases.queries import get_case_for
from strom.lib import deadlines as core
from strom.protection import terms
from strom.protection.models import Deadline
from strom.protection.services import current_permit, is_child

DEADLINE_WINDOWS = (7, 14, 30)  # the case list's "deadline within N days"


@dataclass
class PeriodView:
    period: object
    terms: core.ReflectionPeriod
    working_days_left: int
    notices: list[str]
    extension_rows: list = field(default_factory=list)  # (PeriodExtension, its AppliedExtension)


@dataclass
class PermitView:
    permit: object
    terms: core.PermitTerm
    notices: list[str]


@dataclass
class Overview:
    case: object
    today: date
    period: PeriodView | None
    past_periods: list
    permit: PermitView | None
    risks: list
    guardians: list
    best_interests: list
    tasks: list
    child: bool | None
    calendar_notices: list[str] = field(default_factory=list)

    @property
    def risk(self):
        return self.risks[0] if self.risks else None


def period_view(period, today: date) -> PeriodView:
    computed = terms.period_terms(period)
    calendar = terms.calendar_of(period.case)
    # Both are in the order granted (the model's ordering; the core sorts stably by the same date).
    rows = list(zip(period.extensions.all(), computed.extensions, strict=True))
    return PeriodView(period, computed, calendar.working_days_between(today, computed.end),
                      [notice.text() for notice in computed.notices], rows)


def permit_view(permit) -> PermitView:
    computed = terms.permit_terms(permit)
    return PermitView(permit, computed, [notice.text() for notice in computed.notices])


def overview_of(actor: Actor, case_id, *, request=None, today: date | None = None) -> Overview:
    """Everything the protection page shows; 404/403 as the case page."""
    case = get_case_for(actor, case_id)
    today = today or timezone.localdate()
    periods = list(case.reflection_periods.prefetch_related("extensions"))
    current = next((item for item in periods if item.ended_on is None), None)
    permit = current_permit(case)
    overview = Overview(
        case=case, today=today, period=period_view(current, today) if current else None,
        past_periods=[item for item in periods if item is not current],
        permit=permit_view(permit) if permit else None,
        risks=list(case.risk_assessments.select_related("assessed_by")),
        guardians=list(case.guardians.all()), best_interests=list(case.best_interests.all()),
        tasks=list(case.tasks.select_related("assignee")), child=is_child(case),
        calendar_notices=[notice.text() for notice in terms.calendar_of(case).notices])
    _record_view(actor, overview, request)
    return overview


def _record_view(actor: Actor, overview: Overview, request) -> None:
    shown = {"risks": bool(overview.risks), "measures": bool(overview.risks), "guardian": bool(overview.guardians),
             "conclusion": bool(overview.best_interests), "title": bool(overview.tasks),
             "why": bool(overview.period and overview.period.period.extensions.all())}
    record("protection.viewed", actor=actor.user, organisation=actor.organisation, target=overview.case,
           fields=[name for name, seen in shown.items() if seen], request=request)


def deadline_within(days: int, today: date | None = None):
    """A condition on Case: some tracked deadline falls on or before `days` from today (overdue ones too,
    they are the most urgent). A semi-join on the (case, due_on) index: one probe per listed case."""
    until = (today or timezone.localdate()) + timedelta(days=days)
    return Exists(Deadline.objects.filter(case=OuterRef("pk"), due_on__lte=until))
