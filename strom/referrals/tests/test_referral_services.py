"""Referrals: consent, exactly the chosen fields, the states both sides see, the lead, notifications,
answer times in the receiver's calendar."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.cases.models import Case
from strom.referrals import services, sharing
from strom.referrals.deadlines import due_for, is_overdue
from strom.referrals.models import Referral, State
from strom.referrals.tests.conftest import give_consent

pytestmark = pytest.mark.django_db


def refer(network, case, service, **fields):
    return services.make_referral(
        actor_for_user(network.case_manager),
        case=case,
        service=service,
        reason="Needs a safe place tonight",
        needs="A bed, a Ukrainian speaker",
        **fields,
    )


def test_minimum_fields_are_the_default_and_identity_needs_consent():
    assert sharing.checked_fields([], consent_state="given", consent_how="verbal", service_consent="verbal") == list(
        sharing.MINIMUM
    )
    with pytest.raises(sharing.SharingError):
        sharing.checked_fields(["given_names"], consent_state="withdrawn", consent_how="", service_consent="verbal")
    with pytest.raises(sharing.SharingError):  # the service does not need identity
        sharing.checked_fields(["contact"], consent_state="given", consent_how="written", service_consent="none")
    with pytest.raises(sharing.SharingError):  # written consent needed
        sharing.checked_fields(["contact"], consent_state="given", consent_how="verbal", service_consent="written")
    with pytest.raises(sharing.SharingError):
        sharing.checked_fields(["shoe_size"], consent_state="given", consent_how="verbal", service_consent="verbal")


def test_age_groups():
    from datetime import date

    today = date(2026, 11, 29)
    assert sharing.age_group(today, birth_date=date(1999, 4, 12)) == "25-34"
    assert sharing.age_group(today, estimated_age=16, estimated_on=today) == "12-17"
    assert sharing.age_group(today, age_disputed=True, estimated_age=19) == sharing.CHILD_DISPUTED
    assert sharing.age_group(today) == sharing.UNKNOWN_AGE


def test_referral_without_consent_is_refused_and_nothing_is_sent(network, case, service):
    with pytest.raises(ValidationError) as refused:
        refer(network, case, service)
    assert "consent" in refused.value.message_dict
    assert "Riga Women's Shelter" in refused.value.message_dict["consent"][0]
    assert not Referral.objects.exists()
    assert not mail.outbox


def test_consent_to_another_organisation_does_not_count(network, case, service):
    give_consent(network, case, network.social)
    with pytest.raises(ValidationError):
        refer(network, case, service)


def test_withdrawn_consent_refuses_and_a_legal_basis_allows(network, case, service, receiver):
    give_consent(network, case, receiver)
    give_consent(network, case, receiver, state="withdrawn", how="verbal")
    with pytest.raises(ValidationError):
        refer(network, case, service)
    entry = give_consent(network, case, receiver, state="not_required", how="", legal_basis="imminent_danger")
    referral = refer(network, case, service)
    assert referral.consent == entry and referral.shared_fields == list(sharing.MINIMUM)


def test_only_the_lead_organisation_refers_from_a_case(network, case, service, consented):
    with pytest.raises(PermissionDenied):
        services.make_referral(actor_for_user(network.outsider_case_manager), case=case, service=service, reason="x")
    with pytest.raises(PermissionDenied):  # an administrator may not refer
        services.make_referral(actor_for_user(network.org_admin), case=case, service=service, reason="x")


def test_states_moves_and_who_makes_them(network, case, service, consented, shelter_worker):
    referral = refer(network, case, service)
    receiver = actor_for_user(shelter_worker)
    with pytest.raises(PermissionDenied):  # the sender does not accept her own referral
        services.accept(actor_for_user(network.case_manager), referral, assigned_to=network.case_manager)
    services.request_info(receiver, referral, question="Does she have children with her?")
    assert referral.state == State.INFO_REQUESTED
    with pytest.raises(PermissionDenied):  # the receiver does not reply for the sender
        services.reply(receiver, referral, answer="no")
    services.reply(actor_for_user(network.case_manager), referral, answer="No children.")
    assert referral.state == State.SENT
    with pytest.raises(ValidationError):  # a case worker of another organisation
        services.accept(receiver, referral, assigned_to=network.case_manager)
    services.accept(receiver, referral, assigned_to=shelter_worker)
    assert (referral.state, referral.assigned_to, referral.answered_at is not None) == (
        State.ACCEPTED,
        shelter_worker,
        True,
    )
    with pytest.raises(ValidationError):  # no second answer
        services.decline(receiver, referral, reason="full")
    services.complete(receiver, referral, note="Placed")
    actions = list(referral.events.values_list("action", flat=True))
    assert actions == ["sent", "request_info", "reply", "accept", "complete"]
    audited = set(AuditEvent.objects.filter(target_id=str(referral.pk)).values_list("action", flat=True))
    assert {"referral.sent", "referral.accept", "referral.complete", "referral.request_info"} <= audited
    # The case lead did not move: the referral did not ask for it.
    assert Case.objects.get(pk=case.pk).lead_organisation == network.shelter


def test_decline_needs_a_reason_and_may_suggest_a_service(network, case, service, consented, shelter_worker):
    referral = refer(network, case, service)
    receiver = actor_for_user(shelter_worker)
    with pytest.raises(ValidationError):
        services.decline(receiver, referral, reason=" ")
    assert Referral.objects.get(pk=referral.pk).state == State.SENT
    services.decline(receiver, referral, reason="No free bed", suggested_service=service)
    assert referral.state == State.DECLINED and referral.suggested_service == service


def test_the_sender_withdraws(network, case, service, consented, shelter_worker):
    referral = refer(network, case, service)
    with pytest.raises(PermissionDenied):
        services.withdraw(actor_for_user(shelter_worker), referral)
    services.withdraw(actor_for_user(network.case_manager), referral, note="She found a place with family")
    assert referral.state == State.WITHDRAWN


def test_case_lead_moves_only_when_the_receiver_accepts(network, case, service, consented, shelter_worker, receiver):
    referral = refer(network, case, service, transfer_lead=True)
    assert Case.objects.get(pk=case.pk).lead_organisation == network.shelter
    services.accept(actor_for_user(shelter_worker), referral, assigned_to=shelter_worker)
    case = Case.objects.get(pk=case.pk)
    assert case.lead_organisation == receiver and list(case.team.all()) == [shelter_worker]
    assert AuditEvent.objects.filter(action="case.lead_transferred", target_id=str(case.pk)).exists()


def test_transfer_lead_is_refused_without_an_accepted_request(network, case, receiver, shelter_worker):
    from strom.cases.services import transfer_lead

    with pytest.raises(PermissionDenied):
        transfer_lead(actor_for_user(shelter_worker), case, to_organisation=receiver)
    transfer_lead(actor_for_user(network.case_manager), case, to_organisation=receiver)  # the lead gives it
    assert Case.objects.get(pk=case.pk).lead_organisation == receiver


def test_emails_carry_a_link_and_no_personal_data(
    network, case, service, consented, shelter_worker, receiver_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = refer(network, case, service)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [shelter_worker.email]  # the administrator does not answer referrals
    assert f"/referrals/{referral.pk}/" in message.body
    for secret in (case.person.pseudonym, "Testa", "Personae", "Emergency beds", "tonight", "Ukrainian"):
        assert secret not in message.body and secret not in message.subject
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(actor_for_user(shelter_worker), referral, assigned_to=shelter_worker)
    assert mail.outbox[-1].to == [network.case_manager.email]


def test_answer_due_counts_working_days_and_holidays_of_the_receivers_country(network, service):
    riga = ZoneInfo("Europe/Riga")
    service.answer_time, service.answer_unit = 2, "working_days"
    # Monday 16 November 2026; Wednesday 18 November is Proclamation Day in Latvia.
    sent = datetime(2026, 11, 16, 10, 0, tzinfo=riga)
    due = due_for(service, sent)
    assert due == datetime(2026, 11, 20, 0, 0, tzinfo=riga)  # Tue 17, (Wed 18 holiday), Thu 19 → end of Thursday
    # The same service in Lithuania has no holiday that week: due at the end of Wednesday.
    service.organisation.country = "LT"
    service.organisation.municipality = network.vilnius
    assert due_for(service, sent) == datetime(2026, 11, 19, 0, 0, tzinfo=ZoneInfo("Europe/Vilnius"))
    referral = Referral(state=State.SENT, due_at=due)
    assert not is_overdue(referral, datetime(2026, 11, 19, 23, 0, tzinfo=riga))
    assert is_overdue(referral, datetime(2026, 11, 20, 0, 30, tzinfo=riga))
    referral.state = State.INFO_REQUESTED  # waiting for the sender: the receiver is not late
    assert not is_overdue(referral, datetime(2026, 11, 21, tzinfo=riga))


def test_hours_are_elapsed_hours(service):
    sent = datetime(2026, 11, 28, 22, 0, tzinfo=ZoneInfo("Europe/Riga"))  # a Saturday night
    assert due_for(service, sent) == datetime(2026, 11, 29, 22, 0, tzinfo=ZoneInfo("Europe/Riga"))


def test_caseless_referral_needs_consent_or_basis_and_the_receiver_may_open_a_case(network, service, shelter_worker):
    hotline = actor_for_user(network.hotline_operator)
    with pytest.raises(ValidationError) as refused:
        services.make_referral(hotline, service=service, reason="Calling from a petrol station")
    assert "consent_how" in refused.value.message_dict
    referral = services.make_referral(
        hotline,
        service=service,
        reason="Calling from a petrol station",
        consent_how="verbal",
        summary="Woman, 30s, no documents",
        languages=["uk"],
        age_group="25-34",
        shared_fields=["given_names"],
    )
    assert referral.case is None and "given_names" not in referral.shared_fields
    receiver = actor_for_user(shelter_worker)
    with pytest.raises(ValidationError):  # accept first
        services.open_case_from(receiver, referral)
    services.accept(receiver, referral, assigned_to=shelter_worker)
    case = services.open_case_from(receiver, referral)
    assert case.lead_organisation == referral.receiver_organisation and case.person.languages == ["uk"]
    assert Referral.objects.get(pk=referral.pk).opened_case == case


def test_document_shape(network, case, service, consented):
    from strom.referrals.document import VERSION, referral_document

    referral = refer(network, case, service, shared_fields=["given_names"])
    document = referral_document(referral)
    assert document["version"] == VERSION == "strom.referral/1"
    required = {
        "id": str,
        "state": str,
        "urgency": str,
        "cas_OutgoingReferralDate": str,
        "cas_OutgoingReferralDetails": str,
        "cas_ReferringOrganisation": dict,
        "cas_ReferredOrganisation": dict,
        "service": dict,
        "sent_at": str,
        "shared_fields": list,
        "person": dict,
        "consent": dict,
    }
    for key, kind in required.items():
        assert isinstance(document[key], kind), key
    assert document["cas_ReferringOrganisation"] == {
        "id": str(network.shelter.pk),
        "org_Name": "Riga Safe House",
        "country": "LV",
    }
    assert document["consent"]["reference"] == str(consented.pk)
    assert set(document["person"]) == {
        "strom_pseudonym",
        "strom_age_group",
        "prs_PrimaryLanguage",
        "prs_SecondaryLanguage",
        "strom_languages",
        "strom_needs",
        "prs_FirstName",
    }
    assert document["person"]["prs_FirstName"] == "Testa"
    import json

    json.dumps(document)  # self-contained: plain JSON


def test_the_network_picture_draws_referral_edges(network, case, service, consented, receiver):
    from strom.network.picture import picture_of
    from strom.referrals.picture import referral_counts

    refer(network, case, service)
    refer(network, case, service)
    picture = picture_of(network.riga)
    edges = {(placed.edge.source, placed.edge.target, placed.edge.kind) for placed in picture.edges}
    assert (str(network.shelter.pk), str(receiver.pk), "referral") in edges
    assert referral_counts(network.riga)[(str(network.shelter.pk), str(receiver.pk))] == 2
