"""The screening in a real browser: completed with the keyboard alone, WCAG 2.1 A/AA (axe-core) on every
page, usable on a phone-sized screen, and printable without the menus.

Chromium and the axe check come from strom/testing_browser.py.
"""

from __future__ import annotations

import pytest

from strom.screening.loader import load_frameworks
from strom.screening.models import Screening, ScreeningStatus
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


@pytest.fixture
def loaded(network):
    load_frameworks()  # transactional tests start from empty tables
    return network


def tab_to(browser_page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches `selector` (keyboard only: no clicks, no focus())."""
    for _ in range(limit):
        if browser_page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        browser_page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def answer_present(browser_page, name: str) -> None:
    """Into the radio group (its checked radio, "Not known"), then up twice: "Yes, present"."""
    tab_to(browser_page, f'input[name="{name}"]')
    browser_page.keyboard.press("ArrowUp")
    browser_page.keyboard.press("ArrowUp")
    assert browser_page.evaluate("(n) => document.querySelector(`input[name='${n}']:checked`).value", name) == "present"


def activate(browser_page, selector: str) -> None:
    tab_to(browser_page, selector)
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")


def test_a_screening_with_the_keyboard_alone(page, live_server, loaded):  # noqa: F811
    console = Console().watch(page)
    with_session_of(page, live_server, loaded.social_worker)
    go(page, live_server, "/screening/")
    assert heading(page) == "Screenings"
    check_accessibility(page, "screening-index-empty")

    activate(page, 'a[href="/screening/new/"].ds-button')
    assert heading(page) == "Start a screening"
    check_accessibility(page, "screening-start")
    tab_to(page, 'input[name="label"]')
    page.keyboard.type("keyboard test")
    tab_to(page, 'input[name="age_group"]')
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # adult → child → age uncertain
    tab_to(page, 'input[name="exploitation_forms"][value="labour"]')
    page.keyboard.press("Space")
    activate(page, 'button[type="submit"].ds-button[data-variant="primary"]')

    # Uncertain age: the children's set, whose first step is the act.
    assert heading(page) == "The act", page.url
    assert page.get_by_text("needs verification").first.is_visible()
    check_accessibility(page, "screening-step-act")
    answer_present(page, "act_value")
    tab_to(page, 'select[name="act_source"]')
    page.keyboard.press("ArrowDown")  # the person's own account
    activate(page, 'button[value="next"]')

    for step in ("D1", "D2", "D3"):
        assert heading(page).startswith(f"{step}:"), page.url
        check_accessibility(page, f"screening-step-{step}")
        activate(page, 'button[value="next"]')
    assert heading(page).startswith("D4:")
    answer_present(page, "i0_value")  # excessive working days or hours (strong)
    answer_present(page, "i1_value")  # bad living conditions (medium)
    tab_to(page, 'textarea[name="i1_note"]')
    page.keyboard.type("Sleeps in the workshop")
    check_accessibility(page, "screening-step-D4-answered")
    activate(page, 'button[value="next"]')
    for step in ("D5", "D6"):
        assert heading(page).startswith(f"{step}:")
        check_accessibility(page, f"screening-step-{step}")
        activate(page, 'button[value="next"]')

    assert heading(page) == "Screening summary"
    outcome = page.locator(".strom-outcome")
    assert "Indicators of trafficking met" in outcome.inner_text()
    assert page.get_by_role("heading", name="This indicator set needs verification").is_visible()
    assert page.get_by_role("heading", name="A suggestion, not an identification decision").is_visible()
    assert "Sleeps in the workshop" in page.content()
    check_accessibility(page, "screening-summary-draft")
    activate(page, 'form[action$="/complete/"] button')
    assert page.get_by_role("status").filter(has_text="The screening is completed").is_visible()
    check_accessibility(page, "screening-summary-completed")

    screening = Screening.objects.get()
    assert screening.status == ScreeningStatus.COMPLETED and screening.outcome == "pattern_present"
    assert screening.framework.code == "children_labour" and screening.label == "keyboard test"

    go(page, live_server, "/screening/")
    check_accessibility(page, "screening-index")
    assert page.get_by_role("link", name="keyboard test").is_visible()
    assert not console.csp_problems() and not console.missing_resources(), console.messages


def test_summary_prints_without_the_menus(page, live_server, loaded):  # noqa: F811
    from strom.accounts.policies import actor_for_user
    from strom.screening import services

    screening = services.start_screening(actor_for_user(loaded.social_worker), age_group="adult")
    with_session_of(page, live_server, loaded.social_worker)
    go(page, live_server, f"/screening/{screening.pk}/")
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Main").is_visible()
    assert not page.get_by_role("button", name="Complete the screening").is_visible()
    assert page.get_by_role("heading", name="A suggestion, not an identification decision").is_visible()


def test_steps_fit_a_phone(page, live_server, loaded):  # noqa: F811
    from strom.accounts.policies import actor_for_user
    from strom.screening import services

    screening = services.start_screening(actor_for_user(loaded.social_worker), age_group="adult")
    page.set_viewport_size({"width": 375, "height": 740})
    with_session_of(page, live_server, loaded.social_worker)
    go(page, live_server, f"/screening/{screening.pk}/step/D3/")
    # The questions and the shell (a long organisation name in the switcher) fit the screen.
    too_wide = page.evaluate("""() => [...document.querySelectorAll('main *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length""")
    assert too_wide == 0
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
    assert not wide, wide
    check_accessibility(page, "screening-step-phone")


def test_start_errors_and_the_checklist_are_accessible(page, live_server, loaded):  # noqa: F811
    with_session_of(page, live_server, loaded.hotline_operator)
    go(page, live_server, "/screening/new/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start").click()
    assert page.get_by_role("alert").is_visible()  # the age group is required
    check_accessibility(page, "screening-start-errors")

    go(page, live_server, "/screening/checklist/")
    check_accessibility(page, "screening-checklist")
    page.get_by_label("Debt bondage", exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Check").click()
    assert page.get_by_role("status").filter(has_text="You noticed 1 sign of forced labour").is_visible()
    check_accessibility(page, "screening-checklist-result")


def test_attach_a_screening_to_a_case_with_the_keyboard(page, live_server, loaded):  # noqa: F811
    from strom.accounts.policies import actor_for_user
    from strom.cases.tests.helpers import open_shelter_case
    from strom.screening import services

    case = open_shelter_case(loaded)
    actor = actor_for_user(loaded.case_manager)
    screening = services.start_screening(actor, age_group="adult", label="night shelter talk")
    services.complete_screening(actor, screening)
    with_session_of(page, live_server, loaded.case_manager)
    go(page, live_server, f"/cases/{case.pk}/")
    activate(page, f'a[href="/screening/attach-to-case/{case.pk}/"]')
    assert heading(page) == "Attach a screening"
    check_accessibility(page, "screening-attach")
    tab_to(page, 'input[name="screening"]')
    page.keyboard.press("Space")
    activate(page, 'button[type="submit"].ds-button[data-variant="primary"]')
    assert page.get_by_role("status").filter(has_text="The screening is attached").is_visible()
    assert page.get_by_text("Screening completed").is_visible()
    check_accessibility(page, "case-with-screening")
    screening.refresh_from_db()
    assert screening.case_id == case.pk
