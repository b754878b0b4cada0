"""What a referral may share, and whether consent allows it. Pure.

- The minimum (always shared, the default): pseudonym, age group, languages, needs, urgency.
- Extra non-identifying fields the sender may add: gender, interpreter need.
- Identity fields only when the consent covers it (a current entry "given", or "not required" on a
  legal basis) and the service needs it: a service that takes people only with their consent works
  with identified people; one that asks for written consent needs the consent given in writing.
- After the consent is withdrawn, the receiver sees only what does not come from the person:
  the pseudonym (to speak about the referral) and the urgency (`UNCOVERED`).
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from strom.cases.age import ADULT_AGE, age_on

MINIMUM = ("pseudonym", "age_group", "languages", "needs", "urgency")
EXTRA = ("gender", "interpreter_needed")
IDENTITY = ("given_names", "family_names", "birth_date", "contact", "safe_contact_instructions")
ALL_FIELDS = MINIMUM + EXTRA + IDENTITY
UNCOVERED = frozenset({"pseudonym", "urgency"})

LABELS = {
    "pseudonym": _("Pseudonym"),
    "age_group": _("Age group"),
    "languages": _("Languages"),
    "needs": _("Needs"),
    "urgency": _("Urgency"),
    "gender": _("Gender"),
    "interpreter_needed": _("Needs an interpreter"),
    "given_names": _("Given names"),
    "family_names": _("Family names"),
    "birth_date": _("Date of birth"),
    "contact": _("Contact"),
    "safe_contact_instructions": _("Safe-contact instructions"),
}

# Age groups: wide enough not to identify, fine enough for a service's age limits.
AGE_GROUPS = (
    ("0-11", 0, 11),
    ("12-17", 12, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-49", 35, 49),
    ("50+", 50, 200),
)
CHILD_DISPUTED = "child_disputed"
UNKNOWN_AGE = "unknown"


class SharingError(Exception):
    def __init__(self, field: str, message):
        super().__init__(field)
        self.field, self.message = field, message


def age_group(
    today: date,
    *,
    age_disputed: bool = False,
    birth_date: date | None = None,
    estimated_age: int | None = None,
    estimated_on: date | None = None,
) -> str:
    """The age band of a person; a disputed age is a child's (CoE Convention Art. 10(3))."""
    age = age_on(today, birth_date=birth_date, estimated_age=estimated_age, estimated_on=estimated_on)
    if age_disputed and (age is None or age >= ADULT_AGE):
        return CHILD_DISPUTED
    if age is None:
        return UNKNOWN_AGE
    return next(code for code, low, high in AGE_GROUPS if low <= age <= high)


def age_group_label(code: str) -> str:
    if code == CHILD_DISPUTED:
        return str(_("Child (age disputed)"))
    if code in ("", UNKNOWN_AGE):
        return str(_("Unknown"))
    return code


def consent_allows(state: str) -> bool:
    """A current ledger state that lets a referral go: consent given, or not required (legal basis)."""
    return state in ("given", "not_required")


def checked_fields(fields, *, consent_state: str, consent_how: str, service_consent: str) -> list[str]:
    """The fields to share in a stable order; the minimum always; identity only when allowed."""
    chosen = set(fields or ()) | set(MINIMUM)
    unknown = chosen - set(ALL_FIELDS)
    if unknown:
        raise SharingError("shared_fields", _("Choose only fields from the list."))
    if chosen & set(IDENTITY):
        if not consent_allows(consent_state):
            raise SharingError("shared_fields", _("Identity is shared only with the person's consent."))
        if service_consent == "none":
            raise SharingError(
                "shared_fields", _("This service does not need the person's identity: share the minimum only.")
            )
        if service_consent == "written" and consent_state == "given" and consent_how != "written":
            raise SharingError("shared_fields", _("This service needs written consent before identity is shared."))
    return [name for name in ALL_FIELDS if name in chosen]


def visible_fields(shared: list[str], *, consent_state: str | None) -> list[str]:
    """What the receiver may open now: all that was shared, or after withdrawal only `UNCOVERED`.
    `consent_state` None: a case-less referral (its consent was stated on the referral itself)."""
    if consent_state is None or consent_allows(consent_state):
        return list(shared)
    return [name for name in shared if name in UNCOVERED]
