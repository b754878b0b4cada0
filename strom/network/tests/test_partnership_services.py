"""Partnerships: who may keep them, what the write services validate and record, what the reads show."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from strom.accounts.models import Membership
from strom.accounts.policies import actor_for_user
from strom.accounts.roles import Role
from strom.audit.models import AuditEvent
from strom.network import partnership_queries as queries
from strom.network import partnership_services as services
from strom.network.models import (
    ActionPoint,
    ActionPointStatus,
    Agreement,
    Decision,
    Partnership,
    PartnershipRole,
)
from strom.network.partnership_policies import Access, access_to

pytestmark = pytest.mark.django_db

MINUTES = "We agreed on the referral procedure."


def actor(user):
    return actor_for_user(user)


def events(action: str):
    return AuditEvent.objects.filter(action=action).order_by("seq")


# --- Documents as uploads -----------------------------------------------------------------------


def pdf(name="agreement.pdf", size=None) -> SimpleUploadedFile:
    content = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    if size:
        content += b"0" * (size - len(content))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def zipped(name: str, entries: dict[str, bytes], content_type="application/octet-stream") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry, content in entries.items():
            archive.writestr(entry, content)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def odt(name="agreement.odt") -> SimpleUploadedFile:
    return zipped(name, {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


def docx(name="agreement.docx") -> SimpleUploadedFile:
    return zipped(name, {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# --- The group in Riga --------------------------------------------------------------------------


def make_partnership(network) -> Partnership:
    """Riga's group: the social service (lead, the coordinator's), the shelter and the police."""
    keeper = actor(network.local_coordinator)
    partnership = services.create_partnership(keeper, network.riga, name="Riga cooperation group")
    services.add_member(keeper, partnership, organisation=network.shelter, role=PartnershipRole.MEMBER,
                        contribution="Safe accommodation", active_from=timezone.localdate() - timedelta(days=30))
    services.add_member(keeper, partnership, organisation=network.police, role=PartnershipRole.OBSERVER,
                        active_from=timezone.localdate())
    return partnership


@pytest.fixture
def partnership(network):
    return make_partnership(network)


@pytest.fixture
def meeting(network, partnership):
    return services.schedule_meeting(actor(network.local_coordinator), partnership,
                                     starts=timezone.now() - timedelta(days=2), place="City hall",
                                     agenda="1. Referral procedure")


@pytest.fixture
def action_point(network, partnership, meeting):
    return services.add_action_point(actor(network.local_coordinator), partnership, meeting=meeting,
                                     text="Write the shelter's intake steps", owner=network.case_manager,
                                     due=timezone.localdate() + timedelta(days=7))


@pytest.fixture
def vilnius_coordinator(network):
    """A local coordinator of another municipality (Vilnius), with the same right there."""
    Membership.objects.create(user=network.hotline_operator, organisation=network.hotline,
                              role=Role.LOCAL_COORDINATOR)
    return network.hotline_operator


# --- Setting up -----------------------------------------------------------------------------


def test_the_local_coordinator_sets_up_her_municipalitys_partnership(network):
    partnership = services.create_partnership(actor(network.local_coordinator), network.riga, name="  Riga group ")
    assert partnership.name == "Riga group" and partnership.municipality == network.riga
    lead = partnership.members.get()
    assert lead.organisation == network.social and lead.role == PartnershipRole.LEAD
    event = events("partnership.created").get()
    assert event.actor_id == network.local_coordinator.pk and event.target_id == str(partnership.pk)
    assert event.organisation_id == network.social.pk
    assert events("partnership.member_added").count() == 1
    assert partnership.history.get().history_user == network.local_coordinator
    assert lead.history.get().history_user == network.local_coordinator


def test_only_a_local_coordinator_of_that_municipality_sets_it_up(network, vilnius_coordinator):
    for user in (network.case_manager, network.social_worker, network.national_coordinator, vilnius_coordinator,
                 network.outsider_case_manager):
        with pytest.raises(PermissionDenied):
            services.create_partnership(actor(user), network.riga, name="Taken over")
    assert not Partnership.objects.exists()
    assert events("permission.denied").count() == 5  # the refusals survive the rollback


def test_one_partnership_per_municipality(network, partnership):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        services.create_partnership(actor(network.local_coordinator), network.riga, name="A second group")
    assert Partnership.objects.count() == 1 and AuditEvent.objects.count() == before
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.create(municipality=network.riga, name="Straight into the table")


def test_an_empty_name_changes_nothing(network, partnership):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.rename_partnership(actor(network.local_coordinator), partnership, name="   ")
    assert "name" in error.value.message_dict
    partnership.refresh_from_db()
    assert partnership.name == "Riga cooperation group" and AuditEvent.objects.count() == before


def test_renaming_records_the_field(network, partnership):
    assert services.rename_partnership(actor(network.local_coordinator), partnership, name="Riga group") == ["name"]
    assert events("partnership.updated").get().fields == ["name"]
    assert services.rename_partnership(actor(network.local_coordinator), partnership, name="Riga group") == []
    assert events("partnership.updated").count() == 1


# --- Members --------------------------------------------------------------------------------


def test_members_and_their_periods(network, partnership):
    rows = {m.organisation: m for m in partnership.members.all()}
    assert rows[network.shelter].contribution == "Safe accommodation"
    assert rows[network.police].role == PartnershipRole.OBSERVER
    event = events("partnership.member_added").last()
    assert event.fields == ["organisation", "role", "contribution", "active_from", "active_to"]
    assert "Safe accommodation" not in str(event.detail)


@pytest.mark.parametrize("bad, field", [
    ({"role": "chair"}, "role"),
    ({"active_to": date(2000, 1, 1)}, "active_to"),
])
def test_bad_member_input_changes_nothing(network, partnership, bad, field):
    before = AuditEvent.objects.count()
    fields = {"organisation": network.coordinator, "role": PartnershipRole.MEMBER,
              "active_from": date(2024, 1, 1), **bad}
    with pytest.raises(ValidationError) as error:
        services.add_member(actor(network.local_coordinator), partnership, **fields)
    assert field in error.value.message_dict
    assert not partnership.members.filter(organisation=network.coordinator).exists()
    assert AuditEvent.objects.count() == before


def test_an_organisation_is_a_member_once(network, partnership):
    with pytest.raises(ValidationError) as error:
        services.add_member(actor(network.local_coordinator), partnership, organisation=network.shelter,
                            role=PartnershipRole.OBSERVER)
    assert "organisation" in error.value.message_dict


def test_an_inactive_organisation_cannot_join(network, partnership):
    network.coordinator.is_active = False
    network.coordinator.save()
    with pytest.raises(ValidationError):
        services.add_member(actor(network.local_coordinator), partnership, organisation=network.coordinator,
                            role=PartnershipRole.MEMBER)


def test_member_updates_are_recorded_with_history(network, partnership):
    member = partnership.members.get(organisation=network.shelter)
    changed = services.update_member(actor(network.local_coordinator), member, role=PartnershipRole.MEMBER,
                                     contribution="Safe accommodation and counselling",
                                     active_from=member.active_from, active_to=timezone.localdate())
    assert changed == ["contribution", "active_to"]
    assert events("partnership.member_updated").get().fields == ["contribution", "active_to"]
    assert member.history.count() == 2


def test_members_cannot_change_the_group(network, partnership):
    member = partnership.members.get(organisation=network.shelter)
    with pytest.raises(PermissionDenied):
        services.update_member(actor(network.case_manager), member, role=PartnershipRole.LEAD,
                               active_from=member.active_from)
    member.refresh_from_db()
    assert member.role == PartnershipRole.MEMBER


# --- Rights to read -------------------------------------------------------------------------


def test_access_by_persona(network, partnership, vilnius_coordinator):
    expected = {
        network.local_coordinator: Access.KEEPER,
        network.social_worker: Access.MEMBER,  # the lead's colleague
        network.case_manager: Access.MEMBER,  # the shelter
        network.org_admin: Access.MEMBER,
        network.police_officer: Access.MEMBER,  # observer since today
        network.national_coordinator: Access.SUMMARY,
        vilnius_coordinator: Access.SUMMARY,
        network.outsider_case_manager: Access.SUMMARY,
        network.auditor: Access.NONE,
        network.no_role: Access.NONE,
    }
    assert {user: access_to(actor(user), partnership) for user in expected} == expected


def test_former_and_future_members_read_no_more(network, partnership):
    member = partnership.members.get(organisation=network.shelter)
    member.active_to = timezone.localdate() - timedelta(days=1)
    member.save()
    assert access_to(actor(network.case_manager), partnership) == Access.SUMMARY
    member.active_from, member.active_to = timezone.localdate() + timedelta(days=1), None
    member.save()
    assert access_to(actor(network.case_manager), partnership) == Access.SUMMARY


def test_she_acts_for_one_organisation_at_a_time(network, partnership):
    """A case manager of the shelter who now works for the outsider NGO sees only the summary."""
    Membership.objects.create(user=network.case_manager, organisation=network.outsider, role=Role.CASE_MANAGER)
    network.case_manager.current_organisation = network.outsider
    network.case_manager.save()
    assert access_to(actor(network.case_manager), partnership) == Access.SUMMARY


def test_meetings_and_agreements_are_hidden_from_non_members(network, partnership, meeting, action_point):
    agreement = services.add_agreement(actor(network.local_coordinator), partnership, title="Agreement",
                                       valid_from=date(2025, 1, 1))
    for user in (network.outsider_case_manager, network.national_coordinator, network.auditor):
        for read, pk in ((queries.meeting_for, meeting.pk), (queries.agreement_for, agreement.pk),
                         (queries.action_point_for, action_point.pk)):
            with pytest.raises(Http404):
                read(actor(user), pk)
    assert queries.meeting_for(actor(network.police_officer), meeting.pk) == meeting


def test_the_coordinator_of_another_municipality_is_refused_or_sees_nothing(network, partnership, meeting,
                                                                            vilnius_coordinator):
    other = actor(vilnius_coordinator)
    with pytest.raises(PermissionDenied):  # she can see the group's name and members: 403
        queries.partnership_to_keep(other, network.riga.pk)
    with pytest.raises(PermissionDenied):
        services.add_member(other, partnership, organisation=network.hotline, role=PartnershipRole.MEMBER)
    with pytest.raises(Http404):  # its meetings she cannot see at all: 404
        queries.meeting_to_keep(other, meeting.pk)
    assert not partnership.members.filter(organisation=network.hotline).exists()


# --- Agreements -----------------------------------------------------------------------------


@pytest.mark.parametrize("upload, kind", [(pdf, "pdf"), (odt, "odt"), (docx, "docx")])
def test_agreement_documents_of_each_kind_are_stored(network, partnership, media, upload, kind):
    agreement = services.add_agreement(actor(network.local_coordinator), partnership, title="Cooperation agreement",
                                       signed=date(2025, 3, 1), valid_from=date(2025, 3, 1), document=upload())
    assert agreement.document_type == kind
    assert agreement.document.name.startswith(f"partnerships/{partnership.pk}/agreements/")
    assert "agreement" not in agreement.document.name.rsplit("/", 1)[-1]  # the upload's name stays out
    assert default_storage.exists(agreement.document.name)
    assert events("partnership.agreement_added").get().fields == ["title", "signed", "valid_from", "valid_to",
                                                                  "document"]
    assert agreement.history.count() == 1


@pytest.mark.parametrize("upload", [
    lambda: SimpleUploadedFile("agreement.pdf", b"MZ\x90\x00 not a pdf"),
    lambda: SimpleUploadedFile("agreement.exe", b"%PDF-1.7 but named .exe"),
    lambda: SimpleUploadedFile("agreement.docx", b"%PDF-1.7 a PDF named .docx"),
    lambda: zipped("agreement.odt", {"mimetype": b"application/zip"}),
    lambda: zipped("agreement.docx", {"[Content_Types].xml": b"<Types/>"}),
    lambda: SimpleUploadedFile("agreement.pdf", b""),
    lambda: pdf(size=services.MAX_DOCUMENT_BYTES + 1),
], ids=["not-pdf", "exe", "pdf-as-docx", "other-zip", "zip-without-word", "empty", "too-large"])
def test_bad_documents_change_nothing(network, partnership, media, upload):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.add_agreement(actor(network.local_coordinator), partnership, title="Agreement",
                               valid_from=date(2025, 1, 1), document=upload())
    assert "document" in error.value.message_dict
    assert not Agreement.objects.exists() and AuditEvent.objects.count() == before
    assert stored_files(media) == []


def test_a_document_of_exactly_ten_megabytes_is_accepted(network, partnership):
    agreement = services.add_agreement(actor(network.local_coordinator), partnership, title="Agreement",
                                       valid_from=date(2025, 1, 1), document=pdf(size=services.MAX_DOCUMENT_BYTES))
    assert agreement.document.size == services.MAX_DOCUMENT_BYTES


def test_an_agreement_that_ends_before_it_begins_changes_nothing(network, partnership, media):
    with pytest.raises(ValidationError) as error:
        services.add_agreement(actor(network.local_coordinator), partnership, title="Agreement",
                               valid_from=date(2025, 1, 1), valid_to=date(2024, 1, 1), document=pdf())
    assert "valid_to" in error.value.message_dict
    assert stored_files(media) == []


def test_a_failing_audit_leaves_no_file_behind(network, partnership, media, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit trail unavailable")

    monkeypatch.setattr(services, "record", broken)
    with pytest.raises(RuntimeError):
        services.add_agreement(actor(network.local_coordinator), partnership, title="Agreement",
                               valid_from=date(2025, 1, 1), document=pdf())
    assert not Agreement.objects.exists() and stored_files(media) == []


def test_replacing_the_document_removes_the_old_one_after_commit(network, partnership,
                                                                 django_capture_on_commit_callbacks):
    keeper = actor(network.local_coordinator)
    agreement = services.add_agreement(keeper, partnership, title="Agreement", valid_from=date(2025, 1, 1),
                                       document=pdf())
    old = agreement.document.name
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.update_agreement(keeper, agreement, title="Agreement", valid_from=date(2025, 1, 1),
                                            document=docx())
    assert changed == ["document"]
    agreement.refresh_from_db()
    assert agreement.document_type == "docx" and agreement.document.name != old
    assert not default_storage.exists(old) and default_storage.exists(agreement.document.name)
    assert agreement.history.count() == 2


# --- Meetings and decisions -----------------------------------------------------------------


def test_meetings_decisions_and_their_events(network, partnership, meeting):
    keeper = actor(network.local_coordinator)
    assert events("partnership.meeting_scheduled").get().fields == ["starts", "place", "agenda"]
    assert services.update_meeting(keeper, meeting, starts=meeting.starts, place="City hall",
                                   agenda=meeting.agenda, minutes=MINUTES) == ["minutes"]
    decision = services.record_decision(keeper, meeting, text="Adopt the referral procedure")
    assert events("partnership.decision_recorded").get().target_id == str(decision.pk)
    assert services.update_decision(keeper, decision, text="Adopt the referral procedure v2") == ["text"]
    assert not any(MINUTES in str(e.detail) for e in AuditEvent.objects.all())


def test_members_cannot_write_minutes_or_decisions(network, partnership, meeting):
    with pytest.raises(PermissionDenied):
        services.update_meeting(actor(network.case_manager), meeting, starts=meeting.starts, minutes="Mine")
    with pytest.raises(PermissionDenied):
        services.record_decision(actor(network.case_manager), meeting, text="Mine")
    meeting.refresh_from_db()
    assert meeting.minutes == "" and not Decision.objects.exists()


def test_an_empty_decision_changes_nothing(network, meeting):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        services.record_decision(actor(network.local_coordinator), meeting, text="  ")
    assert not Decision.objects.exists() and AuditEvent.objects.count() == before


# --- Action points --------------------------------------------------------------------------


def test_action_points_need_an_owner_from_a_member_organisation(network, partnership, meeting):
    keeper = actor(network.local_coordinator)
    for outsider in (network.outsider_case_manager, network.national_coordinator, None):
        with pytest.raises(ValidationError) as error:
            services.add_action_point(keeper, partnership, text="Do it", owner=outsider,
                                      due=timezone.localdate())
        assert "owner" in error.value.message_dict
    assert not ActionPoint.objects.exists()
    point = services.add_action_point(keeper, partnership, text="Do it", owner=network.police_officer,
                                      due=timezone.localdate())
    assert point.meeting is None and point.history.count() == 1


def test_an_action_point_of_another_partnerships_meeting_is_refused(network, partnership, vilnius_coordinator):
    other = services.create_partnership(actor(vilnius_coordinator), network.vilnius, name="Vilnius group")
    vilnius_meeting = services.schedule_meeting(actor(vilnius_coordinator), other, starts=timezone.now())
    with pytest.raises(ValidationError) as error:
        services.add_action_point(actor(network.local_coordinator), partnership, meeting=vilnius_meeting,
                                  text="Do it", owner=network.case_manager, due=timezone.localdate())
    assert "meeting" in error.value.message_dict


def test_the_owner_updates_the_status(network, action_point):
    owner = actor(network.case_manager)
    assert services.set_action_point_status(owner, action_point, status=ActionPointStatus.IN_PROGRESS) == ["status"]
    assert services.set_action_point_status(owner, action_point, status=ActionPointStatus.DONE) == ["status", "done"]
    action_point.refresh_from_db()
    assert action_point.status == ActionPointStatus.DONE and action_point.done == timezone.localdate()
    event = events("partnership.action_point_status_changed").last()
    assert event.actor_id == network.case_manager.pk and event.fields == ["status", "done"]
    assert event.detail == {"status": "done"}
    assert action_point.history.count() == 3
    services.set_action_point_status(owner, action_point, status=ActionPointStatus.OPEN)
    action_point.refresh_from_db()
    assert action_point.done is None  # reopened: no longer done


def test_others_may_not_update_the_status(network, action_point):
    for user in (network.org_admin, network.police_officer, network.outsider_case_manager):
        with pytest.raises(PermissionDenied):
            services.set_action_point_status(actor(user), action_point, status=ActionPointStatus.DONE)
    action_point.refresh_from_db()
    assert action_point.status == ActionPointStatus.OPEN
    services.set_action_point_status(actor(network.local_coordinator), action_point, status=ActionPointStatus.DROPPED)


def test_an_owner_who_left_the_group_can_no_longer_update(network, partnership, action_point):
    partnership.members.filter(organisation=network.shelter).update(active_to=timezone.localdate() - timedelta(1))
    with pytest.raises(PermissionDenied):
        services.set_action_point_status(actor(network.case_manager), action_point, status=ActionPointStatus.DONE)


@pytest.mark.parametrize("bad, field", [
    ({"status": "finished"}, "status"),
    ({"status": ActionPointStatus.DONE, "done": date.today() + timedelta(days=30)}, "done"),
])
def test_bad_status_input_changes_nothing(network, action_point, bad, field):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.set_action_point_status(actor(network.case_manager), action_point, **bad)
    assert field in error.value.message_dict
    action_point.refresh_from_db()
    assert action_point.status == ActionPointStatus.OPEN and AuditEvent.objects.count() == before


def test_the_keeper_reassigns_and_the_done_date_follows_the_status(network, action_point):
    keeper = actor(network.local_coordinator)
    changed = services.update_action_point(keeper, action_point, text=action_point.text, owner=network.org_admin,
                                           due=action_point.due, status=ActionPointStatus.DONE,
                                           done=date(2025, 1, 2))
    assert changed == ["owner", "status", "done"]
    action_point.refresh_from_db()
    assert action_point.owner == network.org_admin and action_point.done == date(2025, 1, 2)


def test_a_done_date_without_done_status_is_refused_by_the_database(network, action_point):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionPoint.objects.filter(pk=action_point.pk).update(done=date(2025, 1, 1))


# --- "My work" query --------------------------------------------------------------------------


def test_open_action_points_of_the_owner_overdue_first(network, partnership, action_point):
    keeper = actor(network.local_coordinator)
    overdue = services.add_action_point(keeper, partnership, text="Overdue", owner=network.case_manager,
                                        due=timezone.localdate() - timedelta(days=3))
    done = services.add_action_point(keeper, partnership, text="Done", owner=network.case_manager,
                                     due=timezone.localdate() - timedelta(days=9))
    services.set_action_point_status(actor(network.case_manager), done, status=ActionPointStatus.DONE)
    services.add_action_point(keeper, partnership, text="Someone else's", owner=network.org_admin,
                              due=timezone.localdate())
    assert list(queries.open_action_points_of(actor(network.case_manager))) == [overdue, action_point]
    assert list(queries.open_action_points_of(actor(network.no_role))) == []

