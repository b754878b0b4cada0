"""Who may do what: the one place that turns memberships into rights.

A person acts for one organisation at a time (chosen with the organisation switcher), with the
union of the roles she holds there. Every check goes through `Actor.can`; a refusal goes through
`deny`, which records the denial in the audit trail before raising 403.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from strom.accounts.roles import Role, role_permissions, role_sees_personal_data


@dataclass
class Actor:
    """The signed-in user seen through her memberships; built once per request."""

    user: object
    memberships: list = field(default_factory=list)

    @cached_property
    def organisations(self) -> list:
        seen: dict = {}
        for membership in self.memberships:
            seen.setdefault(membership.organisation_id, membership.organisation)
        return list(seen.values())

    @cached_property
    def organisation(self):
        """The organisation she acts for now: her chosen one if still a member, else the first."""
        chosen = getattr(self.user, "current_organisation_id", None)
        for organisation in self.organisations:
            if organisation.id == chosen:
                return organisation
        return self.organisations[0] if self.organisations else None

    def roles_in(self, organisation) -> set[str]:
        if organisation is None:
            return set()
        return {m.role for m in self.memberships if m.organisation_id == organisation.id}

    @cached_property
    def roles(self) -> set[str]:
        return self.roles_in(self.organisation)

    @cached_property
    def permissions(self) -> frozenset[str]:
        granted: set[str] = set()
        for role in self.roles:
            granted |= role_permissions(role)
        return frozenset(granted)

    def can(self, permission: str, organisation=None) -> bool:
        """May she do `permission`, acting for `organisation` (default: her current one)?"""
        if organisation is not None and (self.organisation is None or organisation.id != self.organisation.id):
            return False
        return permission in self.permissions

    def is_member_of(self, organisation) -> bool:
        return any(m.organisation_id == organisation.id for m in self.memberships)

    @property
    def is_system_admin(self) -> bool:
        return bool(getattr(self.user, "is_superuser", False))


def load_memberships(user) -> list:
    from strom.accounts.models import Membership

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return list(
        Membership.objects.filter(user=user, is_active=True, organisation__is_active=True)
        .select_related("organisation", "organisation__municipality")
        .order_by("organisation__name", "role")
    )


def actor_for(request: HttpRequest) -> Actor:
    """The request's actor, cached on the request."""
    actor = getattr(request, "_strom_actor", None)
    if actor is None or actor.user is not request.user:
        actor = Actor(user=request.user, memberships=load_memberships(request.user))
        actor.request = request
        request._strom_actor = actor
    return actor


def actor_for_user(user) -> Actor:
    """An actor outside a request (commands, tasks, tests)."""
    return Actor(user=user, memberships=load_memberships(user))


def deny(actor: Actor, permission: str, target=None) -> None:
    """Record the refusal, then raise 403."""
    from strom.audit.services import record

    record(
        "permission.denied",
        actor=actor.user if getattr(actor.user, "is_authenticated", False) else None,
        organisation=actor.organisation,
        target=target,
        outcome="denied",
        detail={"permission": permission},
        request=getattr(actor, "request", None),
    )
    raise PermissionDenied(permission)


def require(actor: Actor, permission: str, organisation=None, target=None) -> None:
    if not actor.can(permission, organisation):
        deny(actor, permission, target)


# --- Second factor -----------------------------------------------------------------------------
def session_passed_second_factor(request) -> bool:
    """Has this session typed a second factor (at sign-in or when enrolling one)?"""
    from allauth.account.authentication import get_authentication_records

    return any(r.get("method") == "mfa" for r in get_authentication_records(request, request.user))


def requires_second_factor(user) -> bool:
    """Anyone who can ever see personal data must sign in with a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    from strom.accounts.models import Membership

    roles = Membership.objects.filter(user=user, is_active=True).order_by().values_list("role", flat=True).distinct()
    return any(role_sees_personal_data(role) for role in roles)


# --- Organisation administration ---------------------------------------------------------------
def can_manage_users_of(actor: Actor, organisation) -> bool:
    """Her own organisation's administrator, or a system administrator (who sets up organisations)."""
    return actor.can("organisation.manage_users", organisation) or actor.is_system_admin


def can_manage_organisations(actor: Actor) -> bool:
    return actor.is_system_admin


def assignable_roles(organisation) -> list[tuple[str, str]]:
    from strom.accounts.roles import ROLE_REQUIRES_ORGANISATION_TYPE

    return [
        (value, label)
        for value, label in Role.choices
        if ROLE_REQUIRES_ORGANISATION_TYPE.get(value, organisation.type) == organisation.type
    ]
