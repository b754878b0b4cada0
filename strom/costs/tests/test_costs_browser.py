"""The cost pages in a real browser: keyboard only, WCAG 2.1 A/AA (axe-core) on each page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from strom.costs.models import StaffTime, UnitCost
from strom.costs.tests.conftest import deliver
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


def tab_to(browser_page, selector: str, limit: int = 150) -> None:
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


def test_the_local_coordinator_keeps_a_rate_and_reads_the_figures(page, live_server, network, directory):  # noqa: F811
    console = Console().watch(page)
    with_session_of(page, live_server, network.local_coordinator)
    go(page, live_server, "/costs/")
    assert heading(page) == "Cost of assistance"
    check_accessibility(page, "costs-report")
    activate(page, 'a[href="/costs/rates/"]')
    check_accessibility(page, "costs-rates-empty")
    activate(page, 'a[href="/costs/rates/unit-cost/new/"]')
    assert heading(page) == "Add a unit cost"
    tab_to(page, 'select[name="service_type"]')
    page.keyboard.press("ArrowDown")
    type_into(page, 'input[name="amount"]', "-5")
    type_into(page, 'input[name="valid_from"]', "01012026")
    type_into(page, 'input[name="source"]', "Council decision 12/2025")
    activate(page, 'button[type="submit"].ds-button[data-variant="primary"]')
    assert heading(page) == "Add a unit cost" and not UnitCost.objects.exists()
    check_accessibility(page, "costs-unit-cost-form-errors")
    tab_to(page, 'input[name="amount"]')
    page.keyboard.press("Control+A")
    page.keyboard.type("35")
    activate(page, 'button[type="submit"].ds-button[data-variant="primary"]')
    assert heading(page).startswith("Rates of"), page.url
    assert UnitCost.objects.get().amount == Decimal("35.00")
    check_accessibility(page, "costs-rates")
    assert not console.csp_problems() and not console.missing_resources(), console.messages


def test_the_case_cost_tab_and_staff_time_with_the_keyboard(page, live_server, network, case, directory,  # noqa: F811
                                                            rates):
    deliver(network, case, directory["shelter"], units="14", unit="night", unit_cost="35.00", payer="state",
            end=date(2026, 3, 14))
    console = Console().watch(page)
    with_session_of(page, live_server, network.case_manager)
    go(page, live_server, f"/costs/cases/{case.pk}/")
    assert heading(page) == "Cost of assistance"
    assert "490.00 EUR" in page.content()
    check_accessibility(page, "costs-case")
    activate(page, f'a[href="/costs/cases/{case.pk}/staff-time/new/"]')
    assert heading(page) == "Record staff time"
    check_accessibility(page, "costs-staff-time-form")
    tab_to(page, 'input[name="hours"]')
    page.keyboard.type("2.5")
    activate(page, 'button[type="submit"].ds-button[data-variant="primary"]')
    assert heading(page) == "Cost of assistance", page.url
    assert StaffTime.objects.get().hours == Decimal("2.50")
    assert "71.00 EUR" in page.content()
    assert not console.csp_problems() and not console.missing_resources(), console.messages
