from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from strom.audit.models import AuditEvent
from strom.lib import crypto
from strom.lib.tests.conftest import prepend_key, raw_value, write_raw

pytestmark = pytest.mark.usefixtures("installed_test_app")

PEOPLE = ["Anna Bērziņa", "Ilze Kalniņa", "Olena Kovalenko"]


def rotate(*args) -> str:
    out = StringIO()
    call_command("rotate_keys", *args, stdout=out, stderr=out)
    return out.getvalue()


def tokens(model, pks):
    return {pk: (raw_value(model, "name", pk), raw_value(model, "body", pk)) for pk in pks}


@pytest.fixture
def old_notes(note_model):
    notes = [note_model.objects.create(name=name, body=f"notes on {name}") for name in PEOPLE]
    notes.append(note_model.objects.create(name="Empty body", body=None))
    return [n.pk for n in notes]


def test_dry_run_counts_and_changes_nothing(note_model, old_notes, settings):
    prepend_key(settings, "k2")
    before = tokens(note_model, old_notes)
    output = rotate("--dry-run")
    assert "strom_lib_tests.note.name: 4 to re-encrypt" in output
    assert "strom_lib_tests.note.body: 3 to re-encrypt" in output
    assert "Dry run: 7 row(s) would be re-encrypted to key k2." in output
    assert tokens(note_model, old_notes) == before
    assert not AuditEvent.objects.filter(action="keys.rotated").exists()


def test_rotation_reencrypts_old_rows_with_the_new_key(note_model, old_notes, settings):
    prepend_key(settings, "k2")
    fresh = note_model.objects.create(name="Written after the new key", body="b")
    fresh_tokens = tokens(note_model, [fresh.pk])

    output = rotate("--batch-size", "3")

    assert "strom_lib_tests.note.name: 3/4" in output
    assert "strom_lib_tests.note.name: 4/4" in output
    assert "strom_lib_tests.note.body: 3/3" in output
    assert "Re-encrypted 7 row(s) to key k2; 0 failed." in output
    for name_token, body_token in tokens(note_model, old_notes).values():
        assert crypto.key_id_of(name_token) == "k2"
        assert body_token is None or crypto.key_id_of(body_token) == "k2"
    assert tokens(note_model, [fresh.pk]) == fresh_tokens  # already current: untouched
    assert not any(name in output for name in PEOPLE)
    event = AuditEvent.objects.get(action="keys.rotated")
    assert event.detail == {"rows": 7, "to_key": "k2", "failed": 0}

    settings.ENCRYPTION_KEYRING = {"k2": settings.ENCRYPTION_KEYRING["k2"]}  # old key retired
    by_pk = {n.pk: n for n in note_model.objects.all()}
    assert [by_pk[pk].name for pk in old_notes] == [*PEOPLE, "Empty body"]
    assert by_pk[old_notes[0]].body == f"notes on {PEOPLE[0]}"
    assert by_pk[old_notes[3]].body is None


def test_second_run_finds_nothing(note_model, old_notes, settings):
    prepend_key(settings, "k2")
    rotate()
    assert "Re-encrypted 0 row(s) to key k2; 0 failed." in rotate()


def test_undecryptable_rows_are_reported_and_others_rotated(note_model, old_notes, settings):
    write_raw(note_model, "body", old_notes[1], raw_value(note_model, "body", old_notes[0]))
    prepend_key(settings, "k2")
    out = StringIO()
    with pytest.raises(CommandError, match="1 value"):
        call_command("rotate_keys", stdout=out, stderr=out)
    reported = f"strom_lib_tests.note.body: 1 value(s) could not be decrypted (pk: {old_notes[1]})"
    assert reported in out.getvalue()
    assert crypto.key_id_of(raw_value(note_model, "body", old_notes[1])) == "k1"  # left as it was
    assert crypto.key_id_of(raw_value(note_model, "body", old_notes[2])) == "k2"
    assert not any(name in out.getvalue() for name in PEOPLE)
    assert AuditEvent.objects.get(action="keys.rotated").detail == {"rows": 6, "to_key": "k2", "failed": 1}


@pytest.fixture
def mfa_user(django_user_model):
    return django_user_model.objects.create(username="case-manager", email="cm@example.org")


def test_mfa_secrets_are_rotated(keyring, mfa_user, settings):
    totp = Authenticator.objects.create(
        user=mfa_user, type="totp", data={"secret": crypto.encrypt("JBSWY3DPEHPK3PXP", crypto.MFA_SECRET_AD)},
    )
    codes = Authenticator.objects.create(user=mfa_user, type="recovery_codes", data={
        "seed": crypto.encrypt("ab" * 40, crypto.MFA_SECRET_AD), "used_mask": 5,
        "migrated_codes": [crypto.encrypt(c, crypto.MFA_SECRET_AD) for c in ("12345678", "87654321")],
    })
    prepend_key(settings, "k2")
    assert "allauth.mfa.authenticator.data: 2 to re-encrypt" in rotate("--dry-run")
    assert crypto.key_id_of(Authenticator.objects.get(pk=totp.pk).data["secret"]) == "k1"

    assert "allauth.mfa.authenticator.data: 2/2" in rotate()

    totp.refresh_from_db()
    codes.refresh_from_db()
    settings.ENCRYPTION_KEYRING = {"k2": settings.ENCRYPTION_KEYRING["k2"]}
    assert crypto.decrypt(totp.data["secret"], crypto.MFA_SECRET_AD) == "JBSWY3DPEHPK3PXP"
    assert crypto.decrypt(codes.data["seed"], crypto.MFA_SECRET_AD) == "ab" * 40
    assert [crypto.decrypt(c, crypto.MFA_SECRET_AD) for c in codes.data["migrated_codes"]] == [
        "12345678", "87654321"]
    assert codes.data["used_mask"] == 5


def test_unencrypted_mfa_secret_is_left_alone_and_reported(keyring, mfa_user, settings):
    totp = Authenticator.objects.create(user=mfa_user, type="totp", data={"secret": "JBSWY3DPEHPK3PXP"})
    prepend_key(settings, "k2")
    output = rotate()
    assert "1 value(s) are not encrypted at all" in output
    assert "JBSWY3DPEHPK3PXP" not in output
    totp.refresh_from_db()
    assert totp.data == {"secret": "JBSWY3DPEHPK3PXP"}


def test_batch_size_must_be_positive(keyring):
    with pytest.raises(CommandError):
        rotate("--batch-size", "0")
