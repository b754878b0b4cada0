"""Who works with hotline contacts (deny by default; permissions, never role names).

- Record and read: `hotline.record` in the hotline organisation the actor acts for. Its contacts are
  visible to no other organisation (404 to outsiders).
- Edit: the operator who recorded the contact; with `hotline.coordinate` any contact of the hotline.
- Shift by operator and figures: `hotline.coordinate`.
"""

from __future__ import annotations

from django.db.models import Q

from strom.accounts.policies import Actor, deny

RECORD = "hotline.record"
COORDINATE = "hotline.coordinate"


def visible_q(actor: Actor) -> Q:
    """The contacts the actor's organisation holds; nothing for actors outside any organisation."""
    if actor.organisation is None:
        return Q(pk__in=[])
    return Q(organisation=actor.organisation)


def require_recording(actor: Actor, *args, **kwargs) -> None:
    if actor.organisation is None or not actor.can(RECORD):
        deny(actor, RECORD)


def may_edit(actor: Actor, contact) -> bool:
    if actor.organisation is None or actor.organisation.pk != contact.organisation_id:
        return False
    if actor.can(COORDINATE):
        return True
    return actor.can(RECORD) and contact.operator_id == actor.user.pk


def require_editing(actor: Actor, contact, *args, **kwargs) -> None:
    if not may_edit(actor, contact):
        deny(actor, COORDINATE, contact)


def require_following_up(actor: Actor, contact_or_follow_up, *args, **kwargs) -> None:
    """Follow-ups belong to the whole hotline: any of its operators adds them or marks them done."""
    organisation_id = contact_or_follow_up.organisation_id
    if actor.organisation is None or actor.organisation.pk != organisation_id or not actor.can(RECORD):
        deny(actor, RECORD, contact_or_follow_up)


def require_coordinating(actor: Actor, *args, **kwargs) -> None:
    if actor.organisation is None or not actor.can(COORDINATE):
        deny(actor, COORDINATE)
