import pickle
import uuid

import pytest
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models, transaction
from django.db.migrations.writer import MigrationWriter
from django.test.utils import isolate_apps

from strom.lib import crypto
from strom.lib.fields import BlindIndexField, EncryptedTextField, Sealed, blind_lookup
from strom.lib.tests.conftest import raw_value, write_raw

NAME = "Anna Bērziņa"
BODY = "Lives at Kalnciema iela 12, Rīga; afraid of her former employer."


def test_raw_column_holds_ciphertext_only(note_model):
    note = note_model.objects.create(name=NAME, body=BODY)
    for field, plaintext in (("name", NAME), ("body", BODY)):
        stored = raw_value(note_model, field, note.pk)
        assert stored.startswith("v1:k1:")
        assert plaintext not in stored
        assert not any(word in stored for word in plaintext.split() if len(word) > 3)


def test_reading_back_gives_plaintext(note_model):
    note = note_model.objects.create(name=NAME, body=BODY)
    loaded = note_model.objects.get(pk=note.pk)
    assert isinstance(loaded.__dict__["name"], Sealed)  # opened only when read
    assert (loaded.name, loaded.body) == (NAME, BODY)
    assert note_model.objects.only("id").get(pk=note.pk).body == BODY  # deferred load
    note.refresh_from_db()
    assert note.body == BODY


def test_equal_values_give_different_tokens(note_model):
    a = note_model.objects.create(name=NAME)
    b = note_model.objects.create(name=NAME)
    assert raw_value(note_model, "name", a.pk) != raw_value(note_model, "name", b.pk)


def test_ciphertext_moved_to_another_row_does_not_decrypt(note_model):
    victim = note_model.objects.create(name=NAME, body=BODY)
    other = note_model.objects.create(name="Someone else", body="other body")
    write_raw(note_model, "body", other.pk, raw_value(note_model, "body", victim.pk))
    moved = note_model.objects.get(pk=other.pk)
    with pytest.raises(crypto.DecryptionError) as error:
        moved.body  # noqa: B018
    assert BODY not in str(error.value)
    assert moved.name == "Someone else"


def test_ciphertext_moved_to_another_field_does_not_decrypt(note_model):
    note = note_model.objects.create(name=NAME, body=BODY)
    write_raw(note_model, "body", note.pk, raw_value(note_model, "name", note.pk))
    with pytest.raises(crypto.DecryptionError):
        note_model.objects.get(pk=note.pk).body  # noqa: B018


def test_none_and_empty_stay_as_they_are(note_model):
    note = note_model.objects.create(name="", body=None)
    assert raw_value(note_model, "name", note.pk) == ""
    assert raw_value(note_model, "body", note.pk) is None
    loaded = note_model.objects.get(pk=note.pk)
    assert (loaded.name, loaded.body, loaded.name_index) == ("", None, None)
    assert note_model.objects.filter(body__isnull=True).get() == note
    assert note_model.objects.filter(body=None).get() == note
    assert not note_model.objects.filter(body__isnull=False).exists()


@pytest.mark.parametrize("lookup", [
    {"name": NAME}, {"name__iexact": NAME}, {"name__icontains": "Anna"}, {"name__in": [NAME]},
    {"name__startswith": "v1:"}, {"name__lower": "anna"}, {"name__gt": ""},
])
def test_lookups_on_ciphertext_are_refused(note_model, lookup):
    with pytest.raises(FieldError, match="is encrypted"):
        note_model.objects.filter(**lookup)


def test_plaintext_cannot_bypass_save(note_model):
    note = note_model.objects.create(name=NAME)
    # (savepoints: bulk_update's own transaction marks the test's transaction as broken)
    with pytest.raises(TypeError, match="encrypted by Model.save"), transaction.atomic():
        note_model.objects.filter(pk=note.pk).update(body=BODY)
    note.body = BODY
    with pytest.raises(TypeError), transaction.atomic():
        note_model.objects.bulk_update([note], ["body"])
    assert raw_value(note_model, "body", note.pk) is None


def test_values_give_sealed_tokens_not_plaintext(note_model):
    note_model.objects.create(name=NAME)
    (value,) = note_model.objects.values_list("name", flat=True)
    assert isinstance(value, Sealed)
    assert NAME not in repr(value) and NAME not in str(value)


def test_untouched_value_is_written_back_unchanged(note_model):
    note = note_model.objects.create(name=NAME, body=BODY)
    token = raw_value(note_model, "body", note.pk)
    loaded = note_model.objects.get(pk=note.pk)
    loaded.save()
    assert raw_value(note_model, "body", note.pk) == token
    loaded.body = "new text"
    loaded.save()
    assert raw_value(note_model, "body", note.pk) != token
    assert note_model.objects.get(pk=note.pk).body == "new text"


def test_row_copied_under_a_new_pk_is_bound_to_it(note_model):
    original = note_model.objects.create(name=NAME, body=BODY)
    copy = note_model.objects.get(pk=original.pk)
    copy.pk, copy._state.adding = uuid.uuid4(), True
    copy.save()
    assert note_model.objects.get(pk=copy.pk).body == BODY
    assert note_model.objects.get(pk=original.pk).body == BODY


def test_bulk_create_encrypts(note_model):
    notes = note_model.objects.bulk_create([note_model(name=NAME), note_model(name="Ilze")])
    assert raw_value(note_model, "name", notes[0].pk).startswith("v1:k1:")
    assert sorted(n.name for n in note_model.objects.all()) == sorted([NAME, "Ilze"])


def test_blind_lookup_finds_the_row(note_model):
    anna = note_model.objects.create(name=" Ānna  Bērziņa ")
    note_model.objects.create(name="Ilze Kalniņa")
    assert note_model.objects.get(**blind_lookup(note_model, "name", "ĀNNA BĒRZIŅA")) == anna
    assert not note_model.objects.filter(**blind_lookup(note_model, "name", "Anna")).exists()
    stored = raw_value(note_model, "name_index", anna.pk)
    assert stored == crypto.blind_index("ānna bērziņa", "strom_lib_tests.note.name")


def test_blind_index_follows_changes(note_model):
    note = note_model.objects.create(name="Anna")
    note.name = "Ilze"
    note.save()
    assert note_model.objects.filter(**blind_lookup(note_model, "name", "ilze")).get() == note
    assert not note_model.objects.filter(**blind_lookup(note_model, "name", "anna")).exists()


def test_blind_lookup_needs_an_index(note_model):
    with pytest.raises(FieldError, match="no BlindIndexField"):
        blind_lookup(note_model, "body", "x")


def test_key_missing_from_ring_fails_on_access(note_model, settings):
    note = note_model.objects.create(name=NAME)
    settings.ENCRYPTION_KEYRING = {"k7": bytes(32)}
    with pytest.raises(crypto.DecryptionError, match="k1"):
        note_model.objects.get(pk=note.pk).name  # noqa: B018


@isolate_apps("strom.lib.tests.testapp")
def test_model_without_uuid_primary_key_is_refused():
    with pytest.raises(ImproperlyConfigured, match="UUIDField primary key with a default"):
        class AutoPk(models.Model):  # noqa: DJ008
            secret = EncryptedTextField()

            class Meta:
                app_label = "strom_lib_tests"

    with pytest.raises(ImproperlyConfigured):
        class UuidWithoutDefault(models.Model):  # noqa: DJ008
            id = models.UUIDField(primary_key=True)
            secret = EncryptedTextField()

            class Meta:
                app_label = "strom_lib_tests"


@isolate_apps("strom.lib.tests.testapp")
def test_abstract_parent_is_checked_in_its_children():
    class Base(models.Model):
        id = models.UUIDField(primary_key=True, default=uuid.uuid4)
        secret = EncryptedTextField()

        class Meta:
            abstract = True
            app_label = "strom_lib_tests"

    class Child(Base):  # noqa: DJ008
        class Meta:
            app_label = "strom_lib_tests"

    assert Child._meta.get_field("secret").associated_data_for_pk(
        "12345678-1234-5678-1234-567812345678"
    ) == b"strom_lib_tests.child.secret.12345678-1234-5678-1234-567812345678"


def test_fields_deconstruct_and_serialise():
    field = EncryptedTextField(null=True, blank=True)
    name, path, args, kwargs = field.deconstruct()
    assert path == "strom.lib.fields.EncryptedTextField"
    assert kwargs == {"null": True, "blank": True}

    index = BlindIndexField(source="name", purpose="cases.person.name")
    _, path, args, kwargs = index.deconstruct()
    assert path == "strom.lib.fields.BlindIndexField"
    assert kwargs == {"source": "name", "purpose": "cases.person.name"}
    rebuilt = BlindIndexField(*args, **kwargs)
    assert (rebuilt.max_length, rebuilt.null, rebuilt.db_index, rebuilt.editable) == (64, True, True, False)
    assert BlindIndexField(source="name").deconstruct()[3] == {"source": "name"}

    for f in (field, index):
        text, imports = MigrationWriter.serialize(f)
        assert "strom.lib.fields" in text and "import strom.lib.fields" in imports


def test_loaded_instance_pickles_sealed_and_validates(note_model, installed_test_app):
    note = note_model.objects.create(name=NAME, body=BODY)
    loaded = note_model.objects.get(pk=note.pk)
    pickled = pickle.dumps(loaded)
    assert NAME.encode() not in pickled  # not opened yet, so only the token travels
    assert pickle.loads(pickled).name == NAME  # noqa: S301 -- our own bytes
    loaded.full_clean()
    assert loaded.body == BODY
