"""Who may move data in and out (permissions, never role names).

- Export (`interchange.export`, case managers): the cases their organisation sees
  (`cases_visible_to`, which also asks for `case.read`); identity columns only for cases whose
  identity they may see (`may_see_identity`: the lead organisation's readers) — others get the pseudonym.
- Import (`interchange.import`, organisation administrators): into the organisation they act for.
  An import job is seen by the members of its organisation who may import; others get a 404.
"""

from __future__ import annotations

from strom.accounts.policies import Actor, require

EXPORT = "interchange.export"
IMPORT = "interchange.import"


def require_export(actor: Actor, *args, **kwargs) -> None:
    require(actor, EXPORT)


def require_import(actor: Actor, *args, **kwargs) -> None:
    require(actor, IMPORT)


def may_export(actor: Actor) -> bool:
    return actor.organisation is not None and actor.can(EXPORT)


def may_import(actor: Actor) -> bool:
    return actor.organisation is not None and actor.can(IMPORT)
