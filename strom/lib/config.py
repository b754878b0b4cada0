"""Reading configuration from the environment, failing fast with a message that names the variable.

Used only by ``strom.settings``; kept apart so that each rule is small and testable.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url


class ConfigError(RuntimeError):
    """A configuration value is missing or malformed; the message names the variable."""


TRUE = {"1", "true", "yes", "on"}
KEY_ID = re.compile(r"[A-Za-z0-9]{1,16}")  # as crypto tokens spell it: ASCII letters and digits
FALSE = {"0", "false", "no", "off", ""}


def optional(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def required(name: str, default: str | None = None) -> str:
    value = optional(name) or default
    if not value:
        raise ConfigError(f"{name} is not set. See README.md, section Configuration.")
    return value


def boolean(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} is not a yes/no value; use true or false.")


def choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    value = optional(name) or default
    if value not in allowed:
        raise ConfigError(f"{name}={value!r} is not one of: {', '.join(allowed)}.")
    return value


def integer(name: str, default: int | None, minimum: int = 0) -> int:
    raw = optional(name)
    if raw is None:
        if default is None:
            raise ConfigError(f"{name} is not set. See README.md, section Configuration.")
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not a whole number.") from exc
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}.")
    return value


def csv(name: str, default: str) -> list[str]:
    raw = os.environ.get(name, default)
    return [part.strip() for part in raw.split(",") if part.strip()]


def key_bytes(name: str, value: str, minimum: int = 32) -> bytes:
    """A base64-encoded secret key of at least ``minimum`` bytes."""
    try:
        key = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ConfigError(f"{name} is not valid base64 ({exc}).") from exc
    if len(key) < minimum:
        raise ConfigError(f"{name} must decode to at least {minimum} bytes, not {len(key)}.")
    return key


def keyring(name: str, value: str) -> dict[str, bytes]:
    """``id:base64key,id:base64key``; the first key encrypts, every key decrypts.

    Returns an ordered mapping key id → 32-byte AES-256 key.
    """
    ring: dict[str, bytes] = {}
    for entry in (part.strip() for part in value.split(",")):
        key_id, sep, encoded = entry.partition(":")
        if not sep or not KEY_ID.fullmatch(key_id):
            raise ConfigError(f"{name}: each entry must look like 'k1:<base64 key>' "
                              "(an id of 1–16 ASCII letters and digits).")
        if key_id in ring:
            raise ConfigError(f"{name}: key id {key_id!r} appears twice.")
        key = key_bytes(f"{name} ({key_id})", encoded)
        if len(key) != 32:
            raise ConfigError(f"{name} ({key_id}) must be a 32-byte AES-256 key, not {len(key)} bytes.")
        ring[key_id] = key
    if not ring:
        raise ConfigError(f"{name} holds no key.")
    return ring


def check_url(name: str, value: str, schemes: tuple[str, ...]) -> str:
    scheme = urlsplit(value).scheme
    if scheme not in schemes:
        raise ConfigError(f"{name} must start with one of {', '.join(s + '://' for s in schemes)}.")
    return value


def database(name: str, default: str) -> dict:
    raw = optional(name) or default
    scheme = urlsplit(raw).scheme
    if scheme not in ("sqlite", "postgres", "postgresql", "pgsql"):
        raise ConfigError(f"{name} must be a sqlite:/// or postgresql:// URL, not {scheme or 'empty'}://.")
    try:
        db = dj_database_url.parse(raw, conn_max_age=0 if scheme == "sqlite" else 600, conn_health_checks=True)
    except ValueError as exc:
        raise ConfigError(f"{name} cannot be read: {exc}") from exc
    if db["ENGINE"] == "django.db.backends.sqlite3":
        if db["NAME"] and db["NAME"] != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(db["NAME"])), exist_ok=True)
        # WAL lets readers work beside the one writer; IMMEDIATE takes the write lock at BEGIN so that
        # two writers queue instead of failing half-way with "database is locked".
        db["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
        db["TEST"] = {"NAME": None}
    return db


def email(name: str, default: str | None) -> dict:
    """``smtp://user:password@host:587?tls=true``, ``smtps://…``, ``console:`` or ``memory:``."""
    raw = optional(name) or default
    if not raw:
        raise ConfigError(f"{name} is not set; use smtp://user:password@host:587 or console: for development.")
    parts = urlsplit(raw)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "memory":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ConfigError(f"{name} must be smtp://host:port, smtps://host:port, console: or memory:.")
    query = parse_qs(parts.query)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": parts.scheme == "smtp" and query.get("tls", ["true"])[0].lower() in TRUE,
        "EMAIL_TIMEOUT": 10,
    }
