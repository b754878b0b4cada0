"""Rules kept as versioned data files (screening frameworks, the municipal checklist): where a changed
file goes in the database.

- no version yet: the file becomes its first version (CREATED);
- the same definition (same digest): nothing (UNCHANGED);
- a different definition, and nothing has used the current version: it is rewritten in place (REPLACED);
- a different definition, and something used the current version: that version is kept as it is and
  marked superseded, and the file becomes the next version (SUPERSEDED), so that what was made with the
  old version never changes under it.
"""

from __future__ import annotations

import hashlib
import json

from django.utils import timezone

CREATED, UNCHANGED, REPLACED, SUPERSEDED = "created", "unchanged", "replaced", "superseded"


def digest_of(definition: dict) -> str:
    """The definition's fingerprint, without its version number (renumbering alone changes nothing)."""
    content = {key: value for key, value in definition.items() if key != "version"}
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def place(model, definition: dict, digest: str, *, used_by: str, parts: str):
    """(row, action): the row the definition is to be written into (unsaved when new) and what happens.

    `model` has code, version, digest and superseded_at; `used_by` names the relation whose rows pin a
    version, `parts` the relation a rewrite clears. Call inside the caller's transaction: the current
    version is locked until it commits."""
    code = definition["code"]
    current = (model.objects.select_for_update().filter(code=code, superseded_at__isnull=True)
               .order_by("-version").first())
    if current is not None and current.digest == digest:
        return current, UNCHANGED
    if current is None:
        latest = model.objects.filter(code=code).order_by("-version").first()
        return model(code=code, version=max(int(definition["version"]), latest.version + 1 if latest else 1)), CREATED
    if not getattr(current, used_by).exists():
        getattr(current, parts).all().delete()
        return current, REPLACED
    current.superseded_at = timezone.now()
    current.save(update_fields=["superseded_at"])
    return model(code=code, version=current.version + 1), SUPERSEDED
