"""Import and export through the database: the round trip, all-or-nothing, the bulk path against the
service, the commands and what the audit trail keeps."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.cases import services as case_services
from strom.cases.models import Case, CasePlace, Person, PersonNameKey, StageChange
from strom.interchange import exports, htcds
from strom.interchange.services import import_table
from strom.interchange.tables import read_table
from strom.network.models import Organisation, OrganisationType

pytestmark = pytest.mark.django_db

PEOPLE = [
    {"given_names": "Oksana Maria", "family_names": "Testenko", "birth_date": "1990-02-03", "gender": "Feminine",
     "citizenships": ["UA", "MD"], "languages": ["uk", "ru"], "contact": "+380 44 000 0000"},
    {"given_names": "Ion", "family_names": "Exemplu", "birth_date": "2009-11-30", "gender": "Masculine",
     "citizenships": ["MD"], "languages": ["ro"], "contact": ""},
    {"given_names": "", "family_names": "", "birth_date": "", "gender": "NonSpecifiedUnknown",
     "citizenships": [], "languages": [], "contact": ""},
]
CASES = [
    {"exploitation_forms": ["labour", "sexual"], "means_of_control": ["DebtBondage", "WithholdsDocuments"],
     "industry": "F", "places": [{"kind": "exploitation", "country": "LV", "place": "Rīga",
                                  "date_from": date(2024, 5, 1)}]},
    {"exploitation_forms": ["begging"], "means_of_control": [], "industry": "",
     "places": [{"kind": "recruitment", "country": "MD", "place": "", "date_from": None}]},
    {"exploitation_forms": [], "means_of_control": ["Other"], "industry": "I", "places": []},
]
PERSON_COMPARED = ("given_names", "family_names", "birth_date", "gender", "citizenships", "languages", "contact")
CASE_COMPARED = ("exploitation_forms", "means_of_control", "industry", "age_group", "stage")


def open_cases(network):
    actor = actor_for_user(network.case_manager)
    return [case_services.open_case(actor, person=dict(person), municipality=network.riga, **case)
            for person, case in zip(PEOPLE, CASES, strict=True)]


@pytest.fixture
def empty_org(network):
    return Organisation.objects.create(name="Riga Newcomer NGO", type=OrganisationType.NGO, country="LV",
                                       municipality=network.riga)


def exported(network, file_format):
    actor = actor_for_user(network.case_manager)
    exports.start_htcds_export(actor, file_format)
    rows = exports.htcds_table(actor)
    if file_format == "xlsx":
        return io.BytesIO(exports.xlsx_bytes(rows))
    return io.BytesIO("".join(exports.csv_lines(rows)).encode())


def snapshot(case: Case) -> dict:
    person = case.person
    places = [(p.kind, str(p.country), p.place, p.date_from) for p in case.places.all()]
    return {**{name: getattr(person, name) for name in PERSON_COMPARED},
            **{name: getattr(case, name) for name in CASE_COMPARED},
            "places": places, "registered": timezone.localdate(case.created)}


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_htcds_export_imported_into_an_empty_organisation_reproduces_the_records(network, empty_org, file_format):
    originals = open_cases(network)
    header, rows = read_table(exported(network, file_format), file_format)
    outcome = import_table(header, rows, organisation=empty_org, municipality=network.riga)
    assert (outcome.errors, outcome.imported) == ([], 3)
    imported = list(Case.objects.filter(lead_organisation=empty_org).select_related("person"))
    assert sorted(map(snapshot, imported), key=repr) == sorted(map(snapshot, originals), key=repr)
    assert all(snapshot(case)["given_names"] or snapshot(case)["gender"] == "NonSpecifiedUnknown" for case in imported)
    assert {c.person.pseudonym for c in imported}.isdisjoint({c.person.pseudonym for c in originals})


def test_one_bad_row_among_ten_thousand_imports_nothing_and_names_that_row(network, empty_org):
    good = ["2024-01-02", "Feminine", "UA", "ForcedLabour"]
    rows = [list(good) for _ in range(10_000)]
    for number, row in enumerate(rows):
        row.append(f"{number:05d}")  # distinct rows: a repeated row is itself an error
    rows[7_340][1] = "Female"  # not an HTCDS gender code; line 7,342 (header is line 1)
    header = ["cas_RegistrationDate", "prs_Gender", "prs_Citizenship", "vic_TypeOfExploitation", "prs_MobilePhone"]
    before = (Person.objects.count(), Case.objects.count(), AuditEvent.objects.count())
    outcome = import_table(header, rows, organisation=empty_org, municipality=network.riga)
    assert outcome.refused and outcome.imported == 0
    assert [(e.line, e.column) for e in outcome.errors] == [(7_342, "prs_Gender")]
    assert (Person.objects.count(), Case.objects.count(), AuditEvent.objects.count()) == before


def test_skip_invalid_imports_the_good_rows_and_reports_the_bad(network, empty_org):
    header = ["cas_RegistrationDate", "prs_FirstName", "hte_Type", "hte_Country"]
    rows = [["2024-01-02", "Anna", "Exploitation", "LV"], ["2024-13-02", "Berta", "", ""],
            ["2024-01-03", "Clara", "Exploitation", ""]]
    outcome = import_table(header, rows, organisation=empty_org, municipality=network.riga, skip_invalid=True)
    assert outcome.imported == 1
    assert [(e.line, e.column) for e in outcome.errors] == [(3, "cas_RegistrationDate"), (4, "hte_Country")]
    assert Case.objects.get(lead_organisation=empty_org).person.given_names == "Anna"


def test_dry_run_writes_nothing(network, empty_org):
    outcome = import_table(["cas_RegistrationDate"], [["2024-01-02"]], organisation=empty_org,
                           municipality=network.riga, dry_run=True)
    assert (outcome.rows, outcome.imported, outcome.errors) == (1, 0, [])
    assert not Case.objects.filter(lead_organisation=empty_org).exists()


def test_the_bulk_path_writes_the_rows_the_service_writes(network, empty_org):
    """Same person, case, place, stage change, name keys, history and audit fields as open_case."""
    person, case = PEOPLE[0], CASES[0]
    by_service = case_services.open_case(actor_for_user(network.case_manager), person=dict(person),
                                         municipality=network.riga, **case)
    header = ["cas_RegistrationDate", *htcds.HEADER[1:9], *htcds.HEADER[10:13], "hte_Type", "hte_Country",
              "hte_City", "hte_Date"]
    table = {c.name: c for c in htcds.columns(date.today())}
    row = htcds.export_row(exports.flat_row(by_service, with_identity=True), [table[n] for n in header],
                           with_identity=True)
    import_table(header, [row], organisation=empty_org, municipality=network.riga)
    by_import = Case.objects.get(lead_organisation=empty_org)
    assert snapshot(by_import) == snapshot(by_service)
    for pair in ((by_service, by_import),):
        keys = [set(PersonNameKey.objects.filter(person=c.person).values_list("digest", "kind")) for c in pair]
        assert keys[0] == keys[1] and keys[0]
        histories = [(c.person.history.count(), c.history.count(), CasePlace.history.filter(case_id=c.pk).count(),
                      StageChange.history.filter(case_id=c.pk).count()) for c in pair]
        assert histories[0] == histories[1] == (1, 1, 0, 1)
        stages = [list(c.stage_changes.values_list("from_stage", "to_stage")) for c in pair]
        assert stages[0] == stages[1]
    opened = AuditEvent.objects.get(action="case.opened", target_id=str(by_service.pk))
    imported = AuditEvent.objects.get(action="interchange.imported")
    assert set(opened.fields) - {"contact_safety", "documents_status", "interpreter_needed"} == (
        set(imported.fields) - {"exploitation_forms", "means_of_control", "industry", "places"})
    assert by_import.history.get().history_change_reason == by_import.person.history.get().history_change_reason
    history_row = by_import.person.history.get()
    assert history_row.given_names == person["given_names"]  # encrypted for its own row, readable
    raw = Person.objects.filter(pk=by_import.person.pk).values_list("given_names", flat=True).get()
    assert "Oksana" not in str(raw)


def test_an_import_records_one_summary_event_with_counts(network, empty_org):
    import_table(["cas_RegistrationDate", "prs_FirstName"], [["2024-01-02", "Anna"], ["2024-01-03", "Berta"]],
                 organisation=empty_org, municipality=network.riga, import_id="x1")
    event = AuditEvent.objects.get(action="interchange.imported")
    assert event.detail == {"import": "x1", "rows": 2, "imported": 2, "skipped": 0}
    assert event.fields == ["given_names"] and "Anna" not in str(event.detail)
    reasons = {row.history_change_reason for row in Person.history.filter(
        id__in=Case.objects.filter(lead_organisation=empty_org).values("person_id"))}
    assert reasons == {"import x1"}


def test_the_importing_state_is_set_before_the_write_transaction(network, empty_org):
    calls, depth = [], len(connection.atomic_blocks)
    import_table(["cas_RegistrationDate"], [["2024-01-02"]], organisation=empty_org, municipality=network.riga,
                 progress=lambda state, n: calls.append((state, n, len(connection.atomic_blocks))))
    assert calls[0] == ("validating", 0, depth)
    assert calls[1] == ("importing", 0, depth)  # outside write_records' transaction: the page sees it
    assert calls[2][:2] == ("importing", 1) and calls[2][2] > depth


def test_registration_date_is_kept(network, empty_org):
    day = timezone.localdate() - timedelta(days=400)
    import_table(["cas_RegistrationDate"], [[day.isoformat()]], organisation=empty_org, municipality=network.riga)
    case = Case.objects.get(lead_organisation=empty_org)
    assert timezone.localdate(case.created) == day == timezone.localdate(case.stage_changes.get().at)


def test_import_command_refuses_bad_files_and_imports_good_ones(network, empty_org, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("cas_RegistrationDate,prs_Gender\n2024-01-02,Feminine\n2024-01-02,Woman\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 bad row"):
        call_command("import_htcds", str(path), "--organisation", empty_org.name)
    assert not Case.objects.filter(lead_organisation=empty_org).exists()
    out = io.StringIO()
    call_command("import_htcds", str(path), "--organisation", str(empty_org.pk), "--skip-invalid", stdout=out,
                 stderr=io.StringIO())
    assert Case.objects.filter(lead_organisation=empty_org).count() == 1 and "1 imported" in out.getvalue()
    with pytest.raises(CommandError, match="No single organisation"):
        call_command("import_htcds", str(path), "--organisation", "Nobody")


def test_export_command_writes_the_organisations_cases(network, tmp_path):
    open_cases(network)
    path = tmp_path / "out.xlsx"
    call_command("export_htcds", "--organisation", network.shelter.name, "--format", "xlsx", "--output", str(path),
                 stdout=io.StringIO())
    with path.open("rb") as stream:
        header, rows = read_table(stream, "xlsx")
        rows = list(rows)
    assert header == htcds.HEADER and len(rows) == 3
    assert AuditEvent.objects.filter(action="interchange.htcds_exported").exists()
