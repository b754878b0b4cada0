"""HSDS 3.0: every exported object validates, the export round-trips, imports say what they refuse.

The HSDS schemas are not part of Strom: the tests read them from ../shared/reference/hsds-3.0/ beside
the project (or HSDS_REFERENCE) and skip the schema checks, saying why, when that folder is absent.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime, time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command

from strom.accounts.models import Membership, User
from strom.audit.models import AuditEvent
from strom.network import hsds
from strom.network.hsds_import import Document, import_hsds, read_document
from strom.network.models import (
    HoursException,
    Municipality,
    OpeningHours,
    Organisation,
    Service,
    ServiceLocation,
    ServiceType,
)

REFERENCE = Path(os.environ.get("HSDS_REFERENCE") or Path(__file__).resolve().parents[4] / "shared" / "reference"
                 / "hsds-3.0")
COMPILED = REFERENCE / "compiled"
needs_schemas = pytest.mark.skipif(
    not (COMPILED / "service.json").is_file(),
    reason=f"the HSDS 3.0 compiled schemas are not at {COMPILED} (they are not part of the repository; set "
           "HSDS_REFERENCE to the hsds-3.0 folder of Open Referral's specification to run these checks)")
SECRET_ADDRESS = "Slepenā iela 13"


# --- A representative directory ---------------------------------------------------------------------
def _type(code):
    return ServiceType.objects.get(code=code)


@pytest.fixture
def directory(network):
    jurmala = Municipality.objects.create(country="LV", name="Jūrmala", name_en="Jurmala", region="Rīga",
                                          time_zone="Europe/Riga")
    shelter = Service.objects.create(
        organisation=network.shelter, type=_type("safe_accommodation"), name="Safe house for women",
        description="Shelter with psychological support.", is_public=False, min_age=18, max_age=65,
        sexes=["female"], legal_statuses=["eu_citizen", "undocumented"], exploitation_forms=["sexual", "labour"],
        accompanied_children=True, languages=["lv", "ru", "en"], always_open=True, phone_24_7="+371 2000 0000",
        email="help@safehouse.example.org", website="https://safehouse.example.org/", how_to_refer="Call first.",
        consent="written", answer_time=4, answer_unit="hours", capacity_total=12, capacity_free=3,
        last_verified=date(2025, 3, 1))
    shelter.areas.set([network.riga, jurmala])
    ServiceLocation.objects.create(service=shelter, name="The house", address=SECRET_ADDRESS, postal_code="LV-1001",
                                   municipality=network.riga, confidential=True)
    office = ServiceLocation.objects.create(service=shelter, name="Day office", address="Brīvības iela 1",
                                            postal_code="LV-1010", municipality=network.riga, confidential=False)
    counselling = Service.objects.create(
        organisation=network.social, type=_type("psychological"), name="Counselling", is_public=True,
        languages=["lv"], phone="+371 6700 0000", consent="verbal", answer_time=2, answer_unit="working_days",
        max_age=17)
    counselling.areas.set([network.riga])
    for day in range(5):
        OpeningHours.objects.create(service=counselling, weekday=day, opens=time(9), closes=time(17))
    OpeningHours.objects.create(service=counselling, weekday=4, opens=time(20), closes=time(2))  # past midnight
    HoursException.objects.create(service=counselling, date=date(2025, 12, 24), note="Christmas Eve")
    HoursException.objects.create(service=counselling, date=date(2025, 12, 31), opens=time(10), closes=time(14))
    hotline = Service.objects.create(
        organisation=network.hotline, type=_type("hotline"), name="Trafficking hotline", is_public=True,
        whole_country=True, phone="+370 800 00000", phone_24_7="+370 800 11111", open_on_public_holidays=True,
        languages=["lt", "en", "ru"], consent="none", exploitation_forms=["begging"])
    OpeningHours.objects.create(service=hotline, weekday=5, opens=time(22), closes=time(6))
    Service.objects.create(organisation=network.police, type=_type("police_report"), name="Reporting to the police",
                           whole_country=True, is_public=False)
    Service.objects.create(organisation=network.outsider, type=_type("legal_counselling"), name="Closed service",
                           is_public=True, is_active=False)
    return {"shelter": shelter, "office": office, "counselling": counselling, "hotline": hotline}


# --- Schema validation -----------------------------------------------------------------------------------
# Where each kind of object sits in the compiled schemas: (file, path of property names to its schema).
SUBSCHEMAS = {
    "organization": ("organization.json", ()),
    "organization_list": ("organization_list.json", ()),
    "service": ("service.json", ()),
    "service_list": ("service_list.json", ()),
    "service_at_location": ("service.json", ("service_at_locations",)),
    "location": ("service.json", ("service_at_locations", "location")),
    "address": ("service.json", ("service_at_locations", "location", "addresses")),
    "phone": ("service.json", ("phones",)),
    "schedule": ("service.json", ("schedules",)),
    "service_area": ("service.json", ("service_areas",)),
    "language": ("service.json", ("languages",)),
    "attribute": ("service.json", ("attributes",)),
    "taxonomy_term": ("service.json", ("attributes", "taxonomy_term")),
    "taxonomy": ("service.json", ("attributes", "taxonomy_term", "taxonomy_detail")),
}
NESTED = {"organization": "organization", "services": "service", "service_at_locations": "service_at_location",
          "location": "location", "addresses": "address", "phones": "phone", "schedules": "schedule",
          "service_areas": "service_area", "languages": "language", "attributes": "attribute",
          "taxonomy_term": "taxonomy_term", "taxonomy_detail": "taxonomy"}
_validators = {}


def validator(kind):
    from jsonschema import FormatChecker
    from jsonschema.validators import validator_for

    if kind not in _validators:
        file, path = SUBSCHEMAS[kind]
        schema = json.loads((COMPILED / file).read_text(encoding="utf-8"))
        for name in path:
            schema = schema["properties"][name]
            schema = schema.get("items", schema)
        _validators[kind] = validator_for(schema)(schema, format_checker=FormatChecker())
    return _validators[kind]


def objects_in(value, kind):
    """(kind, object) for the object and every object nested in it, by the HSDS property that holds it."""
    yield kind, value
    for key, child in value.items():
        if key in NESTED:
            for item in child if isinstance(child, list) else [child]:
                if isinstance(item, dict):
                    yield from objects_in(item, NESTED[key])


def check_formats(value):
    """The formats jsonschema cannot check without optional packages: uri and date-time."""
    for kind, item in objects_in(value, "object"):
        for key in ("url", "website", "uri", "schedule_link", "term_uri"):
            if key in item:
                parts = urlsplit(item[key])
                assert parts.scheme in ("http", "https") and parts.netloc, (kind, key, item[key])
        if "last_modified" in item:
            assert datetime.fromisoformat(item["last_modified"]).tzinfo is not None


def assert_valid(value, kind):
    """Validate the object against its compiled schema and every nested object against its own."""
    seen = set()
    for nested_kind, item in objects_in(value, kind):
        errors = [f"{nested_kind} {'/'.join(map(str, error.absolute_path))}: {error.message}"
                  for error in validator(nested_kind).iter_errors(item)]
        assert not errors, errors
        seen.add(nested_kind)
    check_formats(value)
    return seen


@needs_schemas
@pytest.mark.django_db
def test_every_exported_object_validates_against_the_hsds_compiled_schemas(directory):
    seen = set()
    for scope in hsds.SCOPES:
        package = hsds.export_directory(scope)
        assert package
        for organization in package:
            seen |= assert_valid(organization, "organization")
            seen |= assert_valid(hsds.organization_basic(Organisation.objects.get(pk=organization["id"])),
                                 "organization_list")
    for item in hsds.services_in_scope(hsds.ALL):
        seen |= assert_valid(hsds.service(item, scope=hsds.ALL), "service")  # as the API's service endpoint gives it
        seen |= assert_valid(hsds.service_with_organization(item, scope=hsds.ALL), "service_list")
    for term in hsds.all_terms():
        seen |= assert_valid(hsds.taxonomy_term(term), "taxonomy_term")
    for taxonomy in hsds.TAXONOMIES:
        seen |= assert_valid(hsds.taxonomy(taxonomy), "taxonomy")
    assert seen == set(SUBSCHEMAS), f"never exported: {set(SUBSCHEMAS) - seen}"


@needs_schemas
@pytest.mark.django_db
def test_the_export_is_an_hsds_organization_package(directory):
    from jsonschema import FormatChecker
    from jsonschema.validators import validator_for

    schema = json.loads((COMPILED / "organization_package.json").read_text(encoding="utf-8"))
    package = hsds.export_directory(hsds.ALL)
    errors = list(validator_for(schema)(schema, format_checker=FormatChecker()).iter_errors(package))
    assert not errors, [error.message for error in errors[:5]]


# --- What an export holds --------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_mapping(directory):
    package = {item["name"]: item for item in hsds.export_directory(hsds.ALL)}
    safe_house = package["Riga Safe House"]
    (shelter,) = safe_house["services"]
    assert shelter["status"] == "active" and shelter["minimum_age"] == 18 and shelter["maximum_age"] == 65
    assert [language["code"] for language in shelter["languages"]] == ["lv", "ru", "en"]
    assert shelter["languages"][0]["name"] == "Latvian"
    attributes = {(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]): a.get("value")
                  for a in shelter["attributes"]}
    assert attributes[("strom-service-types", "safe_accommodation")] is None
    assert attributes[("strom-fields", "consent")] == "written"
    assert attributes[("strom-fields", "answer_time")] == "4"
    assert attributes[("strom-fields", "is_public")] == "false"
    assert ("strom-sexes", "female") in attributes and ("strom-exploitation-forms", "labour") in attributes
    assert "Ages 18 to 65." in shelter["eligibility_description"]
    assert [area["name"] for area in shelter["service_areas"]] == ["Jūrmala", "Rīga"]
    (phone,) = shelter["phones"]
    assert phone["number"] == "+371 2000 0000" and phone["attributes"][0]["taxonomy_term"]["code"] == "available_24_7"
    (always,) = shelter["schedules"]
    assert always["byday"] == "MO,TU,WE,TH,FR,SA,SU" and always["attributes"][0]["value"] == "true"
    assert [place["location"]["addresses"][0]["address_1"] for place in shelter["service_at_locations"]] \
        == ["Brīvības iela 1"]

    (counselling,) = package["Riga Social Service"]["services"]
    weekly = [s for s in counselling["schedules"] if "valid_from" not in s]
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in weekly] == [
        ("MO,TU,WE,TH,FR", "09:00", "17:00"), ("FR", "20:00", "02:00")]
    assert "closes the next day" in weekly[1]["description"]
    exceptions = {s["valid_from"]: s for s in counselling["schedules"] if "valid_from" in s}
    assert "opens_at" not in exceptions["2025-12-24"] and exceptions["2025-12-24"]["notes"] == "Christmas Eve"
    assert (exceptions["2025-12-31"]["opens_at"], exceptions["2025-12-31"]["closes_at"]) == ("10:00", "14:00")

    (hotline,) = package["Vilnius Hotline"]["services"]
    (country,) = hotline["service_areas"]
    assert country["name"] == "Lithuania"
    assert {a["taxonomy_term"]["code"]: a["value"] for a in country["attributes"]} == {
        "country": "LT", "whole_country": "true"}
    assert package["State Police of Latvia"]["services"][0]["name"] == "Reporting to the police"
    assert package["Vilnius Outsider NGO"]["services"] == []  # its only service is inactive
    # Ids are stable: the same data, the same ids.
    assert hsds.export_directory(hsds.ALL) == hsds.export_directory(hsds.ALL)


@pytest.mark.django_db
def test_confidential_addresses_never_leave_strom(client, directory):
    confidential = ServiceLocation.objects.get(confidential=True)
    texts = [json.dumps(hsds.export_directory(scope), ensure_ascii=False) for scope in hsds.SCOPES]
    texts.append(json.dumps(hsds.service(directory["shelter"]), ensure_ascii=False))
    for text in texts:
        assert SECRET_ADDRESS not in text and str(confidential.id) not in text
    with pytest.raises(ValueError):
        hsds.service_at_location(directory["shelter"], confidential)


@pytest.mark.django_db
def test_the_public_scope_holds_only_public_services(directory):
    package = hsds.export_directory(hsds.PUBLIC)
    names = {service["name"] for organization in package for service in organization["services"]}
    assert names == {"Counselling", "Trafficking hotline"}
    assert {organization["name"] for organization in package} == {"Riga Social Service", "Vilnius Hotline"}
    for organization in package:
        for service in organization["services"]:
            assert Service.objects.get(pk=service["id"]).is_public
    assert not {"Safe house for women", "Reporting to the police", "Closed service"} & names


# --- Round trip --------------------------------------------------------------------------------------------
def directory_snapshot() -> dict:
    """Everything an export carries, normalised (confidential locations are never exported)."""
    def place(municipality):
        if municipality is None:
            return None
        return (municipality.country.code, municipality.name, municipality.name_en, municipality.region,
                municipality.time_zone)

    organisations = {str(o.id): (o.name, o.type, o.country.code, place(o.municipality))
                     for o in hsds.organisations_in_scope(hsds.ALL)}
    services = {}
    for s in hsds.services_in_scope(hsds.ALL):
        services[str(s.id)] = {
            "organisation": str(s.organisation_id), "type": s.type.code,
            **{name: getattr(s, name) for name in (
                "name", "description", "is_public", "is_active", "min_age", "max_age", "sexes", "legal_statuses",
                "exploitation_forms", "accompanied_children", "languages", "whole_country", "always_open",
                "open_on_public_holidays", "phone", "phone_24_7", "email", "website", "how_to_refer", "consent",
                "answer_time", "answer_unit", "last_verified")},
            "areas": sorted(place(m) for m in s.areas.all()),
            "hours": sorted((h.weekday, h.opens, h.closes) for h in s.hours.all()),
            "exceptions": sorted((e.date, e.opens, e.closes, e.note) for e in s.exceptions.all()),
            "locations": sorted((str(loc.id), loc.name, loc.address, loc.postal_code, place(loc.municipality))
                                for loc in s.locations.all() if not loc.confidential),
        }
    return {"organisations": organisations, "services": services}


def wipe_the_directory():
    Membership.objects.all().delete()
    User.objects.update(current_organisation=None)
    Service.objects.all().delete()
    Organisation.objects.all().delete()
    Municipality.objects.all().delete()


def without_timestamps(package):
    text = json.dumps(package, sort_keys=True)
    data = json.loads(text)
    for organization in data:
        for service in organization["services"]:
            service.pop("last_modified", None)
    return data


@pytest.mark.django_db
def test_export_and_import_into_an_empty_directory_reproduce_it(directory):
    before, package = directory_snapshot(), hsds.export_directory(hsds.ALL)
    wipe_the_directory()
    assert not Service.objects.exists() and not Municipality.objects.exists()

    schemas = COMPILED if (COMPILED / "service.json").is_file() else None
    report = import_hsds(json.loads(json.dumps(package)), schemas=schemas)

    assert report.rejected == [] and report.warnings == [] and report.committed, report.lines()
    assert report.created == {"organisation": 6, "service": 4, "municipality": 3}
    assert AuditEvent.objects.filter(action="network.hsds_imported").count() == 1
    assert directory_snapshot() == before
    assert without_timestamps(hsds.export_directory(hsds.ALL)) == without_timestamps(package)
    # Importing the same again changes nothing but counts the records as updated.
    again = import_hsds(package)
    assert again.committed and again.updated == {"organisation": 6, "service": 4} and not again.created["service"]
    assert directory_snapshot() == before


@pytest.mark.django_db
def test_reimport_keeps_confidential_locations_and_follows_removed_ones(directory):
    package = hsds.export_directory(hsds.ALL)
    directory["office"].delete()  # the document still lists it: it comes back
    ServiceLocation.objects.create(service=directory["shelter"], address="Old office", municipality=directory[
        "shelter"].organisation.municipality, confidential=False)  # not in the document: removed
    report = import_hsds(package)
    assert report.committed, report.lines()
    addresses = set(directory["shelter"].locations.values_list("address", "confidential"))
    assert addresses == {(SECRET_ADDRESS, True), ("Brīvības iela 1", False)}


# --- Imports that refuse ---------------------------------------------------------------------------------
def a_package(directory):
    return json.loads(json.dumps(hsds.export_directory(hsds.ALL)))


def counts():
    return (Organisation.objects.count(), Service.objects.count(), Municipality.objects.count(),
            OpeningHours.objects.count(), ServiceLocation.objects.count())


def bad_records(package):
    """Three bad records and a good new organisation with a good new service."""
    source = next(o for o in package if o["name"] == "Riga Social Service")
    good = json.loads(json.dumps(source))
    good["id"], good["name"] = "11111111-1111-4111-8111-111111111111", "Riga Crisis Centre"
    good["services"][0]["id"] = "22222222-2222-4222-8222-222222222222"
    good["services"][0]["organization_id"] = good["id"]
    for place in good["services"][0]["service_at_locations"]:
        place["location"]["id"] = "33333333-3333-4333-8333-333333333333"
    not_schema = {"id": "44444444-4444-4444-8444-444444444444", "name": 42, "description": "A number for a name"}
    orphan = json.loads(json.dumps(source["services"][0]))
    orphan["id"], orphan["organization_id"] = "55555555-5555-4555-8555-555555555555", \
        "66666666-6666-4666-8666-666666666666"
    strange_term = json.loads(json.dumps(source["services"][0]))
    strange_term["id"] = "77777777-7777-4777-8777-777777777777"
    strange_term["organization_id"] = source["id"]
    strange_term["attributes"].append({"id": "88888888-8888-4888-8888-888888888888",
                                       "taxonomy_term_id": "99999999-9999-4999-8999-999999999999",
                                       "taxonomy_term": {"id": "99999999-9999-4999-8999-999999999999",
                                                         "name": "Mystery", "description": "?", "code": "mystery"}})
    return [good, not_schema, orphan, strange_term]


@pytest.mark.django_db
def test_an_import_reports_every_rejected_record_and_writes_nothing(directory):
    before = counts()
    schemas = COMPILED if (COMPILED / "service.json").is_file() else None
    report = import_hsds(bad_records(a_package(directory)), schemas=schemas)
    assert not report.committed and counts() == before
    rejected = {rejection.id: rejection for rejection in report.rejected}
    assert set(rejected) == {"44444444-4444-4444-8444-444444444444", "55555555-5555-4555-8555-555555555555",
                             "77777777-7777-4777-8777-777777777777"}
    not_schema = str(rejected["44444444-4444-4444-8444-444444444444"])
    assert "record 2" in not_schema and "name" in not_schema
    if schemas is not None:
        assert "HSDS 3.0 schema" in not_schema
    assert "unknown organization 66666666-6666-4666-8666-666666666666" in str(
        rejected["55555555-5555-4555-8555-555555555555"])
    assert "unknown taxonomy term '99999999-9999-4999-8999-999999999999' (code 'mystery')" in str(
        rejected["77777777-7777-4777-8777-777777777777"])
    assert any("Nothing was written" in line for line in report.lines())


@pytest.mark.django_db
def test_a_partial_import_keeps_the_good_records(directory):
    report = import_hsds(bad_records(a_package(directory)), partial=True)
    assert report.committed and len(report.rejected) == 3
    crisis = Organisation.objects.get(name="Riga Crisis Centre")
    service = Service.objects.get(pk="22222222-2222-4222-8222-222222222222")
    assert service.organisation == crisis and service.hours.count() == 6 and service.exceptions.count() == 2
    assert not Service.objects.filter(pk__in=["55555555-5555-4555-8555-555555555555",
                                              "77777777-7777-4777-8777-777777777777"]).exists()


@pytest.mark.django_db
def test_a_dry_run_writes_nothing(directory):
    package = bad_records(a_package(directory))[:1]
    before = counts()
    report = import_hsds(package, dry_run=True)
    assert report.ok and not report.committed and report.created["organisation"] == 1
    assert counts() == before and not AuditEvent.objects.filter(action="network.hsds_imported").exists()
    assert any(line.startswith("Dry run, nothing was written") for line in report.lines())


@pytest.mark.django_db
def test_unknown_municipalities_and_what_strom_cannot_keep_are_refused(directory):
    package = a_package(directory)
    (service,) = next(o for o in package if o["name"] == "Riga Social Service")["services"]
    service["service_areas"] = [{"id": "12121212-1212-4121-8121-121212121212", "name": "Atlantis"}]
    service["schedules"].append({"id": "13131313-1313-4131-8131-131313131313", "freq": "MONTHLY", "byday": "1MO",
                                 "opens_at": "09:00", "closes_at": "10:00"})
    service["languages"].append({"id": "14141414-1414-4141-8141-141414141414", "code": "xyz"})
    report = import_hsds(package)
    (rejection,) = report.rejected
    text = str(rejection)
    assert "unknown municipality 'Atlantis' (LV)" in text
    assert "freq: Strom keeps weekly hours" in text
    assert "Strom keeps ISO 639-1 codes" in text


@pytest.mark.django_db
def test_newline_delimited_records_are_named_by_line(directory):
    lines = [json.dumps(item) for item in bad_records(a_package(directory))]
    document = read_document("\n".join([lines[0], "", lines[1], "{not json", *lines[2:]]))
    assert isinstance(document, Document)
    report = import_hsds(document)
    assert {rejection.where for rejection in report.rejected} == {"line 3", "line 4", "line 5", "line 6"}
    assert "not JSON" in next(str(r) for r in report.rejected if r.where == "line 4")


@pytest.mark.django_db
def test_a_service_package_imports_too(directory):
    services = [hsds.service(item, scope=hsds.ALL) for item in hsds.services_in_scope(hsds.ALL)]
    before = directory_snapshot()
    wipe_the_directory()
    report = import_hsds(json.loads(json.dumps(services)))
    assert report.committed, report.lines()
    after = directory_snapshot()
    assert after["services"] == before["services"]
    # Organisations come along with their services (those without a service are not in a service package).
    assert after["organisations"].items() <= before["organisations"].items()


# --- Commands --------------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_commands_export_and_import(directory, tmp_path, capsys):
    target = tmp_path / "directory.json"
    call_command("export_hsds", "--output", str(target))
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 6
    call_command("export_hsds", "--scope", "public")
    public = json.loads(capsys.readouterr().out)
    assert {o["name"] for o in public} == {"Riga Social Service", "Vilnius Hotline"}

    wipe_the_directory()
    call_command("import_hsds", str(target), "--dry-run")
    assert "Dry run, nothing was written" in capsys.readouterr().out and not Service.objects.exists()
    call_command("import_hsds", str(target))
    assert "Imported." in capsys.readouterr().out and Service.objects.count() == 4
    with pytest.raises(CommandError, match="No HSDS compiled schemas"):
        call_command("import_hsds", str(target), "--schemas", str(tmp_path))
    if (COMPILED / "service.json").is_file():
        call_command("import_hsds", str(target), "--dry-run", "--schemas", str(COMPILED))
        assert "against the HSDS 3.0 schemas" not in capsys.readouterr().out


@pytest.mark.django_db
def test_the_import_command_names_each_rejected_record_and_fails(directory, tmp_path, capsys):
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(bad_records(a_package(directory))), encoding="utf-8")
    with pytest.raises(CommandError, match="3 records rejected") as raised:
        call_command("import_hsds", str(source))
    assert raised.value.returncode == 1
    out = capsys.readouterr().out
    assert out.count("REJECTED") == 3 and "record 3 (service 55555555" in out
    call_command("import_hsds", str(source), "--dry-run")  # a dry run only reports
    assert capsys.readouterr().out.count("REJECTED") == 3
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_hsds", str(tmp_path / "missing.json"))


ODD_RECORDS = [
    1, "text", None, [], {}, {"status": 5}, {"id": 5, "services": "many"}, {"services": [1, None]},
    {"id": "not-a-uuid", "name": "X", "description": "", "attributes": "none"},
    {"id": "15151515-1515-4151-8151-151515151515", "name": "X", "description": "", "attributes": [1, {}, {
        "taxonomy_term_id": 7, "value": 3}]},
    {"id": "16161616-1616-4161-8161-161616161616", "status": "active", "name": "Y", "minimum_age": float("inf"),
     "maximum_age": -1, "assured_date": "yesterday", "phones": [{"number": 1}, "x"],
     "schedules": [{"byday": 5, "opens_at": "25:99", "closes_at": "9am"}, {"valid_from": "2025-01-01"}],
     "languages": [{"code": 5}, {"name": "Latvian"}], "service_areas": [{}], "service_at_locations": [
         {"location": {"id": "17171717-1717-4171-8171-171717171717", "addresses": [{}, {}]}}, {}]},
]


@pytest.mark.django_db
@pytest.mark.parametrize("with_schemas", [False, True])
def test_odd_input_is_refused_with_reasons_never_a_crash(directory, with_schemas):
    schemas = COMPILED if with_schemas and (COMPILED / "service.json").is_file() else None
    before = counts()
    report = import_hsds(ODD_RECORDS, schemas=schemas, partial=True)
    assert counts() == before
    assert len(report.rejected) >= len(ODD_RECORDS) - 1
    assert all(rejection.reasons for rejection in report.rejected)
    text = str(next(r for r in report.rejected if r.id == "16161616-1616-4161-8161-161616161616"))
    if schemas is not None:
        assert "does not match the HSDS 3.0 schema" in text
    else:
        for expected in ("minimum_age: must be a whole number", "maximum_age", "assured_date", "phones[0].number",
                         "schedules[0].byday", "opens_at", "languages[0].code", "service_areas[0].name",
                         "location.addresses: Strom keeps one address", "service_at_locations[1].location"):
            assert expected in text


@pytest.mark.django_db
def test_a_partners_copy_of_an_organisation_lands_on_ours(directory, network):
    package = a_package(directory)
    police = next(o for o in package if o["name"] == "State Police of Latvia")
    theirs = "18181818-1818-4181-8181-181818181818"
    police["id"] = theirs
    for service in police["services"]:
        service["organization_id"] = theirs
        service["id"] = "19191919-1919-4191-8191-191919191919"
    before = Organisation.objects.count()
    report = import_hsds(package)
    assert report.committed, report.lines()
    assert Organisation.objects.count() == before
    assert Service.objects.get(pk="19191919-1919-4191-8191-191919191919").organisation == network.police
    assert any(f"is Strom's organisation {network.police.id}" in warning for warning in report.warnings)
