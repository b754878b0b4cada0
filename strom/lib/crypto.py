"""Authenticated encryption of single values, and keyed blind indexes for exact search.

A ciphertext is the text token ``v1:<key_id>:<base64url(nonce ‖ ciphertext ‖ tag)>``:

* AES-256-GCM with a fresh random 96-bit nonce per value, so equal plaintexts never give equal
  tokens and any change to the token is detected.
* The associated data binds a token to its place (model, field and row for the encrypted field),
  so a token copied into another row or column fails to decrypt instead of showing the wrong
  person's data.
* The key id names the key in ``settings.ENCRYPTION_KEYRING``: the first key encrypts, all keys
  decrypt, so keys can be rotated (``manage.py rotate_keys``) without downtime.

Settings are read on every call, never cached at import, so that key changes in tests and the
rotation command take effect at once.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from strom.lib.normalise import normalise_for_index

VERSION = "v1"
# Associated data of the TOTP secrets and recovery-code seeds that allauth stores through
# strom.accounts.adapters.MFAAdapter; rotate_keys uses it too, so it lives here, once.
MFA_SECRET_AD = b"allauth.mfa.totp"

_NONCE_BYTES = 12
_TAG_BYTES = 16
_TOKEN = re.compile(r"v1:(?P<key_id>[A-Za-z0-9]+):(?P<body>[A-Za-z0-9_-]+={0,2})")


class DecryptionError(Exception):
    """A token could not be decrypted. The message never holds plaintext or key material."""


def _keyring() -> dict[str, bytes]:
    ring = settings.ENCRYPTION_KEYRING
    if not ring:
        raise ImproperlyConfigured("settings.ENCRYPTION_KEYRING holds no key.")
    return ring


def current_key_id() -> str:
    """The id of the key new values are encrypted with (the keyring's first entry)."""
    return next(iter(_keyring()))


def encrypt(plaintext: str, associated_data: bytes) -> str:
    if not isinstance(plaintext, str):
        raise TypeError("encrypt() takes text; encode other values before encrypting them.")
    key_id, key = next(iter(_keyring().items()))
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), associated_data)
    return f"{VERSION}:{key_id}:{base64.urlsafe_b64encode(nonce + sealed).decode('ascii')}"


def _parse(token: str) -> tuple[str, bytes]:
    """Split a token into key id and raw bytes, refusing anything that is not a v1 token."""
    if not isinstance(token, str):
        raise DecryptionError("Not a ciphertext token.")
    if not token.startswith(f"{VERSION}:"):
        # Never echo the token: a plaintext that ended up here by mistake must not reach a log.
        raise DecryptionError("Unsupported ciphertext version or not a ciphertext.")
    match = _TOKEN.fullmatch(token)
    if match is None:
        raise DecryptionError("Malformed ciphertext token.")
    try:
        raw = base64.urlsafe_b64decode(match["body"])
    except (binascii.Error, ValueError):
        raise DecryptionError("Malformed ciphertext token (bad base64).") from None
    if len(raw) < _NONCE_BYTES + _TAG_BYTES:
        raise DecryptionError("Malformed ciphertext token (too short).")
    return match["key_id"], raw


def decrypt(token: str, associated_data: bytes) -> str:
    key_id, raw = _parse(token)
    key = _keyring().get(key_id)
    if key is None:
        raise DecryptionError(f"Unknown key id {key_id!r}; is it missing from STROM_ENCRYPTION_KEYS?")
    try:
        data = AESGCM(key).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], associated_data)
        return data.decode("utf-8")
    except InvalidTag:
        raise DecryptionError(
            "Authentication failed: wrong key, wrong associated data (token moved to another "
            "row or field) or altered ciphertext."
        ) from None
    except UnicodeDecodeError:
        # The exception object would carry the decrypted bytes; drop it.
        raise DecryptionError("Decrypted value is not text.") from None


# --- Files -------------------------------------------------------------------------------------
# A sealed file is ``STROM-FILE-v1 <key_id>\n`` followed by nonce ‖ ciphertext ‖ tag: the header names
# the key so that rotation works for files as for values; the associated data binds the file to its
# storage name, so a file copied over another one fails to decrypt instead of serving the wrong document.
_FILE_MAGIC = b"STROM-FILE-v1 "
_FILE_HEADER = re.compile(rb"STROM-FILE-v1 (?P<key_id>[A-Za-z0-9]+)\n")


def encrypt_bytes(data: bytes, associated_data: bytes) -> bytes:
    key_id, key = next(iter(_keyring().items()))
    nonce = os.urandom(_NONCE_BYTES)
    return _FILE_MAGIC + key_id.encode("ascii") + b"\n" + nonce + AESGCM(key).encrypt(nonce, data, associated_data)


def file_key_id(sealed: bytes) -> str:
    """The key id in a sealed file's header (its first line); DecryptionError if there is none."""
    match = _FILE_HEADER.match(sealed[:64])
    if match is None:
        raise DecryptionError("Not an encrypted file, or an unsupported version.")
    return match["key_id"].decode("ascii")


def sealed_overhead(key_id: str) -> int:
    """How many bytes a sealed file has more than its content (header, nonce and tag)."""
    return len(_FILE_MAGIC) + len(key_id) + 1 + _NONCE_BYTES + _TAG_BYTES


def decrypt_bytes(sealed: bytes, associated_data: bytes) -> bytes:
    key_id = file_key_id(sealed)
    key = _keyring().get(key_id)
    if key is None:
        raise DecryptionError(f"Unknown key id {key_id!r}; is it missing from STROM_ENCRYPTION_KEYS?")
    body = sealed[len(_FILE_MAGIC) + len(key_id) + 1:]
    if len(body) < _NONCE_BYTES + _TAG_BYTES:
        raise DecryptionError("Malformed encrypted file (too short).")
    try:
        return AESGCM(key).decrypt(body[:_NONCE_BYTES], body[_NONCE_BYTES:], associated_data)
    except InvalidTag:
        raise DecryptionError(
            "Authentication failed: wrong key, file moved to another name, or altered content."
        ) from None


def key_id_of(token: str) -> str:
    return _parse(token)[0]


def needs_rotation(token: str) -> bool:
    """True if ``token`` is encrypted with another key than the current one."""
    return key_id_of(token) != current_key_id()


def reencrypt(token: str, associated_data: bytes, new_associated_data: bytes | None = None) -> str:
    """The same plaintext encrypted again with the current key (and new associated data, if given)."""
    plaintext = decrypt(token, associated_data)
    return encrypt(plaintext, associated_data if new_associated_data is None else new_associated_data)


def blind_index(value: str, purpose: str) -> str:
    """Hex HMAC-SHA256 of the normalised ``value`` under a key used for ``purpose`` only.

    Each purpose (in practice: each indexed field) gets its own key derived with HKDF, so equal
    values in two fields give unrelated indexes and one index column cannot be joined to another.
    """
    key = _purpose_key(settings.BLIND_INDEX_KEY, purpose)
    return hmac.new(key, normalise_for_index(value).encode("utf-8"), hashlib.sha256).hexdigest()


@lru_cache(maxsize=256)
def _purpose_key(master: bytes, purpose: str) -> bytes:
    # Keyed by the master key too, so a changed BLIND_INDEX_KEY (tests, rotation) is never stale.
    if len(master) < 32:
        raise ImproperlyConfigured("settings.BLIND_INDEX_KEY must be at least 32 bytes.")
    if not purpose:
        raise ValueError("A blind index needs a purpose.")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode("utf-8"))
    return hkdf.derive(master)
