"""The consent ledger's rules. Pure.

Consent is kept per purpose and recipient as a ledger: every change is a new entry (given, withdrawn,
or "not required" on a named legal basis), never an edit, so the history of what the person agreed to
and when stays readable. The current state of each (purpose, recipient) is its latest entry.

- Given or withdrawn: say how it was expressed (verbally, in writing, electronically); no legal basis.
- Not required: name the legal basis (child protection, imminent danger, a legal obligation) — the
  cases in which the law lets professionals act without consent (e.g. a child, or a life at risk);
  "how" does not apply.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    KEEP_DATA = "keep_data", _("Keeping the person's data in Strom")
    SHARE_FOR_REFERRAL = "share_for_referral", _("Sharing data with another organisation for help")
    CONTACT_POLICE = "contact_police", _("Contact with the police")
    CONTACT_FAMILY = "contact_family", _("Contact with the family")
    CONTACT_ABROAD = "contact_abroad", _("Contact with organisations abroad (return)")


class State(models.TextChoices):
    GIVEN = "given", _("Given")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    NOT_REQUIRED = "not_required", _("Not required (legal basis)")


class How(models.TextChoices):
    VERBAL = "verbal", _("Verbally")
    WRITTEN = "written", _("In writing")
    ELECTRONIC = "electronic", _("Electronically")


class LegalBasis(models.TextChoices):
    CHILD_PROTECTION = "child_protection", _("Child protection")
    IMMINENT_DANGER = "imminent_danger", _("Imminent danger to life or health")
    LEGAL_OBLIGATION = "legal_obligation", _("A legal obligation")


class ConsentError(Exception):
    def __init__(self, field: str, message):
        super().__init__(field)
        self.field, self.message = field, message


def check_entry(*, purpose: str, state: str, how: str, legal_basis: str, recipient: str) -> None:
    """Raise ConsentError naming the field when an entry does not fit the rules above."""
    if purpose not in Purpose.values:
        raise ConsentError("purpose", _("Choose the purpose."))
    if state not in State.values:
        raise ConsentError("state", _("Choose whether consent was given, withdrawn or is not required."))
    if purpose != Purpose.KEEP_DATA and not recipient:
        raise ConsentError("recipient_text", _("Name the recipient: an organisation or who it is."))
    if state == State.NOT_REQUIRED:
        if legal_basis not in LegalBasis.values:
            raise ConsentError("legal_basis", _("Name the legal basis for acting without consent."))
        if how:
            raise ConsentError("how", _("“How” is for consent given or withdrawn, not for a legal basis."))
    else:
        if how not in How.values:
            raise ConsentError("how", _("Say how the person gave or withdrew consent."))
        if legal_basis:
            raise ConsentError("legal_basis", _("A legal basis is only for acting without consent."))


def current(entries: Iterable) -> list:
    """The latest entry per (purpose, recipient), from entries in the order they were recorded."""
    latest: dict = {}
    for entry in entries:
        latest[(entry.purpose, entry.recipient_key)] = entry
    return list(latest.values())
