"""The notes and documents part of the case summary (registered in apps.py): the documents by type
and date, and the notes the reader may read, with their text (a recorded read)."""

from __future__ import annotations

from strom.casefiles import queries


def summary_context(actor, case, request=None) -> dict:
    notes = [note for note in queries.notes_of(actor, case) if not note.is_withdrawn]
    queries.record_notes_read(actor, case, notes, request=request)
    documents = [d for d in queries.documents_of(actor, case).order_by("kind", "created") if not d.is_withdrawn]
    return {"notes": notes, "documents": documents}
