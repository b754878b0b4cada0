"""The Deadline index: one row per source object that holds a case to a date, so that the case list's
filter and "My work" find due cases with one indexed join instead of computing each case's dates.

Every service that changes a period, permit, task or assessment calls `track` (or `untrack` once the
source no longer holds the case to anything); other apps do the same (assistance: plan reviews).
"""

from __future__ import annotations

from datetime import date

from django.db import models

from strom.protection.models import Deadline, DeadlineKind

__all__ = ["DeadlineKind", "track", "untrack"]


def _key(source: models.Model) -> dict:
    return {"source_type": source._meta.label_lower, "source_id": str(source.pk)}


def track(case, kind: str, due_on: date | None, source: models.Model) -> None:
    """Upsert the deadline of `source` on `case`; `due_on` None untracks it."""
    if due_on is None:
        untrack(source)
        return
    kind = DeadlineKind(kind)
    Deadline.objects.update_or_create(**_key(source), defaults={"case_id": case.pk, "kind": kind, "due_on": due_on})


def untrack(source: models.Model) -> None:
    Deadline.objects.filter(**_key(source)).delete()
