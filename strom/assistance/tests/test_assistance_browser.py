"""The assistance page and the delivered-service form in a real browser: keyboard only, WCAG 2.1 A/AA
(axe-core) on each page. Chromium and the axe check come from strom/testing_browser.py."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from strom.accounts.policies import actor_for_user
from strom.assistance import services
from strom.assistance.models import DeliveredService
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


def tab_to(browser_page, selector: str, limit: int = 120) -> None:
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


def type_into(browser_page, selector: str, text: str) -> None:
    tab_to(browser_page, selector)
    browser_page.keyboard.type(text)


def test_record_a_delivered_service_with_the_keyboard_alone(page, live_server, network, case, directory):  # noqa: F811
    console = Console().watch(page)
    with_session_of(page, live_server, network.case_manager)
    go(page, live_server, f"/cases/{case.pk}/assistance/")
    assert heading(page) == "Assistance"
    check_accessibility(page, "assistance-overview-empty")

    activate(page, f'a[href="/cases/{case.pk}/assistance/delivered/new/"]')
    assert heading(page) == "Record a service delivered"
    check_accessibility(page, "assistance-delivered-form")
    tab_to(page, 'select[name="service"]')
    page.keyboard.press("ArrowDown")  # the first service of the case's municipality
    assert page.evaluate("() => document.querySelector('select[name=service]').value") != ""
    type_into(page, 'input[name="date_from"]', "02012026")
    type_into(page, 'input[name="date_to"]', "02052026")
    assert page.evaluate("() => document.querySelector('input[name=date_to]').value") == "2026-02-05"
    type_into(page, 'input[name="units"]', "-4")
    type_into(page, 'input[name="unit_cost"]', "30.25")
    activate(page, 'button[type="submit"].ds-button[data-variant="primary"]')
    assert "The number of units cannot be negative." in page.content()
    check_accessibility(page, "assistance-delivered-form-errors")
    assert not DeliveredService.objects.exists()

    tab_to(page, 'input[name="units"]')
    page.keyboard.press("Control+A")
    page.keyboard.type("4")
    activate(page, 'button[type="submit"].ds-button[data-variant="primary"]')
    assert heading(page) == "Assistance", page.url
    row = DeliveredService.objects.get()
    assert (row.units, row.unit_cost, row.currency, row.total) == (Decimal("4"), Decimal("30.25"), "EUR",
                                                                   Decimal("121.00"))
    assert "121.00 EUR" in page.content()
    check_accessibility(page, "assistance-overview")

    # Every part filled: an approved version, a draft after it, a proceeding with a claim.
    actor = actor_for_user(network.case_manager)
    services.add_goal(actor, case, text="Safe housing", target_date=date(2026, 6, 1))
    services.plan_service(actor, case, service=directory["shelter"], date_from=date(2026, 2, 1))
    services.approve_plan(actor, case, case.assistance_plans.get(), next_review_on=date.today() + timedelta(days=9))
    services.add_goal(actor, case, text="Language course")
    proceeding = services.record_proceeding(actor, case, kind="labour", stage="trial", role="injured_party")
    services.add_claim(actor, case, proceeding, amount=Decimal("900"), currency="EUR", against="Employer",
                       status="filed")
    go(page, live_server, f"/cases/{case.pk}/assistance/")
    check_accessibility(page, "assistance-overview-full")
    activate(page, f'a[href="/cases/{case.pk}/assistance/plan/versions/"]')
    assert heading(page) == "Versions of the assistance plan"
    check_accessibility(page, "assistance-plan-versions")
    assert not console.csp_problems() and not console.missing_resources(), console.messages
