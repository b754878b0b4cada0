"""The HTCDS mapping and the import's validation (pure)."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest

from strom.cases.vocabularies import ControlMeans, Gender, Industry
from strom.interchange import htcds
from strom.interchange.htcds import validate_rows
from strom.network.vocabularies import ExploitationForm

TODAY = date(2026, 6, 1)
REFERENCE = Path("/work/shared/reference/htcds/htcds_v2_field_standards.csv")


def picklist(name: str) -> set[str]:
    with REFERENCE.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            if row["Field Name including Prefix"] == name:
                return {value.strip() for value in row["Value Names (if picklist)"].splitlines() if value.strip()}
    raise KeyError(name)


@pytest.mark.skipif(not REFERENCE.exists(), reason="the HTCDS reference files are not on this machine")
def test_codes_and_columns_are_the_standards():
    with REFERENCE.open(encoding="utf-8") as stream:
        names = {row["Field Name including Prefix"] for row in csv.DictReader(stream)}
    extensions = {"prs_Pseudonym", "cas_RegistrationDate"}  # Strom's and the additions
    assert set(htcds.HEADER) - extensions <= names
    assert set(htcds.GENDER) == picklist("prs_Gender")
    assert set(htcds.METHODS_OF_CONTROL) == picklist("vic_MethodsOfControl")
    assert set(htcds.EXPLOITATION_IN) == picklist("vic_TypeOfExploitation")
    assert set(htcds.INDUSTRY_IN) == picklist("vic_ForcedLabourIndustry")
    assert set(htcds.EVENT_TYPE_IN) == picklist("hte_Type")
    assert set(htcds.TRAFFICKING_STATUS.values()) <= picklist("vic_TraffickingStatus")
    assert set(htcds.STAGE_STATUS.values()) | {"Active"} <= picklist("cas_Status")


def test_every_strom_code_has_an_htcds_code():
    assert set(Gender.values) == set(htcds.GENDER.values())
    assert set(ControlMeans.values) == set(htcds.METHODS_OF_CONTROL.values())
    assert set(ExploitationForm.values) == set(htcds.EXPLOITATION_OUT)
    assert set(Industry.values) == set(htcds.INDUSTRY_OUT)
    # What goes out comes back, except the one form HTCDS has no code for.
    lossy = {form for form, code in htcds.EXPLOITATION_OUT.items() if htcds.EXPLOITATION_IN[code] != form}
    assert lossy == {"criminal_activities"}


def test_identity_cells_are_blank_without_identity():
    table = htcds.columns(TODAY)
    row = {"pseudonym": "Amber-Heron-4821", "given_names": "Anna", "family_names": "B", "birth_date": "2000-01-01",
           "contact": "+371", "gender": "Feminine", "registered": TODAY, "stage": "closed",
           "closure_reason": "transferred"}
    cells = dict(zip(htcds.HEADER, htcds.export_row(row, table, with_identity=False), strict=True))
    assert all(cells[name] == "" for name in htcds.IDENTITY_COLUMNS)
    assert set(htcds.IDENTITY_COLUMNS) == {"prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_MobilePhone"}
    assert (cells["prs_Pseudonym"], cells["prs_Gender"], cells["cas_Status"]) == ("Amber-Heron-4821", "Feminine",
                                                                                  "ClosedReferred")
    full = dict(zip(htcds.HEADER, htcds.export_row(row, table, with_identity=True), strict=True))
    assert full["prs_FirstName"] == "Anna" and full["cas_RegistrationDate"] == TODAY.isoformat()


@pytest.mark.parametrize(("row", "status"), [
    ({"decision_outcome": "positive", "stage": "identified"}, "ActualVictimOfTrafficking"),
    ({"decision_outcome": "negative", "stage": "screening"}, "NotAVictimOfTrafficking"),
    ({"stage": "not_a_victim"}, "NotAVictimOfTrafficking"),
    ({"stage": "presumed_victim"}, "PossibleVictimOfTrafficking"),
    ({}, ""),
])
def test_trafficking_status_from_the_latest_decision_or_the_stage(row, status):
    assert htcds._trafficking_status(row) == status


HEADER = ["cas_RegistrationDate", "prs_FirstName", "prs_Gender", "prs_Citizenship", "prs_PrimaryLanguage",
          "prs_SecondaryLanguage", "vic_TypeOfExploitation", "vic_ForcedLabourIndustry", "hte_Type", "hte_Country",
          "hte_Date", "org_OwnNotes"]


def test_a_good_row_becomes_a_record():
    row = ["2024-02-03", "  Anna  Maria ", "Feminine", "ua; md;", "UK", "ru", "ForcedLabour;ChildLabour;Servitude",
           "F_Construction", "Exploitation", "lv", datetime(2024, 1, 5, 0, 0), "anything"]
    result = validate_rows(HEADER, [row], today=TODAY)
    assert result.errors == [] and result.ignored_columns == ["org_OwnNotes"] and result.rows == 1
    record = result.records[0]
    assert record.line == 2 and record.registered == date(2024, 2, 3)
    assert record.person == {"given_names": "Anna Maria", "gender": "Feminine", "citizenships": ["UA", "MD"],
                             "languages": ["uk", "ru"]}
    assert record.case == {"exploitation_forms": ["labour", "domestic_servitude"], "industry": "F"}
    assert record.place == {"kind": "exploitation", "country": "LV", "date_from": date(2024, 1, 5)}


@pytest.mark.parametrize(("column", "value"), [
    ("cas_RegistrationDate", "03.02.2024"), ("cas_RegistrationDate", "2027-01-01"), ("prs_Gender", "F"),
    ("prs_Citizenship", "UA;Ukraine"), ("prs_PrimaryLanguage", "ukr"), ("vic_TypeOfExploitation", "Labour"),
    ("vic_ForcedLabourIndustry", "F"), ("hte_Type", "exploitation"), ("hte_Country", "XX"), ("hte_Date", "soon"),
])
def test_each_bad_cell_is_named_with_line_and_column(column, value):
    good = ["2024-02-03", "Anna", "Feminine", "UA", "uk", "", "ForcedLabour", "", "Exploitation", "LV", "", ""]
    bad = list(good)
    bad[HEADER.index(column)] = value
    result = validate_rows(HEADER, [good, bad], today=TODAY)
    assert [(e.line, e.column) for e in result.errors] == [(3, column)]
    assert [r.line for r in result.records] == [2] and result.bad_lines == [3]
    assert value not in str(result.errors[0].reason)  # reasons never repeat the file's values


def test_rows_missing_what_they_need_and_repeated_rows():
    header = ["cas_RegistrationDate", "prs_FirstName", "hte_Type", "hte_Country", "hte_City"]
    rows = [["", "Anna", "", "", ""], ["2024-01-01", "Berta", "", "", "Rīga"], ["2024-01-01", "Clara", "", "", ""],
            ["", "", "", "", ""], ["2024-01-01", "Clara", "", "", ""]]
    result = validate_rows(header, rows, today=TODAY)
    assert [(e.line, e.column) for e in result.errors] == [
        (2, "cas_RegistrationDate"), (3, "hte_Type"), (3, "hte_Country"), (6, "")]
    assert result.rows == 4  # the blank line is not a row
    assert "line 4" in str(result.errors[-1].reason)


def test_header_problems_are_on_line_one():
    result = validate_rows(["prs_FirstName", "prs_FirstName", "vic_TraffickingStatus"], [["A", "B", "x"]],
                           today=TODAY)
    assert [(e.line, e.column) for e in result.errors if e.line == 1] == [
        (1, "prs_FirstName"), (1, "cas_RegistrationDate")]
    assert result.ignored_columns == ["vic_TraffickingStatus"]  # export-only: accepted, not imported


def test_ignored_header_cells_are_named_only_when_they_look_like_column_names():
    """A file without its header row: the first person's cells must not be named in the report."""
    header = ["cas_RegistrationDate", "Anna Bērziņa", "+371 2612 3456", "org_Notes", "Our own notes", "vic_x"]
    result = validate_rows(header, [["2024-01-02", "", "", "", "", ""]], today=TODAY)
    assert result.ignored_columns == ["org_Notes", "vic_x"] and result.ignored_other == 3


def test_progress_is_reported_every_thousand_rows():
    seen = []
    validate_rows(["cas_RegistrationDate", "prs_MobilePhone"], ([("2024-01-01", str(n))] for n in range(2500)),
                  today=TODAY, progress=seen.append)
    assert seen == [1000, 2000]
