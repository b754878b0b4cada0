"""The job-offer check's rules: the versioned checklist (data/joboffer.toml) and the caller's summary.

Pure apart from translation: `load()` reads and validates the data file; `checked_answers()` refuses
what is not an answer to a question of the checklist; `summary_text()` writes the plain-text summary
in the caller's language (`translation.override`), which the operator copies or downloads — Strom
sends nothing itself.

What goes into the summary: the warning signs (questions answered "no" or "not sure") with what to
do, the questions answered "yes", those not asked, and the destination's contacts — **only values
not flagged `needs_verification`**. An unverified address sent to someone about to leave could send
her to the wrong door; the operator sees the flagged values, with the flag, and can pass them on
after checking them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

DATA = Path(__file__).parent / "data" / "joboffer.toml"

YES, NO, UNSURE = "yes", "no", "unsure"
ANSWERS = (YES, NO, UNSURE)
CONTACT_FIELDS = ("inspectorate", "inspectorate_url", "licence", "licence_url", "advice", "advice_url")
EMERGENCY_NUMBER = "112"


class ChecklistError(ValueError):
    """The data file is not a valid checklist (raised on load, so a bad edit fails at once)."""


@dataclass(frozen=True)
class Item:
    code: str
    question: str  # English source string, shown through gettext
    advice: str


@dataclass(frozen=True)
class CountryContacts:
    country: str
    values: dict = field(default_factory=dict)  # CONTACT_FIELDS name → text ("" when not known)
    needs_verification: frozenset = frozenset()
    source: str = ""  # where the values not flagged were checked

    def verified(self, name: str) -> str:
        return "" if name in self.needs_verification else self.values.get(name, "")

    def flagged(self) -> list[tuple[str, str]]:
        """(field, value) of the values given but not verified."""
        return [(name, self.values[name]) for name in CONTACT_FIELDS
                if self.values.get(name) and name in self.needs_verification]


@dataclass(frozen=True)
class Checklist:
    version: str
    title: str
    status: str
    source: str
    items: tuple[Item, ...]
    countries: dict  # ISO code → CountryContacts

    @property
    def needs_verification(self) -> bool:
        return self.status == "needs_verification"

    def contacts(self, country: str) -> CountryContacts | None:
        return self.countries.get((country or "").upper())


def _item(row: dict) -> Item:
    try:
        return Item(code=row["code"], question=row["question"], advice=row["advice"])
    except KeyError as missing:
        raise ChecklistError(f"an item lacks {missing}") from None


def _country(code: str, row: dict) -> CountryContacts:
    unknown = set(row) - set(CONTACT_FIELDS) - {"needs_verification", "source"}
    flags = frozenset(row.get("needs_verification", ()))
    if unknown or flags - set(CONTACT_FIELDS):
        raise ChecklistError(f"{code}: unknown fields {sorted(unknown | (flags - set(CONTACT_FIELDS)))}")
    if code not in countries:
        raise ChecklistError(f"{code} is not an ISO country code")
    return CountryContacts(code, {name: str(row.get(name, "")).strip() for name in CONTACT_FIELDS}, flags,
                           str(row.get("source", "")))


def parse(data: dict) -> Checklist:
    items = tuple(_item(row) for row in data.get("items", ()))
    codes = [item.code for item in items]
    if not items or len(set(codes)) != len(codes):
        raise ChecklistError("items missing or codes repeated")
    if data.get("status") not in ("published", "needs_verification"):
        raise ChecklistError("status must be published or needs_verification")
    for key in ("version", "title", "source"):
        if not data.get(key):
            raise ChecklistError(f"{key} missing")
    return Checklist(version=data["version"], title=data["title"], status=data["status"], source=data["source"],
                     items=items,
                     countries={code: _country(code, row) for code, row in data.get("countries", {}).items()})


@lru_cache(maxsize=1)
def load(path: Path = DATA) -> Checklist:
    with path.open("rb") as file:
        return parse(tomllib.load(file))


def checked_answers(checklist: Checklist, answers: dict) -> dict:
    """Only questions of this checklist and only yes/no/unsure; empty answers left out. Raises ValueError."""
    codes = {item.code for item in checklist.items}
    clean = {}
    for code, value in answers.items():
        if code not in codes:
            raise ValueError(f"not a question of the checklist: {code}")
        if value in ("", None):
            continue
        if value not in ANSWERS:
            raise ValueError(f"not an answer: {value}")
        clean[code] = value
    return clean


def warnings(checklist: Checklist, answers: dict) -> list[Item]:
    return [item for item in checklist.items if answers.get(item.code) in (NO, UNSURE)]


def fine(checklist: Checklist, answers: dict) -> list[Item]:
    return [item for item in checklist.items if answers.get(item.code) == YES]


def unanswered(checklist: Checklist, answers: dict) -> list[Item]:
    return [item for item in checklist.items if item.code not in answers]


def contact_labels() -> dict[str, str]:
    return {
        "inspectorate": _("Labour inspectorate / labour rights"),
        "inspectorate_url": _("Website"),
        "licence": _("Check an agency's licence"),
        "licence_url": _("Website"),
        "advice": _("Advice for workers"),
        "advice_url": _("Website"),
    }


def _contact_lines(contacts: CountryContacts | None) -> list[str]:
    if contacts is None:
        return []
    labels = contact_labels()
    return [f"- {labels[name]}: {contacts.verified(name)}" for name in CONTACT_FIELDS if contacts.verified(name)]


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", title, *lines] if lines else []


def summary_text(checklist: Checklist, answers: dict, *, country: str, language: str, reference: str = "",
                 hotline_phone: str = "") -> str:
    """The plain-text summary for the caller, in her language (falls back to English)."""
    with translation.override(language or "en"):
        place = countries.name(country) if country else ""
        lines = [_("Job-offer check"), ""]
        if place:
            lines.append(_("Work abroad in: %(country)s") % {"country": place})
        lines += _section(_("Warning signs — check these before you go:"),
                          [f"- {_(item.question)}\n  {_(item.advice)}" for item in warnings(checklist, answers)])
        lines += _section(_("Checked and fine:"), [f"- {_(item.question)}" for item in fine(checklist, answers)])
        lines += _section(_("Not yet checked:"), [f"- {_(item.question)}" for item in unanswered(checklist, answers)])
        lines += _section(_("Where to turn in %(country)s:") % {"country": place} if place else "",
                          _contact_lines(checklist.contacts(country)))
        lines += ["", _("In danger, anywhere in Europe: call %(number)s.") % {"number": EMERGENCY_NUMBER}]
        if hotline_phone:
            lines.append(_("Call us again: %(phone)s.") % {"phone": hotline_phone})
        if reference:
            lines.append(_("Your reference when you call: %(reference)s") % {"reference": reference})
        lines += ["", _("This is advice from a hotline, not a legal opinion.")]
        return "\n".join(lines) + "\n"
