"""Partnership pages: what each persona sees, the forms, the document download and "My work".

Outsiders get 404 for what they cannot see at all (meetings, agreements, action points); whoever can
see a part but may not change it gets 403 (recorded).
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from strom.accounts.models import Membership
from strom.accounts.roles import Role
from strom.audit.models import AuditEvent
from strom.network import partnership_services as services
from strom.network.models import ActionPoint, ActionPointStatus, Agreement, Meeting, PartnershipRole
from strom.network.tests.test_partnership_services import actor, make_partnership, pdf
from strom.testing import sign_in

pytestmark = pytest.mark.django_db

MINUTES = "The shelter presented its intake steps."
CONTRIBUTION = "Safe accommodation"


def url(name, *args):
    return reverse(f"partnerships:{name}", args=args)


def body(response) -> str:
    return response.content.decode()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def group(network):
    """Riga's group with an agreement (PDF), a past meeting with minutes and a decision, action points."""
    keeper = actor(network.local_coordinator)
    partnership = make_partnership(network)
    agreement = services.add_agreement(keeper, partnership, title="Cooperation agreement 2025",
                                       signed=date(2025, 2, 1), valid_from=date(2025, 2, 1), document=pdf())
    past = services.schedule_meeting(keeper, partnership, starts=timezone.now() - timedelta(days=3),
                                     place="City hall", agenda="1. Intake steps")
    services.update_meeting(keeper, past, starts=past.starts, place=past.place, agenda=past.agenda,
                            minutes=MINUTES)
    services.record_decision(keeper, past, text="Adopt the intake steps")
    coming = services.schedule_meeting(keeper, partnership, starts=timezone.now() + timedelta(days=10),
                                       place="Online")
    point = services.add_action_point(keeper, partnership, meeting=past, text="Write the intake steps",
                                      owner=network.case_manager, due=timezone.localdate() + timedelta(days=5))
    overdue = services.add_action_point(keeper, partnership, text="Send the contact list",
                                        owner=network.case_manager, due=timezone.localdate() - timedelta(days=2))
    return {"partnership": partnership, "agreement": agreement, "past": past, "coming": coming, "point": point,
            "overdue": overdue}


@pytest.fixture
def vilnius_coordinator(network):
    Membership.objects.create(user=network.hotline_operator, organisation=network.hotline,
                              role=Role.LOCAL_COORDINATOR)
    return network.hotline_operator


def page_as(client, user, path):
    sign_in(client, user)
    return client.get(path)


# --- Navigation and the index -----------------------------------------------------------------


def test_navigation_offers_partnerships_to_readers_of_the_network(client, network):
    sign_in(client, network.case_manager)
    assert url("index") in body(client.get(reverse("home")))
    sign_in(client, network.auditor)
    assert url("index") not in body(client.get(reverse("home")))


def test_the_index_offers_the_keeper_to_set_up_her_partnership(client, network):
    page = body(page_as(client, network.local_coordinator, url("index")))
    assert url("create", network.riga.pk) in page
    page = body(page_as(client, network.case_manager, url("index")))
    assert url("create", network.riga.pk) not in page


def test_the_index_lists_partnerships(client, network, group):
    page = body(page_as(client, network.outsider_case_manager, url("index")))
    assert "Riga cooperation group" in page and url("detail", network.riga.pk) in page


# --- The partnership page ---------------------------------------------------------------------


def test_the_keeper_sees_everything_and_the_ways_to_change_it(client, network, group):
    page = body(page_as(client, network.local_coordinator, url("detail", network.riga.pk)))
    for text in ("Riga cooperation group", "Riga Safe House", CONTRIBUTION, "Cooperation agreement 2025",
                 url("agreement_document", group["agreement"].pk), url("meeting", group["past"].pk),
                 url("meeting", group["coming"].pk), "Write the intake steps", "overdue",
                 url("member_add", network.riga.pk), url("agreement_add", network.riga.pk),
                 url("meeting_add", network.riga.pk), url("action_point_add", network.riga.pk)):
        assert text in page, text
    assert page.index("Send the contact list") < page.index("Write the intake steps")  # overdue first


@pytest.mark.parametrize("persona", ["case_manager", "police_officer", "social_worker"])
def test_members_read_but_do_not_change(client, network, group, persona):
    page = body(page_as(client, getattr(network, persona), url("detail", network.riga.pk)))
    for text in (CONTRIBUTION, "Cooperation agreement 2025", url("agreement_document", group["agreement"].pk),
                 url("meeting", group["past"].pk), "Write the intake steps"):
        assert text in page, text
    for text in (url("member_add", network.riga.pk), url("agreement_add", network.riga.pk),
                 url("edit", network.riga.pk)):
        assert text not in page


@pytest.mark.parametrize("persona", ["outsider_case_manager", "national_coordinator", "hotline_operator"])
def test_other_readers_of_the_network_see_only_the_name_and_members(client, network, group, persona):
    response = page_as(client, getattr(network, persona), url("detail", network.riga.pk))
    page = body(response)
    assert response.status_code == 200
    assert "Riga cooperation group" in page and "Riga Safe House" in page and "Observer" in page
    for text in (CONTRIBUTION, "Cooperation agreement 2025", url("agreement_document", group["agreement"].pk),
                 url("meeting", group["past"].pk), "Write the intake steps", "City hall"):
        assert text not in page, text


def test_without_the_right_to_read_the_network_the_page_is_refused(client, network, group):
    before = AuditEvent.objects.filter(action="permission.denied").count()
    assert page_as(client, network.auditor, url("detail", network.riga.pk)).status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied").count() == before + 1


def test_unknown_municipality_is_404_and_anonymous_signs_in(client, network):
    assert page_as(client, network.case_manager, url("detail", uuid.uuid4())).status_code == 404
    client.logout()
    response = client.get(url("detail", network.riga.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_municipality_without_partnership(client, network):
    page = body(page_as(client, network.local_coordinator, url("detail", network.riga.pk)))
    assert "No partnership has been set up here yet." in page and url("create", network.riga.pk) in page
    page = body(page_as(client, network.case_manager, url("detail", network.riga.pk)))
    assert url("create", network.riga.pk) not in page


# --- Setting up and editing through the forms -------------------------------------------------


def test_the_keeper_sets_up_the_partnership_through_the_form(client, network):
    sign_in(client, network.local_coordinator)
    assert client.get(url("create", network.riga.pk)).status_code == 200
    response = client.post(url("create", network.riga.pk), {"name": "Riga group"})
    assert response.status_code == 302 and response["Location"] == url("detail", network.riga.pk)
    assert network.riga.partnerships.get().name == "Riga group"


def test_others_cannot_set_it_up(client, network, vilnius_coordinator):
    for user in (network.case_manager, vilnius_coordinator):
        sign_in(client, user)
        assert client.get(url("create", network.riga.pk)).status_code == 403
        assert client.post(url("create", network.riga.pk), {"name": "Mine"}).status_code == 403
    assert not network.riga.partnerships.exists()


def keeper_pages(network, group):
    return [url("edit", network.riga.pk), url("member_add", network.riga.pk),
            url("member_edit", group["partnership"].members.get(organisation=network.shelter).pk),
            url("agreement_add", network.riga.pk), url("meeting_add", network.riga.pk),
            url("action_point_add", network.riga.pk)]


def internal_keeper_pages(group):
    """Edit pages of what only members see: a 404 to anyone else."""
    return [url("agreement_edit", group["agreement"].pk), url("meeting_edit", group["past"].pk),
            url("decision_add", group["past"].pk), url("decision_edit", group["past"].decisions.get().pk),
            url("meeting_action_point_add", group["past"].pk), url("action_point_edit", group["point"].pk)]


def test_the_keeper_opens_every_form(client, network, group):
    sign_in(client, network.local_coordinator)
    for path in keeper_pages(network, group) + internal_keeper_pages(group):
        assert client.get(path).status_code == 200, path


def test_members_get_403_on_the_forms(client, network, group):
    sign_in(client, network.case_manager)
    for path in keeper_pages(network, group) + internal_keeper_pages(group):
        assert client.get(path).status_code == 403, path


def test_other_coordinators_get_403_on_what_they_see_and_404_on_the_rest(client, network, group, vilnius_coordinator):
    for user in (vilnius_coordinator, network.outsider_case_manager):
        sign_in(client, user)
        for path in keeper_pages(network, group):
            assert client.get(path).status_code == 403, path
        for path in internal_keeper_pages(group):
            assert client.get(path).status_code == 404, path


def test_adding_a_member_through_the_form(client, network, group):
    sign_in(client, network.local_coordinator)
    response = client.post(url("member_add", network.riga.pk), {
        "organisation": network.coordinator.pk, "role": PartnershipRole.MEMBER,
        "contribution": "National referral mechanism", "active_from": "2025-01-01"})
    assert response.status_code == 302
    assert group["partnership"].members.filter(organisation=network.coordinator).exists()


def test_a_member_form_with_bad_dates_shows_the_error_and_changes_nothing(client, network, group):
    sign_in(client, network.local_coordinator)
    before = AuditEvent.objects.count()
    response = client.post(url("member_add", network.riga.pk), {
        "organisation": network.coordinator.pk, "role": PartnershipRole.MEMBER, "active_from": "2025-01-01",
        "active_to": "2024-01-01"})
    assert response.status_code == 200 and "The end comes before the beginning." in body(response)
    assert not group["partnership"].members.filter(organisation=network.coordinator).exists()
    assert AuditEvent.objects.count() == before


def test_uploading_an_agreement(client, network, group):
    sign_in(client, network.local_coordinator)
    response = client.post(url("agreement_add", network.riga.pk), {
        "title": "Annex on children", "valid_from": "2025-06-01", "document": pdf("annex.pdf")})
    assert response.status_code == 302
    assert Agreement.objects.get(title="Annex on children").document_type == "pdf"


def test_a_wrong_document_shows_the_error_and_changes_nothing(client, network, group, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    sign_in(client, network.local_coordinator)
    files_before = sorted(media.rglob("*"))
    response = client.post(url("agreement_add", network.riga.pk), {
        "title": "Annex", "valid_from": "2025-06-01",
        "document": SimpleUploadedFile("annex.pdf", b"<html>not a pdf</html>", content_type="application/pdf")})
    assert response.status_code == 200
    assert "Upload a PDF, OpenDocument text (.odt) or Word (.docx) document." in body(response)
    assert not Agreement.objects.filter(title="Annex").exists() and sorted(media.rglob("*")) == files_before


def test_meeting_times_are_local_to_the_municipality(client, network, group):
    sign_in(client, network.local_coordinator)
    response = client.post(url("meeting_add", network.riga.pk), {
        "starts": "2030-03-05T10:30", "place": "City hall", "agenda": "Budget"})
    assert response.status_code == 302
    meeting = Meeting.objects.get(agenda="Budget")
    assert meeting.starts == datetime(2030, 3, 5, 10, 30, tzinfo=ZoneInfo("Europe/Riga"))
    assert 'value="2030-03-05T10:30"' in body(client.get(url("meeting_edit", meeting.pk)))


def test_recording_a_decision_and_an_action_point_at_a_meeting(client, network, group):
    sign_in(client, network.local_coordinator)
    past = group["past"]
    assert client.post(url("decision_add", past.pk), {"text": "Meet monthly"}).status_code == 302
    response = client.post(url("meeting_action_point_add", past.pk), {
        "text": "Book the rooms", "owner": network.social_worker.pk, "due": "2030-01-10"})
    assert response.status_code == 302 and response["Location"] == url("meeting", past.pk)
    assert ActionPoint.objects.get(text="Book the rooms").meeting == past
    response = client.post(url("meeting_action_point_add", past.pk), {
        "text": "Outsider's task", "owner": network.outsider_case_manager.pk, "due": "2030-01-10"})
    assert response.status_code == 200 and not ActionPoint.objects.filter(text="Outsider's task").exists()


# --- The meeting page -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["local_coordinator", "case_manager", "police_officer"])
def test_members_read_the_meeting(client, network, group, persona):
    page = body(page_as(client, getattr(network, persona), url("meeting", group["past"].pk)))
    for text in ("1. Intake steps", MINUTES, "Adopt the intake steps", "Write the intake steps"):
        assert text in page
    assert (url("meeting_edit", group["past"].pk) in page) == (persona == "local_coordinator")


@pytest.mark.parametrize("persona", ["outsider_case_manager", "national_coordinator", "hotline_operator", "auditor",
                                     "no_role"])
def test_the_meeting_is_404_to_everyone_else(client, network, group, persona):
    assert page_as(client, getattr(network, persona), url("meeting", group["past"].pk)).status_code == 404


# --- Action points and their status -----------------------------------------------------------


def test_the_owner_updates_the_status_on_its_page(client, network, group):
    point = group["point"]
    sign_in(client, network.case_manager)
    page = body(client.get(url("action_point", point.pk)))
    assert 'name="status"' in page and url("action_point_edit", point.pk) not in page
    response = client.post(url("action_point", point.pk), {"status": ActionPointStatus.DONE})
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.status == ActionPointStatus.DONE and point.done == timezone.localdate()


def test_other_members_read_the_action_point_but_cannot_update_it(client, network, group):
    point = group["point"]
    sign_in(client, network.police_officer)
    page = body(client.get(url("action_point", point.pk)))
    assert "Write the intake steps" in page and 'name="status"' not in page
    assert client.post(url("action_point", point.pk), {"status": ActionPointStatus.DONE}).status_code == 403
    point.refresh_from_db()
    assert point.status == ActionPointStatus.OPEN


def test_the_action_point_is_404_to_outsiders(client, network, group):
    point = group["point"]
    assert page_as(client, network.outsider_case_manager, url("action_point", point.pk)).status_code == 404
    assert client.post(url("action_point", point.pk), {"status": "done"}).status_code == 404


def test_a_bad_status_shows_the_error(client, network, group):
    sign_in(client, network.case_manager)
    response = client.post(url("action_point", group["point"].pk), {"status": "finished"})
    assert response.status_code == 200 and "ds-validation-message" in body(response)


# --- The agreement's document -----------------------------------------------------------------


def test_members_download_the_document_and_it_is_recorded(client, network, group):
    agreement = group["agreement"]
    response = page_as(client, network.case_manager, url("agreement_document", agreement.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cooperation-agreement-2025.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    event = AuditEvent.objects.filter(action="partnership.agreement_document_read").get()
    assert event.actor_id == network.case_manager.pk and event.target_id == str(agreement.pk)


@pytest.mark.parametrize("persona", ["outsider_case_manager", "national_coordinator", "hotline_operator", "auditor"])
def test_the_document_is_404_to_outsiders(client, network, group, persona):
    response = page_as(client, getattr(network, persona), url("agreement_document", group["agreement"].pk))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="partnership.agreement_document_read").exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, network, group):
    response = client.get(url("agreement_document", group["agreement"].pk))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_the_document_has_no_public_address(network, group):
    agreement = group["agreement"]
    with pytest.raises(Resolver404):
        resolve("/" + agreement.document.name)


# --- "My work" --------------------------------------------------------------------------------


def test_my_work_lists_her_open_action_points_overdue_first(client, network, group):
    page = body(page_as(client, network.case_manager, reverse("home")))
    overdue, coming = page.index("Send the contact list"), page.index("Write the intake steps")
    assert overdue < coming
    assert url("action_point", group["overdue"].pk) in page and url("action_point", group["point"].pk) in page
    assert "Overdue: it was due on" in page and "Due on" in page


def test_my_work_leaves_out_done_points_and_other_peoples(client, network, group):
    services.set_action_point_status(actor(network.case_manager), group["overdue"], status=ActionPointStatus.DONE)
    page = body(page_as(client, network.case_manager, reverse("home")))
    assert "Send the contact list" not in page and "Write the intake steps" in page
    page = body(page_as(client, network.police_officer, reverse("home")))
    assert "Write the intake steps" not in page


def test_my_work_provider_returns_items_with_due_dates(network, group):
    from strom.web.work import partnership_items

    items = partnership_items(actor(network.case_manager))
    assert [item.url for item in items] == [url("action_point", group["overdue"].pk),
                                            url("action_point", group["point"].pk)]
    assert all("Riga cooperation group" in item.description for item in items)
    assert partnership_items(actor(network.no_role)) == []


# --- The picture page -------------------------------------------------------------------------


def test_the_picture_page_draws_the_network_with_a_table(client, network, group):
    response = page_as(client, network.outsider_case_manager, url("picture", network.riga.pk))
    page = body(response)
    assert response.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert 'aria-labelledby="network-picture-title network-picture-desc"' in page
    svg = page.split('<svg xmlns="http://www.w3.org/2000/svg"', 1)[1].split("</svg>", 1)[0]
    assert svg.count("<circle ") == 3  # the social service and the shelter (Riga), the police (a member)
    assert svg.count("<line ") == 2  # each member to the lead
    assert "Riga Safe House" in page and "State Police of Latvia" in page and "Observer" in page
    assert "style=" not in svg


def test_the_picture_is_refused_without_the_right_to_read_the_network(client, network, group):
    assert page_as(client, network.auditor, url("picture", network.riga.pk)).status_code == 403


def test_picture_coordinates_are_not_localised(client, network, group):
    sign_in(client, network.case_manager)
    client.cookies["django_language"] = "lv"
    page = body(client.get(url("picture", network.riga.pk), HTTP_ACCEPT_LANGUAGE="lv"))
    svg = page.split('<svg xmlns="http://www.w3.org/2000/svg"', 1)[1].split("</svg>", 1)[0]
    assert 'lang="lv"' in page
    assert not re.search(r'(cx|cy|x1|y1|x|y)="-?\d+,\d', svg)


# --- Queries stay flat as the group grows -----------------------------------------------------


def count_queries(client, path) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_pages_need_as_many_queries_for_a_large_group_as_for_a_small_one(client, network, group):
    sign_in(client, network.local_coordinator)
    pages = [url("detail", network.riga.pk), url("meeting", group["past"].pk), url("picture", network.riga.pk)]
    client.get(reverse("home"))  # the session's first request does more (activity, sign-in records)
    before = [count_queries(client, path) for path in pages]
    keeper = actor(network.local_coordinator)
    partnership, past = group["partnership"], group["past"]
    services.add_member(keeper, partnership, organisation=network.coordinator, role=PartnershipRole.MEMBER)
    services.add_member(keeper, partnership, organisation=network.hotline, role=PartnershipRole.OBSERVER)
    for number in range(3):
        services.add_agreement(keeper, partnership, title=f"Annex {number}", valid_from=date(2025, 1, 1),
                               document=pdf())
        services.schedule_meeting(keeper, partnership, starts=timezone.now() + timedelta(days=number + 1))
        services.record_decision(keeper, past, text=f"Decision {number}")
        services.add_action_point(keeper, partnership, meeting=past, text=f"Task {number}",
                                  owner=network.police_officer if number % 2 else network.social_worker,
                                  due=timezone.localdate())
    assert [count_queries(client, path) for path in pages] == before
