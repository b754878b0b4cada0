"""Re-encrypt every stored value that is not encrypted with the current key.

Run it after prepending a new key to STROM_ENCRYPTION_KEYS and restarting the application; once
it reports no failures, the old key can be removed from the ring. Values are written with
``QuerySet.update`` by primary key, one transaction per batch, with the batch's rows locked
(``select_for_update``) so a concurrent save is neither lost nor overwritten, and no ``save()``
side effects (signals, history rows, timestamps) fire. Plaintext is never printed; failures are
reported by primary key (a UUID) only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models.functions import Cast

from strom.audit.services import record
from strom.lib import crypto
from strom.lib.fields import EncryptedTextField, Sealed
from strom.lib.storage import EncryptedFileSystemStorage

# Values allauth keeps encrypted through the MFA adapter, by authenticator type.
MFA_SECRET_KEYS = {"totp": ("secret",), "recovery_codes": ("seed", "migrated_codes")}
MAX_LISTED_FAILURES = 20


@dataclass
class Tally:
    rotated: int = 0
    failed: dict[str, list[str]] = field(default_factory=dict)
    unencrypted: dict[str, int] = field(default_factory=dict)


def encrypted_columns():
    """(model, field) for every EncryptedTextField stored in a table of an installed model."""
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for f in model._meta.local_concrete_fields:  # inherited fields belong to the parent's table
            if isinstance(f, EncryptedTextField):
                yield model, f


def encrypted_file_fields():
    """(model, field) for every FileField whose storage encrypts (strom.lib.storage)."""
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for f in model._meta.local_concrete_fields:
            if isinstance(f, models.FileField) and isinstance(f.storage, EncryptedFileSystemStorage):
                yield model, f


def stale_rows(model, f, current_key_id: str):
    """Rows whose token is not under the current key (pre-filtered in SQL, checked again in Python).

    The field refuses lookups on purpose; a Cast to plain text allows this one prefix test.
    """
    token = Cast(f.attname, output_field=models.TextField())
    return (
        model._base_manager.alias(_token=token)
        .filter(_token__isnull=False)
        .exclude(_token="")
        .exclude(_token__startswith=f"{crypto.VERSION}:{current_key_id}:")
    )


class Command(BaseCommand):
    help = "Re-encrypt encrypted fields and MFA secrets that are not under the current key."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="rows per transaction (500)")
        parser.add_argument("--dry-run", action="store_true", help="only count what would change")

    def handle(self, *args, batch_size: int, dry_run: bool, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        current = crypto.current_key_id()
        tally = Tally()
        for model, f in encrypted_columns():
            self.rotate_column(model, f, current, batch_size, dry_run, tally)
        if apps.is_installed("allauth.mfa"):
            self.rotate_mfa_secrets(batch_size, dry_run, tally)
        self.rotate_files(dry_run, tally)
        self.summarise(tally, current, dry_run)

    # --- model fields -------------------------------------------------------------------------

    def rotate_column(self, model, f, current, batch_size, dry_run, tally):
        label = f"{model._meta.label_lower}.{f.name}"
        stale = stale_rows(model, f, current)
        total = stale.count()
        if dry_run or not total:
            self.stdout.write(f"{label}: {total} to re-encrypt")
            tally.rotated += total if dry_run else 0
            return
        done, last_pk = 0, None
        while True:
            with transaction.atomic():
                batch = self.lock_batch(stale, f, last_pk, batch_size)
                if not batch:
                    break
                done += self.rotate_batch(model, f, batch, label, tally)
                last_pk = batch[-1][0]
            self.stdout.write(f"{label}: {done}/{total}")
        tally.rotated += done

    @staticmethod
    def lock_batch(stale, f, last_pk, batch_size):
        # Keyset pagination by pk: failed rows stay stale but are never read twice.
        rows = stale.select_for_update().order_by("pk")
        if last_pk is not None:
            rows = rows.filter(pk__gt=last_pk)
        return list(rows.values_list("pk", f.attname)[:batch_size])

    @staticmethod
    def rotate_batch(model, f, batch, label, tally) -> int:
        done = 0
        for pk, sealed in batch:
            try:
                if not crypto.needs_rotation(sealed.token):
                    continue  # SQLite's LIKE ignores case; the exact test is here
                token = crypto.reencrypt(sealed.token, f.associated_data_for_pk(pk))
            except crypto.DecryptionError:
                tally.failed.setdefault(label, []).append(str(pk))
                continue
            model._base_manager.filter(pk=pk).update(**{f.attname: Sealed(token)})
            done += 1
        return done

    # --- allauth MFA secrets ------------------------------------------------------------------

    def rotate_mfa_secrets(self, batch_size, dry_run, tally):
        from allauth.mfa.models import Authenticator

        label = "allauth.mfa.authenticator.data"
        rows = Authenticator.objects.filter(type__in=list(MFA_SECRET_KEYS)).order_by("pk")
        total = sum(1 for _, kind, data in rows.values_list("pk", "type", "data").iterator()
                    if self.mfa_is_stale(kind, data))
        if dry_run or not total:
            self.stdout.write(f"{label}: {total} to re-encrypt")
            tally.rotated += total if dry_run else 0
            return
        done, last_pk = 0, None
        while True:
            with transaction.atomic():
                page = rows.select_for_update()
                page = list((page.filter(pk__gt=last_pk) if last_pk is not None else page)[:batch_size])
                if not page:
                    break
                done += sum(self.rotate_authenticator(a, label, tally) for a in page)
                last_pk = page[-1].pk
            self.stdout.write(f"{label}: {done}/{total}")
        tally.rotated += done

    @staticmethod
    def mfa_values(kind, data):
        """(key, index or None, value) of each adapter-encrypted value in an authenticator's data."""
        for key in MFA_SECRET_KEYS.get(kind, ()):
            value = data.get(key)
            if isinstance(value, list):
                yield from ((key, i, item) for i, item in enumerate(value))
            elif value is not None:
                yield key, None, value

    def mfa_is_stale(self, kind, data) -> bool:
        current_prefix = f"{crypto.VERSION}:{crypto.current_key_id()}:"
        return any(isinstance(v, str) and not v.startswith(current_prefix)
                   for _, _, v in self.mfa_values(kind, data))

    def rotate_authenticator(self, authenticator, label, tally) -> int:
        data, changed = dict(authenticator.data), 0
        for key, index, value in list(self.mfa_values(authenticator.type, data)):
            if not (isinstance(value, str) and value.startswith(f"{crypto.VERSION}:")):
                # Stored in the clear: the MFA adapter was not encrypting yet. Leave it for allauth.
                tally.unencrypted[label] = tally.unencrypted.get(label, 0) + 1
                continue
            try:
                if not crypto.needs_rotation(value):
                    continue
                new = crypto.reencrypt(value, crypto.MFA_SECRET_AD)
            except crypto.DecryptionError:
                tally.failed.setdefault(label, []).append(str(authenticator.pk))
                return 0  # leave the whole row untouched
            if index is None:
                data[key] = new
            else:
                data[key] = [*data[key][:index], new, *data[key][index + 1:]]
            changed += 1
        if changed:
            type(authenticator).objects.filter(pk=authenticator.pk).update(data=data)
        return int(bool(changed))

    # --- encrypted files ----------------------------------------------------------------------

    def rotate_files(self, dry_run, tally):
        """Files of every FileField kept in an encrypted storage, re-encrypted one by one in place."""
        for model, f in encrypted_file_fields():
            label = f"{model._meta.label_lower}.{f.name}"
            names = model._base_manager.exclude(**{f.attname: ""}).values_list("pk", f.attname)
            done = 0
            for pk, name in names.iterator():
                try:
                    if not f.storage.exists(name) or not f.storage.needs_rotation(name):
                        continue
                    if not dry_run:
                        f.storage.reencrypt(name)
                    done += 1
                except crypto.DecryptionError:
                    tally.failed.setdefault(label, []).append(str(pk))
            self.stdout.write(f"{label}: {done} file(s) {'to re-encrypt' if dry_run else 're-encrypted'}")
            tally.rotated += done

    # --- report -------------------------------------------------------------------------------

    def summarise(self, tally, current, dry_run):
        for label, count in tally.unencrypted.items():
            self.stderr.write(f"{label}: {count} value(s) are not encrypted at all; left unchanged.")
        for label, pks in tally.failed.items():
            shown = ", ".join(pks[:MAX_LISTED_FAILURES]) + (" …" if len(pks) > MAX_LISTED_FAILURES else "")
            self.stderr.write(f"{label}: {len(pks)} value(s) could not be decrypted (pk: {shown})")
        if dry_run:
            self.stdout.write(f"Dry run: {tally.rotated} row(s) would be re-encrypted to key {current}.")
            return
        failed = sum(len(pks) for pks in tally.failed.values())
        record("keys.rotated", detail={"rows": tally.rotated, "to_key": current, "failed": failed})
        self.stdout.write(f"Re-encrypted {tally.rotated} row(s) to key {current}; {failed} failed.")
        if failed:
            raise CommandError(
                f"{failed} value(s) could not be decrypted with any key in the ring; keep the old "
                "keys until they are investigated."
            )
