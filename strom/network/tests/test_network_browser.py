"""The network's pages in a real browser: WCAG 2.1 A/AA by axe-core, the keyboard, the CSP.

Chromium and the axe check come from strom/testing_browser.py (shared with strom/web/tests).
"""

from __future__ import annotations

from datetime import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from strom.network.models import HoursException, ServiceLocation, ServiceType
from strom.network.tests.test_services_network import OFFICE, add_service
from strom.network.vocabularies import SERVICE_TYPES
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


def seed_service_types() -> None:
    """Transactional tests flush the tables after each test, the migration's taxonomy rows included."""
    for code, name, source in SERVICE_TYPES:
        ServiceType.objects.get_or_create(code=code, defaults={"name": name, "source": source})


@pytest.fixture
def services(network):
    seed_service_types()
    shelter = add_service(network.shelter, "safe_accommodation", "Riga shelter", areas=[network.riga],
                          always_open=True, capacity_total=8, capacity_free=3, capacity_updated_at=timezone.now(),
                          phone_24_7="+371 2000 0000", how_to_refer="Call the duty manager.", sexes=["female"],
                          languages=["lv", "ru", "uk"])
    ServiceLocation.objects.create(service=shelter, municipality=network.riga, address="Hidden lane 7")
    counselling = add_service(network.social, "psychological", "Riga counselling", areas=[network.riga],
                              hours=[*OFFICE, (3, time(18), time(21))], is_public=True, phone="+371 6700 0002",
                              description="Free counselling in Riga.", languages=["lv", "ru", "en"])
    ServiceLocation.objects.create(service=counselling, municipality=network.riga, address="Open square 1",
                                   confidential=False)
    HoursException.objects.create(service=counselling, date=timezone.localdate(), note="Staff training")
    add_service(network.shelter, "safe_accommodation", "Men's shelter", areas=[network.riga], sexes=["male"],
                always_open=True, capacity_free=0, capacity_updated_at=timezone.now())
    add_service(network.police, "police_report", "Police duty desk", whole_country=True, phone_24_7="112",
                is_public=True, languages=["lv"])
    return {"shelter": shelter, "counselling": counselling}


def test_finder_is_accessible_empty_and_with_results(page, live_server, network, services):  # noqa: F811
    with_session_of(page, live_server, network.hotline_operator)
    go(page, live_server, "/network/finder/")
    assert heading(page) == "Find help"
    check_accessibility(page, "finder")

    page.get_by_label("Municipality where the person is").select_option(label="Rīga")
    page.get_by_label("Safe accommodation").check()
    page.get_by_label("Needed now: show who can be reached at once first").check()
    page.get_by_label("Sex").select_option(label="Female")
    with page.expect_navigation():
        page.get_by_role("button", name="Find services").click()
    assert "municipality=" in page.url
    assert page.locator(".strom-finding").first.get_by_role("link", name="Riga shelter").is_visible()
    details = page.locator("details.strom-misfits")
    assert not details.get_attribute("open")
    check_accessibility(page, "finder-results")
    details.locator("summary").click()
    expect(page.get_by_role("link", name="Men's shelter")).to_be_visible()  # after the opening transition
    check_accessibility(page, "finder-results-misfits-open")


def test_finder_errors_are_accessible(page, live_server, network, services):  # noqa: F811
    with_session_of(page, live_server, network.hotline_operator)
    go(page, live_server, "/network/finder/?need=safe_accommodation")
    assert page.get_by_role("alert").is_visible()
    check_accessibility(page, "finder-error")


def test_public_directory_is_accessible_without_signing_in(page, live_server, network, services):  # noqa: F811
    console = Console().watch(page)
    go(page, live_server, "/accounts/login/")
    with page.expect_navigation():
        page.get_by_role("link", name="See the public directory").click()
    assert heading(page) == "Where to get help"
    check_accessibility(page, "public-directory")
    page.get_by_label("Municipality").select_option(label="Rīga")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    assert page.get_by_role("link", name="Riga counselling").is_visible()
    assert page.get_by_text("Riga shelter").count() == 0
    check_accessibility(page, "public-directory-results")
    with page.expect_navigation():
        page.get_by_role("link", name="Riga counselling").click()
    assert page.get_by_text("Open square 1").is_visible()
    assert page.get_by_text("Hidden lane 7").count() == 0
    check_accessibility(page, "public-service")
    assert not console.csp_problems(), "\n".join(console.messages)


@pytest.mark.parametrize("which", ["shelter", "counselling"])
def test_service_detail_is_accessible(page, live_server, network, services, which):  # noqa: F811
    with_session_of(page, live_server, network.case_manager)  # may update the shelter's free places
    go(page, live_server, f"/network/services/{services[which].pk}/")
    check_accessibility(page, f"service-{which}")


def test_organisation_and_municipality_pages_are_accessible(page, live_server, network, services):  # noqa: F811
    with_session_of(page, live_server, network.social_worker)
    go(page, live_server, f"/network/organisations/{network.shelter.pk}/")
    check_accessibility(page, "organisation")
    go(page, live_server, f"/network/municipalities/{network.riga.pk}/")
    check_accessibility(page, "municipality")
    go(page, live_server, "/network/directory/")
    check_accessibility(page, "directory")
    go(page, live_server, f"/network/directory/?place={network.riga.pk}")
    check_accessibility(page, "directory-results")
    page.get_by_label("Words").fill("SHELTER")
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()
    assert page.get_by_role("link", name="Riga shelter").is_visible()
    check_accessibility(page, "directory-words")


def test_procedure_page_is_accessible_and_prints_without_the_chrome(page, live_server, network, services):  # noqa: F811
    with_session_of(page, live_server, network.local_coordinator)
    go(page, live_server, f"/network/municipalities/{network.riga.pk}/procedure/")
    check_accessibility(page, "procedure")
    page.emulate_media(media="print")
    assert not page.locator("header.strom-header").is_visible()
    assert not page.locator("footer.strom-footer").is_visible()
    assert page.get_by_role("heading", name="Safe accommodation").is_visible()


def test_service_management_pages_are_accessible(page, live_server, network, services):  # noqa: F811
    shelter = services["shelter"]
    with_session_of(page, live_server, network.org_admin)
    for path, name in [("/network/our-services/", "our-services"), ("/network/our-services/new/", "service-new"),
                       (f"/network/services/{shelter.pk}/edit/", "service-edit"),
                       (f"/network/services/{shelter.pk}/hours/", "service-hours"),
                       (f"/network/services/{shelter.pk}/locations/", "service-locations"),
                       (f"/network/services/{shelter.pk}/capacity/", "service-capacity")]:
        go(page, live_server, path)
        check_accessibility(page, name)


def test_service_form_errors_are_accessible_and_reachable(page, live_server, network, services):  # noqa: F811
    with_session_of(page, live_server, network.org_admin)
    go(page, live_server, "/network/our-services/new/")
    page.get_by_label("Name", exact=True).fill("Night counselling")
    page.get_by_label("Youngest age").fill("40")
    page.get_by_label("Oldest age").fill("18")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the service").click()
    summary = page.get_by_role("alert")
    assert "Oldest age" in summary.inner_text()
    check_accessibility(page, "service-new-errors")
    # The summary's links take focus to the field.
    summary.get_by_role("link", name="Oldest age").first.click()
    assert page.evaluate("document.activeElement.name") == "max_age"


def test_hours_can_be_entered_with_the_keyboard(page, live_server, network, services):  # noqa: F811
    counselling = services["counselling"]
    network.local_coordinator.memberships.create(organisation=network.social, role="org_admin")
    with_session_of(page, live_server, network.local_coordinator)
    go(page, live_server, f"/network/services/{counselling.pk}/hours/")
    page.get_by_label("Saturday: opens", exact=True).focus()
    type_time(page, "1000", "AM")
    assert focused_name(page) == "closes_5"  # Tab goes on to the next field of the row
    type_time(page, "0200", "PM")
    assert page.get_by_label("Saturday: opens", exact=True).input_value() == "10:00"
    assert page.get_by_label("Saturday: closes", exact=True).input_value() == "14:00"
    with page.expect_navigation():
        page.get_by_role("button", name="Save the opening hours").click()
    assert counselling.hours.filter(weekday=5, opens=time(10), closes=time(14)).exists()
    check_accessibility(page, "service-hours-saved")



def focused_name(browser_page) -> str:
    return browser_page.evaluate("document.activeElement.name")


def type_time(browser_page, digits: str, meridiem: str) -> None:
    """Type a time into the focused <input type=time>, then Tab out of it. Chromium shows the time in
    segments (hours, minutes, and AM/PM in English), moving on by itself as they fill; a 24-hour
    locale ignores the letter. Tab may first visit a segment before it leaves the input."""
    name = focused_name(browser_page)
    browser_page.keyboard.type(digits + meridiem[0])
    for _ in range(4):
        browser_page.keyboard.press("Tab")
        if focused_name(browser_page) != name:
            return
    raise AssertionError(f"Tab did not leave the {name} field")
