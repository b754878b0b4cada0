"""Who sees and makes public releases (deny by default; permissions, never role names).

- See budgets, spending and releases: members of the organisation that holds the budget, acting for
  it, with ``stats.publish`` or ``stats.national``. Everyone else: 404 for a release, an empty list.
- Set a budget, release a table: ``stats.publish`` (the national coordinator).
"""

from __future__ import annotations

from strom.accounts.policies import Actor, deny

PUBLISH = "stats.publish"
NATIONAL = "stats.national"


def may_read_releases(actor: Actor) -> bool:
    return actor.organisation is not None and (actor.can(PUBLISH) or actor.can(NATIONAL))


def may_publish(actor: Actor) -> bool:
    return actor.organisation is not None and actor.can(PUBLISH)


def require_reading(actor: Actor, *args, **kwargs) -> None:
    if not may_read_releases(actor):
        deny(actor, PUBLISH)


def require_publishing(actor: Actor, *args, **kwargs) -> None:
    if not may_publish(actor):
        deny(actor, PUBLISH)
