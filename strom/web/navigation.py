"""The main navigation, built from what the actor may do (never from role names)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | tuple[str, ...] | None = None  # None: everyone signed in; a tuple: any one of them
    system_admin: bool = False


NAVIGATION = [
    NavItem(_("My work"), "home"),
    NavItem(_("Cases"), "cases:list", "case.read"),
    NavItem(_("Screenings"), "screening:index", "screening.read"),
    NavItem(_("Referrals"), "referrals:inbox", "referral.make"),
    NavItem(_("Hotline"), "hotline:log", "hotline.record"),
    NavItem(_("Statistics"), "stats:index", ("stats.organisation", "stats.local", "stats.national")),
    NavItem(_("Find help"), "network:finder", "network.read"),
    NavItem(_("Directory"), "network:directory", "network.read"),
    NavItem(_("Partnerships"), "partnerships:index", "network.read"),
    NavItem(_("Prevention"), "prevention:list", "network.read"),
    NavItem(_("Practices"), "practices:list"),
    NavItem(_("Our services"), "network:our_services", "network.manage_services"),
    NavItem(_("Municipal toolkit"), "municipal:index", "municipal.assess"),
    NavItem(_("Municipalities compared"), "municipal:national", "municipal.compare"),
    NavItem(_("Users of my organisation"), "organisation_users", "organisation.manage_users"),
    NavItem(_("Audit trail"), "audit:trail", "audit.read"),
    NavItem(_("Public releases"), "stats:releases", "stats.publish"),
    NavItem(_("Cost of assistance"), "costs:report", ("stats.local", "stats.national")),
    NavItem(_("Data exchange"), "interchange:index", ("interchange.export", "interchange.import")),
    NavItem(_("Organisations"), "network:organisations", system_admin=True),
    NavItem(_("Profile"), "profile"),
    NavItem(_("Security"), "security"),
]


def _may(actor, permission: str | tuple[str, ...]) -> bool:
    alternatives = (permission,) if isinstance(permission, str) else permission
    return any(actor.can(name) for name in alternatives)


def navigation_for(actor, path: str) -> list[dict]:
    items = []
    for item in NAVIGATION:
        if item.permission and not _may(actor, item.permission):
            continue
        if item.system_admin and not actor.is_system_admin:
            continue
        url = reverse(item.url_name)
        items.append({"label": item.label, "url": url, "current": path == url})
    return items
