"""Notes and documents on a case (issue 5, point 7).

A note's title and text and a document's original name and withdrawal reason are encrypted
(strom.lib.fields); document files go to the default storage, which encrypts them at rest
(strom.lib.storage) under a random name. Nothing is ever deleted: a note or document is *withdrawn*
(it stays in the history, shown as withdrawn); a withdrawn document's file is erased from storage.
Who reads what: the sensitivity level, decided in one place (policies.readable_q).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from strom.lib.fields import EncryptedTextField


class Sensitivity(models.TextChoices):
    CASE = "case", _("Everyone who may read the case")
    TEAM = "team", _("The case team only")
    AUTHOR = "author", _("Only me")


class DocumentKind(models.TextChoices):
    IDENTITY = "identity", _("Identity document")
    MEDICAL = "medical", _("Medical")
    LEGAL = "legal", _("Legal")
    DECISION = "decision", _("Decision")
    LETTER = "letter", _("Letter")
    PHOTO = "photo", _("Photo")
    OTHER = "other", _("Other")


class Note(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="notes")
    title = EncryptedTextField(_("title"))
    text = EncryptedTextField(_("text"))
    sensitivity = models.CharField(_("who may read it"), max_length=10, choices=Sensitivity.choices,
                                   default=Sensitivity.CASE)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("network.Organisation", on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField()
    edited = models.DateTimeField(null=True, blank=True)
    withdrawn = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()  # every edit of title, text or sensitivity is kept

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["case", "created"], name="note_case_created")]

    def __str__(self) -> str:
        return f"note {self.pk}"  # never the title: str() ends up in logs and the admin

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn is not None


def document_path(document, filename: str) -> str:
    """A random name under the case: nothing of the original file name reaches the storage."""
    return f"cases/{document.case_id}/documents/{uuid.uuid4().hex}"


class Document(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("type"), max_length=12, choices=DocumentKind.choices)
    name = EncryptedTextField(_("file name"))  # as uploaded: may name the person, so encrypted
    file = models.FileField(_("file"), upload_to=document_path, max_length=300, blank=True)
    content_type = models.CharField(max_length=100)  # as sniffed from the bytes, never the browser's claim
    size = models.PositiveIntegerField()
    sensitivity = models.CharField(_("who may read it"), max_length=10, choices=Sensitivity.choices,
                                   default=Sensitivity.CASE)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("network.Organisation", on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField()
    withdrawn = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    withdrawal_reason = EncryptedTextField(_("reason"), blank=True)
    history = HistoricalRecords(excluded_fields=["file"])

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["case", "created"], name="document_case_created")]

    def __str__(self) -> str:
        return f"document {self.pk}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn is not None
