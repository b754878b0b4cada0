"""Test-only models. Their table is created and dropped by the tests (no migrations)."""

import uuid

from django.db import models

from strom.lib.fields import BlindIndexField, EncryptedTextField


class Note(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = EncryptedTextField(blank=True, default="")
    name_index = BlindIndexField(source="name")
    body = EncryptedTextField(null=True, blank=True)

    class Meta:
        app_label = "strom_lib_tests"

    def __str__(self) -> str:
        return f"note {self.pk}"  # never the encrypted name
