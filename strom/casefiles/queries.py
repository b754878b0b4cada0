"""Scoped reads of notes and documents: always through `policies.readable_q`.

Callers first get the case with `cases.queries.get_case_for` (404 to outsiders). A note or document
the actor may not read is a 404 too: she learns nothing, not even that it exists. Every read of note
text is an audit event naming the notes (ids, never text); every download names the document.
"""

from __future__ import annotations

from django.http import Http404

from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.casefiles.models import Document, Note
from strom.casefiles.policies import readable_q, require_author


def notes_of(actor: Actor, case):
    """The notes of `case` the actor may read (withdrawn ones too), newest first — without auditing:
    for titles only (timeline, lists). Whoever shows the text calls `record_notes_read`."""
    return (Note.objects.filter(readable_q(actor, case), case=case).select_related("author", "organisation")
            .order_by("-created", "-id"))


def record_notes_read(actor: Actor, case, notes, request=None) -> None:
    shown = [str(note.pk) for note in notes if not note.is_withdrawn]
    if shown:
        record("casefiles.notes_read", actor=actor.user, organisation=actor.organisation, target=case,
               fields=["title", "text"], detail={"notes": shown}, request=request)


def notes_to_read(actor: Actor, case, request=None) -> list[Note]:
    """The readable notes with their text; the read is recorded."""
    notes = list(notes_of(actor, case))
    record_notes_read(actor, case, notes, request=request)
    return notes


def note_of(actor: Actor, case, note_id) -> Note:
    note = notes_of(actor, case).filter(pk=note_id).first()
    if note is None:
        raise Http404
    return note


def note_to_change(actor: Actor, case, note_id) -> Note:
    """Her own note to edit or withdraw: 404 when unreadable, a recorded 403 when not hers."""
    note = note_of(actor, case, note_id)
    note.case = case
    require_author(actor, note)
    return note


def documents_of(actor: Actor, case):
    return (Document.objects.filter(readable_q(actor, case), case=case).select_related("author", "organisation")
            .order_by("-created", "-id"))


def documents_to_list(actor: Actor, case, request=None) -> list[Document]:
    """The readable documents with their original file names (which may name the person): recorded."""
    documents = list(documents_of(actor, case))
    if documents:
        record("casefiles.documents_listed", actor=actor.user, organisation=actor.organisation, target=case,
               fields=["name"], detail={"documents": [str(document.pk) for document in documents]},
               request=request)
    return documents


def document_of(actor: Actor, case, document_id) -> Document:
    document = documents_of(actor, case).filter(pk=document_id).first()
    if document is None:
        raise Http404
    document.case = case
    return document


def document_to_withdraw(actor: Actor, case, document_id) -> Document:
    document = document_of(actor, case, document_id)
    require_author(actor, document)
    return document


def document_content(actor: Actor, case, document_id, request=None) -> tuple[Document, bytes]:
    """The plaintext of a readable, not withdrawn document; the download is recorded."""
    from django.core.files.storage import default_storage

    document = document_of(actor, case, document_id)
    if document.is_withdrawn or not document.file:
        raise Http404
    try:
        with default_storage.open(document.file.name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError as missing:
        raise Http404 from missing
    record("casefiles.document_downloaded", actor=actor.user, organisation=actor.organisation, target=document,
           fields=["file"], detail={"case": str(case.pk)}, request=request)
    return document, data
