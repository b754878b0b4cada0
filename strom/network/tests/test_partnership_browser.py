"""Partnership pages in a real browser: WCAG 2.1 A/AA by axe-core, the forms, the CSP.

Chromium and the axe check come from strom/testing_browser.py (shared with strom/web/tests).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from strom.network import partnership_services as services
from strom.network.models import ActionPointStatus
from strom.network.tests.test_partnership_services import actor, make_partnership, pdf
from strom.network.tests.test_services_network import add_service
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
def group(network, settings, tmp_path):
    """Riga's group with an agreement, a past and a coming meeting, decisions and action points."""
    from strom.network.tests.test_network_browser import seed_service_types

    settings.MEDIA_ROOT = tmp_path / "media"
    seed_service_types()
    add_service(network.hotline, "hotline", "Helpline for Riga too", areas=[network.riga, network.vilnius])
    keeper = actor(network.local_coordinator)
    partnership = make_partnership(network)
    services.add_member(keeper, partnership, organisation=network.coordinator, role="member",
                        contribution="National referral mechanism", active_from=date(2025, 1, 1))
    agreement = services.add_agreement(keeper, partnership, title="Cooperation agreement 2025",
                                       signed=date(2025, 2, 1), valid_from=date(2025, 2, 1), document=pdf())
    past = services.schedule_meeting(keeper, partnership, starts=timezone.now() - timedelta(days=3),
                                     place="City hall", agenda="1. Intake steps\n2. Referral procedure")
    services.update_meeting(keeper, past, starts=past.starts, place=past.place, agenda=past.agenda,
                            minutes="The shelter presented its intake steps.\n\nThe police agreed to join.")
    services.record_decision(keeper, past, text="Adopt the intake steps")
    services.schedule_meeting(keeper, partnership, starts=timezone.now() + timedelta(days=10), place="Online")
    point = services.add_action_point(keeper, partnership, meeting=past, text="Write the intake steps",
                                      owner=network.case_manager, due=timezone.localdate() + timedelta(days=5))
    services.add_action_point(keeper, partnership, text="Send the contact list", owner=network.case_manager,
                              due=timezone.localdate() - timedelta(days=2))
    return {"partnership": partnership, "agreement": agreement, "past": past, "point": point}


def test_partnership_page_is_accessible_for_the_keeper_and_for_others(page, live_server, network, group):  # noqa: F811
    console = Console().watch(page)
    with_session_of(page, live_server, network.local_coordinator)
    go(page, live_server, "/network/partnerships/")
    check_accessibility(page, "partnership-index")
    with page.expect_navigation():
        page.get_by_role("link", name="Riga cooperation group").click()
    assert heading(page) == "Riga cooperation group"
    expect(page.get_by_role("link", name="Download “Cooperation agreement 2025” (PDF)")).to_be_visible()
    expect(page.get_by_role("table", name="Open action points, earliest due first")).to_be_visible()
    check_accessibility(page, "partnership-keeper")
    assert not console.csp_problems(), "\n".join(console.messages)


def test_partnership_summary_is_accessible(page, live_server, network, group):  # noqa: F811
    with_session_of(page, live_server, network.outsider_case_manager)
    go(page, live_server, f"/network/partnerships/{network.riga.pk}/")
    assert page.get_by_text("Cooperation agreement 2025").count() == 0
    check_accessibility(page, "partnership-summary")


def test_meeting_page_is_accessible_and_a_decision_is_recorded(page, live_server, network, group):  # noqa: F811
    console = Console().watch(page)
    with_session_of(page, live_server, network.local_coordinator)
    go(page, live_server, f"/network/partnerships/meetings/{group['past'].pk}/")
    assert heading(page).startswith("Meeting on")
    check_accessibility(page, "partnership-meeting")
    page.get_by_role("textbox", name="Decision").fill("Meet every month")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("The decision has been recorded.")
    expect(page.get_by_text("Meet every month")).to_be_visible()
    check_accessibility(page, "partnership-meeting-after-decision")
    assert not console.csp_problems(), "\n".join(console.messages)


def test_members_read_the_meeting(page, live_server, network, group):  # noqa: F811
    with_session_of(page, live_server, network.police_officer)
    go(page, live_server, f"/network/partnerships/meetings/{group['past'].pk}/")
    expect(page.get_by_text("The police agreed to join.")).to_be_visible()
    check_accessibility(page, "partnership-meeting-member")


def test_network_picture_is_accessible(page, live_server, network, group):  # noqa: F811
    console = Console().watch(page)
    with_session_of(page, live_server, network.case_manager)
    go(page, live_server, f"/network/partnerships/{network.riga.pk}/picture/")
    picture = page.get_by_role("img", name="Picture of the network in Rīga")
    expect(picture).to_be_visible()
    box = picture.bounding_box()
    assert box and box["width"] > 600 and box["height"] > 300, box
    table = page.get_by_role("table", name="Each organisation in the picture")
    expect(table.get_by_role("rowheader", name="Vilnius Hotline")).to_be_visible()
    assert table.get_by_role("row").count() == 1 + 5
    check_accessibility(page, "network-picture")
    assert not console.csp_problems(), "\n".join(console.messages)


def test_forms_with_errors_are_accessible(page, live_server, network, group):  # noqa: F811
    with_session_of(page, live_server, network.local_coordinator)
    go(page, live_server, f"/network/partnerships/{network.riga.pk}/agreements/new/")
    check_accessibility(page, "agreement-form")
    page.get_by_label("Title").fill("Annex")
    page.get_by_label("Valid from").fill("2025-06-01")
    page.get_by_label("Document").set_input_files(
        {"name": "annex.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf"})
    with page.expect_navigation():
        page.get_by_role("button", name="Add the agreement").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("link", name="Document: Upload a PDF")).to_be_visible()
    expect(page.get_by_label("Document")).to_have_attribute("aria-invalid", "true")
    check_accessibility(page, "agreement-form-errors")
    go(page, live_server, f"/network/partnerships/{network.riga.pk}/meetings/new/")
    check_accessibility(page, "meeting-form")
    go(page, live_server, f"/network/partnerships/{network.riga.pk}/action-points/new/")
    check_accessibility(page, "action-point-form")


def test_the_owner_marks_her_action_point_done_from_my_work(page, live_server, network, group):  # noqa: F811
    with_session_of(page, live_server, network.case_manager)
    go(page, live_server, "/")
    check_accessibility(page, "my-work-action-points")
    with page.expect_navigation():
        page.get_by_role("link", name="Action point: Write the intake steps").click()
    check_accessibility(page, "action-point")
    page.get_by_label("Status").select_option(label="Done")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the status").click()
    expect(page.get_by_role("status")).to_contain_text("The status has been saved.")
    group["point"].refresh_from_db()
    assert group["point"].status == ActionPointStatus.DONE
