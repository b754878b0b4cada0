""""My work" items of protection: a reflection period ending within 7 working days, a residence permit
expiring within 30, a plan or risk review due, a task due or overdue, for the members with
`case.write` in the lead organisation. Found through the Deadline index (one query for the candidates),
timed by strom.lib.deadlines' alert functions on the working days of each case's country. Items name
the case by its pseudonym only."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from strom.cases.stages import Stage
from strom.lib import deadlines as core
from strom.protection import terms
from strom.protection.models import Deadline, DeadlineKind, ReflectionPeriod, ResidencePermit

MAX_ITEMS = 15
# Wider than any alert's lead (30 working days plus holidays), so no due case is missed; alerts decide.
HORIZON = timedelta(days=62)
MAX_CANDIDATES = 200


def _alert(row: Deadline, today: date, calendar) -> core.Alert | None:
    subject = row.case_id
    if row.kind == DeadlineKind.REFLECTION_END:
        period = ReflectionPeriod.objects.filter(pk=row.source_id).first()
        return period and core.reflection_alert(terms.period_terms(period), today, calendar, subject=subject)
    if row.kind == DeadlineKind.PERMIT_EXPIRY:
        permit = ResidencePermit.objects.filter(pk=row.source_id).first()
        return permit and core.permit_alert(terms.permit_terms(permit), today, calendar, subject=subject)
    if row.kind == DeadlineKind.TASK_DUE:
        return core.task_alert(row.due_on, today, calendar, subject=subject)
    return core.review_alert(row.due_on, today, calendar, subject=subject)


def _text(kind: str, alert: core.Alert) -> str:
    if kind == DeadlineKind.RISK_REVIEW:  # describe() speaks of the assistance plan for reviews
        if alert.overdue:
            return _("The risk assessment's review is overdue.")
        return _("The risk assessment is due for review.")
    return core.describe(alert)


def alerts_for(organisation, today: date) -> list[tuple[Deadline, core.Alert]]:
    """The organisation's due deadlines as alerts, most urgent first."""
    # A closed case's deadlines stay in the index (its history), but nobody has to act on them any more.
    rows = (Deadline.objects.filter(case__lead_organisation=organisation, due_on__lte=today + HORIZON)
            .exclude(case__stage=Stage.CLOSED)
            .select_related("case__person", "case__municipality").order_by("due_on", "id")[:MAX_CANDIDATES])
    calendars, found = {}, []
    for row in rows:
        country = terms.country_of(row.case)
        if country not in calendars:
            calendars[country] = terms.calendar_of(row.case)
        alert = _alert(row, today, calendars[country])
        if alert is not None:
            found.append((row, alert))
    return sorted(found, key=lambda pair: pair[1].sort_key())


def protection_items(actor, today: date | None = None) -> list:
    from strom.cases.policies import WRITE
    from strom.web.work import WorkItem

    if actor.organisation is None or not actor.can(WRITE):
        return []
    today = today or timezone.localdate()
    items = []
    for row, alert in alerts_for(actor.organisation, today)[:MAX_ITEMS]:
        items.append(WorkItem(
            _("%(name)s: %(alert)s") % {"name": row.case.person.pseudonym, "alert": _text(row.kind, alert)},
            " ".join([_("%(what)s on %(date)s.") % {"what": DeadlineKind(row.kind).label,
                                                     "date": date_format(alert.due)},
                      *(notice.text() for notice in alert.notices)]),
            reverse("protection:overview", args=[row.case_id])))
    return items
