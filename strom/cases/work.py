""""My work" items of the cases app: emergency accesses to the organisation's cases, for the people
who work on them (`case.write` in the lead organisation), until one of them acknowledges each."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

MAX_ITEMS = 10


def break_glass_items(actor) -> list:
    from strom.cases.policies import WRITE
    from strom.cases.queries import open_break_glasses
    from strom.web.work import WorkItem

    if actor.organisation is None or not actor.can(WRITE):
        return []
    items = []
    for grant in open_break_glasses(actor.organisation)[:MAX_ITEMS]:
        items.append(WorkItem(
            _("Emergency access to the case of %(name)s") % {"name": grant.case.person.pseudonym},
            _("Someone at %(organisation)s opened it on %(when)s. Check it and acknowledge it.") % {
                "organisation": grant.organisation.name, "when": date_format(grant.granted_at, "DATETIME_FORMAT")},
            reverse("cases:detail", args=[grant.case_id])))
    return items
