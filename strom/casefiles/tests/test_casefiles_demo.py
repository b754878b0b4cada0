"""The demo notes: three sensitivities on Amber-Heron-1001, written once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from strom.casefiles.demo import DEMO_NOTES
from strom.casefiles.models import Note

pytestmark = pytest.mark.django_db


def test_load_demo_writes_the_demo_notes_once():
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    notes = Note.objects.filter(case__person__pseudonym="Amber-Heron-1001")
    assert sorted((n.title, n.sensitivity) for n in notes) == sorted((t, s) for t, s, _text in DEMO_NOTES)
    assert {n.author.username for n in notes} == {"case.manager"}
