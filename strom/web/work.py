""""My work": each area contributes the items that wait for the actor.

Later capabilities (cases, referrals, hotline follow-ups) register a provider here; the
foundation contributes the set-up tasks that a new member or administrator meets first.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
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


PROVIDERS = [foundation_items]


def work_for(actor) -> list[WorkItem]:
    return [item for provider in PROVIDERS for item in provider(actor)]
