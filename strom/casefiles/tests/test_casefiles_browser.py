"""The notes and documents page in a real browser: WCAG 2.1 A/AA by axe-core on the page, the note form
(empty and with errors) and the upload form, and a note written with the keyboard alone."""

from __future__ import annotations

import pytest

from strom.accounts.policies import actor_for_user
from strom.casefiles import services
from strom.casefiles.models import Note
from strom.cases.tests.helpers import open_shelter_case
from strom.testing_browser import (
    browser,  # noqa: F401 — a pytest fixture
    check_accessibility,
    go,
    heading,
    page,  # noqa: F401 — a pytest fixture
    with_session_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(browser_page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches `selector` (keyboard only: no clicks, no focus())."""
    for _ in range(limit):
        if browser_page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        browser_page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def activate(browser_page, selector: str) -> None:
    tab_to(browser_page, selector)
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")


def test_notes_and_documents_with_the_keyboard_alone(page, live_server, network, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path / "media"
    case = open_shelter_case(network)
    services.add_note(actor_for_user(network.case_manager), case, title="Earlier note", text="Earlier text",
                      sensitivity="team")
    with_session_of(page, live_server, network.case_manager)
    go(page, live_server, f"/cases/{case.pk}/files/")
    assert heading(page) == "Notes and documents"
    check_accessibility(page, "case-files")

    activate(page, f'a[href="/cases/{case.pk}/files/notes/new/"]')
    assert heading(page) == "Write a note"
    check_accessibility(page, "note-form")
    activate(page, 'button[type="submit"].ds-button[data-variant="primary"]')  # empty: refused, explained
    assert page.locator(".ds-error-summary").count() == 1
    check_accessibility(page, "note-form-errors")
    tab_to(page, 'input[name="title"]')
    page.keyboard.type("Keyboard note")
    tab_to(page, 'textarea[name="text"]')
    page.keyboard.type("Written without a mouse.")
    tab_to(page, 'input[name="sensitivity"]')
    page.keyboard.press("ArrowDown")  # everyone → the case team only
    activate(page, 'button[type="submit"].ds-button[data-variant="primary"]')
    assert heading(page) == "Notes and documents"
    [note] = [n for n in Note.objects.all() if n.title == "Keyboard note"]
    assert (note.text, note.sensitivity) == ("Written without a mouse.", "team")

    go(page, live_server, f"/cases/{case.pk}/files/documents/new/")
    assert heading(page) == "Upload a document"
    check_accessibility(page, "document-form")
    page.set_input_files('input[name="file"]', files=[{"name": "tool.exe", "mimeType": "application/pdf",
                                                       "buffer": b"MZ\x90\x00 a program"}])
    page.select_option('select[name="kind"]', "letter")
    with page.expect_navigation():
        page.get_by_role("button", name="Upload the document").click()
    assert "This type of file cannot be kept" in page.content()
    check_accessibility(page, "document-form-errors")

    go(page, live_server, f"/cases/{case.pk}/summary/")
    assert heading(page) == "Case summary"
    assert "Written without a mouse." in page.content()
    check_accessibility(page, "case-summary")
