"""Who reads and who keeps the practices library.

- Read: everyone signed in. The library holds descriptions of public work and organisations' public
  contact points, nothing about people. It is not public (yet): texts marked "needs review" are
  unchecked translations, and a public page should show only reviewed ones (a later step).
- Keep (add, edit, translate): `practices.manage` (local and national coordinators). The library is
  shared by the region, not owned by one organisation: any keeper may improve any practice, and every
  change is in the audit trail. Without the right: a recorded 403.
"""

from __future__ import annotations

from strom.accounts.policies import Actor, deny

MANAGE = "practices.manage"


def can_manage(actor: Actor) -> bool:
    return actor.can(MANAGE)


def require_managing(actor: Actor, *args, **kwargs) -> None:
    if not can_manage(actor):
        deny(actor, MANAGE, kwargs.get("practice") or (args[0] if args else None))
