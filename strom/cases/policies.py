"""Who sees and changes a case (architecture rule 3: deny by default).

- **The lead organisation**: her members with `case.read` see its cases and the person's identity;
  with `case.write` they open, edit and move them. A member without the right gets a recorded 403.
- **Other organisations with access** (`ACCESS_RULES`): the referral issue adds a rule, "an
  organisation with an accepted referral sees what the referral covers". A rule returns the
  organisations it lets in for a case (`organisations_with_access`) and, for the list, a Q over
  Case (`visibility_q`), so that the page and the single read always agree.
- **Break-glass**: someone with `case.break_glass` outside the lead organisation may, in an
  emergency, open one case for `BREAK_GLASS_HOURS` after writing why. It is audited and shown to the
  lead organisation in "My work" until a case manager there acknowledges it. It reads; it never writes.
- **Everyone else**: 404 (they learn nothing, not even that the case exists).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from strom.accounts.policies import Actor, deny

READ = "case.read"
WRITE = "case.write"
BREAK_GLASS = "case.break_glass"
BREAK_GLASS_HOURS = 4


class Access(enum.IntEnum):
    NONE = 0
    EMERGENCY = 1  # break-glass: read only, for a limited time
    LEAD = 2  # a member of the lead organisation (rights decide what she may do)


@dataclass(frozen=True)
class AccessRule:
    """Another way an organisation comes to see a case (the referral issue adds one)."""

    organisations: Callable[[object], set]  # case → organisation ids let in
    visibility_q: Callable[[object], Q]  # organisation → Q over Case for the list


ACCESS_RULES: list[AccessRule] = []


def organisations_with_access(case) -> set:
    """Every organisation that sees `case` through the rules (the lead organisation first of all)."""
    ids = {case.lead_organisation_id}
    for rule in ACCESS_RULES:
        ids |= set(rule.organisations(case))
    return ids


def visibility_q(organisation) -> Q:
    """The cases an organisation sees, as one condition (break-glass is per person, not here)."""
    condition = Q(lead_organisation=organisation)
    for rule in ACCESS_RULES:
        condition |= rule.visibility_q(organisation)
    return condition


def active_break_glass(actor: Actor, case, *, now=None):
    from strom.cases.models import BreakGlass

    if actor.organisation is None or not getattr(actor.user, "is_authenticated", False):
        return None
    return (BreakGlass.objects.filter(case=case, user=actor.user, organisation=actor.organisation,
                                      expires_at__gt=now or timezone.now()).order_by("-expires_at").first())


def access_to(actor: Actor, case) -> Access:
    """What the actor may see of `case` now (cached on the actor for the request)."""
    cache = actor.__dict__.setdefault("_case_access", {})
    if case.pk not in cache:
        organisation = actor.organisation
        if organisation is not None and organisation.pk in organisations_with_access(case):
            cache[case.pk] = Access.LEAD
        elif active_break_glass(actor, case) is not None:
            cache[case.pk] = Access.EMERGENCY
        else:
            cache[case.pk] = Access.NONE
    return cache[case.pk]


def is_lead_member(actor: Actor, case) -> bool:
    return actor.organisation is not None and actor.organisation.pk == case.lead_organisation_id


# --- Write policies (run before the service's transaction; a refusal is recorded, then 403) --------


def require_case_opening(actor: Actor, *args, **kwargs) -> None:
    if actor.organisation is None or not actor.can(WRITE):
        deny(actor, WRITE)


def require_case_writing(actor: Actor, case, *args, **kwargs) -> None:
    """Only the lead organisation's members with `case.write` change a case or its person."""
    case = getattr(case, "case", case)
    if not (is_lead_member(actor, case) and actor.can(WRITE)):
        deny(actor, WRITE, case)


def require_break_glass(actor: Actor, case, *args, **kwargs) -> None:
    if actor.organisation is None or not actor.can(BREAK_GLASS) or is_lead_member(actor, case):
        deny(actor, BREAK_GLASS, case)


def require_acknowledgement(actor: Actor, break_glass, *args, **kwargs) -> None:
    if not (is_lead_member(actor, break_glass.case) and actor.can(WRITE)):
        deny(actor, WRITE, break_glass.case)


def require_lead_transfer(actor: Actor, case, *, to_organisation, referral=None, **kwargs) -> None:
    """The lead moves when the lead organisation gives it, or when the receiver accepts a referral of
    this case that asks for it (the sender's request, made with `case.write`, is the lead's consent)."""
    if is_lead_member(actor, case) and actor.can(WRITE):
        return
    asked = (referral is not None and referral.case_id == case.pk and referral.transfer_lead
             and referral.receiver_organisation_id == to_organisation.pk
             and referral.sender_organisation_id == case.lead_organisation_id)
    if not (asked and actor.organisation is not None and actor.organisation.pk == to_organisation.pk
            and actor.can(WRITE)):
        deny(actor, WRITE, case)


def break_glass_expiry(now):
    return now + timedelta(hours=BREAK_GLASS_HOURS)
