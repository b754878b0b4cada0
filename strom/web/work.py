""""My work": each area contributes the items that wait for the actor.

Later capabilities (cases, referrals, hotline follow-ups) register a provider here; the
foundation contributes the set-up tasks that a new member or administrator meets first.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class WorkItem:
    title: str
    description: str
    url: str


def foundation_items(actor) -> list[WorkItem]:
    items = []
    if actor.organisation is None:
        items.append(
            WorkItem(
                _("You are not a member of any organisation yet"),
                _("Ask your organisation's administrator to add you with the roles you need."),
                reverse("profile"),
            )
        )
    if actor.can("organisation.manage_users"):
        items.append(
            WorkItem(
                _("Keep your organisation's users up to date"),
                _("Invite new colleagues and deactivate those who have left."),
                reverse("organisation_users"),
            )
        )
    if actor.can("audit.read"):
        items.append(WorkItem(_("Review the audit trail"), _("Who looked at which record, and when."),
                              reverse("audit:trail")))
    return items


MAX_VERIFICATION_ITEMS = 5


def network_items(actor) -> list[WorkItem]:
    """Services of her organisation that nobody has confirmed as correct for twelve months (or ever)."""
    from strom.network.policies import MANAGE_SERVICES
    from strom.network.queries import services_due_for_verification

    if actor.organisation is None or not actor.can(MANAGE_SERVICES):
        return []
    due = list(services_due_for_verification(actor.organisation)[:MAX_VERIFICATION_ITEMS + 1])
    items = []
    for service in due[:MAX_VERIFICATION_ITEMS]:
        if service.last_verified:
            description = _("Last confirmed on %(date)s. Check it and confirm, so that partners can rely on it.") % {
                "date": date_format(service.last_verified)}
        else:
            description = _("Never confirmed. Check it and confirm, so that partners can rely on it.")
        items.append(WorkItem(_("Is “%(service)s” still correct?") % {"service": service.name}, description,
                              reverse("network:service_edit", args=[service.pk])))
    if len(due) > MAX_VERIFICATION_ITEMS:
        items.append(WorkItem(_("More services to confirm"), _("See all your services and when they were confirmed."),
                              reverse("network:our_services")))
    return items


MAX_ACTION_POINT_ITEMS = 20


def partnership_items(actor) -> list[WorkItem]:
    """Her open action points in the partnerships she works in: overdue first, each with its due date."""
    from django.utils import timezone

    from strom.network.partnership_queries import open_action_points_of

    today = timezone.localdate()
    items = []
    for point in open_action_points_of(actor, today=today)[:MAX_ACTION_POINT_ITEMS]:
        due = date_format(point.due)
        if point.due < today:
            description = _("Overdue: it was due on %(date)s · %(partnership)s") % {
                "date": due, "partnership": point.partnership.name}
        else:
            description = _("Due on %(date)s · %(partnership)s") % {"date": due, "partnership": point.partnership.name}
        items.append(WorkItem(_("Action point: %(text)s") % {"text": Truncator(point.text).chars(80)}, description,
                              reverse("partnerships:action_point", args=[point.pk])))
    return items


def _screening_items(actor) -> list[WorkItem]:
    from strom.screening.work import screening_items

    return screening_items(actor)


def case_items(actor) -> list[WorkItem]:
    from strom.cases.work import break_glass_items

    return break_glass_items(actor)


def _referral_items(actor) -> list[WorkItem]:
    from strom.referrals.work import referral_items

    return referral_items(actor)


def _protection_items(actor) -> list[WorkItem]:
    from strom.protection.work import protection_items

    return protection_items(actor)


def _hotline_items(actor) -> list[WorkItem]:
    from strom.hotline.work import hotline_items

    return hotline_items(actor)


PROVIDERS = [foundation_items, case_items, network_items, partnership_items, _screening_items, _protection_items,
             _referral_items, _hotline_items]


def work_for(actor) -> list[WorkItem]:
    return [item for provider in PROVIDERS for item in provider(actor)]
