"""The hotline in a real browser: a routine contact recorded with the keyboard alone (Enter saves and
opens a new form with the reference to read out); zero axe-core WCAG 2.1 A/AA violations on every
hotline page. Chromium and the axe check come from strom/testing_browser.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.hotline import services
from strom.hotline.models import Contact
from strom.hotline.reference import display_reference
from strom.testing_browser import (
    Console,
    browser,  # noqa: F401 — a pytest fixture
    check_accessibility,
    go,
    heading,
    page,  # noqa: F401 — a pytest fixture
    with_session_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(browser_page, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches `selector` (keyboard only: no clicks, no focus())."""
    for _ in range(limit):
        if browser_page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        browser_page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def enter(browser_page) -> None:
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")


def test_record_a_routine_contact_with_the_keyboard_alone(page, live_server, network):  # noqa: F811
    console = Console().watch(page)
    with_session_of(page, live_server, network.hotline_operator)
    go(page, live_server, "/hotline/")
    assert heading(page) == "Contact log"
    check_accessibility(page, "hotline-log-empty")
    tab_to(page, 'main a.ds-button[href="/hotline/new/"]')
    enter(page)
    assert heading(page) == "Record a contact"
    check_accessibility(page, "hotline-form")

    tab_to(page, 'input[name="duration_minutes"]')
    page.keyboard.type("4")
    enter(page)  # Enter in a field submits: no topic chosen yet
    assert page.locator(".ds-error-summary").count() == 1
    check_accessibility(page, "hotline-form-errors")
    assert not Contact.objects.exists()

    tab_to(page, 'input[name="topic"]')  # the radio group is one tab stop; arrows choose
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # crisis → tip → referral request → working abroad
    assert page.evaluate("() => document.querySelector('input[name=topic]:checked').value") == "working_abroad"
    tab_to(page, 'select[name="destination_country"]')
    page.keyboard.type("Finland")
    tab_to(page, 'input[name="campaign_code"]')
    page.keyboard.type("safe-work-26")
    enter(page)

    contact = Contact.objects.get()
    assert heading(page) == "Record a contact"  # Save and new
    assert display_reference(contact.caller.reference) in page.locator(".strom-messages").inner_text()
    assert (contact.topic, contact.destination_country.code, contact.campaign_code, contact.duration_minutes,
            contact.channel, contact.outcome) == ("working_abroad", "FI", "SAFE-WORK-26", 4, "phone", "information")
    assert contact.person_id is None
    check_accessibility(page, "hotline-form-saved")

    go(page, live_server, f"/hotline/{contact.pk}/")
    assert heading(page).startswith("Working abroad")
    check_accessibility(page, "hotline-contact")
    go(page, live_server, f"/hotline/{contact.pk}/edit/")
    check_accessibility(page, "hotline-contact-edit")
    # The form with errors answers 400 on purpose; anything else missing is a fault.
    missing = [message for message in console.missing_resources() if "/hotline/new/" not in message]
    assert not console.csp_problems() and not missing, console.messages


def test_shift_and_figures_are_accessible(page, live_server, network):  # noqa: F811
    operator = actor_for_user(network.hotline_operator)
    crisis = services.record_contact(operator, topic="crisis", urgency="emergency", started_at=timezone.now())
    services.record_contact(operator, topic="working_abroad", destination_country="NO", campaign_code="X1",
                            started_at=timezone.now() - timedelta(days=40))
    services.add_follow_up(operator, crisis, task="Check the shelter place", due_on=timezone.localdate())
    with_session_of(page, live_server, network.hotline_coordinator)
    go(page, live_server, "/hotline/shift/")
    assert heading(page) == "Shift" and "Check the shelter place" in page.content()
    check_accessibility(page, "hotline-shift")
    go(page, live_server, "/hotline/figures/")
    assert heading(page) == "Hotline figures" and "Norway" in page.content()
    check_accessibility(page, "hotline-figures")
    go(page, live_server, "/hotline/")
    check_accessibility(page, "hotline-log")
