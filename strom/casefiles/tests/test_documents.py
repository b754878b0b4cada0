"""Documents: the type from the bytes, the size limit, encrypted at rest, audited download, sensitivity,
withdrawal that erases the file, and key rotation that finds these files."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.casefiles import services, uploads
from strom.casefiles.models import Document
from strom.testing import sign_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"Synthetic passport scan 4242" * 10


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def stored_files(media):
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def upload(client, case, data, *, name="scan.pdf", kind="identity", sensitivity="case", claimed="application/pdf"):
    return client.post(reverse("casefiles:document_add", args=[case.pk]), {
        "file": SimpleUploadedFile(name, data, content_type=claimed), "kind": kind, "sensitivity": sensitivity})


@pytest.mark.parametrize(("data", "expected"), [
    (PDF, uploads.PDF), (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, uploads.PNG),
    (b"\xff\xd8\xff\xe0" + b"\0" * 20, uploads.JPEG),
    ("Plain notes, ĀČĒ\n".encode(), uploads.TEXT), (docx_bytes(), uploads.DOCX),
    (b"MZ\x90\x00\x03\x00\x00\x00", ""), (b"PK\x03\x04 not a zip", ""), (b"#!/bin/sh\x00\x01", ""),
])
def test_the_type_is_read_from_the_bytes(data, expected):
    assert uploads.sniff(data) == expected


def test_an_upload_is_kept_encrypted_and_the_download_is_audited(client, people, media):
    sign_in(client, people.author)
    response = upload(client, people.case, PDF, name="Passport of Testa.pdf")
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.content_type, document.size, document.kind) == ("application/pdf", len(PDF), "identity")
    [path] = stored_files(media)
    raw = path.read_bytes()
    assert PDF not in raw and b"Synthetic passport" not in raw and b"%PDF" not in raw
    assert "Testa" not in str(path)

    sign_in(client, people.other_reader)
    url = reverse("casefiles:document_download", args=[people.case.pk, document.pk])
    assert "Testa" not in url
    response = client.get(url)
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Disposition"].startswith("attachment;") and "Testa" not in response["Content-Disposition"]
    event = AuditEvent.objects.get(action="casefiles.document_downloaded")
    assert event.actor == people.other_reader and event.target_id == str(document.pk)
    client.get(reverse("casefiles:files", args=[people.case.pk]))
    listed = AuditEvent.objects.get(action="casefiles.documents_listed", actor=people.other_reader)
    assert listed.detail == {"documents": [str(document.pk)]} and "Testa" not in str(listed.detail)


def test_a_wrong_type_is_refused_with_a_message_and_nothing_is_stored(client, people, media):
    sign_in(client, people.author)
    response = upload(client, people.case, b"MZ\x90\x00binary program", name="harmless.pdf")
    assert response.status_code == 200
    assert "This type of file cannot be kept" in response.content.decode()
    assert not Document.objects.exists() and stored_files(media) == []


def test_a_too_large_file_is_refused_with_a_message(client, people, media, settings):
    settings.MAX_DOCUMENT_MB = 1
    sign_in(client, people.author)
    response = upload(client, people.case, PDF + b"x" * (1024 * 1024))
    assert response.status_code == 200
    assert "larger than 1 MB" in response.content.decode()
    assert not Document.objects.exists() and stored_files(media) == []


def test_an_outsider_gets_404_and_a_private_document_is_404_to_others(client, people, media):
    actor = actor_for_user(people.author)
    private = services.add_document(actor, people.case, upload=SimpleUploadedFile("a.docx", docx_bytes()),
                                    kind="letter", sensitivity="author")
    team = services.add_document(actor, people.case, upload=SimpleUploadedFile("b.pdf", PDF), kind="legal",
                                 sensitivity="team")
    def status(user, document):
        sign_in(client, user)
        return client.get(reverse("casefiles:document_download", args=[people.case.pk, document.pk])).status_code

    assert status(people.outsider, team) == 404
    assert status(people.colleague, private) == 404 and status(people.colleague, team) == 200
    assert status(people.other_reader, team) == 404 and status(people.emergency, team) == 404
    assert status(people.author, private) == 200
    assert AuditEvent.objects.filter(action="casefiles.document_downloaded").count() == 2


def test_withdrawing_erases_the_file_and_keeps_the_row(client, people, media, django_capture_on_commit_callbacks):
    document = services.add_document(actor_for_user(people.author), people.case,
                                     upload=SimpleUploadedFile("b.pdf", PDF), kind="medical")
    assert len(stored_files(media)) == 1
    sign_in(client, people.colleague)  # not hers: refused
    url = reverse("casefiles:document_withdraw", args=[people.case.pk, document.pk])
    assert client.post(url, {"reason": "Wrong person's file"}).status_code == 403
    sign_in(client, people.author)
    assert client.post(url, {"reason": ""}).status_code == 200  # a reason is needed
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"reason": "Uploaded to the wrong case"}).status_code == 302
    document.refresh_from_db()
    assert document.is_withdrawn and document.withdrawal_reason == "Uploaded to the wrong case"
    assert stored_files(media) == [] and not document.file
    download = reverse("casefiles:document_download", args=[people.case.pk, document.pk])
    assert client.get(download).status_code == 404
    assert "withdrawn" in client.get(reverse("casefiles:files", args=[people.case.pk])).content.decode()


def test_rotate_keys_reencrypts_the_document_files(people, media, settings):
    from io import StringIO

    from django.core.files.storage import default_storage
    from django.core.management import call_command

    from strom.lib.tests.conftest import prepend_key

    document = services.add_document(actor_for_user(people.author), people.case,
                                     upload=SimpleUploadedFile("b.pdf", PDF), kind="legal")
    [path] = stored_files(media)
    before = path.read_bytes()
    prepend_key(settings, "k9")
    assert default_storage.needs_rotation(document.file.name)
    call_command("rotate_keys", stdout=StringIO(), stderr=StringIO())
    assert path.read_bytes() != before and not default_storage.needs_rotation(document.file.name)
    settings.ENCRYPTION_KEYRING = {"k9": settings.ENCRYPTION_KEYRING["k9"]}  # the old key retired
    with default_storage.open(document.file.name) as handle:
        assert handle.read() == PDF


def test_uploads_stay_in_memory_where_django_would_write_a_temporary_file(settings, rf):
    from django.core.files.uploadedfile import InMemoryUploadedFile, TemporaryUploadedFile

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10
    plain = rf.post("/", {"file": SimpleUploadedFile("a.pdf", PDF)})
    assert isinstance(plain.FILES["file"], TemporaryUploadedFile)  # what the memory-only handler prevents
    request = rf.post("/", {"file": SimpleUploadedFile("a.pdf", PDF)})
    uploads.accept_in_memory(request)
    received = request.FILES["file"]
    assert isinstance(received, InMemoryUploadedFile) and received.read() == PDF


def test_the_upload_form_still_checks_csrf_after_swapping_the_upload_handlers(people, media):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    sign_in(client, people.author)
    assert upload(client, people.case, PDF).status_code == 403
    assert not Document.objects.exists() and stored_files(media) == []
    form = client.get(reverse("casefiles:document_add", args=[people.case.pk]))
    token = form.context["csrf_token"]
    response = client.post(reverse("casefiles:document_add", args=[people.case.pk]), {
        "file": SimpleUploadedFile("a.pdf", PDF), "kind": "legal", "sensitivity": "case",
        "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302 and Document.objects.count() == 1


def test_the_case_page_links_the_tab_and_the_summary(client, people):
    sign_in(client, people.other_reader)
    page = client.get(reverse("cases:detail", args=[people.case.pk])).content.decode()
    assert reverse("casefiles:files", args=[people.case.pk]) in page and "Notes and documents" in page
    assert reverse("cases:summary", args=[people.case.pk]) in page
