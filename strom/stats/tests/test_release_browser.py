"""A public release in a real browser: the national coordinator sets a budget, checks the cost,
releases and reads the figures; zero axe-core WCAG 2.1 A/AA violations on every page of the flow."""

from __future__ import annotations

import pytest

from strom.stats import release_tables
from strom.stats.disclosure import Table
from strom.stats.models import Dataset, PublicRelease
from strom.stats.release_tables import PublicTable
from strom.testing_browser import (
    browser,  # noqa: F401 — a pytest fixture
    check_accessibility,
    go,
    heading,
    page,  # noqa: F401 — a pytest fixture
    with_session_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def victims_by_sex():
    table = release_tables.register(PublicTable(
        Dataset.CASES, "victims_by_sex", "Victims by sex",
        lambda organisation, year: Table("victims_by_sex", ("sex",), (("female", "male", "other"),),
                                         {("female",): 12, ("male",): 4})))
    yield table
    release_tables.unregister(table.dataset, table.name)


def test_set_a_budget_check_the_cost_and_release(page, live_server, network, victims_by_sex):  # noqa: F811
    with_session_of(page, live_server, network.national_coordinator)
    go(page, live_server, "/stats/public/releases/")
    assert heading(page) == "Public releases"
    check_accessibility(page, "releases-empty")
    page.get_by_label("Dataset").select_option("cases")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Privacy budget (total epsilon)").fill("1")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the budget").click()
    check_accessibility(page, "releases-budget")

    go(page, live_server, "/stats/public/releases/prepare/")
    page.get_by_label("Table").select_option(label="Victims by sex")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Epsilon for this release").fill("5")  # more than the budget
    with page.expect_navigation():
        page.get_by_role("button", name="Check the cost").click()
    check_accessibility(page, "release-preview")
    with page.expect_navigation():
        page.get_by_role("button", name="Release now (this spends the budget)").click()
    assert page.locator(".ds-error-summary").count() == 1
    check_accessibility(page, "release-refused")
    assert not PublicRelease.objects.exists()

    page.get_by_label("Epsilon for this release").fill("0.5")
    with page.expect_navigation():
        page.get_by_role("button", name="Check the cost").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Release now (this spends the budget)").click()
    assert heading(page) == "Public release: Victims by sex"
    check_accessibility(page, "release-detail")
    assert PublicRelease.objects.count() == 1
