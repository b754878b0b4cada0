# ruff: noqa: F811 — fixtures come from crisis_helpers and strom.testing_browser.
"""The crisis part in a real browser, by keyboard: the crisis key (on the crisis page and in the contact
form) loads the panel without losing what was typed, sends no notes, and moves the focus to it; a job-offer
check; a crisis contact escalated to a referral to a 24/7 shelter. axe-core (WCAG 2.1 A/AA) on the crisis
view, the job-offer check and every escalation page."""

from __future__ import annotations

import pytest

from strom.hotline.models import Outcome
from strom.hotline.tests.crisis_helpers import contact, make_contact, shelter_24_7  # noqa: F401
from strom.referrals.models import Referral
from strom.testing_browser import (
    browser,  # noqa: F401 — a pytest fixture
    check_accessibility,
    go,
    heading,
    page,  # noqa: F401 — a pytest fixture
    with_session_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def press_link(page, name: str) -> None:
    page.get_by_role("link", name=name).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_crisis_key_job_offer_and_escalation_to_a_24_7_shelter(page, live_server, network, contact,
                                                                 shelter_24_7):
    with_session_of(page, live_server, network.hotline_operator)
    go(page, live_server, "/hotline/crisis/")
    check_accessibility(page, "hotline-crisis")
    page.get_by_label("Municipality").select_option(str(network.riga.pk))
    language = page.get_by_label("Caller's language (ISO 639-1)")
    language.focus()
    page.keyboard.type("uk")
    page.keyboard.press("Alt+Shift+KeyK")  # the crisis key, from inside the form
    # the page shows an empty panel first: wait for the one htmx brings for Rīga
    page.locator("#crisis-panel-heading", has_text="Rīga").wait_for()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'crisis-panel-heading'")
    assert "+371 2000 0247" in page.locator("[data-testid=round-the-clock]").inner_text()
    assert language.input_value() == "uk"  # nothing typed is lost
    check_accessibility(page, "hotline-crisis-panel")
    page.keyboard.press("Escape")
    page.wait_for_function("document.activeElement && document.activeElement.name === 'language'")

    # The same key in the contact form: what was typed stays, and the notes never leave the page.
    go(page, live_server, "/hotline/new/")
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.locator("select[name=municipality]").select_option(str(network.riga.pk))
    notes = page.locator("textarea[name=notes]")
    notes.focus()
    page.keyboard.type("Demo: sleeps in a container")
    page.keyboard.press("Alt+Shift+KeyK")
    page.locator("#crisis-panel-heading", has_text="Rīga").wait_for()
    assert notes.input_value() == "Demo: sleeps in a container"
    crisis_requests = [url for url in asked if "/hotline/crisis/" in url]
    assert crisis_requests and not any("container" in url for url in crisis_requests)

    abroad = make_contact(network, topic="working_abroad", destination_country="NO", language="lv",
                          reference="J0B0FR")
    go(page, live_server, f"/hotline/contacts/{abroad.pk}/job-offer/")
    assert heading(page) == "Job-offer check"
    check_accessibility(page, "hotline-job-offer")
    page.locator("input[name=q_no_fee][value=no]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save the answers").click()
    summary = page.get_by_label("Summary (plain text, in the caller's language)").input_value()
    assert "Norvēģija" in summary and "J0B-0FR" in summary
    check_accessibility(page, "hotline-job-offer-summary")

    go(page, live_server, f"/hotline/contacts/{contact.pk}/escalate/")
    check_accessibility(page, "hotline-escalate")
    press_link(page, "Start a screening from the contact")
    check_accessibility(page, "hotline-escalate-screening")
    go(page, live_server, f"/hotline/contacts/{contact.pk}/escalate/case/")
    check_accessibility(page, "hotline-escalate-case")
    go(page, live_server, f"/hotline/contacts/{contact.pk}/escalate/")
    press_link(page, "Refer the caller to a service")
    check_accessibility(page, "hotline-escalate-referral")
    press_link(page, "Choose Crisis beds (Riga Safe House)")
    assert page.get_by_label("Service").input_value() == str(shelter_24_7.pk)
    page.get_by_label("The person agreed").select_option("verbal")
    page.get_by_role("button", name="Send the referral").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    referral = Referral.objects.get()
    assert referral.service == shelter_24_7 and referral.urgency == "immediate" and referral.case is None
    contact.refresh_from_db()
    assert contact.outcome == Outcome.REFERRED and contact.referred_to == shelter_24_7
