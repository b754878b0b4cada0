"""The case pages in a real browser: WCAG 2.1 A/AA by axe-core on the list, the case page and the forms,
and opening a case with the keyboard-usable form."""

from __future__ import annotations

import pytest

from strom.cases.models import Case
from strom.cases.tests.helpers import open_shelter_case
from strom.testing_browser import (
    browser,  # noqa: F401 — a pytest fixture
    check_accessibility,
    go,
    heading,
    page,  # noqa: F401 — a pytest fixture
    with_session_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_case_list_and_case_page_are_accessible(page, live_server, network):  # noqa: F811
    case = open_shelter_case(network)
    with_session_of(page, live_server, network.case_manager)
    go(page, live_server, "/cases/")
    assert heading(page) == "Cases"
    check_accessibility(page, "case-list")
    with page.expect_navigation():
        page.get_by_role("link", name=case.person.pseudonym).click()
    assert case.person.pseudonym in heading(page)
    check_accessibility(page, "case-page")
    for path, name in ((f"/cases/{case.pk}/stage/", "stage-form"), (f"/cases/{case.pk}/edit/", "case-form"),
                       (f"/cases/{case.pk}/person/", "person-form"),
                       (f"/cases/{case.pk}/decisions/new/", "decision-form"),
                       (f"/cases/{case.pk}/consent/new/", "consent-form")):
        go(page, live_server, path)
        check_accessibility(page, name)


def test_open_a_case_form_is_accessible_with_errors_and_works(page, live_server, network):  # noqa: F811
    with_session_of(page, live_server, network.case_manager)
    go(page, live_server, "/cases/new/")
    assert heading(page) == "Open a case"
    check_accessibility(page, "open-case")
    page.locator("#id_places-0-country").select_option("LV")  # a place without what happened there
    with page.expect_navigation():
        page.get_by_role("button", name="Open the case").click()
    assert page.locator(".ds-error-summary").count() >= 1
    check_accessibility(page, "open-case-errors")
    page.locator("#id_places-0-kind").select_option("exploitation")
    page.get_by_label("Given names").fill("Demo")
    with page.expect_navigation():
        page.get_by_role("button", name="Open the case").click()
    assert Case.objects.count() == 1
    check_accessibility(page, "case-page-new")


def test_break_glass_page_is_accessible(page, live_server, network):  # noqa: F811
    case = open_shelter_case(network)
    with_session_of(page, live_server, network.outsider_case_manager)
    go(page, live_server, f"/cases/{case.pk}/emergency-access/")
    check_accessibility(page, "break-glass")
    with page.expect_navigation():
        page.get_by_role("button", name="Open the case in an emergency").click()
    check_accessibility(page, "break-glass-refused")


def test_opening_a_near_duplicate_shows_the_warning_and_open_anyway_works(page, live_server, network):  # noqa: F811
    open_shelter_case(network, person={"given_names": "Oleksandr", "family_names": "Shevchenko",
                                       "birth_date": "1990-05-01"})
    with_session_of(page, live_server, network.outsider_case_manager)
    go(page, live_server, "/cases/new/")
    page.get_by_label("Given names").fill("Ołeksandr")
    page.get_by_label("Family names").fill("Szewczenko")
    page.get_by_label("Date of birth").fill("1990-05-01")
    page.locator("#id_case-municipality").select_option(str(network.vilnius.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Open the case").click()
    warning = page.locator("#duplicates")
    assert "Riga Safe House" in warning.inner_text() and Case.objects.count() == 1
    check_accessibility(page, "open-case-duplicates")
    with page.expect_navigation():
        page.get_by_role("button", name="Open the case anyway").click()
    assert Case.objects.count() == 2
    assert "Case of" in heading(page)
    new = Case.objects.get(lead_organisation=network.outsider)
    go(page, live_server, f"/cases/{new.pk}/person/")
    assert "Riga Safe House" in page.locator("#duplicates").inner_text()
    check_accessibility(page, "person-form-duplicates")
