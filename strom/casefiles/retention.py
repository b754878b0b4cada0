"""Erasure of a case's notes and documents at the end of retention (registered with strom.cases.retention).

Notes keep their row (date, author, sensitivity: what the timeline and statistics count) with title and
text blanked; documents lose their stored file and original name, keeping type, date and size.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db import transaction

from strom.cases.retention import blank_fields


def erase_case_files(case) -> None:
    from strom.casefiles.models import Document, Note

    blank_fields(Note.objects.filter(case=case), "title", "text")
    documents = Document.objects.filter(case=case)
    stored = [name for name in documents.values_list("file", flat=True) if name]
    blank_fields(documents, "name", "withdrawal_reason")
    documents.update(file="")
    # The files go only once the erasure is committed: a rolled-back erasure keeps them.
    transaction.on_commit(lambda: [default_storage.delete(name) for name in stored])
