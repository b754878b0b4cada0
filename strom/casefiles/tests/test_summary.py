"""The case summary: page and PDF from one template, the registered sections, identity only for those
who may see it (recorded), and no PDF for emergency access."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest
from django.urls import reverse

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.casefiles import services
from strom.cases import summary
from strom.testing import sign_in

pytestmark = pytest.mark.django_db


def pdf_text_bytes(pdf: bytes) -> bytes:
    """The PDF's bytes with its compressed streams inflated (the document information included)."""
    inflated = [pdf]
    # Up to the newline before "endstream" only: a compressed stream may itself end in a carriage return
    # (one random byte in 256), which an optional "\r?" would cut off. A decompressor object then ignores
    # the end-of-line bytes after the stream's own end.
    for stream in re.findall(rb"stream\r?\n(.*?)\nendstream", pdf, re.S):
        try:
            inflated.append(zlib.decompressobj().decompress(stream))
        except zlib.error:
            continue
    return b"".join(inflated)


@pytest.fixture
def noted(people):
    actor = actor_for_user(people.author)
    services.add_note(actor, people.case, title="Shared title", text="Shared text 777", sensitivity="case")
    services.add_note(actor, people.case, title="Private title", text="Private text 888", sensitivity="author")
    return people


def test_the_summary_page_shows_the_case_the_identity_and_the_readable_notes(client, noted):
    sign_in(client, noted.other_reader)
    response = client.get(reverse("cases:summary", args=[noted.case.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert noted.case.person.pseudonym in page and "Testa" in page  # the shelter reads the identity
    assert "Shared text 777" in page and "Private text 888" not in page
    assert AuditEvent.objects.filter(action="person.identity_viewed", actor=noted.other_reader).exists()
    assert AuditEvent.objects.filter(action="casefiles.notes_read", actor=noted.other_reader).exists()


def test_the_pdf_is_a_pdf_with_the_pseudonym(client, noted):
    sign_in(client, noted.author)
    response = client.get(reverse("cases:summary_pdf", args=[noted.case.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="case-summary.pdf"'
    assert noted.case.person.pseudonym.encode() in pdf_text_bytes(response.content)


def test_emergency_access_reads_on_screen_but_gets_no_pdf(client, noted):
    sign_in(client, noted.emergency)
    page = client.get(reverse("cases:summary", args=[noted.case.pk]))
    assert page.status_code == 200 and "Private text 888" not in page.content.decode()
    assert client.get(reverse("cases:summary_pdf", args=[noted.case.pk])).status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied", actor=noted.emergency).exists()


def test_an_outsider_gets_404(client, noted):
    sign_in(client, noted.outsider)
    assert client.get(reverse("cases:summary", args=[noted.case.pk])).status_code == 404
    assert client.get(reverse("cases:summary_pdf", args=[noted.case.pk])).status_code == 404


def test_a_registered_section_appears_in_its_order(client, noted, monkeypatch, settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], Path(__file__).parent / "templates"]}]
    monkeypatch.setattr(summary, "SECTIONS", dict(summary.SECTIONS))  # the registration ends with the test
    summary.register_section("casefiles/test_section.html", lambda actor, case, request: {"word": "Zanzibar"}, 5)
    summary.register_section("casefiles/test_section.html#none", lambda actor, case, request: None, 6)
    sign_in(client, noted.author)
    page = client.get(reverse("cases:summary", args=[noted.case.pk])).content.decode()
    assert "Section word: Zanzibar" in page
    assert page.index("Zanzibar") < page.index("Shared text 777")  # order 5 before the notes (30)
