"""The main navigation, built from what the actor may do (never from role names)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None = None  # None: everyone signed in
    system_admin: bool = False


NAVIGATION = [
    NavItem(_("My work"), "home"),
    NavItem(_("Cases"), "cases:list", "case.read"),
    NavItem(_("Screenings"), "screening:index", "screening.read"),
    NavItem(_("Referrals"), "referrals:inbox", "referral.make"),
    NavItem(_("Find help"), "network:finder", "network.read"),
    NavItem(_("Directory"), "network:directory", "network.read"),
    NavItem(_("Partnerships"), "partnerships:index", "network.read"),
    NavItem(_("Our services"), "network:our_services", "network.manage_services"),
    NavItem(_("Users of my organisation"), "organisation_users", "organisation.manage_users"),
    NavItem(_("Audit trail"), "audit:trail", "audit.read"),
    NavItem(_("Data exchange"), "interchange:index", "interchange.export"),
    NavItem(_("Data exchange"), "interchange:index", "interchange.import"),  # no role has both rights today
    NavItem(_("Organisations"), "network:organisations", system_admin=True),
    NavItem(_("Profile"), "profile"),
    NavItem(_("Security"), "security"),
]


def navigation_for(actor, path: str) -> list[dict]:
    items = []
    for item in NAVIGATION:
        if item.permission and not actor.can(item.permission):
            continue
        if item.system_admin and not actor.is_system_admin:
            continue
        url = reverse(item.url_name)
        items.append({"label": item.label, "url": url, "current": path == url})
    return items
