"""Who sees and keeps a municipality's partnership (its multidisciplinary group).

Access comes in four steps, decided from the organisation the actor works for now (one at a time,
as everywhere in Strom):

- **keeper**: a local coordinator (`network.manage_partnership`) of an organisation *based in* the
  municipality (`Organisation.municipality`). She sets the partnership up and keeps it: its name,
  members, agreements, meetings (agenda and minutes), decisions and action points.
- **member**: anyone working for an organisation that is a member of the group today (its period
  has begun and not ended). Members read everything: what each member brings, the agreements and
  their documents, meetings with agenda, minutes and decisions, and the action points. The owner of
  an action point may change its status (and nothing else of it).
- **summary**: anyone else with `network.read` sees that the partnership exists, its name and which
  organisations take part in which role, and the picture of the network; the same facts the
  directory already shows about organisations. Not what members bring, not agreements, meetings,
  minutes, decisions or action points: those are the group's internal work.
- **none**: everyone else.

Refusals follow the house rule: what the actor cannot see at all is a 404 (queries in
partnership_queries.py); what she can see but may not change is a 403, recorded by `deny`. So a local
coordinator of another municipality gets a 403 on the edit pages of a partnership's summary-level parts
(name, members) and a 404 on its meetings, agreements and action points.
"""

from __future__ import annotations

import enum

from strom.accounts.policies import Actor, deny

MANAGE_PARTNERSHIP = "network.manage_partnership"
READ = "network.read"


class Access(enum.IntEnum):
    NONE = 0
    SUMMARY = 1
    MEMBER = 2
    KEEPER = 3


def is_keeper_of(actor: Actor, municipality) -> bool:
    organisation = actor.organisation
    return (organisation is not None and organisation.municipality_id is not None
            and organisation.municipality_id == getattr(municipality, "pk", municipality)
            and actor.can(MANAGE_PARTNERSHIP))


def works_for_member(actor: Actor, partnership, *, today=None) -> bool:
    """Does she work now for an organisation that takes part in the group today?"""
    if actor.organisation is None:
        return False
    from strom.network.partnership_queries import active_members

    return active_members(partnership, today=today).filter(organisation=actor.organisation).exists()


def access_to(actor: Actor, partnership, *, today=None) -> Access:
    """What the actor may see of `partnership` (cached on the actor for the request)."""
    cache = actor.__dict__.setdefault("_partnership_access", {})
    key = (partnership.pk, today)
    if key not in cache:
        if is_keeper_of(actor, partnership.municipality_id):
            cache[key] = Access.KEEPER
        elif works_for_member(actor, partnership, today=today):
            cache[key] = Access.MEMBER
        elif actor.can(READ):
            cache[key] = Access.SUMMARY
        else:
            cache[key] = Access.NONE
    return cache[key]


def partnership_of(target):
    """The partnership of a partnership, member, agreement, meeting, decision or action point."""
    if hasattr(target, "meeting") and not hasattr(target, "partnership_id"):  # a decision
        target = target.meeting
    return getattr(target, "partnership", target)


# --- Write policies (run before the service's transaction; a refusal is recorded, then 403) -------


def require_keeper_of_municipality(actor: Actor, municipality, *args, **kwargs) -> None:
    if not is_keeper_of(actor, municipality):
        deny(actor, MANAGE_PARTNERSHIP, municipality)


def require_keeper(actor: Actor, target, *args, **kwargs) -> None:
    """`target`: the partnership or one of its parts."""
    partnership = partnership_of(target)
    if not is_keeper_of(actor, partnership.municipality_id):
        deny(actor, MANAGE_PARTNERSHIP, target)


def can_update_status(actor: Actor, action_point) -> bool:
    """The keeper, or the action point's owner while she works for a member organisation."""
    access = access_to(actor, action_point.partnership)
    if access == Access.KEEPER:
        return True
    return (access == Access.MEMBER and action_point.owner_id is not None
            and action_point.owner_id == getattr(actor.user, "pk", None))


def require_status_update(actor: Actor, action_point, *args, **kwargs) -> None:
    if not can_update_status(actor, action_point):
        deny(actor, MANAGE_PARTNERSHIP, action_point)
