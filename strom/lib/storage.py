"""File storage that keeps every file encrypted at rest (AES-256-GCM, strom.lib.crypto).

Documents (agreements now, a person's documents later) may name people or places that must stay
hidden, and a copy of the media folder or a backup must not give them away. The storage encrypts
on save and decrypts on open, so models keep using ordinary FileFields and views keep serving files
through their access-checked, audited download; the files are never served as static media.

The associated data is the file's storage name: a file moved or copied over another name fails to
decrypt. Files are read whole into memory; uploads are size-limited by the services that accept
them (tens of megabytes at most), which keeps this simple and safe. `rotate_keys` re-encrypts files
whose header names an old key (see `reencrypt`).
"""

from __future__ import annotations

import os

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

from strom.lib import crypto


def _associated_data(name: str) -> bytes:
    return b"strom.file:" + name.replace("\\", "/").encode("utf-8")


@deconstructible(path="strom.lib.storage.EncryptedFileSystemStorage")
class EncryptedFileSystemStorage(FileSystemStorage):
    """FileSystemStorage whose files hold only ciphertext; `open()` gives back the plaintext."""

    def _save(self, name, content):
        content.seek(0)
        sealed = crypto.encrypt_bytes(content.read(), _associated_data(name))
        saved = super()._save(name, ContentFile(sealed))
        if saved != name:
            # FileSystemStorage picked another name because one appeared meanwhile; the ciphertext is
            # bound to the name asked for, so this copy could never be opened. Refuse, keep nothing.
            super().delete(saved)
            raise FileExistsError("The storage name was taken while saving; try again.")
        return saved

    def _open(self, name, mode="rb"):
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("Encrypted files are written through save(), never opened for writing.")
        with super()._open(name, "rb") as raw:
            sealed = raw.read()
        return ContentFile(crypto.decrypt_bytes(sealed, _associated_data(name)), name=name)

    def size(self, name):
        with super()._open(name, "rb") as raw:
            key_id = crypto.file_key_id(raw.read(64))
        return super().size(name) - crypto.sealed_overhead(key_id)

    def needs_rotation(self, name) -> bool:
        with super()._open(name, "rb") as raw:
            return crypto.file_key_id(raw.read(64)) != crypto.current_key_id()

    def reencrypt(self, name) -> None:
        """Encrypt the file again under the current key, in place (write to a temporary file, then replace)."""
        plaintext = self._open(name).read()
        sealed = crypto.encrypt_bytes(plaintext, _associated_data(name))
        path = self.path(name)
        temporary = f"{path}.rotating"
        with open(temporary, "wb") as handle:
            handle.write(sealed)
        os.replace(temporary, path)
