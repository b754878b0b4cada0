"""Writes of the hotline's crisis part: the job-offer check and escalation of a contact.

Escalation turns a contact into a screening, a referral or a case **through those apps' own
services** (`start_screening`, `make_referral`, `open_case` + `record_consent`), never by writing
their models. What the contact already says flows into the target (topic, forms of exploitation,
place, language, urgency, notes), and the contact records what it became (`Escalation`, and for a
referral `referred_to`, for a case `person`/`case`) and its outcome ("referred" / "case opened").

Policies run before the transaction opens (`strom.lib.services.service`), and they include the
target's own policy, so that a refusal's audit event is never rolled back with the escalation.

**Identity**: a contact stays anonymous. Only `escalate_to_case` stores an identity, and only when the
caller's consent is stated (how she gave it); that consent is the first entry of the new case's
consent ledger ("keeping the person's data"), written in the same transaction as the case. A
referral from a contact is case-less: `make_referral` drops identity fields and records on the
referral how the person agreed, or the legal basis.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.casefiles import services as note_services
from strom.casefiles.models import Sensitivity
from strom.cases import services as case_services
from strom.cases.consent import How, Purpose
from strom.cases.consent import State as ConsentState
from strom.cases.policies import require_case_opening
from strom.hotline import joboffer
from strom.hotline.access import require_contact
from strom.hotline.models import Contact, Escalation, EscalationKind, JobOfferCheck, Outcome, Urgency
from strom.hotline.reference import display_reference
from strom.lib.services import service
from strom.network.vocabularies import ExploitationForm
from strom.referrals import services as referral_services
from strom.referrals.models import Urgency as ReferralUrgency
from strom.referrals.policies import require_making
from strom.screening import services as screening_services
from strom.screening.policies import require_run

# The contact's urgency in the referral's words: "danger now" asks for an answer today.
REFERRAL_URGENCY = {
    Urgency.ROUTINE: ReferralUrgency.ROUTINE,
    Urgency.URGENT: ReferralUrgency.URGENT,
    Urgency.EMERGENCY: ReferralUrgency.IMMEDIATE,
}


def known_forms(contact: Contact) -> list[str]:
    """The contact's forms of exploitation that the other apps' vocabulary knows."""
    return [form for form in contact.exploitation_forms or () if form in ExploitationForm.values]


def _escalated(actor: Actor, contact: Contact, kind: str, *, request=None, outcome: str = "", **target) -> Escalation:
    now = timezone.now()
    escalation = Escalation.objects.create(contact=contact, kind=kind, at=now, by=actor.user, **target)
    contact.escalated_at = now
    changed = ["escalated_at", "updated"]
    if outcome:
        contact.outcome = outcome
        changed.append("outcome")
    if target.get("case") is not None:
        contact.case, contact.person = target["case"], target["case"].person
        changed += ["case", "person"]
    if target.get("referral") is not None:
        contact.referred_to = target["referral"].service
        changed.append("referred_to")
    contact.save(update_fields=changed)
    record(f"hotline.escalated_to_{kind}", actor=actor.user, organisation=actor.organisation, target=contact,
           fields=[name for name in changed if name != "updated"],
           detail={"escalation": str(escalation.pk),
                   **{name: str(value.pk) for name, value in target.items() if value is not None}},
           request=request)
    return escalation


# --- The job-offer check ----------------------------------------------------------------------------


@service(require_contact)
def save_job_offer_check(actor: Actor, contact: Contact, *, answers: dict, destination_country: str = "",
                         language: str = "", request=None) -> JobOfferCheck:
    """Store (or replace) the contact's job-offer answers under the current checklist version."""
    checklist = joboffer.load()
    try:
        answers = joboffer.checked_answers(checklist, answers)
    except ValueError:
        raise ValidationError({"__all__": _("Answer the questions with yes, no or not sure.")}) from None
    check, _created = JobOfferCheck.objects.update_or_create(
        contact=contact,
        defaults={"checklist_version": checklist.version, "answers": answers,
                  "destination_country": (destination_country or "").upper(), "language": language or "",
                  "checked_by": actor.user, "updated": timezone.now()})
    record("hotline.job_offer_checked", actor=actor.user, organisation=actor.organisation, target=contact,
           fields=["answers", "destination_country", "language"],
           detail={"version": checklist.version, "warnings": len(joboffer.warnings(checklist, answers))},
           request=request)
    return check


# --- Escalation ---------------------------------------------------------------------------------------


def require_screening_escalation(actor: Actor, contact: Contact, *args, **kwargs) -> None:
    require_contact(actor, contact)
    require_run(actor)


@service(require_screening_escalation)
def escalate_to_screening(actor: Actor, contact: Contact, *, age_group: str, exploitation_forms=None,
                          request=None) -> Escalation:
    """A screening without identity, labelled with the caller's reference (which is no identity)."""
    forms = known_forms(contact) if exploitation_forms is None else list(exploitation_forms)
    screening = screening_services.start_screening(actor, age_group=age_group, exploitation_forms=forms,
                                                   label=display_reference(contact.caller.reference), request=request)
    return _escalated(actor, contact, EscalationKind.SCREENING, screening=screening, request=request)


def require_referral_escalation(actor: Actor, contact: Contact, *args, **kwargs) -> None:
    require_contact(actor, contact)
    require_making(actor)


@service(require_referral_escalation)
def escalate_to_referral(actor: Actor, contact: Contact, *, service, reason: str, request=None,
                         **referral) -> Escalation:
    """A case-less referral (consent or legal basis stated on it); the contact's outcome: referred."""
    made = referral_services.make_referral(actor, service=service, case=None, reason=reason, request=request,
                                           **referral)
    return _escalated(actor, contact, EscalationKind.REFERRAL, referral=made, outcome=Outcome.REFERRED,
                      request=request)


def require_case_escalation(actor: Actor, contact: Contact, *args, **kwargs) -> None:
    require_contact(actor, contact)
    require_case_opening(actor)


def _checked_case_consent(contact: Contact, consent_given: bool, consent_how: str, municipality) -> None:
    if contact.case_id is not None:
        raise ValidationError({"__all__": _("A case was already opened from this contact.")})
    if not consent_given:
        raise ValidationError({"consent_given": _(
            "A case keeps the caller's identity: open it only when the caller agrees, and tick that she did.")})
    if consent_how not in How.values:
        raise ValidationError({"consent_how": _("Say how the caller agreed.")})
    if municipality is None:
        raise ValidationError({"municipality": _("Choose the municipality where the case is handled.")})


@service(require_case_escalation)
def escalate_to_case(actor: Actor, contact: Contact, *, person: dict, municipality, consent_given: bool,
                     consent_how: str, request=None) -> Escalation:
    """A case led by the hotline organisation, with the identity given now and the caller's consent as
    the first ledger entry; refused (nothing stored) without consent."""
    _checked_case_consent(contact, consent_given, consent_how, municipality)
    person = {"languages": [contact.language] if contact.language else [], **person}
    case = case_services.open_case(actor, person=person, municipality=municipality,
                                   exploitation_forms=known_forms(contact), request=request)
    case_services.record_consent(actor, case, purpose=Purpose.KEEP_DATA, state=ConsentState.GIVEN, how=consent_how,
                                 note=_("Given on a hotline contact."), request=request)
    if contact.notes:  # the operator's notes flow into the case as its first note, for the case team
        note_services.add_note(actor, case, title=_("From the hotline contact"), text=contact.notes,
                               sensitivity=Sensitivity.TEAM, request=request)
    return _escalated(actor, contact, EscalationKind.CASE, case=case, outcome=Outcome.CASE_OPENED, request=request)
