"""A case's notes as entries of its timeline: when, who, title and sensitivity — never the text.
Only the notes the reader may read (policies.readable_q)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from strom.casefiles.queries import notes_of


@dataclass(frozen=True)
class NoteEntry:
    at: datetime
    author: str
    title: str
    sensitivity: str
    withdrawn: bool
    url: str
    kind: str = "note"


def note_entries(case, actor) -> list[NoteEntry]:
    return [NoteEntry(at=note.created, author=note.author.display_name or note.author.username,
                      title=note.title, sensitivity=note.get_sensitivity_display(), withdrawn=note.is_withdrawn,
                      url=reverse("casefiles:files", args=[case.pk]) + f"#note-{note.pk}")
            for note in notes_of(actor, case)]
