"""Importing HSDS 3.0 JSON into the directory: every record checked, every rejection said, all or nothing.

`import_hsds(data, dry_run=…, partial=…, schemas=…)` takes what strom/network/hsds.py exports (an
organization package: organizations with nested services), a service package (services, each
with its organization nested or named by organization_id), an HSDS API page ({"contents": […]}), or
a Document read from a file by `read_document` (JSON or newline-delimited JSON, whose records are
then named by line). A record is an organization or a service (one with a status).

Each record is checked against the HSDS 3.0 compiled schema when `schemas` names the folder that
holds them (organization.json, service.json), then against what Strom can keep; the reasons for a
rejection name the field. Records are upserted by id (an organisation also by country and name, so
that a partner's export of the same organisation lands on ours). What Strom cannot keep is
refused rather than dropped: a term of a taxonomy that is not ours, a monthly or seasonal schedule,
a second ordinary phone, a language without an ISO 639-1 code. Municipalities are found by
country and name; one the document describes in full (with its time zone) is created, any other
is an unknown municipality.

A service's hours, exceptions and areas are replaced by the document's; its locations are upserted
and the non-confidential ones the document no longer lists are removed. Confidential locations,
which an export never holds, are kept; an imported address never turns a confidential location
public, and new locations are not confidential (they came from a published export).

Everything runs in one transaction, each record in a savepoint: by default any rejection rolls it
all back ("none or all"); `partial=True` keeps the good records; `dry_run=True` always rolls back,
so it reports exactly what an import would do and changes nothing.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, time
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django_countries import countries

from strom.audit.services import record
from strom.network.hsds import (
    DAYS,
    EXPLOITATION_FORMS,
    FIELD_TERMS,
    LEGAL_STATUSES,
    ORGANISATION_TYPES,
    SERVICE_TYPES,
    SEXES,
    Taxonomy,
    Term,
    all_terms,
)
from strom.network.models import (
    HoursException,
    Municipality,
    OpeningHours,
    Organisation,
    Service,
    ServiceLocation,
    ServiceType,
)
from strom.network.vocabularies import AnswerUnit, Consent

SCHEMA_FILES = {"organization": "organization.json", "service": "service.json"}
STATUSES = {"active": True, "inactive": False, "defunct": False, "temporarily closed": False}
TIME = re.compile(r"(\d{2}):(\d{2})(?::(\d{2}))?")
# The service fields we read; any other non-empty field is named in a warning (Strom does not keep it).
SERVICE_KEYS = {"id", "organization_id", "name", "description", "url", "email", "status", "application_process",
                "eligibility_description", "minimum_age", "maximum_age", "assured_date", "last_modified", "phones",
                "schedules", "service_areas", "service_at_locations", "languages", "attributes", "organization"}
ORGANIZATION_KEYS = {"id", "name", "description", "attributes", "services"}


# --- The report -----------------------------------------------------------------------------------
@dataclass
class Rejection:
    where: str  # "record 3", "line 7", "record 2, service 4"
    kind: str  # organization, service or record
    id: str
    reasons: list[str]
    position: int = field(default=0, repr=False)  # in the document, for the report's order

    def __str__(self) -> str:
        return f"{self.where} ({self.kind} {self.id or 'without an id'}): {'; '.join(self.reasons)}"


@dataclass
class ImportReport:
    dry_run: bool = False
    partial: bool = False
    schema_checked: bool = False
    created: Counter = field(default_factory=Counter)  # organisation, service, municipality
    updated: Counter = field(default_factory=Counter)
    rejected: list[Rejection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.rejected

    def lines(self) -> list[str]:
        lines = [f"REJECTED {rejection}" for rejection in self.rejected]
        lines += [f"warning: {warning}" for warning in self.warnings]
        counts = ", ".join(f"{kind}s: {self.created[kind]} new, {self.updated[kind]} updated"
                           for kind in ("organisation", "service"))
        counts += f", municipalities: {self.created['municipality']} new"
        if self.committed:
            lines.append(f"Imported. {counts}; {len(self.rejected)} records rejected.")
        elif self.dry_run:
            lines.append(f"Dry run, nothing was written. It would have imported {counts}; "
                         f"{len(self.rejected)} records rejected.")
        else:
            lines.append(f"Nothing was written: {len(self.rejected)} records were rejected and the import is all or "
                         "nothing (use --partial to import the others).")
        if not self.schema_checked:
            lines.append("Records were checked against what Strom can keep, not against the HSDS 3.0 schemas "
                         "(give the folder of the compiled schemas to check them too).")
        return lines


# --- Reading the document -------------------------------------------------------------------------
@dataclass
class Document:
    items: list[tuple[str, Any]]  # (where, record)


def read_document(text: str) -> Document:
    """A JSON document, or newline-delimited JSON (one record a line). Raises ValueError if neither."""
    try:
        return Document(_items_of(json.loads(text)))
    except json.JSONDecodeError as error:
        lines = [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
        if len(lines) < 2 or not _is_json(lines[0][1]):
            raise ValueError(f"Not JSON: {error}") from error
    items = []
    for number, line in lines:
        try:
            items.append((f"line {number}", json.loads(line)))
        except json.JSONDecodeError as error:
            items.append((f"line {number}", _Unreadable(str(error))))
    return Document(items)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


@dataclass
class _Unreadable:
    error: str


def _items_of(data) -> list[tuple[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    if not isinstance(data, list):
        data = [data]
    return [(f"record {index}", item) for index, item in enumerate(data, 1)]


def _canonical(value) -> str | None:
    """A UUID as we write it (lower case, with hyphens); anything else as it came, or None."""
    if value is None:
        return None
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return str(value)


@dataclass
class _Record:
    where: str
    kind: str
    data: Any
    organization_id: str | None = None  # of the organization a service is nested in
    position: int = 0


def _records(items: list[tuple[str, Any]]) -> tuple[list[_Record], list[_Record]]:
    """Organizations (nested ones included, each once) and services, numbered in document order."""
    organisations, services, seen = [], [], set()
    for where, item in items:
        if not isinstance(item, dict):
            organisations.append(_Record(where, "record", item))
        elif "status" in item:
            nested = item.get("organization")
            if isinstance(nested, dict) and nested.get("id") not in seen:
                seen.add(nested.get("id"))
                organisations.append(_Record(f"{where}, organization", "organization", nested))
            services.append(_Record(where, "service", item))
        else:
            seen.add(item.get("id"))
            organisations.append(_Record(where, "organization", item))
            nested = item.get("services") or []
            for index, entry in enumerate(nested if isinstance(nested, list) else [], 1):
                services.append(_Record(f"{where}, service {index}", "service", entry, _canonical(item.get("id"))))
    for position, found in enumerate(sorted([*organisations, *services], key=lambda entry: _order(entry.where))):
        found.position = position
    return organisations, services


def _order(where: str) -> tuple[int, ...]:
    """"record 3, service 2" → (3, 2); "record 3, organization" → (3, 0)."""
    return tuple(int(number) for number in re.findall(r"\d+", where)) + (0,)


# --- Checking fields --------------------------------------------------------------------------------
class _Reader:
    """Typed access to one JSON object; each problem is noted with the field's path."""

    def __init__(self, data: dict, problems: list[str], prefix: str = ""):
        self.data, self.problems, self.prefix = data, problems, prefix

    def problem(self, key: str, message: str) -> None:
        self.problems.append(f"{self.prefix}{key}: {message}")

    def value(self, key: str, kind, label: str, required: bool):
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(key, "missing")
            return None
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            self.problem(key, f"must be {label}")
            return None
        return value

    def text(self, key: str, *, required: bool = False) -> str:
        return self.value(key, str, "text", required) or ""

    def whole(self, key: str) -> int | None:
        value = self.value(key, int | float, "a number", False)
        if value is None:
            return None
        if isinstance(value, float) and not value.is_integer() or value < 0:  # also NaN and infinity
            self.problem(key, "must be a whole number, not negative")
            return None
        return int(value)

    def uuid(self, key: str, *, required: bool = False) -> str | None:
        value = self.value(key, str, "a UUID", required)
        if value is None:
            return None
        try:
            return str(uuid.UUID(value))
        except ValueError:
            self.problem(key, f"{value!r} is not a UUID")
            return None

    def date(self, key: str) -> date | None:
        value = self.value(key, str, "a date", False)
        try:
            return date.fromisoformat(value) if value else None
        except ValueError:
            self.problem(key, f"{value!r} is not a date (YYYY-MM-DD)")
            return None

    def time(self, key: str) -> time | None:
        value = self.value(key, str, "a time", False)
        match = TIME.fullmatch(value) if value else None
        if value and match is None:
            self.problem(key, f"{value!r} is not a local time HH:MM (Strom keeps local time, without an offset)")
        if match is None:
            return None
        try:
            return time(int(match[1]), int(match[2]), int(match[3] or 0))
        except ValueError:
            self.problem(key, f"{value!r} is not a time of day")
            return None

    def objects(self, key: str) -> list[_Reader]:
        value = self.value(key, list, "a list", False) or []
        found = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                found.append(_Reader(item, self.problems, f"{self.prefix}{key}[{index}]."))
            else:
                self.problem(f"{key}[{index}]", "must be an object")
        return found


class _Attributes:
    """A record's attributes, resolved to our terms (an unknown term is a problem)."""

    def __init__(self, reader: _Reader, terms: dict[str, Term]):
        self.reader = reader
        self.pairs: list[tuple[Term, str | None]] = []
        for item in reader.objects("attributes"):
            nested = item.data.get("taxonomy_term")
            term_id = item.data.get("taxonomy_term_id") or (nested.get("id") if isinstance(nested, dict) else None)
            term = terms.get(str(term_id).lower())
            if term is None:
                code = nested.get("code") if isinstance(nested, dict) else None
                item.problem("taxonomy_term_id", f"unknown taxonomy term {term_id!r}"
                             + (f" (code {code!r})" if code else "") + ": not a term of Strom's taxonomies")
                continue
            self.pairs.append((term, item.text("value") or None))

    def codes(self, taxonomy: Taxonomy) -> list[str]:
        return [term.code for term, _value in self.pairs if term.taxonomy is taxonomy]

    def single(self, taxonomy: Taxonomy, *, required: bool) -> str | None:
        codes = self.codes(taxonomy)
        if len(codes) > 1:
            self.reader.problem("attributes", f"more than one term of {taxonomy.name}: {', '.join(codes)}")
        elif not codes and required:
            self.reader.problem("attributes", f"no term of {taxonomy.name}")
        return codes[0] if len(codes) == 1 else None

    def field(self, code: str) -> str | None:
        return next((value for term, value in self.pairs if term.taxonomy.name == "strom-fields"
                     and term.code == code), None)

    def flag(self, code: str, default: bool = False) -> bool:
        value = self.field(code)
        if value is None:
            return default
        if value.lower() not in ("true", "false"):
            self.reader.problem("attributes", f"{code} must be true or false, not {value!r}")
            return default
        return value.lower() == "true"

    def choice(self, code: str, choices, default: str) -> str:
        value = self.field(code)
        if value is None:
            return default
        if value not in choices.values:
            self.reader.problem("attributes", f"{code} must be one of {', '.join(choices.values)}, not {value!r}")
            return default
        return value

    def place(self, *, name: str = "", country: str = "") -> _Place | None:
        name = self.field("municipality") or name
        if not name:
            return None
        return _Place(country=self.field("country") or country, name=name,
                      name_en=self.field("municipality_name_en") or "",
                      region=self.field("municipality_region") or "",
                      time_zone=self.field("municipality_time_zone") or "")


@dataclass(frozen=True)
class _Place:
    country: str
    name: str
    name_en: str = ""
    region: str = ""
    time_zone: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.country.upper(), self.name.casefold()

    def __str__(self) -> str:
        return f"{self.name!r} ({self.country or 'no country'})"


def _model_problems(instance, problems: list[str], prefix: str = "", exclude=None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            label = "" if name == "__all__" else f"{name}: "
            problems.extend(f"{prefix}{label}{message}" for message in messages)


# --- Schema validation ------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _validators(folder: str) -> dict[str, Any]:
    from jsonschema import FormatChecker
    from jsonschema.validators import validator_for

    found = {}
    for kind, name in SCHEMA_FILES.items():
        schema = json.loads((Path(folder) / name).read_text(encoding="utf-8"))
        found[kind] = validator_for(schema)(schema, format_checker=FormatChecker())
    return found


def schema_problems(kind: str, data: dict, folder) -> list[str]:
    """Where `data` breaks the HSDS 3.0 compiled schema of its kind (nested services and organizations are
    records of their own and checked as such)."""
    data = {key: value for key, value in data.items() if key not in ("services", "organization")}
    errors = sorted(_validators(str(folder))[kind].iter_errors(data), key=lambda error: list(error.absolute_path))
    found = [f"{'.'.join(str(part) for part in error.absolute_path) or 'record'}: does not match the HSDS 3.0 "
             f"schema: {error.message[:200]}" for error in errors[:10]]
    if len(errors) > 10:
        found.append(f"and {len(errors) - 10} more schema errors")
    return found


# --- The import -----------------------------------------------------------------------------------------
class _RollBack(Exception):
    pass


class _Context:
    def __init__(self, report: ImportReport, declared: dict[tuple[str, str], _Place]):
        self.report = report
        self.terms = {term.id: term for term in all_terms()}
        self.service_types = {item.code: item for item in ServiceType.objects.all()}
        self.declared = declared
        self.organisations: dict[str, Organisation] = {}  # the document's id -> ours
        self.rejected_organisations: set[str] = set()
        self.municipalities: dict[tuple[str, str], Municipality] = {}
        self.new_in_record: list[tuple[str, str]] = []

    def organisation(self, organisation_id: str | None, problems: list[str]) -> Organisation | None:
        if organisation_id is None:
            problems.append("organization_id: missing (a service needs its organization)")
            return None
        if organisation_id in self.organisations:
            return self.organisations[organisation_id]
        if organisation_id in self.rejected_organisations:
            problems.append(f"its organization {organisation_id} was rejected")
            return None
        found = Organisation.objects.filter(pk=organisation_id).first()
        if found is None:
            problems.append(f"unknown organization {organisation_id}: neither in the document nor in Strom")
        return found

    def municipality(self, place: _Place, problems: list[str], prefix: str = "") -> Municipality | None:
        if place.key in self.municipalities:
            return self.municipalities[place.key]
        found = Municipality.objects.filter(country=place.country.upper(), name__iexact=place.name).first() \
            if place.country else None
        if found is None:
            found = self._create_municipality(place, problems, prefix)
        if found is not None:
            self.municipalities[place.key] = found
        return found

    def _create_municipality(self, place: _Place, problems: list[str], prefix: str) -> Municipality | None:
        described = self.declared.get(place.key)
        if described is None or not described.time_zone:
            problems.append(f"{prefix}unknown municipality {place}: not in Strom, and the document does not "
                            "describe it (country, municipality and municipality_time_zone attributes)")
            return None
        try:
            ZoneInfo(described.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(f"{prefix}municipality {place}: unknown time zone {described.time_zone!r}")
            return None
        municipality = Municipality(country=described.country.upper(), name=described.name,
                                    name_en=described.name_en, region=described.region,
                                    time_zone=described.time_zone)
        before = len(problems)
        _model_problems(municipality, problems, f"{prefix}municipality {place}: ", exclude=["focal_point"])
        if len(problems) > before:
            return None
        municipality.save()
        self.report.created["municipality"] += 1
        self.new_in_record.append(place.key)
        return municipality

    def forget_new_municipalities(self) -> None:
        """The record that created them was rolled back: so were they."""
        for key in self.new_in_record:
            self.municipalities.pop(key, None)
            self.report.created["municipality"] -= 1
        self.new_in_record = []


def import_hsds(data, *, dry_run: bool = False, partial: bool = False, schemas=None, actor=None) -> ImportReport:
    """Import HSDS 3.0 records (see the module's docstring); returns what happened or would have."""
    report = ImportReport(dry_run=dry_run, partial=partial, schema_checked=schemas is not None)
    items = data.items if isinstance(data, Document) else _items_of(data)
    organisations, services = _records(items)
    try:
        with transaction.atomic():
            context = _Context(report, _declared_places([item for _where, item in items]))
            for item in organisations:
                _run(item, context, _import_organisation, schemas)
            for item in services:
                _run(item, context, _import_service, schemas)
            report.rejected.sort(key=lambda rejection: rejection.position)
            if dry_run or (report.rejected and not partial):
                raise _RollBack
            record("network.hsds_imported", actor=actor, detail={
                "created": dict(report.created), "updated": dict(report.updated), "rejected": len(report.rejected)})
            report.committed = True
    except _RollBack:
        pass
    return report


def _run(item: _Record, context: _Context, importer, schemas) -> None:
    if isinstance(item.data, _Unreadable):
        problems = [f"not JSON: {item.data.error}"]
    elif not isinstance(item.data, dict):
        problems = ["not a JSON object"]
    else:
        problems = schema_problems(item.kind, item.data, schemas) if schemas is not None else []
    if not problems:
        try:
            with transaction.atomic():
                problems = importer(item, context)
                if problems:
                    raise _RollBack
        except _RollBack:
            context.forget_new_municipalities()
        except DatabaseError as error:  # a constraint the checks above did not foresee
            context.forget_new_municipalities()
            problems = [f"the database refused it: {error}"]
    context.new_in_record = []
    if problems:
        identifier = item.data.get("id") if isinstance(item.data, dict) else None
        context.report.rejected.append(Rejection(item.where, item.kind, str(identifier or ""), problems,
                                                 item.position))
        if item.kind == "organization" and identifier:
            context.rejected_organisations.add(_canonical(identifier))
    elif isinstance(item.data, dict):
        _warn_ignored(item, context.report)


def _warn_ignored(item: _Record, report: ImportReport) -> None:
    known = SERVICE_KEYS if item.kind == "service" else ORGANIZATION_KEYS
    ignored = sorted(key for key, value in item.data.items() if key not in known and value not in (None, "", []))
    if ignored:
        report.warnings.append(f"{item.where}: Strom does not keep {', '.join(ignored)}")


def _declared_places(items: list) -> dict[tuple[str, str], _Place]:
    """Every municipality the document describes with country and time zone, wherever it is named."""
    found: dict[tuple[str, str], _Place] = {}
    stack = list(items)
    terms = {term.id: term for term in FIELD_TERMS.values()}
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            attributes = value.get("attributes")
            if isinstance(attributes, list):
                place = _Attributes(_Reader({"attributes": attributes}, []), terms).place()
                if place is not None and place.country and place.time_zone:
                    found.setdefault(place.key, place)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return found


# --- Organisations ----------------------------------------------------------------------------------
def _import_organisation(item: _Record, context: _Context) -> list[str]:
    problems: list[str] = []
    reader = _Reader(item.data, problems)
    organisation_id = reader.uuid("id", required=True)
    name = reader.text("name", required=True)
    attributes = _Attributes(reader, context.terms)
    kind = attributes.single(ORGANISATION_TYPES, required=True)
    country = _country(attributes, reader)
    place = attributes.place(country=country or "")
    municipality = context.municipality(place, problems, "municipality: ") if place and not problems else None
    if problems:
        return problems
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        organisation = Organisation.objects.filter(country=country, name__iexact=name).first()
        if organisation is not None:
            context.report.warnings.append(f"{item.where}: {name!r} is Strom's organisation {organisation.id} "
                                           f"(same country and name), not a new one with id {organisation_id}")
    created = organisation is None
    organisation = organisation or Organisation(id=organisation_id)
    organisation.name, organisation.type, organisation.country = name, kind, country
    organisation.municipality = municipality
    if municipality is not None and municipality.country.code != country:
        problems.append(f"municipality: {municipality.name} is not in the organisation's country {country}")
    _model_problems(organisation, problems)
    if problems:
        return problems
    organisation.save()
    (context.report.created if created else context.report.updated)["organisation"] += 1
    context.organisations[organisation_id] = organisation
    return problems


def _country(attributes: _Attributes, reader: _Reader) -> str | None:
    value = attributes.field("country")
    if value is None:
        reader.problem("attributes", "no country (a strom-fields country attribute)")
        return None
    if value.upper() not in countries:
        reader.problem("attributes", f"country {value!r} is not an ISO 3166-1 alpha-2 code")
        return None
    return value.upper()


# --- Services -------------------------------------------------------------------------------------
@dataclass
class _ServicePlan:
    id: str | None
    organisation_id: str | None
    fields: dict = field(default_factory=dict)
    areas: list[_Place] = field(default_factory=list)
    hours: list[tuple[int, time, time]] = field(default_factory=list)
    exceptions: list[tuple[date, time | None, time | None, str]] = field(default_factory=list)
    locations: list[_LocationPlan] = field(default_factory=list)
    whole_countries: list[str] = field(default_factory=list)


@dataclass
class _LocationPlan:
    id: str
    name: str
    address: str
    postal_code: str
    place: _Place | None
    prefix: str


def _import_service(item: _Record, context: _Context) -> list[str]:
    problems: list[str] = []
    plan = _read_service(_Reader(item.data, problems), context, item.organization_id)
    organisation = context.organisation(plan.organisation_id, problems)
    areas, locations = [], []
    if organisation is not None:
        for country in plan.whole_countries:
            if country and country != organisation.country.code:
                problems.append(f"service_areas: the whole of {country}, but Strom's whole_country is the "
                                f"organisation's country ({organisation.country.code})")
        areas = [context.municipality(place if place.country else _with_country(place, organisation),
                                      problems, "service_areas: ") for place in plan.areas]
        locations = [(location, context.municipality(location.place, problems, location.prefix))
                     for location in plan.locations if location.place is not None]
    if problems:
        return problems
    _write_service(plan, organisation, areas, locations, problems, context.report)
    return problems


def _with_country(place: _Place, organisation: Organisation) -> _Place:
    return _Place(organisation.country.code, place.name, place.name_en, place.region, place.time_zone)


def _read_service(reader: _Reader, context: _Context, organisation_id: str | None) -> _ServicePlan:
    plan = _ServicePlan(id=reader.uuid("id", required=True),
                        organisation_id=reader.uuid("organization_id") or organisation_id)
    if organisation_id and plan.organisation_id != organisation_id:
        reader.problem("organization_id", f"{plan.organisation_id} is not the organization the service is nested in "
                                          f"({organisation_id})")
    status = reader.text("status", required=True)
    if status and status not in STATUSES:
        reader.problem("status", f"{status!r} is not one of {', '.join(STATUSES)}")
    plan.fields = {
        "name": reader.text("name", required=True), "description": reader.text("description"),
        "is_active": STATUSES.get(status, False), "email": reader.text("email"), "website": reader.text("url"),
        "how_to_refer": reader.text("application_process"), "min_age": reader.whole("minimum_age"),
        "max_age": reader.whole("maximum_age"), "last_verified": reader.date("assured_date"),
        "languages": _read_languages(reader),
        **_read_attributes(reader, context), **_read_phones(reader, context.terms),
    }
    plan.hours, plan.exceptions, plan.fields["always_open"] = _read_schedules(reader, context.terms)
    plan.areas, plan.whole_countries = _read_areas(reader, context)
    plan.fields["whole_country"] = bool(plan.whole_countries)
    plan.locations = _read_locations(reader, context)
    return plan


def _read_attributes(reader: _Reader, context: _Context) -> dict:
    attributes = _Attributes(reader, context.terms)
    type_code = attributes.single(SERVICE_TYPES, required=True)
    answer_time = attributes.field("answer_time")
    if answer_time is not None and not re.fullmatch(r"[0-9]{1,5}", answer_time):
        reader.problem("attributes", f"answer_time must be a whole number, not {answer_time!r}")
        answer_time = None
    return {
        "type": context.service_types.get(type_code),
        "sexes": attributes.codes(SEXES), "legal_statuses": attributes.codes(LEGAL_STATUSES),
        "exploitation_forms": attributes.codes(EXPLOITATION_FORMS),
        "is_public": attributes.flag("is_public"), "accompanied_children": attributes.flag("accompanied_children"),
        "open_on_public_holidays": attributes.flag("open_on_public_holidays"),
        "consent": attributes.choice("consent", Consent, Consent.VERBAL),
        "answer_time": int(answer_time) if answer_time is not None else None,
        "answer_unit": attributes.choice("answer_unit", AnswerUnit, AnswerUnit.HOURS),
    }


def _read_phones(reader: _Reader, terms: dict[str, Term]) -> dict:
    found = {"phone": [], "phone_24_7": []}
    for phone in reader.objects("phones"):
        number = phone.text("number", required=True)
        always = _Attributes(phone, terms).flag("available_24_7")
        found["phone_24_7" if always else "phone"].append(number)
    for key, numbers in found.items():
        if len(numbers) > 1:
            reader.problem("phones", f"Strom keeps one phone and one 24/7 phone; this service has {len(numbers)} "
                           f"{'24/7 phones' if key == 'phone_24_7' else 'other phones'}")
    return {key: numbers[0] if numbers else "" for key, numbers in found.items()}


def _read_languages(reader: _Reader) -> list[str]:
    codes = []
    for language in reader.objects("languages"):
        if language.data.get("code") is not None and not isinstance(language.data["code"], str):
            language.problem("code", "must be text")
            continue
        code = language.text("code").lower()
        if not re.fullmatch(r"[a-z]{2}", code):
            language.problem("code", f"{code or 'no code'}: Strom keeps ISO 639-1 codes (two letters)")
            continue
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            language.problem("code", f"{code!r} is not a known language")
            continue
        if code not in codes:
            codes.append(code)
    return codes


def _read_schedules(reader: _Reader, terms: dict[str, Term]):
    hours, exceptions, always_open = [], [], False
    for schedule in reader.objects("schedules"):
        if _Attributes(schedule, terms).flag("always_open"):
            always_open = True
        elif schedule.data.get("valid_from") is not None or schedule.data.get("valid_to") is not None:
            exceptions.extend(_read_exception(schedule))
        else:
            hours.extend(_read_weekly(schedule))
    dates = [exception[0] for exception in exceptions]
    for day in sorted({day for day in dates if dates.count(day) > 1}):
        reader.problem("schedules", f"more than one exception on {day}")
    return hours, exceptions, always_open


def _read_weekly(schedule: _Reader) -> list[tuple[int, time, time]]:
    freq = schedule.text("freq") or "WEEKLY"
    interval = schedule.whole("interval")
    if freq != "WEEKLY" or interval not in (None, 1):
        schedule.problem("freq", "Strom keeps weekly hours (freq WEEKLY, interval 1) and single-day exceptions only")
        return []
    days = [day.strip().upper() for day in schedule.text("byday", required=True).split(",") if day.strip()]
    unknown = [day for day in days if day not in DAYS]
    if unknown:
        schedule.problem("byday", f"{', '.join(unknown)}: Strom keeps the days MO to SU, every week")
    opens, closes = schedule.time("opens_at"), schedule.time("closes_at")
    if opens is None or closes is None:
        schedule.problem("opens_at", "weekly hours need opens_at and closes_at")
        return []
    return [(DAYS.index(day), opens, closes) for day in days if day in DAYS]


def _read_exception(schedule: _Reader) -> list[tuple[date, time | None, time | None, str]]:
    start, end = schedule.date("valid_from"), schedule.date("valid_to")
    if start is None or start != end:
        schedule.problem("valid_from", "Strom keeps exceptions for a single day (valid_from = valid_to); "
                                       "a schedule for a period is not supported")
        return []
    opens, closes = schedule.time("opens_at"), schedule.time("closes_at")
    if (opens is None) != (closes is None):
        schedule.problem("opens_at", "an exception has both opens_at and closes_at, or neither (closed)")
        return []
    return [(start, opens, closes, schedule.text("notes"))]


def _read_areas(reader: _Reader, context: _Context) -> tuple[list[_Place], list[str]]:
    """The municipalities served, and the countries of the areas that are a whole country."""
    places, countries_served = [], []
    for area in reader.objects("service_areas"):
        attributes = _Attributes(area, context.terms)
        if attributes.flag("whole_country"):
            countries_served.append((attributes.field("country") or "").upper())
            continue
        place = attributes.place(name=area.text("name"))
        if place is None:
            area.problem("name", "a service area names a municipality (or is the whole country)")
        else:
            places.append(place)
    return places, countries_served


def _read_locations(reader: _Reader, context: _Context) -> list[_LocationPlan]:
    found = []
    for entry in reader.objects("service_at_locations"):
        nested = entry.data.get("location")
        if not isinstance(nested, dict):
            entry.problem("location", "missing: the location must be nested in its service_at_location")
            continue
        location = _Reader(nested, reader.problems, f"{entry.prefix}location.")
        location_id = location.uuid("id", required=True)
        addresses = location.objects("addresses")
        if len(addresses) > 1:
            location.problem("addresses", "Strom keeps one address per location")
        address = addresses[0] if addresses else _Reader({}, reader.problems)
        place = _Attributes(location, context.terms).place(name=address.text("city"),
                                                            country=address.text("country").upper())
        if place is None or not place.country:
            location.problem("addresses", "no municipality and country (address city and country)")
        found.append(_LocationPlan(location_id or "", location.text("name"), address.text("address_1"),
                                   address.text("postal_code"), place if place and place.country else None,
                                   location.prefix))
    return found


def _write_service(plan: _ServicePlan, organisation, areas, locations, problems: list[str],
                   report: ImportReport) -> None:
    service = Service.objects.filter(pk=plan.id).first()
    created = service is None
    service = service or Service(id=plan.id)
    for name, value in plan.fields.items():
        setattr(service, name, value)
    service.organisation = organisation
    _model_problems(service, problems)
    hours = [OpeningHours(service=service, weekday=day, opens=opens, closes=closes)
             for day, opens, closes in plan.hours]
    exceptions = [HoursException(service=service, date=day, opens=opens, closes=closes, note=note)
                  for day, opens, closes, note in plan.exceptions]
    for index, row in enumerate([*hours, *exceptions]):
        _model_problems(row, problems, f"schedules ({index + 1}): ", exclude=["service"])
    rows = _location_rows(plan, service, locations, problems)
    if problems:
        return
    service.save()
    service.areas.set(areas)
    service.hours.all().delete()
    OpeningHours.objects.bulk_create(hours)
    service.exceptions.all().delete()
    HoursException.objects.bulk_create(exceptions)
    for row in rows:
        row.save()
    service.locations.filter(confidential=False).exclude(pk__in=[row.pk for row in rows]).delete()
    (report.created if created else report.updated)["service"] += 1


def _location_rows(plan: _ServicePlan, service: Service, locations, problems: list[str]) -> list[ServiceLocation]:
    rows = []
    for location, municipality in locations:
        row = ServiceLocation.objects.filter(pk=location.id).first()
        if row is not None and row.service_id != service.id:
            problems.append(f"{location.prefix}id: location {location.id} belongs to another service")
            continue
        row = row or ServiceLocation(id=location.id, service=service, confidential=False)
        row.name, row.address, row.postal_code, row.municipality = (location.name, location.address,
                                                                     location.postal_code, municipality)
        _model_problems(row, problems, location.prefix, exclude=["service"])
        rows.append(row)
    return rows
