"""The toolkit in a real browser: a local coordinator completes a self-assessment and sees the result picture;
the mapping, the action form and the national view; zero axe-core WCAG 2.1 A/AA violations on every page."""

from __future__ import annotations

import pytest

from strom.municipal.models import Assessment
from strom.municipal.tests.conftest import add_service
from strom.testing_browser import (
    browser,  # noqa: F401 — a pytest fixture
    check_accessibility,
    go,
    heading,
    page,  # noqa: F401 — a pytest fixture
    with_session_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_completes_an_assessment_and_sees_the_picture(page, live_server, network, checklist):  # noqa: F811
    add_service(network.shelter, "safe_accommodation", areas=[network.riga], how_to_refer="Call the 24/7 line")
    with_session_of(page, live_server, network.local_coordinator)
    go(page, live_server, "/municipal/")
    assert heading(page) == "Municipal toolkit: Rīga"
    check_accessibility(page, "municipal-index")
    with page.expect_navigation():
        page.get_by_role("button", name="Start a self-assessment").click()
    assert "Safe accommodation serves the municipality." in page.content()
    check_accessibility(page, "municipal-assessment-form")
    shelter = page.get_by_role("group", name="Safe accommodation is arranged.")
    assert shelter.get_by_label("2 — formal").is_checked()  # Strom's suggestion, to confirm
    shelter.get_by_label("3 — formal and reviewed").check()
    page.get_by_label("Frontline staff").fill("10")
    page.get_by_label("Of whom trained").fill("12")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and complete").click()
    assert page.locator(".ds-error-summary").count() == 1
    check_accessibility(page, "municipal-assessment-form-errors")
    page.get_by_label("Of whom trained").fill("6")
    unanswered = page.locator("input[type=radio][value='1']").evaluate_all(
        "els => els.filter(e => !document.querySelector(`input[name='${e.name}']:checked`)).map(e => e.id)")
    for input_id in unanswered:
        page.locator(f"#{input_id}").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save and complete").click()
    assert page.locator("svg[role=img]").count() == 1 and page.locator("#result-table").count() == 1
    assert Assessment.objects.get().status == Assessment.Status.COMPLETED
    check_accessibility(page, "municipal-result")
    with page.expect_navigation():
        page.get_by_role("link", name="Add an action").click()
    check_accessibility(page, "municipal-action-form")


def test_mapping_and_national_view_are_accessible(page, live_server, network, checklist):  # noqa: F811
    add_service(network.shelter, "safe_accommodation", areas=[network.riga])
    with_session_of(page, live_server, network.local_coordinator)
    go(page, live_server, f"/municipal/municipalities/{network.riga.pk}/mapping/new/")
    check_accessibility(page, "municipal-mapping-form")
    page.get_by_label("Populations at risk").fill("Young people leaving care")
    with page.expect_navigation():
        page.get_by_role("button", name="Save as a new version").click()
    assert heading(page) == "Local mapping of Rīga"
    check_accessibility(page, "municipal-mapping")
    go(page, live_server, f"/municipal/municipalities/{network.riga.pk}/mapping/")
    check_accessibility(page, "municipal-mappings")
    with_session_of(page, live_server, network.national_coordinator)
    go(page, live_server, "/municipal/national/")
    check_accessibility(page, "municipal-national")
