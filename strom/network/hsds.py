"""The directory as HSDS 3.0 (Open Referral's Human Services Data Specification): export and taxonomies.

`export_directory(scope)` returns an HSDS *organization package*: a JSON array of fully nested
organizations, each with its services fully nested (phones, schedules, service areas, languages,
service_at_locations with their locations and addresses, attributes with their taxonomy terms).
The same functions build the objects of the HSDS API (strom/network/api.py). The reverse is in
strom/network/hsds_import.py.

Scopes: "public" holds only services marked for the public directory (active, of an active
organisation) and the organisations that offer one; "all" holds every active service and every
active organisation, for signed-in partners and `manage.py export_hsds`.

Mapping decisions (HSDS has no field for much of what a referral needs; attributes carry it):

- Ids are our UUIDs where we have them (organisation, service, location). Objects we keep no row
  for (phones, schedules, areas, attributes, addresses, taxonomies, terms) get name-based UUIDs
  (uuid5 under NAMESPACE) so that every export of the same data has the same ids, in every
  installation: a term of `strom-service-types` has the same id everywhere.
- Taxonomies (their terms are the codes of our vocabularies; attribute.link_type in brackets):
  `strom-service-types` (service_type), `strom-organisation-types` (organization_type),
  `strom-sexes`, `strom-legal-statuses`, `strom-exploitation-forms` (eligibility; no term = anyone),
  and `strom-fields` (property): properties HSDS 3.0 has no field for, the attribute's `value` holding
  the value ("true"/"false", a code or a number): is_public, accompanied_children,
  open_on_public_holidays, consent, answer_time and answer_unit on a service; always_open on a
  schedule; available_24_7 on a phone; whole_country on a service area; country, municipality,
  municipality_name_en, municipality_region and municipality_time_zone wherever a place is named
  (organisation, service area, location).
- Eligibility: minimum_age/maximum_age, the eligibility terms, and an English eligibility_description
  written from them (for people; the importer reads the terms).
- Hours: one WEEKLY schedule per distinct (opens, closes) with its days in byday; times are local
  time of the municipality (HSDS asks for an offset, but a fixed offset is wrong for half the year
  under daylight saving; the IANA zone is given on every place). A closing time not after the
  opening time runs past midnight (said in the description). An exception is a one-day schedule
  (valid_from = valid_to = dtstart = until = the date), closed when it has no opens_at/closes_at;
  its note is `notes`. always_open is a schedule of all days 00:00-23:59 with the always_open
  attribute. Public holidays: the service's open_on_public_holidays attribute (and a note).
- Phones: the phone and the 24/7 phone (the latter with the available_24_7 attribute).
- Areas: one service_area per municipality (name = local name); whole_country is a service area
  named after the country.
- Locations: only those not marked confidential, in every scope: a confidential address never
  leaves Strom. Location type "physical", one physical address (city = municipality).
- Not exported: capacity (free places are live operational data), who verified or updated
  (people), confidential locations, inactive services and organisations, focal points; in the
  public scope also how to refer (application_process), which is meant for partners.
- is_active becomes status active/inactive (exports hold active services only).
- Text we generate (descriptions, eligibility, notes) is English, whatever the caller's language.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from babel import Locale, UnknownLocaleError
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import translation
from django_countries import countries

from strom.network.models import Organisation, OrganisationType, Service, ServiceLocation, ServiceType
from strom.network.vocabularies import ExploitationForm, LegalStatus, Sex

HSDS_VERSION = "3.0"
PUBLIC, ALL = "public", "all"
SCOPES = (PUBLIC, ALL)
# Fixed forever: every derived id (phones, schedules, terms…) hangs off it.
NAMESPACE = uuid.UUID("43155a10-9238-4575-88bb-e0f9bce5f336")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # index = our weekday (0 = Monday)


def derived_id(*parts) -> str:
    """A stable UUID for an object we keep no row for, from what identifies it."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def _clean(data: dict, *, keep: tuple[str, ...] = ()) -> dict:
    """HSDS fields are never null: leave out None, and empty text unless the field is required."""
    return {key: value for key, value in data.items()
            if value is not None and (value != "" or key in keep)}


def _hhmm(value) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


# --- Taxonomies ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Taxonomy:
    name: str
    description: str
    link_type: str  # attribute.link_type of its terms

    @property
    def id(self) -> str:
        return derived_id("taxonomy", self.name)

    def as_hsds(self) -> dict:
        return {"id": self.id, "name": self.name, "description": self.description, "version": "1"}


@dataclass(frozen=True)
class Term:
    taxonomy: Taxonomy
    code: str
    name: str
    description: str

    @property
    def id(self) -> str:
        return derived_id("term", self.taxonomy.name, self.code)

    def as_hsds(self) -> dict:
        return {"id": self.id, "code": self.code, "name": self.name, "description": self.description or self.name,
                "taxonomy": self.taxonomy.name, "taxonomy_id": self.taxonomy.id, "language": "en",
                "taxonomy_detail": self.taxonomy.as_hsds()}


SERVICE_TYPES = Taxonomy("strom-service-types", "Strom's service types: the assistance a service gives to "
                         "victims of trafficking (after CoE Convention Art. 12 and Directive 2011/36/EU).",
                         "service_type")
ORGANISATION_TYPES = Taxonomy("strom-organisation-types", "Strom's kinds of organisation.", "organization_type")
SEXES = Taxonomy("strom-sexes", "Eligibility: the sexes a service is for (no term: anyone).", "eligibility")
LEGAL_STATUSES = Taxonomy("strom-legal-statuses", "Eligibility: the legal statuses a service takes (no term: "
                          "anyone).", "eligibility")
EXPLOITATION_FORMS = Taxonomy("strom-exploitation-forms", "Eligibility: the forms of exploitation a service "
                              "is for (no term: any).", "eligibility")
FIELDS = Taxonomy("strom-fields", "Properties Strom keeps that HSDS 3.0 has no field for; the attribute's value "
                  "is the property's value.", "property")
TAXONOMIES = (SERVICE_TYPES, ORGANISATION_TYPES, SEXES, LEGAL_STATUSES, EXPLOITATION_FORMS, FIELDS)
CHOICE_TAXONOMIES = {ORGANISATION_TYPES: OrganisationType, SEXES: Sex, LEGAL_STATUSES: LegalStatus,
                     EXPLOITATION_FORMS: ExploitationForm}

FIELD_TERMS = {code: Term(FIELDS, code, name, description) for code, name, description in [
    ("is_public", "Public", "Shown in the public directory: true or false."),
    ("accompanied_children", "Takes accompanying children",
     "Takes children who accompany the person: true or false."),
    ("open_on_public_holidays", "Open on public holidays",
     "true: open on public holidays as on other days; false: closed on public holidays."),
    ("consent", "Consent required", "The consent the provider requires before a referral: none, verbal or "
     "written."),
    ("answer_time", "Answer time", "Target time to answer a referral: a whole number of answer_unit."),
    ("answer_unit", "Answer time unit", "The unit of answer_time: hours or working_days."),
    ("always_open", "Always open", "On a schedule: open 24 hours a day, 7 days a week."),
    ("available_24_7", "Available 24/7", "On a phone: answered 24 hours a day, 7 days a week."),
    ("whole_country", "Whole country", "On a service area: the whole country given by the country attribute."),
    ("country", "Country", "ISO 3166-1 alpha-2 code of the country."),
    ("municipality", "Municipality", "A municipality, by its name in the local language; with the country it "
     "names one municipality."),
    ("municipality_name_en", "Municipality (English)", "The municipality's name in English."),
    ("municipality_region", "Region", "The region the municipality is in."),
    ("municipality_time_zone", "Time zone", "IANA time zone of the municipality: opening hours are local "
     "time there."),
]}


def _choice_terms(taxonomy: Taxonomy) -> dict[str, Term]:
    with translation.override("en"):
        return {value: Term(taxonomy, value, str(label), str(label))
                for value, label in CHOICE_TAXONOMIES[taxonomy].choices}


def service_type_term(service_type: ServiceType) -> Term:
    return Term(SERVICE_TYPES, service_type.code, service_type.name, service_type.source)


def all_terms() -> list[Term]:
    """Every term of our taxonomies, in taxonomy order (service types from the database)."""
    terms = [service_type_term(service_type) for service_type in ServiceType.objects.order_by("code")]
    for taxonomy in CHOICE_TAXONOMIES:
        terms.extend(_choice_terms(taxonomy).values())
    terms.extend(FIELD_TERMS.values())
    return terms


def taxonomy(item: Taxonomy) -> dict:
    return item.as_hsds()


def taxonomy_term(term: Term) -> dict:
    return term.as_hsds()


class _Terms:
    """Looks up the terms of one export (labels translated once, in English)."""

    @cached_property
    def choices(self) -> dict[Taxonomy, dict[str, Term]]:
        return {taxonomy: _choice_terms(taxonomy) for taxonomy in CHOICE_TAXONOMIES}

    def choice(self, taxonomy: Taxonomy, code: str) -> Term:
        return self.choices[taxonomy].get(code) or Term(taxonomy, code, code, code)


_TERMS = _Terms()


def attribute(link_id, link_entity: str, term: Term, value: str | None = None) -> dict:
    return _clean({"id": derived_id("attribute", link_id, term.id), "link_id": str(link_id),
                   "link_type": term.taxonomy.link_type, "link_entity": link_entity,
                   "taxonomy_term_id": term.id, "value": value, "taxonomy_term": term.as_hsds()})


def _field(link_id, link_entity: str, code: str, value) -> dict:
    if isinstance(value, bool):
        value = "true" if value else "false"
    return attribute(link_id, link_entity, FIELD_TERMS[code], str(value))


def place_attributes(link_id, link_entity: str, municipality=None, *, country: str = "") -> list[dict]:
    """Name a place: its country and, when there is one, the municipality with what identifies it."""
    country = country or (municipality.country.code if municipality else "")
    found = [_field(link_id, link_entity, "country", country)]
    if municipality is not None:
        for code, value in (("municipality", municipality.name), ("municipality_name_en", municipality.name_en),
                            ("municipality_region", municipality.region),
                            ("municipality_time_zone", municipality.time_zone)):
            if value:
                found.append(_field(link_id, link_entity, code, value))
    return found


def _country_name(code: str) -> str:
    with translation.override("en"):
        return str(countries.name(code)) or code


# --- Organisations ------------------------------------------------------------------------------
def organization_basic(organisation: Organisation) -> dict:
    """The one-to-one fields (HSDS organization_list)."""
    with translation.override("en"):
        kind = str(OrganisationType(organisation.type).label) if organisation.type in OrganisationType.values \
            else organisation.type
    place = _country_name(organisation.country.code)
    if organisation.municipality_id:
        place = f"{organisation.municipality.name}, {place}"
    return {"id": str(organisation.id), "name": organisation.name, "description": f"{kind} in {place}."}


def organization(organisation: Organisation, services=None, *, full_services: bool = True, scope: str = PUBLIC) -> dict:
    """A fully nested organization; `services` (already in scope) nested in full or by their basic fields."""
    data = organization_basic(organisation)
    link = organisation.id
    data["attributes"] = [
        attribute(link, "organization", _TERMS.choice(ORGANISATION_TYPES, organisation.type)),
        *place_attributes(link, "organization", organisation.municipality if organisation.municipality_id else None,
                          country=organisation.country.code),
    ]
    if services is not None:
        data["services"] = [service(item, with_organization=False, scope=scope) if full_services
                            else service_basic(item, scope=scope) for item in services]
    return data


# --- Services -----------------------------------------------------------------------------------
def service_basic(item: Service, *, scope: str = PUBLIC) -> dict:
    """The one-to-one fields of a service (HSDS service_list, without the organization).

    How to refer is for partners: the public scope (the default, so that a forgotten scope publishes
    nothing internal) leaves it out, as the public directory does.
    """
    return _clean({
        "id": str(item.id),
        "organization_id": str(item.organisation_id),
        "name": item.name,
        "description": item.description,
        "url": item.website,
        "email": item.email,
        "status": "active" if item.is_active else "inactive",
        "application_process": item.how_to_refer if scope == ALL else None,
        "eligibility_description": eligibility_description(item),
        "minimum_age": item.min_age,
        "maximum_age": item.max_age,
        "assured_date": item.last_verified.isoformat() if item.last_verified else None,
        "last_modified": item.updated.isoformat() if item.updated else None,
    })


def service(item: Service, *, with_organization: bool = True, scope: str = PUBLIC) -> dict:
    """A fully nested service (HSDS compiled service); never a confidential location."""
    data = service_basic(item, scope=scope)
    data.update({
        "phones": phones(item),
        "schedules": schedules(item),
        "service_areas": service_areas(item),
        "service_at_locations": [service_at_location(item, location) for location in public_locations(item)],
        "languages": languages(item),
        "attributes": service_attributes(item),
    })
    if with_organization:
        data["organization"] = organization(item.organisation, scope=scope)
    return data


def service_with_organization(item: Service, *, scope: str = PUBLIC) -> dict:
    """A service list row (HSDS service_list): one-to-one fields and the organization's."""
    return {**service_basic(item, scope=scope), "organization": organization_basic(item.organisation)}


def eligibility_description(item: Service) -> str:
    """Who the service is for, in English sentences (the attributes say it for machines)."""
    parts = []
    if item.min_age is not None and item.max_age is not None:
        parts.append(f"Ages {item.min_age} to {item.max_age}.")
    elif item.min_age is not None:
        parts.append(f"Ages {item.min_age} and over.")
    elif item.max_age is not None:
        parts.append(f"Ages up to {item.max_age}.")
    for taxonomy, codes, lead in ((SEXES, item.sexes, "For"), (LEGAL_STATUSES, item.legal_statuses, "Legal status"),
                                  (EXPLOITATION_FORMS, item.exploitation_forms, "Forms of exploitation")):
        if codes:
            names = ", ".join(_TERMS.choice(taxonomy, code).name for code in codes)
            parts.append(f"{lead}: {names}.")
    if item.accompanied_children:
        parts.append("Takes children accompanying the person.")
    return " ".join(parts)


def service_attributes(item: Service) -> list[dict]:
    link = item.id
    found = [attribute(link, "service", service_type_term(item.type))]
    for taxonomy, codes in ((SEXES, item.sexes), (LEGAL_STATUSES, item.legal_statuses),
                            (EXPLOITATION_FORMS, item.exploitation_forms)):
        found.extend(attribute(link, "service", _TERMS.choice(taxonomy, code)) for code in codes or ())
    for code in ("is_public", "accompanied_children", "open_on_public_holidays", "consent", "answer_time",
                 "answer_unit"):
        value = getattr(item, code)
        if value is not None and value != "":
            found.append(_field(link, "service", code, value))
    return found


def phones(item: Service) -> list[dict]:
    found = []
    if item.phone:
        found.append({"id": derived_id("phone", item.id, "phone"), "service_id": str(item.id),
                      "number": item.phone, "type": "voice"})
    if item.phone_24_7:
        phone_id = derived_id("phone", item.id, "phone_24_7")
        found.append({"id": phone_id, "service_id": str(item.id), "number": item.phone_24_7, "type": "voice",
                      "description": "Answered 24 hours a day, 7 days a week.",
                      "attributes": [_field(phone_id, "phone", "available_24_7", True)]})
    return found


def languages(item: Service) -> list[dict]:
    found = []
    for code in item.languages or ():
        try:
            name = Locale.parse(code).english_name
        except (UnknownLocaleError, ValueError, TypeError):
            name = None
        found.append(_clean({"id": derived_id("language", item.id, code), "service_id": str(item.id),
                             "code": code, "name": name}))
    return found


def schedules(item: Service) -> list[dict]:
    found = []
    if item.always_open:
        schedule_id = derived_id("schedule", item.id, "always")
        found.append({"id": schedule_id, "service_id": str(item.id), "freq": "WEEKLY", "wkst": "MO",
                      "byday": ",".join(DAYS), "opens_at": "00:00", "closes_at": "23:59",
                      "description": "Open 24 hours a day, 7 days a week.",
                      "attributes": [_field(schedule_id, "schedule", "always_open", True)]})
    found.extend(_weekly(item))
    found.extend(_exception(item, exception) for exception in item.exceptions.all())
    return found


def _weekly(item: Service) -> list[dict]:
    days = defaultdict(set)
    for row in item.hours.all():
        days[(row.opens, row.closes)].add(row.weekday)
    holidays = "Also open on public holidays." if item.open_on_public_holidays else "Closed on public holidays."
    found = []
    for (opens, closes), weekdays in sorted(days.items()):
        byday = ",".join(DAYS[day] for day in sorted(weekdays))
        overnight = " (closes the next day)" if closes <= opens else ""
        found.append({
            "id": derived_id("schedule", item.id, "weekly", _hhmm(opens), _hhmm(closes)),
            "service_id": str(item.id), "freq": "WEEKLY", "wkst": "MO", "byday": byday,
            "opens_at": _hhmm(opens), "closes_at": _hhmm(closes),
            "description": f"{byday}: {_hhmm(opens)}-{_hhmm(closes)}{overnight}, local time.",
            "notes": holidays,
        })
    return found


def _exception(item: Service, exception) -> dict:
    day = exception.date.isoformat()
    if exception.opens is None and exception.closes is None:
        text = f"Closed on {day}."
    else:
        hours = "-".join(_hhmm(value) for value in (exception.opens, exception.closes) if value is not None)
        text = f"On {day} open {hours} instead of the usual hours, local time."
    return _clean({
        "id": derived_id("schedule", item.id, "exception", day), "service_id": str(item.id),
        "valid_from": day, "valid_to": day, "dtstart": day, "until": day, "freq": "WEEKLY",
        "byday": DAYS[exception.date.weekday()],
        "opens_at": _hhmm(exception.opens) if exception.opens is not None else None,
        "closes_at": _hhmm(exception.closes) if exception.closes is not None else None,
        "description": text, "notes": exception.note,
    })


def service_areas(item: Service) -> list[dict]:
    found = []
    for municipality in sorted(item.areas.all(), key=lambda m: (m.country.code, m.name)):
        # From what identifies the municipality in every installation, not from our row's id.
        area_id = derived_id("service_area", item.id, municipality.country.code, municipality.name)
        english = f" ({municipality.name_en})" if municipality.name_en and municipality.name_en != municipality.name \
            else ""
        found.append({"id": area_id, "service_id": str(item.id), "name": municipality.name,
                      "description": f"{municipality.name}{english}, {_country_name(municipality.country.code)}.",
                      "attributes": place_attributes(area_id, "service_area", municipality)})
    if item.whole_country:
        country = item.organisation.country.code
        area_id = derived_id("service_area", item.id, "country")
        found.append({"id": area_id, "service_id": str(item.id), "name": _country_name(country),
                      "description": f"The whole of {_country_name(country)}.",
                      "attributes": [*place_attributes(area_id, "service_area", country=country),
                                     _field(area_id, "service_area", "whole_country", True)]})
    return found


def public_locations(item: Service) -> list[ServiceLocation]:
    """The locations whose address may leave Strom: never a confidential one, whatever was prefetched."""
    return sorted((location for location in item.locations.all() if not location.confidential),
                  key=lambda location: str(location.id))


def service_at_location(item: Service, location: ServiceLocation) -> dict:
    if location.confidential:  # a caller's mistake must not publish a shelter's address
        raise ValueError("A confidential location is never exported.")
    return {"id": derived_id("service_at_location", location.id), "service_id": str(item.id),
            "location_id": str(location.id), "location": hsds_location(location, item.organisation_id)}


def hsds_location(location: ServiceLocation, organisation_id) -> dict:
    municipality = location.municipality
    return _clean({
        "id": str(location.id), "location_type": "physical", "organization_id": str(organisation_id),
        "name": location.name,
        "addresses": [{"id": derived_id("address", location.id), "location_id": str(location.id),
                       "address_1": location.address, "city": municipality.name,
                       "state_province": municipality.region, "postal_code": location.postal_code,
                       "country": municipality.country.code, "address_type": "physical"}],
        "attributes": place_attributes(location.id, "location", municipality),
    })


# --- What is in scope -----------------------------------------------------------------------------
def _check_scope(scope: str) -> None:
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}")


def services_in_scope(scope: str):
    """Active services of active organisations; "public" only those shown in the public directory."""
    _check_scope(scope)
    found = Service.objects.filter(is_active=True, organisation__is_active=True)
    if scope == PUBLIC:
        found = found.filter(is_public=True)
    return found.select_related("organisation__municipality", "type").prefetch_related(
        "areas", "hours", "exceptions",
        Prefetch("locations", queryset=ServiceLocation.objects.filter(confidential=False)
                 .select_related("municipality")),
    ).order_by("name", "id")


def organisations_in_scope(scope: str):
    """Active organisations; "public" only those with a service in the public directory."""
    _check_scope(scope)
    found = Organisation.objects.filter(is_active=True)
    if scope == PUBLIC:
        found = found.filter(Exists(Service.objects.filter(organisation=OuterRef("pk"), is_public=True,
                                                           is_active=True)))
    return found.select_related("municipality").order_by("name", "id")


def export_directory(scope: str = ALL) -> list[dict]:
    """The directory as an HSDS organization package (organizations with their services nested)."""
    by_organisation = defaultdict(list)
    for item in services_in_scope(scope):
        by_organisation[item.organisation_id].append(item)
    return [organization(organisation, by_organisation.get(organisation.id, []), scope=scope)
            for organisation in organisations_in_scope(scope)]
