"""One self-contained referral document, so that a later issue can carry referrals between national
Strom instances. Versioned ("strom.referral/1"); HTCDS 2.0 field names where they exist (Referral
Details cas_*, Person prs_*), our own names (prefix "strom_") elsewhere. It holds exactly the fields
the referral shares and may still be opened (consent withdrawn: they are left out), never more.

The caller records who built it (queries.shared_view audits the field names)."""

from __future__ import annotations

from strom.referrals import sharing
from strom.referrals.queries import _age_group_of, consent_state_now

VERSION = "strom.referral/1"

# Our shared field → HTCDS 2.0 name (None: HTCDS has no such field; we keep ours, prefixed).
HTCDS_PERSON = {
    "given_names": "prs_FirstName",
    "family_names": "prs_SecondName",
    "birth_date": "prs_Birthdate",
    "gender": "prs_Gender",
    "contact": "prs_MobilePhone",
}


def _organisation(organisation) -> dict:
    return {"id": str(organisation.pk), "org_Name": organisation.name, "country": organisation.country.code}


def _person(referral, visible: list[str]) -> dict:
    person = referral.case.person if referral.case_id else None
    values: dict = {}
    for name in visible:
        if name == "urgency":
            continue
        if name == "languages":
            languages = person.languages if person else referral.languages
            if languages:
                values["prs_PrimaryLanguage"] = languages[0]
            if len(languages) > 1:
                values["prs_SecondaryLanguage"] = languages[1]
            values["strom_languages"] = list(languages)
        elif name == "age_group":
            values["strom_age_group"] = _age_group_of(person) if person else (referral.age_group or "unknown")
        elif name == "needs":
            values["strom_needs"] = referral.needs
        elif person is not None:
            value = person.pseudonym if name == "pseudonym" else getattr(person, name)
            values[HTCDS_PERSON.get(name, f"strom_{name}")] = value
    if person is None and referral.summary:
        values["strom_summary"] = referral.summary
    return values


def _consent(referral) -> dict:
    entry = referral.consent
    if entry is not None:
        return {
            "reference": str(entry.pk),
            "state": entry.state,
            "how": entry.how,
            "legal_basis": entry.legal_basis,
            "recorded_at": entry.recorded_at.isoformat(),
            "state_now": consent_state_now(referral),
        }
    return {
        "reference": f"referral:{referral.pk}",
        "state": "not_required" if referral.legal_basis else "given",
        "how": referral.consent_how,
        "legal_basis": referral.legal_basis,
        "recorded_at": referral.sent_at.isoformat(),
        "state_now": None,
    }


def referral_document(referral) -> dict:
    visible = sharing.visible_fields(referral.shared_fields, consent_state=consent_state_now(referral))
    return {
        "version": VERSION,
        "id": str(referral.pk),
        "state": referral.state,
        "urgency": referral.urgency,
        "cas_OutgoingReferralDate": referral.sent_at.date().isoformat(),
        "cas_IncomingReferralDate": referral.answered_at.date().isoformat()
        if referral.answered_at and referral.state in ("accepted", "completed")
        else None,
        "cas_ReasonForOutgoingReferral": "AdditionalServicesRequired",
        "cas_OutgoingReferralDetails": referral.reason,
        "cas_ReferringOrganisation": _organisation(referral.sender_organisation),
        "cas_ReferringPrimaryCaseWorker": referral.sender.display_name if referral.sender else None,
        "cas_ReferredOrganisation": _organisation(referral.receiver_organisation),
        "cas_ReferredPrimaryCaseWorker": referral.assigned_to.display_name if referral.assigned_to else None,
        "service": {"id": str(referral.service.pk), "name": referral.service.name, "type": referral.service.type.code},
        "sent_at": referral.sent_at.isoformat(),
        "due_at": referral.due_at.isoformat() if referral.due_at else None,
        "shared_fields": visible,
        "person": _person(referral, visible),
        "consent": _consent(referral),
    }
