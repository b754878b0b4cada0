"""Prevention and the practices library in a real browser: a coordinator makes a campaign and adds an
activity; a reader searches the library and opens a practice in another language. Zero axe-core WCAG 2.1
A/AA violations on every page of both areas."""

from __future__ import annotations

import pytest
from django.utils import timezone

from strom.practices.loader import load_practices
from strom.prevention.models import Campaign
from strom.testing_browser import (
    browser,  # noqa: F401 — a pytest fixture
    check_accessibility,
    go,
    heading,
    page,  # noqa: F401 — a pytest fixture
    with_session_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_campaign_and_practices_pages(page, live_server, network):  # noqa: F811
    with_session_of(page, live_server, network.local_coordinator)
    go(page, live_server, "/prevention/")
    assert heading(page) == "Prevention campaigns"
    check_accessibility(page, "prevention-list-empty")
    with page.expect_navigation():
        page.get_by_role("link", name="New campaign").click()
    check_accessibility(page, "prevention-form")
    with page.expect_navigation():  # nothing filled: the errors are shown, accessibly
        page.get_by_role("button", name="Save the campaign").click()
    assert page.locator(".ds-error-summary").count() == 1
    check_accessibility(page, "prevention-form-errors")
    page.get_by_label("Title").fill("Ask before you go")
    page.get_by_label("First day").fill(timezone.localdate().isoformat())
    page.get_by_label("Pupils and students").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save the campaign").click()
    campaign = Campaign.objects.get()
    assert campaign.code in page.locator("#campaign-code").inner_text()
    page.locator("summary", has_text="Add an activity").click()
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_label("Channel", exact=True).select_option("school_sessions")
    page.get_by_label("People reached").fill("42")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the activity").click()
    assert "42" in page.locator("#campaign-figures").inner_text()
    check_accessibility(page, "prevention-detail")

    load_practices()
    with_session_of(page, live_server, network.case_manager)
    go(page, live_server, "/practices/?words=hotline")
    assert heading(page) == "Practices library"
    check_accessibility(page, "practices-list")
    with page.expect_navigation():
        page.locator("#practice-list a").first.click()
    check_accessibility(page, "practice-detail")
    with page.expect_navigation():
        page.locator("#practice-others a").first.click()
    assert "needs review" in page.locator("#practice-language").inner_text()
    check_accessibility(page, "practice-translation")

    with_session_of(page, live_server, network.national_coordinator)  # a keeper of the library
    go(page, live_server, "/practices/new/")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert page.locator(".ds-error-summary").count() == 1
    check_accessibility(page, "practice-form-errors")
