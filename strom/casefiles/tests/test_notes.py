"""Notes: who reads which sensitivity (a persona matrix), author-only changes, history, audited reads,
the case timeline (titles only)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.casefiles import services
from strom.casefiles.models import Note
from strom.testing import sign_in

pytestmark = pytest.mark.django_db

TITLES = {"case": "Title for the whole case", "team": "Title for the team", "author": "Title for me alone"}
TEXTS = {"case": "Case-wide text 111", "team": "Team text 222", "author": "Private text 333"}


@pytest.fixture
def notes(people):
    actor = actor_for_user(people.author)
    return {level: services.add_note(actor, people.case, title=TITLES[level], text=TEXTS[level], sensitivity=level)
            for level in TITLES}


MATRIX = [
    ("author", {"case", "team", "author"}),
    ("colleague", {"case", "team"}),
    ("other_reader", {"case"}),
    ("emergency", {"case"}),
]


@pytest.mark.parametrize(("persona", "readable"), MATRIX)
def test_each_persona_reads_exactly_the_notes_her_place_allows(client, people, notes, persona, readable):
    sign_in(client, getattr(people, persona))
    page = client.get(reverse("casefiles:files", args=[people.case.pk])).content.decode()
    for level in TITLES:
        assert (TEXTS[level] in page) == (level in readable), level
        assert (TITLES[level] in page) == (level in readable), level
    event = AuditEvent.objects.filter(action="casefiles.notes_read").latest("seq")
    assert set(event.detail["notes"]) == {str(notes[level].pk) for level in readable}
    assert not any(text in str(event.detail) for text in TEXTS.values())


@pytest.mark.parametrize(("persona", "readable"), MATRIX)
def test_the_timeline_shows_the_same_notes_by_title_never_the_text(client, people, notes, persona, readable):
    sign_in(client, getattr(people, persona))
    page = client.get(reverse("cases:detail", args=[people.case.pk])).content.decode()
    for level in TITLES:
        assert (TITLES[level] in page) == (level in readable), level
        assert TEXTS[level] not in page


def test_an_outsider_gets_404_for_the_files_and_each_note(client, people, notes):
    sign_in(client, people.outsider)
    assert client.get(reverse("casefiles:files", args=[people.case.pk])).status_code == 404
    edit = reverse("casefiles:note_edit", args=[people.case.pk, notes["case"].pk])
    assert client.get(edit).status_code == 404


def test_a_note_the_reader_may_not_read_is_a_404_not_a_403(client, people, notes):
    sign_in(client, people.colleague)
    assert client.get(reverse("casefiles:note_edit", args=[people.case.pk, notes["author"].pk])).status_code == 404
    assert client.get(reverse("casefiles:note_edit", args=[people.case.pk, notes["case"].pk])).status_code == 403


def test_only_the_author_edits_and_the_earlier_version_is_kept(client, people, notes):
    note = notes["case"]
    with pytest.raises(PermissionDenied):
        services.edit_note(actor_for_user(people.colleague), note, title="x", text="y", sensitivity="case")
    sign_in(client, people.author)
    response = client.post(reverse("casefiles:note_edit", args=[people.case.pk, note.pk]),
                           {"title": "Changed title", "text": "Changed text", "sensitivity": "team"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.title, note.text, note.sensitivity) == ("Changed title", "Changed text", "team")
    assert note.edited is not None
    versions = [v.text for v in note.history.order_by("history_date")]
    assert versions == [TEXTS["case"], "Changed text"]
    event = AuditEvent.objects.get(action="casefiles.note_edited")
    assert sorted(event.fields) == ["sensitivity", "text", "title"]


def test_bad_input_changes_nothing(client, people, notes):
    sign_in(client, people.author)
    response = client.post(reverse("casefiles:note_add", args=[people.case.pk]),
                           {"title": "", "text": "something", "sensitivity": "case"})
    assert response.status_code == 200 and Note.objects.count() == 3
    with pytest.raises(ValidationError):
        services.add_note(actor_for_user(people.author), people.case, title="t", text="x", sensitivity="everyone")


def test_a_withdrawn_note_stays_shown_as_withdrawn_without_its_text(client, people, notes):
    sign_in(client, people.author)
    url = reverse("casefiles:note_withdraw", args=[people.case.pk, notes["case"].pk])
    assert client.post(url).status_code == 302
    notes["case"].refresh_from_db()
    assert notes["case"].is_withdrawn and Note.objects.count() == 3
    sign_in(client, people.other_reader)
    page = client.get(reverse("casefiles:files", args=[people.case.pk])).content.decode()
    assert TITLES["case"] in page and "withdrawn" in page and TEXTS["case"] not in page
    with pytest.raises(PermissionDenied):  # withdrawn is final, even for the author
        services.edit_note(actor_for_user(people.author), notes["case"], title="a", text="b", sensitivity="case")


def test_break_glass_reads_but_never_writes(client, people, notes):
    sign_in(client, people.emergency)
    assert client.get(reverse("casefiles:note_add", args=[people.case.pk])).status_code == 403
    response = client.post(reverse("casefiles:note_add", args=[people.case.pk]),
                           {"title": "t", "text": "x", "sensitivity": "case"})
    assert response.status_code == 403 and Note.objects.count() == 3


def test_the_note_text_is_encrypted_in_the_database(people, notes):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM casefiles_note")
        stored = [row[0] for row in cursor.fetchall()]
    assert stored and not any(text in value for value in stored for text in TEXTS.values())
