"""Versioned country rules: protection periods, residence permits, identification, retention, working days.

The rules are data, kept in `strom/lib/data/country_rules.toml` and read with `tomllib`; this module
parses and checks that file and answers `rule_for(country, on=date)`. It does not compute
deadlines: `strom/lib/deadlines.py` does, from the rule it is given.

How the file is read:

- A country has one or more *versions*, each valid from its `valid_from` date until the next
  version's. `rule_for` returns the version in force on the given date (today by default).
- A country without a rule, or a date before its first version, gets the **fallback**: the Council
  of Europe Convention's minimum (Art. 13: at least 30 days), marked `is_fallback` with the reason,
  so that a case page can say so instead of failing. `rule_for` never raises for a country code.
- Every provision (reflection period, residence permit, identification, retention, working days)
  carries its own sources and a confidence: `official` when a public source we can cite states it,
  `needs_verification` otherwise. A value that needs verification is a placeholder to be confirmed,
  never a fact; `CountryRule.unverified` lists them so that pages can show it.
- Lengths are written as text ("30 days", "3 months", "10 working days") and parsed into `Length`.
- The file is checked strictly on loading: an unknown key, a bad length or country code, or two
  versions of one country from the same day is a `RuleFileError` naming the place.
"""

from __future__ import annotations

import enum
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from django_countries.data import COUNTRIES

RULES_FILE = Path(__file__).resolve().parent / "data" / "country_rules.toml"


class RuleFileError(ValueError):
    """The rules file is not as this module expects; the message names the place."""


class Confidence(enum.StrEnum):
    OFFICIAL = "official"
    NEEDS_VERIFICATION = "needs_verification"


class Unit(enum.StrEnum):
    DAYS = "days"  # calendar days
    WORKING_DAYS = "working_days"  # days that are neither weekend nor public holiday in the country
    MONTHS = "months"  # calendar months, see deadlines.add_months for the month-end convention


_LENGTH = re.compile(r"^\s*(\d+)\s+(day|days|working day|working days|month|months|year|years)\s*$")


@dataclass(frozen=True)
class Length:
    amount: int
    unit: Unit = Unit.DAYS

    def __post_init__(self):
        if not isinstance(self.amount, int) or self.amount < 0:
            raise ValueError("a length is a whole number of zero or more")
        object.__setattr__(self, "unit", Unit(self.unit))

    @classmethod
    def parse(cls, text: str) -> Length:
        """"30 days", "1 month", "10 working days", "2 years" (= 24 months) → Length."""
        match = _LENGTH.match(text) if isinstance(text, str) else None
        if not match:
            raise ValueError(f"{text!r} is not a length such as '30 days', '3 months' or '10 working days'")
        amount, word = int(match.group(1)), match.group(2)
        if word.startswith("year"):
            return cls(amount * 12, Unit.MONTHS)
        if word.startswith("working"):
            return cls(amount, Unit.WORKING_DAYS)
        return cls(amount, Unit.MONTHS if word.startswith("month") else Unit.DAYS)

    def __str__(self) -> str:
        return f"{self.amount} {self.unit.value.replace('_', ' ')}"


@dataclass(frozen=True)
class Source:
    citation: str
    url: str = ""


@dataclass(frozen=True)
class Provision:
    """What every part of a rule carries: where it comes from and how sure we are."""

    sources: tuple[Source, ...] = ()
    confidence: Confidence = Confidence.NEEDS_VERIFICATION
    note: str = ""

    @property
    def verified(self) -> bool:
        return self.confidence == Confidence.OFFICIAL


@dataclass(frozen=True)
class ExtensionRule:
    """How a reflection period may be extended. None in a field means the law sets no such limit."""

    length: Length | None = None  # the usual length of one extension, when the law names one
    max_count: int | None = None
    max_total: Length | None = None  # the longest the whole period may last, extensions included
    granted_by: str = ""


@dataclass(frozen=True)
class ReflectionRule(Provision):
    adult: Length = Length(30)
    child: Length = Length(30)
    # The longest one grant may be, when the authority decides the length ("up to six months").
    # The decision's own length then wins over `adult`/`child`, which are used when it gives none.
    maximum: Length | None = None
    extension: ExtensionRule | None = None
    granted_by: str = ""


@dataclass(frozen=True)
class PermitRule(Provision):
    length: Length | None = None  # the usual first length; None: no victim-specific permit is known
    renewable: bool = True
    renewal: Length | None = None  # the usual length of a renewal
    granted_by: str = ""


@dataclass(frozen=True)
class IdentificationRule(Provision):
    reasonable_grounds: str = ""  # who decides that there are reasonable grounds (presumed victim)
    formal: str = ""  # who makes the formal identification decision


@dataclass(frozen=True)
class RetentionRule(Provision):
    after_closure: Length = Length(10 * 12, Unit.MONTHS)


@dataclass(frozen=True)
class WorkingDaysRule(Provision):
    # Categories of the `holidays` package that are days off for deadlines in this country.
    holiday_categories: tuple[str, ...] = ("public",)


class FallbackReason(enum.StrEnum):
    NONE = ""
    NO_RULE = "no_rule"  # the country has no rule in the file (or the code is empty or unknown)
    NOT_IN_FORCE = "not_in_force"  # the country's first version is later than the date asked about


@dataclass(frozen=True)
class CountryRule:
    country: str
    valid_from: date
    reflection: ReflectionRule
    residence_permit: PermitRule
    identification: IdentificationRule
    retention: RetentionRule
    working_days: WorkingDaysRule
    valid_until: date | None = None  # the last day before the next version; None: still in force
    valid_from_verified: bool = False  # False: the law may be older; the date is where we start applying it
    note: str = ""
    is_fallback: bool = False
    fallback_reason: FallbackReason = FallbackReason.NONE

    PROVISIONS = ("reflection", "residence_permit", "identification", "retention", "working_days")

    @property
    def unverified(self) -> tuple[str, ...]:
        """Names of the provisions that still need verification."""
        return tuple(name for name in self.PROVISIONS if not getattr(self, name).verified)

    @property
    def needs_verification(self) -> bool:
        return self.is_fallback or bool(self.unverified)

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True)
class RuleBook:
    fallback: CountryRule
    versions: dict[str, tuple[CountryRule, ...]] = field(default_factory=dict)  # oldest first

    def countries(self) -> tuple[str, ...]:
        return tuple(sorted(self.versions))

    def rule_for(self, country, on: date | None = None) -> CountryRule:
        """The version in force in `country` on `on` (today if not given), else the flagged fallback."""
        code = normalise_country(country)
        day = on or date.today()
        versions = self.versions.get(code, ())
        for version in reversed(versions):
            if version.valid_from <= day:
                return version
        reason = FallbackReason.NOT_IN_FORCE if versions else FallbackReason.NO_RULE
        return replace(self.fallback, country=code, is_fallback=True, fallback_reason=reason)


def normalise_country(country) -> str:
    """An ISO 3166-1 alpha-2 code in capitals from a string or a django-countries Country; '' otherwise."""
    code = str(getattr(country, "code", country) or "").strip().upper()
    return code if code in COUNTRIES else ""


# --- reading the file ---------------------------------------------------------------------------------


def _check_keys(table: dict, allowed: set[str], where: str, required: set[str] = frozenset()) -> None:
    if not isinstance(table, dict):
        raise RuleFileError(f"{where}: expected a table")
    unknown = set(table) - allowed
    if unknown:
        raise RuleFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    missing = set(required) - set(table)
    if missing:
        raise RuleFileError(f"{where}: missing key(s) {', '.join(sorted(missing))}")


def _length(value, where: str) -> Length:
    try:
        return Length.parse(value)
    except ValueError as error:
        raise RuleFileError(f"{where}: {error}") from None


def _optional_length(table: dict, key: str, where: str) -> Length | None:
    return _length(table[key], f"{where}.{key}") if key in table else None


def _text(table: dict, key: str, where: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise RuleFileError(f"{where}.{key}: expected text")
    return value.strip()


PROVISION_KEYS = {"sources", "confidence", "note"}


def _provision(table: dict, where: str) -> dict:
    sources = []
    for number, item in enumerate(table.get("sources", [])):
        _check_keys(item, {"citation", "url"}, f"{where}.sources[{number}]", {"citation"})
        sources.append(Source(_text(item, "citation", where), _text(item, "url", where)))
    try:
        confidence = Confidence(table.get("confidence", ""))
    except ValueError:
        raise RuleFileError(f"{where}.confidence: expected one of {', '.join(Confidence)}") from None
    if confidence == Confidence.OFFICIAL and not sources:
        raise RuleFileError(f"{where}: an official provision needs at least one source")
    return {"sources": tuple(sources), "confidence": confidence, "note": _text(table, "note", where)}


def _extension(table: dict, where: str) -> ExtensionRule:
    _check_keys(table, {"length", "max_count", "max_total", "granted_by"}, where)
    max_count = table.get("max_count")
    if max_count is not None and (not isinstance(max_count, int) or max_count < 1):
        raise RuleFileError(f"{where}.max_count: expected a whole number of 1 or more")
    return ExtensionRule(_optional_length(table, "length", where), max_count,
                         _optional_length(table, "max_total", where), _text(table, "granted_by", where))


def _reflection(table: dict, where: str) -> ReflectionRule:
    _check_keys(table, PROVISION_KEYS | {"adult", "child", "maximum", "extension", "granted_by"}, where,
                {"adult", "confidence"})
    adult = _length(table["adult"], f"{where}.adult")
    child = _length(table["child"], f"{where}.child") if "child" in table else adult
    extension = _extension(table["extension"], f"{where}.extension") if "extension" in table else None
    return ReflectionRule(**_provision(table, where), adult=adult, child=child,
                          maximum=_optional_length(table, "maximum", where), extension=extension,
                          granted_by=_text(table, "granted_by", where))


def _permit(table: dict, where: str) -> PermitRule:
    _check_keys(table, PROVISION_KEYS | {"length", "renewable", "renewal", "granted_by"}, where, {"confidence"})
    renewable = table.get("renewable", True)
    if not isinstance(renewable, bool):
        raise RuleFileError(f"{where}.renewable: expected true or false")
    return PermitRule(**_provision(table, where), length=_optional_length(table, "length", where),
                      renewable=renewable, renewal=_optional_length(table, "renewal", where),
                      granted_by=_text(table, "granted_by", where))


def _identification(table: dict, where: str) -> IdentificationRule:
    _check_keys(table, PROVISION_KEYS | {"reasonable_grounds", "formal"}, where, {"confidence"})
    return IdentificationRule(**_provision(table, where), reasonable_grounds=_text(table, "reasonable_grounds", where),
                              formal=_text(table, "formal", where))


def _retention(table: dict, where: str) -> RetentionRule:
    _check_keys(table, PROVISION_KEYS | {"after_closure"}, where, {"after_closure", "confidence"})
    after = _length(table["after_closure"], f"{where}.after_closure")
    if after.unit == Unit.WORKING_DAYS:
        raise RuleFileError(f"{where}.after_closure: a retention period is in days or months, not working days")
    return RetentionRule(**_provision(table, where), after_closure=after)


def _working_days(table: dict, where: str) -> WorkingDaysRule:
    _check_keys(table, PROVISION_KEYS | {"holiday_categories"}, where, {"confidence"})
    categories = table.get("holiday_categories", ["public"])
    if not categories or not all(isinstance(item, str) and item for item in categories):
        raise RuleFileError(f"{where}.holiday_categories: expected a list of holiday categories")
    return WorkingDaysRule(**_provision(table, where), holiday_categories=tuple(categories))


PARTS = {"reflection": _reflection, "residence_permit": _permit, "identification": _identification,
         "retention": _retention, "working_days": _working_days}


def _rule(table: dict, where: str, *, fallback: CountryRule | None) -> CountryRule:
    keys = {"country", "valid_from", "valid_from_verified", "note", *PARTS}
    _check_keys(table, keys, where, {"valid_from"} | ({"country"} if fallback else set(PARTS)))
    valid_from = table["valid_from"]
    if type(valid_from) is not date:
        raise RuleFileError(f"{where}.valid_from: expected a date such as 2014-05-01")
    parts = {name: parse(table[name], f"{where}.{name}") for name, parse in PARTS.items() if name in table}
    if fallback is not None:
        # A country that leaves a provision out has the fallback's, still flagged as it is there.
        parts = {name: parts.get(name, getattr(fallback, name)) for name in PARTS}
    country = ""
    if fallback is not None:
        country = normalise_country(table["country"])
        if not country or country != str(table["country"]):
            raise RuleFileError(f"{where}.country: {table['country']!r} is not an ISO 3166-1 alpha-2 code in capitals")
    verified = table.get("valid_from_verified", False)
    if not isinstance(verified, bool):
        raise RuleFileError(f"{where}.valid_from_verified: expected true or false")
    return CountryRule(country=country, valid_from=valid_from, valid_from_verified=verified,
                       note=_text(table, "note", where), **parts)


def parse_rules(data: dict) -> RuleBook:
    _check_keys(data, {"schema", "fallback", "rules"}, "file", {"schema", "fallback"})
    if data["schema"] != 1:
        raise RuleFileError("file.schema: this code reads schema 1")
    fallback = _rule(data["fallback"], "fallback", fallback=None)
    by_country: dict[str, list[CountryRule]] = {}
    for number, table in enumerate(data.get("rules", [])):
        rule = _rule(table, f"rules[{number}] ({table.get('country', '?')})", fallback=fallback)
        by_country.setdefault(rule.country, []).append(rule)
    versions = {}
    for country, rules in by_country.items():
        rules.sort(key=lambda rule: rule.valid_from)
        for earlier, later in zip(rules, rules[1:], strict=False):
            if earlier.valid_from == later.valid_from:
                raise RuleFileError(f"{country}: two versions valid from {later.valid_from}")
        versions[country] = tuple(
            replace(rule, valid_until=date.fromordinal(following.valid_from.toordinal() - 1))
            for rule, following in zip(rules, rules[1:], strict=False)
        ) + (rules[-1],)
    return RuleBook(fallback=fallback, versions=versions)


def load_rules(path: Path | str = RULES_FILE) -> RuleBook:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise RuleFileError(f"{path}: {error}") from None
    return parse_rules(data)


@lru_cache(maxsize=1)
def rule_book() -> RuleBook:
    """The project's rule set, read once per process."""
    return load_rules(RULES_FILE)


def rule_for(country, on: date | None = None) -> CountryRule:
    """The rule in force in `country` on `on` (today if omitted); the flagged fallback when there is none."""
    return rule_book().rule_for(country, on)
