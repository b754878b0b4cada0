"""The pure core: canonical form, hashes and the verifier, without a database."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest

from strom.audit import chain

KEY = b"k" * 32


def event(seq: int, prev_hash: str, **changes) -> dict:
    values = {
        "seq": seq, "created": datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
        "actor_id": uuid.UUID("12345678-1234-5678-1234-567812345678"), "actor_label": "anna",
        "organisation_id": None, "action": "auth.login", "outcome": "ok", "target_type": "", "target_id": "",
        "fields": [], "detail": {"b": 1, "a": "ā"}, "ip": "10.0.0.1", "prev_hash": prev_hash,
    }
    values.update(changes)
    values["id"] = seq * 10
    values["hash"] = chain.compute_hash(values["prev_hash"], values, KEY)
    return values


def linked(count: int) -> list[dict]:
    rows, prev = [], chain.GENESIS
    for seq in range(1, count + 1):
        rows.append(event(seq, prev))
        prev = rows[-1]["hash"]
    return rows


def head_of(rows: list[dict]) -> dict:
    seq, last = (rows[-1]["seq"], rows[-1]["hash"]) if rows else (0, chain.GENESIS)
    return {"seq": seq, "hash": last, "mac": chain.head_mac(seq, last, KEY)}


def verify(rows, head) -> chain.VerifyResult:
    verifier = chain.ChainVerifier(KEY)
    for row in rows:
        if not verifier.check(row):
            return verifier.result()
    verifier.check_head(head)
    return verifier.result()


def test_canonical_form_is_sorted_compact_utf8_json_of_every_column_but_hash():
    text = chain.canonical(event(1, chain.GENESIS)).decode("utf-8")
    assert text == (
        '{"action":"auth.login","actor_id":"12345678-1234-5678-1234-567812345678","actor_label":"anna",'
        '"created":"2026-01-02T03:04:05.000006+00:00","detail":{"a":"ā","b":1},"fields":[],'
        '"ip":"10.0.0.1","organisation_id":null,"outcome":"ok","prev_hash":"' + "0" * 64 + '",'
        '"seq":1,"target_id":"","target_type":""}'
    )


def test_hash_is_hmac_sha256_over_prev_hash_and_canonical_form():
    values = event(1, chain.GENESIS)
    expected = hmac.new(KEY, chain.GENESIS.encode() + chain.canonical(values), hashlib.sha256).hexdigest()
    assert values["hash"] == expected
    assert chain.compute_hash(chain.GENESIS, values, b"another key" * 3) != expected


def test_the_same_instant_in_another_zone_hashes_the_same():
    riga = timezone(timedelta(hours=2))
    moment = datetime(2026, 1, 2, 5, 4, 5, 6, tzinfo=riga)
    same_instant = event(1, chain.GENESIS, created=moment)
    assert chain.canonical(same_instant) == chain.canonical(event(1, chain.GENESIS))


def test_naive_time_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        chain.canonical(event(1, chain.GENESIS) | {"created": datetime(2026, 1, 1)})


def test_untouched_chain_and_empty_chain_verify():
    assert verify(linked(4), head_of(linked(4))) == chain.VerifyResult(True, 4)
    assert verify([], None) == chain.VerifyResult(True, 0)


@pytest.mark.parametrize("column,value", [
    ("action", "auth.logout"), ("detail", {"a": "ā", "b": 2}), ("fields", ["name"]), ("actor_label", "eve"),
    ("ip", "10.0.0.2"), ("created", datetime(2026, 1, 2, 3, 4, 5, 7, tzinfo=UTC)),
    ("organisation_id", uuid.uuid4()),
])
def test_any_changed_column_is_reported_as_altered(column, value):
    rows = linked(3)
    rows[1] = rows[1] | {column: value}
    result = verify(rows, head_of(linked(3)))
    assert (result.ok, result.broken_seq, result.broken_id, result.checked) == (False, 2, 20, 1)
    assert "altered" in result.reason


def test_missing_middle_event_is_reported_at_the_next_one():
    rows = linked(4)
    result = verify(rows[:1] + rows[2:], head_of(rows))
    assert (result.ok, result.broken_seq) == (False, 3)
    assert "deleted" in result.reason


def test_missing_tail_is_reported_by_the_head():
    rows = linked(4)
    result = verify(rows[:3], head_of(rows))
    assert (result.ok, result.broken_seq, result.checked) == (False, 4, 3)
    assert "newest events were deleted" in result.reason


def test_reordered_events_are_reported():
    rows = linked(3)
    # Same seq numbers, contents of 2 and 3 swapped: the link to the previous hash breaks first.
    swapped = [rows[0], rows[2] | {"seq": 2, "id": 20}, rows[1] | {"seq": 3, "id": 30}]
    result = verify(swapped, head_of(rows))
    assert (result.ok, result.broken_seq) == (False, 2)
    assert "inserted or reordered" in result.reason


def test_forged_head_and_missing_head_are_reported():
    rows = linked(2)
    forged = {"seq": 1, "hash": rows[0]["hash"], "mac": "0" * 64}
    assert "head was altered" in verify(rows, forged).reason
    assert "head is missing" in verify(rows, None).reason


def test_garbage_in_a_hash_column_does_not_crash_the_verifier():
    rows = linked(2)
    rows[1] = rows[1] | {"hash": "ž" * 64}
    result = verify(rows, head_of(linked(2)))
    assert (result.ok, result.broken_seq) == (False, 2)


def test_one_address_hashes_the_same_however_it_is_spelt():
    spellings = ["::c000:201", "::192.0.2.1", "0:0:0:0:0:0:c000:0201"]
    assert len({chain.canonical(event(1, chain.GENESIS, ip=ip)) for ip in spellings}) == 1
    assert chain.canonical(event(1, chain.GENESIS, ip="::ffff:1.2.3.4")) == chain.canonical(
        event(1, chain.GENESIS, ip="::ffff:102:304"))
    assert chain.canonical(event(1, chain.GENESIS, ip="1.2.3.4")) != chain.canonical(
        event(1, chain.GENESIS, ip="::ffff:1.2.3.4"))
