"""The roles a membership can carry, and what each may do.

Rights are data in one table so that policies read them instead of repeating role names.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FRONTLINE_WORKER = "frontline_worker", _("Frontline worker")
    CASE_MANAGER = "case_manager", _("Case manager")
    HOTLINE_OPERATOR = "hotline_operator", _("Hotline operator")
    HOTLINE_COORDINATOR = "hotline_coordinator", _("Hotline coordinator")
    LOCAL_COORDINATOR = "local_coordinator", _("Local coordinator")
    NATIONAL_COORDINATOR = "national_coordinator", _("National coordinator")
    AUDITOR = "auditor", _("Auditor")
    ORG_ADMIN = "org_admin", _("Organisation administrator")


@dataclass(frozen=True)
class RoleRights:
    personal_data: bool  # may ever see identifying data of a person → a second factor is mandatory
    permissions: frozenset[str]


# Permission names are "<area>.<verb>"; policies ask for them, never for role names.
RIGHTS: dict[str, RoleRights] = {
    Role.FRONTLINE_WORKER: RoleRights(True, frozenset({"screening.run", "screening.read", "referral.make",
                                                        "network.read"})),
    Role.CASE_MANAGER: RoleRights(
        True, frozenset({"case.read", "case.write", "case.break_glass", "screening.run", "screening.read",
                         "referral.make", "referral.answer", "network.read", "stats.organisation",
                         "interchange.export"})
    ),
    # Operators record and read their own hotline's contacts; coordinators also see the shift by
    # operator, the figures, and correct any contact of their hotline.
    Role.HOTLINE_OPERATOR: RoleRights(True, frozenset({"hotline.record", "screening.run", "screening.read",
                                                        "referral.make", "network.read"})),
    Role.HOTLINE_COORDINATOR: RoleRights(
        True, frozenset({"hotline.record", "hotline.coordinate", "screening.run", "screening.read",
                         "referral.make", "network.read", "stats.organisation", "prevention.manage"})
    ),
    Role.LOCAL_COORDINATOR: RoleRights(
        True, frozenset({"network.read", "network.manage", "network.manage_partnership", "stats.local",
                         "municipal.assess", "prevention.manage", "practices.manage", "costs.manage"})
    ),
    # National coordinators work with aggregate figures and country rules, not with people.
    Role.NATIONAL_COORDINATOR: RoleRights(
        False, frozenset({"network.read", "stats.national", "stats.publish", "country_rules.manage",
                          "municipal.compare", "prevention.manage", "practices.manage"})
    ),
    # The audit trail names colleagues and records, so reading it needs a second factor too.
    Role.AUDITOR: RoleRights(True, frozenset({"audit.read"})),
    # Administrators keep their own organisation's users and its services in the directory.
    Role.ORG_ADMIN: RoleRights(True, frozenset({"organisation.manage_users", "network.read",
                                                "network.manage_services", "stats.organisation",
                                                "interchange.import"})),
}

# Roles that only a national coordinator's office can give: reading every organisation's audit
# trail and speaking for the country are not for a shelter or a police unit.
ROLE_REQUIRES_ORGANISATION_TYPE = {
    Role.AUDITOR: "national_coordinator",
    Role.NATIONAL_COORDINATOR: "national_coordinator",
}


def role_permissions(role: str) -> frozenset[str]:
    return RIGHTS[role].permissions


def role_sees_personal_data(role: str) -> bool:
    return RIGHTS[role].personal_data
