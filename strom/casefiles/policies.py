"""Who reads and who writes the notes and documents of a case.

Reading starts from the case: whoever may not read the case gets 404 before any of this
(`cases.queries.get_case_for`). Within the case, the sensitivity decides, in ONE place,
`readable_q(actor, case)`, which every list, single read, timeline, summary and API uses:

- "case": everyone who reads the case (its lead organisation, organisations let in by a rule such as
  an accepted referral, break-glass);
- "team": members of the lead organisation who are on the case's team (acting for it now);
- "author": the author alone — for her safety nobody else, not even her organisation's managers.

The author always reads her own note or document while she may read the case.
Writing (a new note or document) needs `case.write` in the lead organisation; editing and
withdrawing a note, and withdrawing a document, are the author's alone (and still need `case.write`,
so that someone who left the organisation cannot change the record).
"""

from __future__ import annotations

from django.db.models import Q

from strom.accounts.policies import Actor, deny
from strom.casefiles.models import Sensitivity
from strom.cases.policies import WRITE, Access, access_to, is_lead_member, require_case_writing


def on_case_team(actor: Actor, case) -> bool:
    user_id = getattr(actor.user, "pk", None)
    return (user_id is not None and is_lead_member(actor, case)
            and case.team.filter(pk=user_id).exists())


def readable_q(actor: Actor, case) -> Q:
    """The notes or documents of `case` the actor may read, as a condition over Note or Document."""
    if access_to(actor, case) == Access.NONE:
        return Q(pk__in=[])
    condition = Q(sensitivity=Sensitivity.CASE)
    if getattr(actor.user, "pk", None) is not None:
        condition |= Q(author=actor.user.pk)
    if on_case_team(actor, case):
        condition |= Q(sensitivity=Sensitivity.TEAM)
    return condition


def require_adding(actor: Actor, case, *args, **kwargs) -> None:
    require_case_writing(actor, case)


def is_author(actor: Actor, item) -> bool:
    return item.author_id == getattr(actor.user, "pk", None)


def can_change(actor: Actor, item) -> bool:
    """The author, while she still writes in the case's lead organisation; never once withdrawn."""
    return (not item.is_withdrawn and is_author(actor, item) and is_lead_member(actor, item.case)
            and actor.can(WRITE))


def require_author(actor: Actor, item, *args, **kwargs) -> None:
    if not can_change(actor, item):
        deny(actor, WRITE, item)
