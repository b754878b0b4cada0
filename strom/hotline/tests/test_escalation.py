# ruff: noqa: F811 — fixtures come from crisis_helpers (no conftest of our own: the contact log owns it).
"""Escalation of a contact to a screening, a referral or a case: through those apps' services, with what
the contact says carried over, identity only with consent, and only for the hotline's own people."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from strom.accounts.policies import actor_for_user
from strom.accounts.roles import Role
from strom.audit.models import AuditEvent
from strom.casefiles.models import Note
from strom.cases.consent import Purpose
from strom.cases.models import ConsentEntry, Person
from strom.hotline import escalation
from strom.hotline.models import Escalation, JobOfferCheck, Outcome
from strom.hotline.tests.crisis_helpers import (  # noqa: F401
    contact,
    frameworks,
    make_contact,
    operator_with_cases,
    service_type,
    shelter_24_7,
)
from strom.network.models import Organisation, OrganisationType, Service
from strom.referrals.models import Referral
from strom.screening.models import Screening
from strom.testing import make_user, sign_in


def refresh(contact):
    contact.refresh_from_db()
    return contact


# --- Services ------------------------------------------------------------------------------------------------


def test_screening_takes_the_forms_and_the_reference_never_a_name(network, contact, frameworks):
    made = escalation.escalate_to_screening(actor_for_user(network.hotline_operator), contact, age_group="adult")
    screening = Screening.objects.get()
    assert made.screening == screening and screening.case is None
    assert screening.exploitation_forms == ["labour"] and screening.label == "K7M-4PX"
    assert refresh(contact).escalated_at is not None and contact.outcome == Outcome.INFORMATION
    assert AuditEvent.objects.filter(action="hotline.escalated_to_screening", target_id=str(contact.pk)).exists()


def test_referral_needs_consent_or_a_legal_basis_and_then_marks_the_contact(network, contact, shelter_24_7):
    actor = actor_for_user(network.hotline_operator)
    with pytest.raises(ValidationError) as refused:
        escalation.escalate_to_referral(actor, contact, service=shelter_24_7, reason="Needs a bed tonight")
    assert "consent_how" in refused.value.message_dict
    assert not Referral.objects.exists() and not Escalation.objects.exists()
    assert refresh(contact).outcome == Outcome.INFORMATION and contact.escalated_at is None

    escalation.escalate_to_referral(actor, contact, service=shelter_24_7, reason="Needs a bed tonight",
                                    urgency="immediate", consent_how="verbal", languages=["uk"],
                                    shared_fields=["given_names"])
    referral = Referral.objects.get()
    assert referral.case is None and referral.consent_how == "verbal"
    assert "given_names" not in referral.shared_fields  # a contact has no identity to share
    assert refresh(contact).outcome == Outcome.REFERRED and contact.referred_to == shelter_24_7
    assert contact.person is None
    assert Escalation.objects.get().referral == referral


def test_case_stores_identity_only_with_consent(network, contact, operator_with_cases):
    actor = actor_for_user(operator_with_cases)
    person = {"given_names": "Test", "family_names": "Caller"}
    for consent_given, how in [(False, "verbal"), (True, "")]:
        with pytest.raises(ValidationError):
            escalation.escalate_to_case(actor, contact, person=person, municipality=network.riga,
                                        consent_given=consent_given, consent_how=how)
    assert not Person.objects.exists() and refresh(contact).person is None

    made = escalation.escalate_to_case(actor, contact, person=person, municipality=network.riga,
                                       consent_given=True, consent_how="verbal")
    case = made.case
    assert case.lead_organisation == network.hotline and case.exploitation_forms == ["labour"]
    assert case.person.given_names == "Test" and case.person.languages == ["uk"]
    entry = ConsentEntry.objects.get(case=case)
    assert (entry.purpose, entry.state, entry.how) == (Purpose.KEEP_DATA, "given", "verbal")
    assert Note.objects.get(case=case).text.startswith("Calls from a farm")  # the notes flow in
    assert refresh(contact).person == case.person and contact.case == case
    assert contact.outcome == Outcome.CASE_OPENED
    with pytest.raises(ValidationError):  # once only
        escalation.escalate_to_case(actor, contact, person=person, municipality=network.riga,
                                    consent_given=True, consent_how="verbal")


def test_case_needs_the_right_to_open_cases(network, contact):
    with pytest.raises(PermissionDenied):
        escalation.escalate_to_case(actor_for_user(network.hotline_operator), contact, person={"given_names": "T"},
                                    municipality=network.riga, consent_given=True, consent_how="verbal")
    assert not Person.objects.exists()
    assert AuditEvent.objects.filter(action="permission.denied", outcome="denied").exists()


def test_another_organisation_cannot_escalate_the_contact(network, contact, shelter_24_7):
    with pytest.raises(PermissionDenied):
        escalation.escalate_to_screening(actor_for_user(network.case_manager), contact, age_group="adult")
    assert not Screening.objects.exists()


# --- Pages ------------------------------------------------------------------------------------------------------


def test_referral_form_is_filled_from_the_contact(client, network, contact, shelter_24_7):
    sign_in(client, network.hotline_operator)
    url = f"/hotline/contacts/{contact.pk}/escalate/referral/"
    page = client.get(url).content.decode()
    assert "Hotline contact: Crisis. Forms of exploitation suspected: Labour exploitation." in page
    assert "Calls from a farm near the city" in page  # the notes flow into the summary
    assert 'value="immediate" selected' in page and "Where: Rīga." in page
    assert f"?service={shelter_24_7.pk}" in page and "+371 2000 0247" in page  # the urgent pathway suggests it
    assert AuditEvent.objects.filter(action="hotline.contact_viewed", target_id=str(contact.pk)).exists()
    response = client.post(url, {"service": shelter_24_7.pk, "urgency": "immediate", "reason": "Needs a bed",
                                 "summary": "Adult, farm work", "languages": "uk", "consent_how": "verbal"})
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/referrals/{referral.pk}/"
    escalate_page = client.get(f"/hotline/contacts/{contact.pk}/escalate/").content.decode()
    assert f"/referrals/{referral.pk}/" in escalate_page


def test_case_form_refuses_without_consent_and_says_why(client, network, contact, operator_with_cases):
    sign_in(client, operator_with_cases)
    url = f"/hotline/contacts/{contact.pk}/escalate/case/"
    response = client.post(url, {"given_names": "Test", "municipality": network.riga.pk, "consent_how": "verbal"})
    assert response.status_code == 200 and "ds-error-summary" in response.content.decode()
    assert "open it only when the caller agrees" in response.content.decode()
    assert not Person.objects.exists()
    response = client.post(url, {"given_names": "Test", "municipality": network.riga.pk, "consent_how": "verbal",
                                 "consent_given": "on"})
    assert response.status_code == 302 and refresh(contact).case is not None


ESCALATION_PAGES = ["escalate/", "escalate/screening/", "escalate/referral/", "escalate/case/"]


@pytest.mark.parametrize("page", ESCALATION_PAGES)
@pytest.mark.parametrize("persona", ["outsider_case_manager", "case_manager", "local_coordinator", "no_role"])
def test_outsiders_get_404(client, network, contact, page, persona):
    sign_in(client, getattr(network, persona))
    assert client.get(f"/hotline/contacts/{contact.pk}/{page}").status_code == 404


@pytest.mark.parametrize("page", ESCALATION_PAGES)
def test_hotline_member_without_the_right_gets_403(client, contact, hotline_admin, page):
    sign_in(client, hotline_admin)
    assert client.get(f"/hotline/contacts/{contact.pk}/{page}").status_code == 403


@pytest.mark.parametrize("persona", ["hotline_operator", "hotline_coordinator"])
def test_the_hotlines_people_may_escalate(client, network, contact, persona):
    sign_in(client, getattr(network, persona))
    page = client.get(f"/hotline/contacts/{contact.pk}/escalate/").content.decode()
    assert "Refer the caller to a service" in page
    assert "do not include opening cases" in page  # no case.write at a hotline by default


def test_demo_checks_a_job_offer_and_refers_a_crisis(network):
    """On a small stand-in for the demo hotline (load_demo itself is run by the contact log's demo test)."""
    from strom.hotline.demo_crisis import load_demo_hotline_crisis

    hotline = Organisation.objects.create(name="Living for Tomorrow", type=OrganisationType.HOTLINE, country="EE")
    make_user("hotline.operator", (hotline, Role.HOTLINE_OPERATOR))
    network.hotline = hotline  # make_contact records for network.hotline
    abroad = make_contact(network, topic="working_abroad", destination_country="FI", language="ru",
                          reference="ABC123")
    crisis = make_contact(network, reference="DEF456", municipality=None, country="EE")
    shelter = Service.objects.create(organisation=network.outsider, type=service_type("safe_accommodation"),
                                     name="Beds", phone_24_7="+372 0000 0320", consent="verbal")
    shelter.organisation.country = "EE"
    shelter.organisation.save()
    assert load_demo_hotline_crisis() == 2
    assert JobOfferCheck.objects.get().contact == abroad
    made = Escalation.objects.get()
    assert made.contact == crisis and made.referral.service == shelter
    assert load_demo_hotline_crisis() == 0 and Escalation.objects.count() == 1
