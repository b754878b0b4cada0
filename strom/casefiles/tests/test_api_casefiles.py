"""Notes and documents through the API: the same sensitivity, author-only changes, audited reads."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from strom.api.tokens import create_token
from strom.audit.models import AuditEvent
from strom.casefiles.models import Document, Note

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\nSynthetic letter of the labour inspectorate\n%%EOF\n"


def bearer(user) -> dict:
    _token, raw = create_token(user, name="casefiles", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_notes_by_sensitivity_and_changes_by_the_author_only(client, people):
    url = reverse("api_case_notes", args=[people.case.pk])
    author = bearer(people.author)
    for level in ("case", "team", "author"):
        response = client.post(url, {"title": f"About {level}", "text": f"Text {level}", "sensitivity": level},
                               content_type="application/json", **author)
        assert response.status_code == 201
    seen = {persona: {n["title"] for n in client.get(url, **bearer(getattr(people, persona))).json()}
            for persona in ("author", "colleague", "other_reader", "emergency")}
    assert seen == {"author": {"About case", "About team", "About author"}, "colleague": {"About case", "About team"},
                    "other_reader": {"About case"}, "emergency": {"About case"}}
    assert client.get(url, **bearer(people.outsider)).status_code == 404
    reads = AuditEvent.objects.filter(action="casefiles.notes_read")
    assert reads.count() == 4 and all("Text" not in str(event.detail) for event in reads)

    note = Note.objects.get(sensitivity="case")
    one = reverse("api_case_note", args=[people.case.pk, note.pk])
    refused = client.patch(one, {"text": "Not mine"}, content_type="application/json", **bearer(people.colleague))
    assert refused.status_code == 403
    changed = client.patch(one, {"text": "Better text"}, content_type="application/json", **author)
    assert changed.status_code == 200 and changed.json()["text"] == "Better text"
    assert changed.json()["title"] == "About case"
    private = Note.objects.get(sensitivity="author")
    hidden = reverse("api_case_note", args=[people.case.pk, private.pk])
    assert client.patch(hidden, {"text": "x"}, content_type="application/json",
                        **bearer(people.colleague)).status_code == 404
    withdrawn = client.post(reverse("api_case_note_withdraw", args=[people.case.pk, note.pk]), **author)
    assert withdrawn.status_code == 200 and withdrawn.json()["text"] == "" and withdrawn.json()["withdrawn"]


def test_documents_upload_download_and_refusals(client, people, media):
    url = reverse("api_case_documents", args=[people.case.pk])
    author = bearer(people.author)
    wrong = client.post(url, {"file": SimpleUploadedFile("x.pdf", b"\x00\x01binary"), "kind": "letter"}, **author)
    assert wrong.status_code == 400 and "file" in wrong.json() and not Document.objects.exists()
    created = client.post(url, {"file": SimpleUploadedFile("letter.pdf", PDF), "kind": "letter",
                                "sensitivity": "case"}, **author)
    assert created.status_code == 201 and created.json()["content_type"] == "application/pdf"
    listed = client.get(url, **bearer(people.other_reader)).json()
    assert [d["kind"] for d in listed] == ["letter"]
    download = reverse("api_case_document_download", args=[people.case.pk, created.json()["id"]])
    response = client.get(download, **bearer(people.other_reader))
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.filter(action="casefiles.document_downloaded", actor=people.other_reader).exists()
    assert client.get(download, **bearer(people.outsider)).status_code == 404
    assert client.post(url, {"file": SimpleUploadedFile("l.pdf", PDF), "kind": "letter"},
                       **bearer(people.emergency)).status_code == 403
    withdraw = reverse("api_case_document_withdraw", args=[people.case.pk, created.json()["id"]])
    assert client.post(withdraw, {"reason": "Duplicate"}, content_type="application/json",
                       **bearer(people.colleague)).status_code == 403
    done = client.post(withdraw, {"reason": "Duplicate"}, content_type="application/json", **author)
    assert done.status_code == 200 and done.json()["withdrawn"]
