"""The hash chain: canonical form of an event, its HMAC, and verification of the whole trail.

hash = HMAC-SHA256(AUDIT_KEY, prev_hash ‖ canonical(event)), where canonical() is compact, key-sorted
JSON of every stored column except ``id`` (the database assigns it after the hash is computed) and
``hash`` itself. Someone with write access to the database but without the key can therefore not
change, insert or reorder events without breaking the chain, and the separately MAC-ed head makes
cutting off the newest events visible as well.

Everything here except ``verify_chain`` works on plain values, so it can be tested without a database.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC
from typing import Any

from django.conf import settings

GENESIS = "0" * 64
# Separates head MACs from event hashes, so neither can ever be passed off as the other.
HEAD_DOMAIN = b"strom.audit.head\x00"
COLUMNS = (
    "seq", "created", "actor_id", "actor_label", "organisation_id", "action", "outcome",
    "target_type", "target_id", "fields", "detail", "ip", "prev_hash",
)


def _key(key: bytes | None) -> bytes:
    return settings.AUDIT_KEY if key is None else key


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def to_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _ip_text(value: Any) -> str | None:
    """One spelling per address: SQLite keeps Django's text, PostgreSQL's inet prints its own
    (::c000:201 vs ::192.0.2.1), and Python 3.13 changed how it prints IPv4-mapped addresses. IPv6
    is therefore hashed fully written out from its bytes; anything unreadable is hashed as stored.
    """
    if value is None:
        return None
    try:
        address = ipaddress.ip_address(str(value))
    except ValueError:
        return str(value)
    if address.version == 4:
        return str(address)
    return ":".join(address.packed[i:i + 2].hex() for i in range(0, 16, 2))


def canonical(values: Mapping[str, Any]) -> bytes:
    """The bytes an event's hash covers; ``values`` maps every name in COLUMNS to its stored value."""
    created = values["created"]
    if created.tzinfo is None:  # a naive time would be read as local time and hash differently
        raise ValueError("An audit event's time must carry a time zone.")
    data = {name: values[name] for name in COLUMNS}
    data["created"] = created.astimezone(UTC).isoformat(timespec="microseconds")
    data["actor_id"] = _text_or_none(values["actor_id"])
    data["organisation_id"] = _text_or_none(values["organisation_id"])
    data["ip"] = _ip_text(values["ip"])
    return to_json(data).encode("utf-8")


def compute_hash(prev_hash: str, values: Mapping[str, Any], key: bytes | None = None) -> str:
    message = str(prev_hash).encode("utf-8") + canonical(values)
    return hmac.new(_key(key), message, hashlib.sha256).hexdigest()


def head_mac(seq: int, last_hash: str, key: bytes | None = None) -> str:
    message = HEAD_DOMAIN + to_json([seq, last_hash]).encode("utf-8")
    return hmac.new(_key(key), message, hashlib.sha256).hexdigest()


def digests_equal(a: Any, b: Any) -> bool:
    """Constant-time comparison that also survives non-ASCII garbage written into a hash column."""
    return hmac.compare_digest(str(a).encode("utf-8"), str(b).encode("utf-8"))


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int  # events verified before the first break (all of them when ok)
    broken_seq: int | None = None
    broken_id: int | None = None
    reason: str = ""


class ChainVerifier:
    """Checks events one at a time in seq order, then the head; stops at the first break."""

    def __init__(self, key: bytes | None = None):
        self.key = _key(key)
        self.checked = 0
        self.last_seq = 0
        self.last_hash = GENESIS
        self.failure: VerifyResult | None = None

    def check(self, row: Mapping[str, Any]) -> bool:
        """``row`` holds COLUMNS plus ``id`` and ``hash``. False (and a failure) at a broken event."""
        try:
            problem = self._problem(row)
        except (TypeError, ValueError, AttributeError, KeyError):  # a column rewritten into nonsense
            problem = "the event cannot be read: it was altered"
        if problem:
            self.failure = VerifyResult(False, self.checked, row.get("seq"), row.get("id"), problem)
            return False
        self.checked += 1
        self.last_seq, self.last_hash = row["seq"], row["hash"]
        return True

    def _problem(self, row: Mapping[str, Any]) -> str | None:
        seq, expected = row["seq"], self.last_seq + 1
        if seq < expected:
            return f"number {seq} where {expected} was expected: an event was inserted"
        if seq > expected:
            return f"events {expected} to {seq - 1} are missing: they were deleted"
        if not digests_equal(row["prev_hash"], self.last_hash):
            return "its previous hash does not match the event before it: an event was inserted or reordered"
        if not digests_equal(row["hash"], compute_hash(row["prev_hash"], row, self.key)):
            return "its hash does not match its content: it was altered"
        return None

    def check_head(self, head: Mapping[str, Any] | None) -> bool:
        """``head`` holds seq, hash and mac, or is None when the head row does not exist."""
        problem, seq = self._head_problem(head)
        if problem:
            self.failure = VerifyResult(False, self.checked, seq, None, problem)
            return False
        return True

    def _head_problem(self, head: Mapping[str, Any] | None) -> tuple[str | None, int | None]:
        if head is None:
            if self.checked == 0:
                return None, None  # nothing was ever recorded
            return "the trail head is missing: it was deleted", self.last_seq
        if not digests_equal(head["mac"], head_mac(head["seq"], head["hash"], self.key)):
            return "the trail head was altered", head["seq"]
        if head["seq"] > self.last_seq:
            return (f"the trail ends at {self.last_seq} but its head records {head['seq']}: "
                    "the newest events were deleted", self.last_seq + 1)
        if head["seq"] < self.last_seq:
            return (f"the head records {head['seq']} but the trail goes on to {self.last_seq}: "
                    "an older head was put back", head["seq"] + 1)
        if not digests_equal(head["hash"], self.last_hash):
            return "the head does not match the last event: it was replaced", head["seq"]
        return None, None

    def result(self) -> VerifyResult:
        return self.failure or VerifyResult(True, self.checked)


def verify_chain(batch_size: int = 5000, key: bytes | None = None) -> VerifyResult:
    """Verify the stored trail, reading ``batch_size`` events at a time (keyset on seq).

    Safe while others append. An event commits together with the head that points to it, and
    events commit in seq order, so every event up to the seq a head shows is readable once that
    head is. If the head moved past what we read, we read on; if the next pass still does not reach
    the seq that head promised, those events are gone.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1.")
    verifier = ChainVerifier(key)
    promised: dict | None = None
    while True:
        for row in _stream(verifier.last_seq if verifier.checked else None, batch_size):
            if not verifier.check(row):
                return _with_event_id(verifier.result())
        if promised is not None and verifier.last_seq < promised["seq"]:
            verifier.check_head(promised)
            return _with_event_id(verifier.result())
        head = _read_head()
        if head is None or head["seq"] <= verifier.last_seq:
            verifier.check_head(head)
            return _with_event_id(verifier.result())
        promised = head


def _stream(after: int | None, batch_size: int) -> Iterator[dict]:
    from strom.audit.models import AuditEvent

    rows = AuditEvent.objects.order_by("seq").values("id", "hash", *COLUMNS)
    while True:
        batch = list((rows if after is None else rows.filter(seq__gt=after))[:batch_size])
        yield from batch
        if len(batch) < batch_size:
            return
        after = batch[-1]["seq"]


def _read_head() -> dict | None:
    from strom.audit.models import AuditHead

    return AuditHead.objects.filter(pk=1).values("seq", "hash", "mac").first()


def _with_event_id(result: VerifyResult) -> VerifyResult:
    """Head problems name a seq; look up that event's id when it exists."""
    if result.ok or result.broken_id is not None or result.broken_seq is None:
        return result
    from strom.audit.models import AuditEvent

    event_id = AuditEvent.objects.filter(seq=result.broken_seq).values_list("id", flat=True).first()
    return replace(result, broken_id=event_id)
