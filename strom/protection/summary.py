"""The protection part of the case summary (registered in apps.py): the running reflection period with
its last day and notices, the current permit, the latest risk assessment, a child's guardian and best
interests, open tasks. Reading it is recorded like the protection page."""

from __future__ import annotations

from strom.protection.queries import overview_of


def summary_context(actor, case, request=None) -> dict:
    return {"data": overview_of(actor, case.pk, request=request)}
