"""Changes made directly in the database are found by verify_chain() and verify_audit."""

from __future__ import annotations

import pytest
from django.db.models import QuerySet

from strom.audit.chain import verify_chain
from strom.audit.models import AuditEvent
from strom.audit.services import record
from strom.audit.tests.helpers import sql, verify_command

# A new row linked to the hash of row `seq`, with a forged hash: (new seq, forged hash, seq).
FORGE_LINKED = (
    "INSERT INTO audit_auditevent (seq, prev_hash, hash, created, actor_id, actor_label, organisation_id,"
    " action, outcome, target_type, target_id, fields, detail, ip)"
    " SELECT %s, hash, %s, created, actor_id, actor_label, organisation_id,"
    " action, outcome, target_type, target_id, fields, detail, ip FROM audit_auditevent WHERE seq = %s"
)
# An exact copy of row `seq` under another number: (new seq, seq).
FORGE_COPY = (
    "INSERT INTO audit_auditevent (seq, prev_hash, hash, created, actor_id, actor_label, organisation_id,"
    " action, outcome, target_type, target_id, fields, detail, ip)"
    " SELECT %s, prev_hash, hash, created, actor_id, actor_label, organisation_id,"
    " action, outcome, target_type, target_id, fields, detail, ip FROM audit_auditevent WHERE seq = %s"
)


def assert_broken_at(seq: int, word: str) -> None:
    result = verify_chain(batch_size=2)  # small batches so the keyset paging is exercised too
    assert not result.ok
    assert result.broken_seq == seq
    assert word in result.reason
    status, out, err = verify_command()
    event_id = AuditEvent.objects.filter(seq=seq).values_list("id", flat=True).first()
    assert status == 1
    assert out == ""
    assert err.startswith(f"Audit trail BROKEN at event seq={seq} (id={event_id if event_id else 'none'}): ")
    assert word in err


@pytest.mark.django_db
def test_empty_trail_is_intact():
    assert verify_chain().ok
    assert verify_command() == (0, "Audit trail intact: 0 events verified.\n", "")


@pytest.mark.django_db
def test_untouched_trail_is_intact(trail):
    result = verify_chain(batch_size=2)
    assert (result.ok, result.checked) == (True, 5)
    assert verify_command() == (0, "Audit trail intact: 5 events verified.\n", "")


@pytest.mark.django_db
def test_action_edited_with_sql(trail):
    sql("UPDATE audit_auditevent SET action = %s WHERE seq = 3", ["auth.login"])
    assert_broken_at(3, "altered")


@pytest.mark.django_db
def test_detail_edited_through_a_plain_queryset(trail):
    QuerySet(AuditEvent).filter(seq=4).update(detail={"role": "case_manager"})
    assert_broken_at(4, "altered")


@pytest.mark.django_db
def test_hash_recomputed_without_the_key_does_not_help(trail):
    # An attacker who edits a row and writes a plausible 64-hex hash still breaks the chain.
    sql("UPDATE audit_auditevent SET actor_label = 'eve', hash = %s WHERE seq = 2", ["a" * 64])
    assert_broken_at(2, "altered")


@pytest.mark.django_db
def test_middle_event_deleted(trail):
    sql("DELETE FROM audit_auditevent WHERE seq = 3")
    assert_broken_at(4, "deleted")


@pytest.mark.django_db
def test_last_event_deleted(trail):
    sql("DELETE FROM audit_auditevent WHERE seq = 5")
    assert_broken_at(5, "newest events were deleted")


@pytest.mark.django_db
def test_every_event_deleted(trail):
    sql("DELETE FROM audit_auditevent")
    assert_broken_at(1, "newest events were deleted")


@pytest.mark.django_db
def test_event_appended_with_sql(trail):
    # The forger links correctly to the last hash; only the key could make its own hash right.
    sql(FORGE_LINKED, [6, "b" * 64, 5])
    assert_broken_at(6, "altered")


@pytest.mark.django_db
def test_event_inserted_before_the_first(trail):
    sql(FORGE_COPY, [0, 1])
    assert_broken_at(0, "inserted")


@pytest.mark.django_db
def test_event_inserted_in_the_middle_by_renumbering(trail):
    # Make room after 2 (in two steps, so the unique seq holds at every row), then fill the hole.
    sql("UPDATE audit_auditevent SET seq = seq + 100 WHERE seq > 2")
    sql("UPDATE audit_auditevent SET seq = seq - 99 WHERE seq > 100")
    sql(FORGE_LINKED, [3, "c" * 64, 2])
    assert_broken_at(3, "altered")
    sql("UPDATE audit_audithead SET seq = 6")  # even with the head moved along
    assert not verify_chain().ok


@pytest.mark.django_db
def test_head_rewritten(trail):
    sql("UPDATE audit_audithead SET seq = 4, hash = (SELECT hash FROM audit_auditevent WHERE seq = 4)")
    assert_broken_at(4, "head was altered")


@pytest.mark.django_db
def test_head_deleted(trail):
    sql("DELETE FROM audit_audithead")
    assert_broken_at(5, "head is missing")


@pytest.mark.django_db
def test_trail_goes_on_after_verification(trail):
    assert verify_chain().ok
    record("auth.login")
    assert verify_command()[1] == "Audit trail intact: 6 events verified.\n"


@pytest.mark.django_db
def test_no_manager_of_the_model_changes_events(trail):
    for manager in (AuditEvent.objects, AuditEvent._base_manager, AuditEvent._default_manager):
        with pytest.raises(Exception):  # noqa: B017 — whichever refusal, nothing may change
            manager.filter(seq=1).update(action="auth.nothing")
        with pytest.raises(Exception):  # noqa: B017
            manager.filter(seq=1).delete()
    assert AuditEvent.objects.get(seq=1).action != "auth.nothing"
