import os

import pytest
from django.db import connection

from strom.lib.tests.testapp.models import Note


@pytest.fixture
def keyring(settings):
    """A fresh one-key ring, k1; tests prepend keys to it to rotate."""
    settings.ENCRYPTION_KEYRING = {"k1": os.urandom(32)}
    return settings


def prepend_key(settings, key_id: str) -> None:
    settings.ENCRYPTION_KEYRING = {key_id: os.urandom(32), **settings.ENCRYPTION_KEYRING}


@pytest.fixture(scope="session")
def _note_table(django_db_setup, django_db_blocker):
    # The test app has no migrations: its table is made here, outside the per-test transaction
    # (SQLite's schema editor refuses to run inside one), and dropped at the end.
    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.create_model(Note)
    yield Note
    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.delete_model(Note)


@pytest.fixture
def note_model(_note_table, db, keyring):
    return _note_table


@pytest.fixture
def installed_test_app(settings):
    """Install the test app so that rotate_keys finds Note through the app registry."""
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "strom.lib.tests.testapp"]


def raw_value(model, field_name: str, pk):
    """The stored column value, read with plain SQL past the ORM."""
    qn = connection.ops.quote_name
    column = model._meta.get_field(field_name).column
    sql = f"SELECT {qn(column)} FROM {qn(model._meta.db_table)} WHERE {qn(model._meta.pk.column)} = %s"  # noqa: S608 -- names from _meta, not input
    with connection.cursor() as cursor:
        cursor.execute(sql, [model._meta.pk.get_db_prep_value(pk, connection)])
        return cursor.fetchone()[0]


def write_raw(model, field_name: str, pk, value) -> None:
    qn = connection.ops.quote_name
    column = model._meta.get_field(field_name).column
    sql = f"UPDATE {qn(model._meta.db_table)} SET {qn(column)} = %s WHERE {qn(model._meta.pk.column)} = %s"  # noqa: S608 -- names from _meta, not input
    with connection.cursor() as cursor:
        cursor.execute(sql, [value, model._meta.pk.get_db_prep_value(pk, connection)])
