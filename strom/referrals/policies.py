"""Who makes, answers and sees referrals (deny by default; permissions, never role names).

- Make: `referral.make` in the organisation the actor acts for; from a case only as a member of its
  lead organisation with `case.write`.
- Answer (accept, decline, ask, complete, open a case): `referral.answer` in the receiving organisation.
- Withdraw and reply: `referral.make` in the sending organisation.
- See: members of either side with `referral.make` or `referral.answer`. Everyone else: 404.
  The receiver sees only the fields the referral shares (sharing.py), never the case.
"""

from __future__ import annotations

from django.db.models import Q

from strom.accounts.policies import Actor, deny
from strom.cases.policies import WRITE as CASE_WRITE
from strom.cases.policies import is_lead_member

MAKE = "referral.make"
ANSWER = "referral.answer"


def may_work_on_referrals(actor: Actor) -> bool:
    return actor.organisation is not None and (actor.can(MAKE) or actor.can(ANSWER))


def visible_q(actor: Actor) -> Q:
    if not may_work_on_referrals(actor):
        return Q(pk__in=[])
    return Q(sender_organisation=actor.organisation) | Q(receiver_organisation=actor.organisation)


def is_receiver(actor: Actor, referral) -> bool:
    return actor.organisation is not None and actor.organisation.pk == referral.receiver_organisation_id


def is_sender(actor: Actor, referral) -> bool:
    return actor.organisation is not None and actor.organisation.pk == referral.sender_organisation_id


def require_making(actor: Actor, *args, case=None, **kwargs) -> None:
    if actor.organisation is None or not actor.can(MAKE):
        deny(actor, MAKE, case)
    if case is not None and not (is_lead_member(actor, case) and actor.can(CASE_WRITE)):
        deny(actor, CASE_WRITE, case)


def require_answering(actor: Actor, referral, *args, **kwargs) -> None:
    if not (is_receiver(actor, referral) and actor.can(ANSWER)):
        deny(actor, ANSWER, referral)


def require_sending_side(actor: Actor, referral, *args, **kwargs) -> None:
    if not (is_sender(actor, referral) and actor.can(MAKE)):
        deny(actor, MAKE, referral)
