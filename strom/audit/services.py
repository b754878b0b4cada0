"""Appending to the audit trail: the only code that writes ``AuditEvent`` rows.

``record()`` joins the caller's transaction, so the event commits or rolls back with the change it
records. Appends are serialised (a PostgreSQL advisory lock; SQLite's BEGIN IMMEDIATE already
serialises writers) so that seq stays gapless and every event chains onto the one before it.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from strom.audit import chain
from strom.audit.models import AuditEvent, AuditHead, Outcome
from strom.lib.net import client_ip

# pg_advisory_xact_lock key for audit appends ("StromAud" in ASCII); no other code may use it.
ADVISORY_LOCK_KEY = 0x5374726F6D417564
ACTION_PATTERN = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")
# Field NAMES only: the pattern keeps values (which contain spaces, @, digits first…) from slipping in.
FIELD_NAME_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_.]{0,99}")
MAX_DETAIL_BYTES = 2000


class AuditChainError(RuntimeError):
    """The head of the trail is missing or not ours: appending would hide the tampering."""


def record(action, *, actor=None, organisation=None, target=None, target_type="", target_id="",
           fields=(), outcome="ok", detail=None, request=None) -> AuditEvent:
    """Append one event and return it. Raises ValueError for input that does not belong in the trail."""
    values = _event_values(action, actor=actor, organisation=organisation, target=target,
                           target_type=target_type, target_id=target_id, fields=fields,
                           outcome=outcome, detail=detail, request=request)
    with transaction.atomic():  # a savepoint inside the caller's transaction, else its own
        _serialise_appends()
        head = _current_head()
        event = AuditEvent(seq=head.seq + 1, created=timezone.now(), prev_hash=head.hash, **values)
        event.hash = chain.compute_hash(event.prev_hash, _stored_values(event))
        event.save()
        head.seq, head.hash = event.seq, event.hash
        head.mac = chain.head_mac(head.seq, head.hash)
        head.save()
    return event


def _serialise_appends() -> None:
    # Released when the outermost transaction ends, i.e. after the head we move is committed.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


def _current_head() -> AuditHead:
    head = AuditHead.objects.filter(pk=1).first()
    if head is None:
        if AuditEvent.objects.exists():
            raise AuditChainError("The audit trail head is missing; run `manage.py verify_audit`.")
        return AuditHead(id=1, seq=0, hash=chain.GENESIS)
    if not chain.digests_equal(head.mac, chain.head_mac(head.seq, head.hash)):
        raise AuditChainError("The audit trail head was altered; run `manage.py verify_audit`.")
    return head


def _stored_values(event: AuditEvent) -> dict[str, Any]:
    return {name: getattr(event, name) for name in chain.COLUMNS}


def _event_values(action, *, actor, organisation, target, target_type, target_id, fields, outcome,
                  detail, request) -> dict[str, Any]:
    actor = _actor(actor, request)
    target_type, target_id = _target(target, target_type, target_id)
    return {
        "actor_id": actor.pk if actor else None,
        "actor_label": actor.get_username() if actor else "",
        "organisation_id": _organisation_id(organisation),
        "action": _checked_action(action),
        "outcome": _checked_outcome(outcome),
        "target_type": target_type,
        "target_id": target_id,
        "fields": _checked_fields(fields),
        "detail": _checked_detail(detail),
        "ip": client_ip(request),
    }


def _actor(actor, request):
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    if actor is not None and not hasattr(actor, "is_authenticated"):
        # e.g. a policies.Actor passed instead of actor.user: refuse rather than silently drop it.
        raise ValueError("actor must be a user (or None).")
    return actor if getattr(actor, "is_authenticated", False) else None


def _target(target, target_type: str, target_id) -> tuple[str, str]:
    if isinstance(target, Model):
        target_type = target_type or target._meta.label_lower
        target_id = target_id or target.pk
    elif target is not None:
        raise ValueError("target must be a model instance; give target_type and target_id otherwise.")
    target_id = "" if target_id in (None, "") else str(target_id)
    if len(target_type) > 100 or len(target_id) > 64:
        raise ValueError("target_type or target_id is too long for the audit trail.")
    return target_type, target_id


def _organisation_id(organisation) -> uuid.UUID | None:
    if organisation is None:
        return None
    value = organisation.pk if isinstance(organisation, Model) else organisation
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _checked_action(action: str) -> str:
    if not isinstance(action, str) or len(action) > 64 or not ACTION_PATTERN.fullmatch(action):
        raise ValueError(f"Audit action {action!r} is not a dotted name like 'auth.login'.")
    return action


def _checked_outcome(outcome: str) -> str:
    if outcome not in Outcome.values:
        raise ValueError(f"Audit outcome must be one of {', '.join(Outcome.values)}.")
    return str(outcome)


def _checked_fields(fields: Iterable[str]) -> list[str]:
    if isinstance(fields, str):  # a lone string would otherwise be split into letters
        fields = [fields]
    names = list(fields)
    for name in names:
        if not isinstance(name, str) or not FIELD_NAME_PATTERN.fullmatch(name):
            raise ValueError("Audit fields must be field names, never values.")
    return names


def _checked_detail(detail) -> dict:
    """A small JSON object, stored exactly as it will be read back (so the hash verifies later)."""
    if detail is None:
        return {}
    if not isinstance(detail, dict):
        raise ValueError("Audit detail must be a dict.")
    # UUIDs, dates and decimals become text, as the JSON column would store them anyway.
    value = json.loads(json.dumps(detail, cls=DjangoJSONEncoder))
    if not _plain(value):
        # Floats are refused: PostgreSQL's jsonb may print them differently from Python (1e+20 vs
        # 100000000000000000000), which would read back as a broken hash.
        raise ValueError("Audit detail may hold text, whole numbers, booleans, null, lists and dicts only.")
    if len(chain.to_json(value).encode("utf-8")) > MAX_DETAIL_BYTES:
        raise ValueError(f"Audit detail is larger than {MAX_DETAIL_BYTES} bytes; keep it small.")
    return value


def _plain(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, str | bool | int)



