"""Referrals in a real browser: a case manager in one organisation refers, a shelter worker in another
accepts, both see the state; zero axe-core WCAG 2.1 A/AA violations on every referral page."""

from __future__ import annotations

import pytest

from strom.referrals.models import Referral, State
from strom.testing_browser import (
    browser,  # noqa: F401 — a pytest fixture
    check_accessibility,
    go,
    heading,
    page,  # noqa: F401 — a pytest fixture
    with_session_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_refer_accept_and_both_see_the_state(page, live_server, network, case, service, consented,  # noqa: F811
                                              shelter_worker):
    with_session_of(page, live_server, network.case_manager)
    go(page, live_server, f"/referrals/case/{case.pk}/")
    assert heading(page) == "Referrals and disclosures"
    check_accessibility(page, "referrals-case-tab-empty")
    with page.expect_navigation():
        page.get_by_role("link", name="Refer to a service").click()
    check_accessibility(page, "referral-form")
    with page.expect_navigation():  # nothing filled: the errors are shown, accessibly
        page.get_by_role("button", name="Send the referral").click()
    assert page.locator(".ds-error-summary").count() == 1
    check_accessibility(page, "referral-form-errors")
    page.get_by_label("Service").select_option(str(service.pk))
    page.get_by_label("Urgency").select_option("urgent")
    page.get_by_label("Why you refer the person").fill("Needs a safe place tonight")
    page.get_by_label("Gender").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send the referral").click()
    referral = Referral.objects.get()
    assert "Sent" in page.locator("#referral-state").inner_text()
    check_accessibility(page, "referral-sender")

    with_session_of(page, live_server, shelter_worker)
    go(page, live_server, "/referrals/")
    check_accessibility(page, "referral-inbox")
    with page.expect_navigation():
        page.locator(f"a[href='/referrals/{referral.pk}/']").click()
    assert [field for field in page.locator("[data-field]").evaluate_all("els => els.map(e => e.dataset.field)")] == [
        "pseudonym", "age_group", "languages", "needs", "urgency", "gender"]
    check_accessibility(page, "referral-receiver")
    page.get_by_label("Case worker").select_option(str(shelter_worker.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Accept").click()
    assert "Accepted" in page.locator("#referral-state").inner_text()
    check_accessibility(page, "referral-accepted")
    assert Referral.objects.get().state == State.ACCEPTED

    with_session_of(page, live_server, network.case_manager)
    go(page, live_server, f"/referrals/{referral.pk}/")
    assert "Accepted" in page.locator("#referral-state").inner_text()
    go(page, live_server, f"/referrals/case/{case.pk}/")
    check_accessibility(page, "referrals-case-tab")


def test_caseless_form_and_figures_are_accessible(page, live_server, network, service):  # noqa: F811
    with_session_of(page, live_server, network.social_worker)
    go(page, live_server, "/referrals/new/")
    assert heading(page) == "Refer a person without a case"
    check_accessibility(page, "referral-caseless-form")
    with_session_of(page, live_server, network.local_coordinator)
    go(page, live_server, "/referrals/figures/")
    check_accessibility(page, "referral-figures")
