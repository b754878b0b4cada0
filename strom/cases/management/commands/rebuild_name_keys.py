"""Recompute every person's name match keys (and her cases' age group) from the decrypted identity.

Run it after changing STROM_BLIND_INDEX_KEY (the digests depend on it), after upgrading the match
rules in strom/lib/names.py, and once for people recorded before duplicate detection existed.
One transaction per batch; prints counts only.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from strom.audit.services import record
from strom.cases.duplicates import store_name_keys
from strom.cases.models import Person
from strom.cases.services import refresh_age_group

BATCH = 200


class Command(BaseCommand):
    help = "Recompute the name match keys of every person (after a blind-index key rotation or an upgrade)."

    def handle(self, *args, **options):
        people = keys = 0
        ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():
                for person in Person.objects.filter(pk__in=ids[start:start + BATCH]):
                    keys += store_name_keys(person)
                    refresh_age_group(person)
                    people += 1
        record("person.name_keys_rebuilt", detail={"people": people, "keys": keys})
        self.stdout.write(f"name keys rebuilt for {people} people ({keys} keys)")
