"""Writes to the notes and documents of a case.

Each checks its policy before the transaction (strom.lib.services.service; who may: policies.py),
validates, changes and appends its audit event in the same transaction: bad input raises
ValidationError and changes nothing. Events name the record and the fields, never their values.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.casefiles import uploads
from strom.casefiles.models import Document, DocumentKind, Note, Sensitivity
from strom.casefiles.policies import require_adding, require_author
from strom.lib.services import service

MAX_TITLE = 200
MAX_TEXT = 20000
MIN_REASON = 5


def _event(action, actor: Actor, target, *, fields=(), request=None, detail=None) -> None:
    record(action, actor=actor.user, organisation=actor.organisation, target=target, fields=list(fields),
           detail=detail, request=request)


def _checked_note(title: str, text: str, sensitivity: str) -> tuple[str, str, str]:
    title, text = (title or "").strip(), (text or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Give the note a short title.")
    elif len(title) > MAX_TITLE:
        errors["title"] = _("The title is longer than %(max)s characters.") % {"max": MAX_TITLE}
    if not text:
        errors["text"] = _("Write the note.")
    elif len(text) > MAX_TEXT:
        errors["text"] = _("The note is longer than %(max)s characters.") % {"max": MAX_TEXT}
    if sensitivity not in Sensitivity.values:
        errors["sensitivity"] = _("Choose who may read it.")
    if errors:
        raise ValidationError(errors)
    return title, text, sensitivity


def _save(actor: Actor, item) -> None:
    item._history_user = actor.user
    item.save()


@service(require_adding)
def add_note(actor: Actor, case, *, title: str, text: str, sensitivity: str = Sensitivity.CASE,
             request=None) -> Note:
    title, text, sensitivity = _checked_note(title, text, sensitivity)
    note = Note(case=case, title=title, text=text, sensitivity=sensitivity, author=actor.user,
                organisation=actor.organisation, created=timezone.now())
    _save(actor, note)
    _event("casefiles.note_added", actor, note, fields=["title", "text", "sensitivity"], request=request,
           detail={"case": str(case.pk)})
    return note


@service(require_author)
def edit_note(actor: Actor, note: Note, *, title: str, text: str, sensitivity: str, request=None) -> list[str]:
    """The author changes her note; the earlier version stays in the note's history."""
    title, text, sensitivity = _checked_note(title, text, sensitivity)
    changed = [name for name, value in (("title", title), ("text", text), ("sensitivity", sensitivity))
               if getattr(note, name) != value]
    if changed:
        note.title, note.text, note.sensitivity, note.edited = title, text, sensitivity, timezone.now()
        _save(actor, note)
        _event("casefiles.note_edited", actor, note, fields=changed, request=request,
               detail={"case": str(note.case_id)})
    return changed


@service(require_author)
def withdraw_note(actor: Actor, note: Note, *, request=None) -> None:
    """The note stays (its history too) and is shown as withdrawn; its text is no longer shown."""
    note.withdrawn = timezone.now()
    _save(actor, note)
    _event("casefiles.note_withdrawn", actor, note, request=request, detail={"case": str(note.case_id)})


def checked_upload(upload) -> tuple[bytes, str]:
    """The bytes and their sniffed content type; ValidationError (on "file") for a file not kept."""
    if upload is None:
        raise ValidationError({"file": _("Choose a file.")})
    if upload.size > uploads.max_bytes():
        raise ValidationError({"file": uploads.too_large_message()})
    upload.seek(0)
    data = upload.read()
    if not data:
        raise ValidationError({"file": _("The file is empty.")})
    content_type = uploads.sniff(data)
    if not content_type:
        raise ValidationError({"file": uploads.wrong_type_message()})
    return data, content_type


@service(require_adding)
def add_document(actor: Actor, case, *, upload, kind: str, sensitivity: str = Sensitivity.CASE,
                 request=None) -> Document:
    """Keep an uploaded file, encrypted at rest; a failure after storing it leaves no file behind."""
    errors = {}
    if kind not in DocumentKind.values:
        errors["kind"] = _("Choose the type of document.")
    if sensitivity not in Sensitivity.values:
        errors["sensitivity"] = _("Choose who may read it.")
    if errors:
        raise ValidationError(errors)
    data, content_type = checked_upload(upload)
    name = ((getattr(upload, "name", "") or "").strip() or "document")[:250]
    document = Document(case=case, kind=kind, name=name, content_type=content_type, size=len(data),
                        sensitivity=sensitivity, author=actor.user, organisation=actor.organisation,
                        created=timezone.now())
    stored = ""
    try:
        document.file.save("document", ContentFile(data), save=False)
        stored = document.file.name
        _save(actor, document)
        _event("casefiles.document_added", actor, document, fields=["file", "kind", "sensitivity"],
               request=request, detail={"case": str(case.pk)})
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise
    return document


@service(require_author)
def withdraw_document(actor: Actor, document: Document, *, reason: str, request=None) -> None:
    """The row stays, with the reason; the file is erased from storage once this is committed."""
    from django.db import transaction

    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise ValidationError({"reason": _("Say why the document is withdrawn.")})
    stored = document.file.name
    document.withdrawn, document.withdrawn_by, document.withdrawal_reason = timezone.now(), actor.user, reason
    document.file = ""
    _save(actor, document)
    _event("casefiles.document_withdrawn", actor, document, fields=["file", "withdrawal_reason"],
           request=request, detail={"case": str(document.case_id)})
    if stored:
        transaction.on_commit(lambda: default_storage.delete(stored))
