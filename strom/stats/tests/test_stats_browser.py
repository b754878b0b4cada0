"""Statistics in a real browser: the national coordinator's dashboard and yearly report, protected figures
with their mark, a wrong year explained; zero axe-core WCAG 2.1 A/AA violations on each page."""

from __future__ import annotations

import pytest

from strom.stats.tests.data import add_cases
from strom.testing_browser import (
    browser,  # noqa: F401 — a pytest fixture
    check_accessibility,
    go,
    heading,
    page,  # noqa: F401 — a pytest fixture
    with_session_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_and_report_are_accessible_and_protected(page, live_server, network):  # noqa: F811
    add_cases(network.shelter, network.riga, n=12)
    add_cases(network.shelter, network.riga, n=3, stage="identified", gender="Masculine", age="child",
              citizenships=("UA",), forms=("labour",))
    with_session_of(page, live_server, network.national_coordinator)
    go(page, live_server, "/stats/country/?year=2025")
    assert heading(page).startswith("Statistics: Latvia, 2025")
    assert page.locator("svg[role='img']").count() >= 4
    check_accessibility(page, "stats-dashboard")
    with page.expect_navigation():
        page.get_by_role("link", name="Yearly report: Latvia").click()
    status = page.get_by_role("table", name="Registered victims by status")
    assert status.get_by_role("row", name="Identified").inner_text().split() == ["Identified", "c"]
    assert status.get_by_role("row", name="Total").inner_text().split() == ["Total", "15"]
    check_accessibility(page, "stats-report")
    page.get_by_label("Year of registration").fill("2999")
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    assert page.locator(".ds-error-summary").count() == 1
    check_accessibility(page, "stats-report-error")
