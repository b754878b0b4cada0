"""Writes to people and cases.

Each function checks its policy before the transaction (`strom.lib.services.service`), validates,
changes the data and appends its audit event in the same transaction: bad input raises
ValidationError and changes nothing. Audit events name the fields that changed, never their values.
django-simple-history keeps every version (`_history_user` names the actor outside requests too).
"""

from __future__ import annotations

import copy
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from strom.accounts.models import Membership
from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.cases import consent, duplicates, pseudonyms
from strom.cases.age import age_group
from strom.cases.models import (
    IDENTITY_FIELDS,
    BreakGlass,
    Case,
    CasePlace,
    ConsentEntry,
    IdentificationDecision,
    Person,
    StageChange,
)
from strom.cases.policies import (
    break_glass_expiry,
    require_acknowledgement,
    require_break_glass,
    require_case_opening,
    require_case_writing,
    require_lead_transfer,
)
from strom.cases.stages import FIRST_STAGE, MoveError, check_move
from strom.cases.vocabularies import ControlMeans, ExploitationForm, PlaceKind, RiskFlag
from strom.lib.services import service
from strom.network.languages import is_language_code
from strom.network.models import Municipality

PERSON_FIELDS = frozenset({
    *IDENTITY_FIELDS, "estimated_age", "age_estimated_on", "age_disputed", "gender", "citizenships", "languages",
    "interpreter_needed", "contact_safety", "documents_status",
})
CASE_FIELDS = frozenset({"municipality", "exploitation_forms", "industry", "means_of_control", "risk_flags"})
LIST_VOCABULARIES = {"exploitation_forms": ExploitationForm, "means_of_control": ControlMeans,
                     "risk_flags": RiskFlag}
TEXT_FIELDS = IDENTITY_FIELDS


# --- Validation ---------------------------------------------------------------------------------


def _checked_person(fields: dict) -> dict:
    unknown = set(fields) - PERSON_FIELDS
    if unknown:
        raise TypeError(f"Not a field of a person: {', '.join(sorted(unknown))}")
    for name in TEXT_FIELDS:
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    if fields.get("birth_date"):
        fields["birth_date"] = _checked_birth_date(fields["birth_date"])
    if "citizenships" in fields:
        codes = list(dict.fromkeys(str(code).strip().upper() for code in fields["citizenships"] or []))
        if any(code not in countries for code in codes):
            raise ValidationError({"citizenships": _("Choose countries from the list.")})
        fields["citizenships"] = codes
    if "languages" in fields:
        codes = list(dict.fromkeys(str(code).strip().lower() for code in fields["languages"] or []))
        wrong = [code for code in codes if not is_language_code(code)]
        if wrong:
            raise ValidationError({"languages": _("Not ISO 639-1 language codes: %(codes)s")
                                   % {"codes": ", ".join(wrong)}})
        fields["languages"] = codes
    return fields


def _checked_birth_date(value) -> str:
    """Stored as text (it is encrypted): an ISO date, not in the future."""
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError({"birth_date": _("Give the date of birth as YYYY-MM-DD.")}) from None
    if day > timezone.localdate():
        raise ValidationError({"birth_date": _("The date of birth is in the future.")})
    return day.isoformat()


def _validate_person(person: Person) -> None:
    person.full_clean(exclude=["pseudonym", "created_by"], validate_unique=False)
    if person.estimated_age is not None and person.estimated_age > 120:
        raise ValidationError({"estimated_age": _("An estimated age is between 0 and 120.")})
    if person.estimated_age is not None and person.age_estimated_on is None:
        person.age_estimated_on = timezone.localdate()


def _checked_case(fields: dict) -> dict:
    unknown = set(fields) - CASE_FIELDS
    if unknown:
        raise TypeError(f"Not a field of a case: {', '.join(sorted(unknown))}")
    for name, vocabulary in LIST_VOCABULARIES.items():
        if name in fields:
            values = list(dict.fromkeys(fields[name] or []))
            if any(value not in vocabulary.values for value in values):
                raise ValidationError({name: _("Choose from the list.")})
            fields[name] = values
    if "municipality" in fields and not isinstance(fields["municipality"], Municipality):
        raise ValidationError({"municipality": _("Choose the municipality.")})
    if "industry" in fields:
        fields["industry"] = fields["industry"] or ""
    return fields


def _checked_team(case_organisation, team) -> list:
    team = list(dict.fromkeys(team or []))
    members = set(Membership.objects.filter(organisation=case_organisation, user__in=team, is_active=True,
                                            user__is_active=True).values_list("user_id", flat=True))
    if any(user.pk not in members for user in team):
        raise ValidationError({"team": _("The team are people of the lead organisation.")})
    return team


def _checked_places(places) -> list[dict]:
    checked = []
    for place in places or []:
        kind, country = place.get("kind"), str(place.get("country") or "").upper()
        if kind not in PlaceKind.values or country not in countries:
            raise ValidationError({"places": _("Each place needs what happened there and a country.")})
        date_from, date_to = place.get("date_from"), place.get("date_to")
        if date_from and date_to and date_to < date_from:
            raise ValidationError({"places": _("A place's end date is before its start date.")})
        checked.append({"kind": kind, "country": country, "place": (place.get("place") or "").strip()[:200],
                        "date_from": date_from, "date_to": date_to})
    return checked


def _new_pseudonym() -> str:
    for _attempt in range(20):
        candidate = pseudonyms.generate()
        if not Person.objects.filter(pseudonym=candidate).exists():
            return candidate
    raise RuntimeError("No free pseudonym after 20 draws: the word lists need to grow.")


def _age_group_of(person: Person) -> str:
    """The person's age group today (cases/age.py), kept on each of her cases for referrals."""
    try:
        born = date.fromisoformat(person.birth_date) if person.birth_date else None
    except ValueError:
        born = None
    return age_group(timezone.localdate(), age_disputed=person.age_disputed, birth_date=born,
                     estimated_age=person.estimated_age, estimated_on=person.age_estimated_on)


def refresh_age_group(person: Person) -> int:
    """Set the age group on the person's cases (a child turns 18; names keys follow the same fields)."""
    group = _age_group_of(person)
    return Case.objects.filter(person=person).exclude(age_group=group).update(age_group=group)


def _filled(person: Person, names) -> list[str]:
    return [name for name in names if getattr(person, name) not in (None, "", [], False)]


# --- Opening and editing ------------------------------------------------------------------------


@service(require_case_opening)
def open_case(actor: Actor, *, person: dict, municipality: Municipality, team=(), places=(), request=None,
              possible_duplicates: int = 0, **case_fields) -> Case:
    """A new person and her case, led by the organisation the actor acts for, at the first stage.

    Pages and the API look for duplicates first (`duplicates.check_before_opening`); when the worker
    opened the case anyway, `possible_duplicates` says how many matches she confirmed (recorded)."""
    person_fields = _checked_person(dict(person))
    case_fields = _checked_case({"municipality": municipality, **case_fields})
    organisation = actor.organisation
    new_person = Person(**person_fields, created_by=actor.user)
    _validate_person(new_person)
    team = _checked_team(organisation, team)
    places = _checked_places(places)
    now = timezone.now()
    new_person.pseudonym = _new_pseudonym()
    new_person._history_user = actor.user
    new_person.save()
    duplicates.store_name_keys(new_person)
    case = Case(person=new_person, lead_organisation=organisation, stage=FIRST_STAGE, stage_changed=now,
                created=now, created_by=actor.user, age_group=_age_group_of(new_person), **case_fields)
    case.full_clean(exclude=["person", "lead_organisation", "created_by"], validate_unique=False)
    case._history_user = actor.user
    case.save()
    case.team.set(team)
    CasePlace.objects.bulk_create(CasePlace(case=case, **place) for place in places)
    StageChange.objects.create(case=case, from_stage="", to_stage=FIRST_STAGE, at=now, by=actor.user,
                               by_organisation=organisation)
    record("case.opened", actor=actor.user, organisation=organisation, target=case,
           fields=_filled(new_person, sorted(PERSON_FIELDS)),
           detail={"person": str(new_person.pk), "possible_duplicates_confirmed": int(possible_duplicates)},
           request=request)
    return case


@service(require_case_writing)
def update_person(actor: Actor, case: Case, *, request=None, **changes) -> list[str]:
    """Change the person of `case`; returns the names of the fields that changed (validated on a copy)."""
    person = case.person
    changes = _checked_person(dict(changes))
    changed = [name for name, value in changes.items() if getattr(person, name) != value]
    candidate = copy.copy(person)
    for name in changed:
        setattr(candidate, name, changes[name])
    _validate_person(candidate)
    if not changed:
        return []
    for name in [*changed, "age_estimated_on"]:
        setattr(person, name, getattr(candidate, name))
    if person.identity_erased_at is not None:
        raise ValidationError(_("This person's identity was erased at the end of the retention period."))
    person._history_user = actor.user
    person.save()
    if duplicates.KEY_FIELDS & set(changed):
        duplicates.store_name_keys(person)
        refresh_age_group(person)
    record("person.updated", actor=actor.user, organisation=actor.organisation, target=person, fields=changed,
           detail={"case": str(case.pk)}, request=request)
    return changed


@service(require_case_writing)
def update_case(actor: Actor, case: Case, *, team=None, places=None, request=None, **changes) -> list[str]:
    """Change the case's facts, its team and (when given) replace its places."""
    changes = _checked_case(dict(changes))
    changed = [name for name, value in changes.items() if getattr(case, name) != value]
    team = _checked_team(case.lead_organisation, team) if team is not None else None
    places = _checked_places(places) if places is not None else None
    for name in changed:
        setattr(case, name, changes[name])
    if changed:
        case._history_user = actor.user
        case.save()
    if team is not None and {u.pk for u in team} != set(case.team.values_list("pk", flat=True)):
        case.team.set(team)
        changed.append("team")
    if places is not None:
        case.places.all().delete()
        CasePlace.objects.bulk_create(CasePlace(case=case, **place) for place in places)
        changed.append("places")
    if changed:
        record("case.updated", actor=actor.user, organisation=actor.organisation, target=case, fields=changed,
               request=request)
    return changed


# --- The status timeline ------------------------------------------------------------------------


@service(require_case_writing)
def change_stage(actor: Actor, case: Case, *, to_stage: str, why: str, closure_reason: str = "",
                 request=None) -> StageChange:
    """Move the case along the timeline (stages.TRANSITIONS), keeping who, when and why."""
    case = Case.objects.select_for_update().get(pk=case.pk)  # two moves at once: the second sees the first
    why = (why or "").strip()
    try:
        check_move(case.stage, to_stage, why=why, closure_reason=closure_reason or "")
    except MoveError as error:
        raise ValidationError({"to_stage" if error.code != "no_reason" else "why": str(error)},
                              code=error.code) from None
    now = timezone.now()
    change = StageChange.objects.create(case=case, from_stage=case.stage, to_stage=to_stage, why=why,
                                        closure_reason=closure_reason or "", at=now, by=actor.user,
                                        by_organisation=actor.organisation)
    from_stage = case.stage
    case.stage, case.stage_changed, case.closure_reason = to_stage, now, closure_reason or ""
    case._history_user = actor.user
    case.save(update_fields=["stage", "stage_changed", "closure_reason", "updated"])
    record("case.stage_changed", actor=actor.user, organisation=actor.organisation, target=case,
           fields=["stage"], detail={"from": from_stage, "to": to_stage, "closure_reason": closure_reason or ""},
           request=request)
    return change


@service(require_case_writing)
def record_decision(actor: Actor, case: Case, *, authority: str, level: str, decided_on: date, outcome: str,
                    note: str = "", request=None) -> IdentificationDecision:
    decision = IdentificationDecision(case=case, authority=(authority or "").strip(), level=level,
                                      decided_on=decided_on, outcome=outcome, note=(note or "").strip(),
                                      recorded_by=actor.user)
    decision.full_clean(exclude=["case", "recorded_by"], validate_unique=False)
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("The decision date is in the future.")})
    decision._history_user = actor.user
    decision.save()
    record("case.decision_recorded", actor=actor.user, organisation=actor.organisation, target=case,
           detail={"decision": str(decision.pk), "level": level, "outcome": outcome}, request=request)
    return decision


# --- Break-glass --------------------------------------------------------------------------------


@service(require_break_glass)
def break_glass(actor: Actor, case: Case, *, reason: str, request=None) -> BreakGlass:
    """Emergency access for a limited time; refused without a written reason. The lead organisation
    sees it in "My work" until acknowledged."""
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"reason": _("Write why you need this case now (at least a sentence).")})
    now = timezone.now()
    grant = BreakGlass(case=case, user=actor.user, organisation=actor.organisation, reason=reason, granted_at=now,
                       expires_at=break_glass_expiry(now))
    grant._history_user = actor.user
    grant.save()
    record("case.break_glass", actor=actor.user, organisation=actor.organisation, target=case,
           detail={"grant": str(grant.pk), "lead_organisation": str(case.lead_organisation_id),
                   "expires": grant.expires_at.isoformat()}, request=request)
    actor.__dict__.pop("_case_access", None)
    return grant


@service(require_acknowledgement)
def acknowledge_break_glass(actor: Actor, grant: BreakGlass, *, request=None) -> None:
    if grant.acknowledged_at is not None:
        return
    grant.acknowledged_at, grant.acknowledged_by = timezone.now(), actor.user
    grant._history_user = actor.user
    grant.save(update_fields=["acknowledged_at", "acknowledged_by"])
    record("case.break_glass_acknowledged", actor=actor.user, organisation=actor.organisation, target=grant.case,
           detail={"grant": str(grant.pk)}, request=request)


# --- The consent ledger ---------------------------------------------------------------------------


@service(require_case_writing)
def record_consent(actor: Actor, case: Case, *, purpose: str, state: str, how: str = "", legal_basis: str = "",
                   recipient_organisation=None, recipient_text: str = "", note: str = "",
                   request=None) -> ConsentEntry:
    """Add a line to the case's consent ledger (rules: cases/consent.py)."""
    recipient_text = (recipient_text or "").strip()
    recipient = recipient_organisation.name if recipient_organisation is not None else recipient_text
    try:
        consent.check_entry(purpose=purpose, state=state, how=how or "", legal_basis=legal_basis or "",
                            recipient=recipient)
    except consent.ConsentError as error:
        raise ValidationError({error.field: str(error.message)}) from None
    entry = ConsentEntry(case=case, purpose=purpose, state=state, how=how or "", legal_basis=legal_basis or "",
                         recipient_organisation=recipient_organisation, recipient_text=recipient_text,
                         note=(note or "").strip(), recorded_at=timezone.now(), recorded_by=actor.user)
    entry.full_clean(exclude=["case", "recorded_by", "recipient_organisation"], validate_unique=False)
    entry._history_user = actor.user
    entry.save()
    record("case.consent_recorded", actor=actor.user, organisation=actor.organisation, target=case,
           detail={"entry": str(entry.pk), "purpose": purpose, "state": state, "legal_basis": legal_basis or "",
                   "recipient_organisation": str(recipient_organisation.pk) if recipient_organisation else ""},
           request=request)
    return entry


# --- The case lead ----------------------------------------------------------------------------------


@service(require_lead_transfer)
def transfer_lead(actor: Actor, case: Case, *, to_organisation, team=(), referral=None, request=None) -> Case:
    """Move the lead of `case` to another organisation (the referrals app, on an accepted referral
    that asks for it). The team becomes `team`: the old organisation's members no longer lead it."""
    from_organisation = case.lead_organisation
    case.lead_organisation = to_organisation
    case._history_user = actor.user
    case.save(update_fields=["lead_organisation", "updated"])
    case.team.set(_checked_team(to_organisation, team))
    record("case.lead_transferred", actor=actor.user, organisation=actor.organisation, target=case,
           detail={"from": str(from_organisation.pk), "to": str(to_organisation.pk),
                   "referral": str(referral.pk) if referral is not None else ""}, request=request)
    return case
