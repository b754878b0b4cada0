"""Documents are encrypted at rest: what lies on disk is ciphertext bound to its name."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command

from strom.lib import crypto
from strom.lib.storage import EncryptedFileSystemStorage
from strom.lib.tests.conftest import prepend_key
from strom.network.models import Agreement, Municipality, Partnership

CONTENT = b"%PDF-1.7 agreement between the shelter and the social services of Jurmala"


@pytest.fixture
def storage(keyring, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return EncryptedFileSystemStorage()


def test_the_default_storage_encrypts():
    assert isinstance(storages["default"], EncryptedFileSystemStorage)


def test_round_trip_and_only_ciphertext_on_disk(storage, tmp_path):
    name = storage.save("agreements/a1.pdf", ContentFile(CONTENT))
    on_disk = (tmp_path / name).read_bytes()
    assert CONTENT not in on_disk and b"Jurmala" not in on_disk
    assert on_disk.startswith(b"STROM-FILE-v1 k1\n")
    assert storage.open(name).read() == CONTENT
    assert storage.size(name) == len(CONTENT)


def test_a_file_copied_over_another_name_does_not_open(storage, tmp_path):
    first = storage.save("agreements/first.pdf", ContentFile(b"first"))
    second = storage.save("agreements/second.pdf", ContentFile(b"second"))
    (tmp_path / second).write_bytes((tmp_path / first).read_bytes())
    with pytest.raises(crypto.DecryptionError):
        storage.open(second)


def test_an_altered_file_does_not_open(storage, tmp_path):
    name = storage.save("agreements/a.pdf", ContentFile(CONTENT))
    raw = bytearray((tmp_path / name).read_bytes())
    raw[-1] ^= 1
    (tmp_path / name).write_bytes(bytes(raw))
    with pytest.raises(crypto.DecryptionError):
        storage.open(name)


def test_a_plain_file_is_refused(storage, tmp_path):
    (tmp_path / "plain.pdf").write_bytes(CONTENT)
    with pytest.raises(crypto.DecryptionError):
        storage.open("plain.pdf")


def test_files_are_never_opened_for_writing(storage):
    name = storage.save("a.txt", ContentFile(b"x"))
    with pytest.raises(ValueError):
        storage.open(name, "wb")


def test_reencrypt_after_a_new_key(storage, settings, tmp_path):
    name = storage.save("a.pdf", ContentFile(CONTENT))
    prepend_key(settings, "k2")
    assert storage.needs_rotation(name)
    storage.reencrypt(name)
    assert (tmp_path / name).read_bytes().startswith(b"STROM-FILE-v1 k2\n")
    assert not storage.needs_rotation(name)
    assert storage.open(name).read() == CONTENT


@pytest.mark.django_db
def test_rotate_keys_reencrypts_documents(keyring, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    riga = Municipality.objects.create(country="LV", name="Rīga", name_en="Riga")
    group = Partnership.objects.create(municipality=riga, name="Riga group")
    agreement = Agreement.objects.create(partnership=group, title="Cooperation", valid_from=date(2026, 1, 1))
    agreement.document.save("agreement.pdf", ContentFile(CONTENT))
    prepend_key(settings, "k2")
    out = StringIO()
    call_command("rotate_keys", "--dry-run", stdout=out)
    assert "network.agreement.document: 1 file(s) to re-encrypt" in out.getvalue()
    assert Path(agreement.document.path).read_bytes().startswith(b"STROM-FILE-v1 k1\n")
    call_command("rotate_keys", stdout=out)
    assert Path(agreement.document.path).read_bytes().startswith(b"STROM-FILE-v1 k2\n")
    agreement.refresh_from_db()
    assert agreement.document.open().read() == CONTENT
