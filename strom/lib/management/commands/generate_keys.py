"""Print a ready-to-source env file with fresh secrets, or a key ring with a new key prepended.

    uv run manage.py generate_keys > /etc/strom/strom.env      # a new installation
    echo "$STROM_ENCRYPTION_KEYS" | uv run manage.py generate_keys --add-to -   # key rotation

With ``--add-to`` only ``STROM_ENCRYPTION_KEYS`` is printed: a fresh blind-index or audit key
would silently break every blind index and the audit chain's verification. Reading the ring from
stdin (``-``) keeps the keys out of shell history and the process list.

Needs no database and no other secret, so a fresh machine can bootstrap with
``uv run python -m strom.lib.management.commands.generate_keys``.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
import sys
from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError
from django.core.management.utils import get_random_secret_key

from strom.lib import config

HEADER = (
    "# Strom secrets, generated {when}. Keep this file private (chmod 600) and out of version control.\n"
    "# Back up STROM_ENCRYPTION_KEYS and STROM_BLIND_INDEX_KEY apart from the database backups:\n"
    "# without them the encrypted data cannot be read or searched."
)


def fresh_key() -> str:
    return base64.b64encode(os.urandom(32)).decode("ascii")


def sh_quote(value: str) -> str:
    """Always single-quoted, so `$`, `#`, `!` and spaces stay literal when the file is sourced."""
    return "'" + value.replace("'", "'\"'\"'") + "'"


def secret_key() -> str:
    # Django's 50 characters plus 32 URL-safe ones: well past the 50-character minimum of settings.
    return get_random_secret_key() + secrets.token_urlsafe(24)


def next_key_id(ring: dict[str, bytes]) -> str:
    numbers = [int(key_id[1:]) for key_id in ring if re.fullmatch(r"k\d+", key_id)]
    return f"k{max(numbers, default=0) + 1}"


def ring_value(ring: dict[str, str]) -> str:
    return ",".join(f"{key_id}:{key}" for key_id, key in ring.items())


class Command(BaseCommand):
    help = "Print fresh secrets as an env file (or, with --add-to, a key ring with a new first key)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--add-to", metavar="RING",
            help="existing STROM_ENCRYPTION_KEYS value ('-' reads it from stdin); prints the ring "
                 "with a new key first and nothing else",
        )

    def handle(self, *args, add_to: str | None = None, **options):
        lines = [HEADER.format(when=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))]
        if add_to is None:
            lines += self.new_installation()
        else:
            lines += self.rotated_ring(sys.stdin.read().strip() if add_to == "-" else add_to)
        self.stdout.write("\n".join(lines))

    @staticmethod
    def new_installation() -> list[str]:
        values = {
            "STROM_SECRET_KEY": secret_key(),
            "STROM_ENCRYPTION_KEYS": f"k1:{fresh_key()}",
            "STROM_BLIND_INDEX_KEY": fresh_key(),
            "STROM_AUDIT_KEY": fresh_key(),
        }
        return [f"{name}={sh_quote(value)}" for name, value in values.items()]

    @staticmethod
    def rotated_ring(existing: str) -> list[str]:
        try:
            ring = config.keyring("--add-to", existing)
        except config.ConfigError as exc:
            raise CommandError(str(exc)) from None
        new_id = next_key_id(ring)
        encoded = {key_id: base64.b64encode(key).decode("ascii") for key_id, key in ring.items()}
        value = ring_value({new_id: fresh_key(), **encoded})
        return [
            f"# New key {new_id} first; keep the old keys until `manage.py rotate_keys` reports no failures.",
            f"STROM_ENCRYPTION_KEYS={sh_quote(value)}",
        ]


if __name__ == "__main__":
    Command().run_from_argv(["manage.py", "generate_keys", *sys.argv[1:]])
