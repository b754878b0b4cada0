"""Possible duplicates at intake, across every organisation of the instance (rules: strom/lib/names.py).

- **Keys.** `store_name_keys(person)` rewrites the person's `PersonNameKey` rows from her names and
  birth year; the cases services call it in their transaction whenever names, other names, the birth
  date, the estimated age or "age disputed" change. Only keyed digests are stored.
- **Lookup.** `find_possible_duplicates(actor, names…)` probes the digests of the names typed against
  the stored digests of everyone else: the database compares digests for equality and nothing more.
  Allowed to holders of `case.write`; each lookup records `person.duplicate_check` with the number of
  matches, never a name or a digest.
- **What the answer says.** For a matching case the actor may read (her organisation's, with
  `case.read`; or through an access rule), a link to the case by its pseudonym. For any other, only
  "a possible match is held by organisation X — contact them": the organisation's name and country,
  once per organisation, nothing of the record (not its pseudonym, not its stage, not how many).
- **Confirming.** Opening a case despite matches needs a confirmation token (`confirmation_token`):
  an HMAC over the actor, her organisation, the time and the identity fields that were checked. The
  same form data cannot come back unconfirmed, a changed name is checked again, a tampered or stale
  token is refused (`check_confirmation`).
"""

from __future__ import annotations

import hmac
import time
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from strom.accounts.policies import Actor, deny
from strom.audit.services import record
from strom.cases.policies import READ, WRITE, Access, access_to
from strom.lib import names
from strom.lib.crypto import blind_index

# The person fields the keys are made of: a change to any of them rewrites the keys.
KEY_FIELDS = frozenset({"given_names", "family_names", "other_names", "birth_date", "estimated_age",
                        "age_estimated_on", "age_disputed"})
CONFIRMATION_MAX_AGE = 60 * 60  # seconds: a warning answered after an hour is looked at again
_CONFIRMATION_SALT = "strom.cases.duplicates.confirm"


class PossibleDuplicates(Exception):
    """Opening was stopped: the names match records elsewhere and the worker has not confirmed."""

    def __init__(self, answer: DuplicateAnswer, token: str):
        super().__init__("possible duplicates")
        self.answer, self.token = answer, token


# --- Keys ---------------------------------------------------------------------------------------------


def birth_year_of(*, birth_date="", estimated_age=None, age_estimated_on=None, age_disputed=False,
                  today: date | None = None) -> tuple[int | None, bool]:
    """(year, estimated): a known date gives its year, exact unless the age is disputed; an estimated
    age gives the year it points to, estimated; nothing known gives None."""
    if birth_date:
        try:
            return date.fromisoformat(str(birth_date)).year, bool(age_disputed)
        except ValueError:
            return None, False
    if estimated_age is not None:
        on = age_estimated_on or today or timezone.localdate()
        return on.year - int(estimated_age), True
    return None, False


def keys_of(fields: dict) -> names.NameKeys:
    """The match keys of a person given as a dict of person fields (a form's or a service's values)."""
    year, estimated = birth_year_of(birth_date=fields.get("birth_date") or "",
                                    estimated_age=fields.get("estimated_age"),
                                    age_estimated_on=fields.get("age_estimated_on"),
                                    age_disputed=bool(fields.get("age_disputed")))
    return names.match_keys(fields.get("given_names") or "", fields.get("family_names") or "",
                            fields.get("other_names") or "", year, year_estimated=estimated)


def fields_of(person) -> dict:
    return {name: getattr(person, name) for name in KEY_FIELDS}


def _digests_by_kind(keys) -> dict[str, str]:
    """digest → kind (a dated key starts with its year; the whole-name keys have none)."""
    from strom.cases.models import NameKeyKind

    return {blind_index(key, names.PURPOSE): NameKeyKind.DATED if key.startswith("y")
            else NameKeyKind.WHOLE_NAME for key in keys}


def store_name_keys(person) -> int:
    """Rewrite the person's stored keys (in the caller's transaction); returns how many she has."""
    from strom.cases.models import PersonNameKey

    with transaction.atomic():
        PersonNameKey.objects.filter(person=person).delete()
        if person.identity_erased_at is not None:
            return 0
        rows = [PersonNameKey(person=person, digest=digest, kind=kind)
                for digest, kind in _digests_by_kind(keys_of(fields_of(person)).stored).items()]
        PersonNameKey.objects.bulk_create(rows)
    return len(rows)


def matching_people(keys: names.NameKeys, *, exclude_person=None) -> set:
    """Ids of the people whose stored digests meet the probe digests of `keys` (no policy: callers check)."""
    from strom.cases.models import PersonNameKey

    probes = names.digests(keys.probes)
    if not probes:
        return set()
    found = PersonNameKey.objects.filter(digest__in=probes)
    if exclude_person is not None:
        found = found.exclude(person=exclude_person)
    return set(found.values_list("person_id", flat=True).distinct())


# --- The answer -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VisibleMatch:
    """A matching case the actor may read: she may follow the link."""

    case_id: str
    pseudonym: str
    organisation: str

    @property
    def url(self) -> str:
        return reverse("cases:detail", args=[self.case_id])


@dataclass(frozen=True)
class OrganisationMatch:
    """A possible match held by an organisation the actor may not look into: only whom to contact."""

    organisation_id: str
    organisation: str
    country: str
    url: str = ""  # the organisation's page in the partners' directory, when the actor may read it


@dataclass(frozen=True)
class DuplicateAnswer:
    visible: list[VisibleMatch] = field(default_factory=list)
    elsewhere: list[OrganisationMatch] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.visible or self.elsewhere)

    @property
    def count(self) -> int:
        return len(self.visible) + len(self.elsewhere)

    def as_data(self) -> dict:
        """The answer for the API (the same facts as the page)."""
        return {"visible": [{"case": m.case_id, "pseudonym": m.pseudonym, "organisation": m.organisation}
                            for m in self.visible],
                "elsewhere": [{"organisation": m.organisation_id, "name": m.organisation, "country": m.country}
                              for m in self.elsewhere]}


def _directory_url(actor: Actor, organisation) -> str:
    if not actor.can("network.read"):
        return ""
    try:
        return reverse("network:organisation", args=[organisation.pk])
    except NoReverseMatch:
        return ""


def _answer_for(actor: Actor, person_ids: set) -> DuplicateAnswer:
    from strom.cases.models import Case

    visible, elsewhere = [], {}
    cases = (Case.objects.filter(person_id__in=person_ids).select_related("person", "lead_organisation")
             .order_by("created", "id"))
    for case in cases:
        if access_to(actor, case) == Access.LEAD and actor.can(READ):
            visible.append(VisibleMatch(str(case.pk), case.person.pseudonym, case.lead_organisation.name))
        elif case.lead_organisation_id not in elsewhere:
            organisation = case.lead_organisation
            elsewhere[organisation.pk] = OrganisationMatch(str(organisation.pk), organisation.name,
                                                           str(organisation.country.name),
                                                           _directory_url(actor, organisation))
    # An organisation already shown with a readable case needs no "contact them" line of its own.
    shown = {match.organisation for match in visible}
    return DuplicateAnswer(visible, [m for m in elsewhere.values() if m.organisation not in shown])


def require_duplicate_check(actor: Actor) -> None:
    if actor.organisation is None or not actor.can(WRITE):
        deny(actor, WRITE)


def find_possible_duplicates(actor: Actor, fields: dict, *, exclude_person=None, request=None) -> DuplicateAnswer:
    """Who else may hold this person, said as much as the actor may know (see the module docstring).

    `fields`: person fields as the services take them (given_names, family_names, other_names,
    birth_date as YYYY-MM-DD or empty, estimated_age, age_estimated_on, age_disputed).
    """
    require_duplicate_check(actor)
    person_ids = matching_people(keys_of(fields), exclude_person=exclude_person)
    answer = _answer_for(actor, person_ids)
    record("person.duplicate_check", actor=actor.user, organisation=actor.organisation,
           target=exclude_person, detail={"matches": answer.count}, request=request)
    return answer


# --- Confirming "open anyway" -----------------------------------------------------------------------


def _canonical(fields: dict) -> str:
    parts = []
    for name in sorted(KEY_FIELDS - {"age_estimated_on"}):
        value = fields.get(name)
        parts.append(f"{name}={names.normalise_name(value) if name.endswith('names') else value or ''}")
    return "\x1f".join(parts)


def _signature(actor: Actor, fields: dict, issued: int) -> str:
    message = f"{actor.user.pk}|{actor.organisation.pk}|{issued}|{_canonical(fields)}"
    return salted_hmac(_CONFIRMATION_SALT, message, algorithm="sha256").hexdigest()


def confirmation_token(actor: Actor, fields: dict, *, now: float | None = None) -> str:
    """A token that says "this actor saw the warning for exactly these identity fields" (no data in it)."""
    issued = int(now if now is not None else time.time())
    return f"{issued}.{_signature(actor, fields, issued)}"


def check_confirmation(actor: Actor, fields: dict, token: str, *, now: float | None = None) -> bool:
    """Whether `token` confirms these fields for this actor and is at most CONFIRMATION_MAX_AGE old."""
    issued_text, _dot, signature = (token or "").partition(".")
    if not issued_text.isdigit() or not signature:
        return False
    issued = int(issued_text)
    age = (now if now is not None else time.time()) - issued
    if not 0 <= age <= CONFIRMATION_MAX_AGE:
        return False
    return hmac.compare_digest(signature, _signature(actor, fields, issued))


def check_before_opening(actor: Actor, fields: dict, confirmation: str = "", *, request=None) -> DuplicateAnswer:
    """Look for duplicates of a person about to be opened; raise PossibleDuplicates unless there are
    none or `confirmation` confirms these very fields. Returns the (confirmed) answer."""
    answer = find_possible_duplicates(actor, fields, request=request)
    if answer and not check_confirmation(actor, fields, confirmation):
        raise PossibleDuplicates(answer, confirmation_token(actor, fields))
    return answer


def confirmation_error() -> ValidationError:
    return ValidationError(_("Possible matches were found. Check them, then open the case anyway if it is "
                             "another person or the match is known."))
