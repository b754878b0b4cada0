"""Scoped reads about the people who use Strom."""

from __future__ import annotations

from django.http import Http404

from strom.accounts.models import Membership, User
from strom.accounts.policies import Actor, deny
from strom.network.models import Organisation


def organisation_for_manager(actor: Actor, organisation_id=None) -> Organisation:
    """The organisation whose users the actor manages: 404 to outsiders, 403 without the right."""
    organisation_id = organisation_id or (actor.organisation.id if actor.organisation else None)
    organisation = next((o for o in actor.organisations if o.id == organisation_id), None)
    if organisation is None:
        raise Http404
    if not actor.can("organisation.manage_users", organisation):
        deny(actor, "organisation.manage_users", organisation)
    return organisation


def members_of(organisation: Organisation):
    """Users with any active role in `organisation`, with their roles there (one query each)."""
    from django.db.models import Prefetch

    active = Membership.objects.filter(organisation=organisation, is_active=True).order_by("role")
    return (
        User.objects.filter(memberships__organisation=organisation, memberships__is_active=True)
        .distinct()
        .prefetch_related(Prefetch("memberships", queryset=active, to_attr="roles_here"))
        .order_by("username")
    )


def member_of(organisation: Organisation, user_id) -> User:
    """A member of an organisation the caller already manages (see organisation_for_manager)."""
    user = members_of(organisation).filter(pk=user_id).first()
    if user is None:
        raise Http404
    return user
