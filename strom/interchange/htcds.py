"""Strom's case data in IOM's Human Trafficking Case Data Standard (HTCDS 2.0): the mapping, both ways.

Pure: no database. `COLUMNS` is the one declarative table — an HTCDS column, the Strom value it
carries, how a value is written to a cell (`export`) and read back from one (`parse`, which raises
`CellError` with a translatable reason). Picklists translate between HTCDS codes and Strom's codes
through the dictionaries below; where both use the HTCDS code (gender, methods of control) the
translation is the identity.

A *flat row* is the dictionary of Strom values one case gives (exports.py builds it from the
database): person fields, case fields, the first place (`place_*`), the registration date, the
latest identification outcome and the stage. Import turns each spreadsheet row into an
`ImportRecord` (person fields, case fields, one place, registration date) with `validate_rows`,
collecting every error with its line number (the header is line 1) before anything is written.

Lossy on purpose (docs/architecture.md, "Data exchange"): more than two languages, "forced
criminal activities" (HTCDS has no code: exported as `Other`, imported as Strom's "other"),
HTCDS `ChildLabour` (imported as labour exploitation), the places beyond the first, and the
export-only columns (`vic_TraffickingStatus`, `cas_Status`, `prs_Pseudonym`), which an import
accepts and ignores.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _
from django_countries import countries

from strom.network.languages import is_language_code

MULTI_SEPARATOR = ";"

# --- Picklists: HTCDS code → Strom code -------------------------------------------------------------

GENDER = {code: code for code in ("Feminine", "Masculine", "TransgenderFeminine", "TransgenderMasculine",
                                  "NonConforming", "NonSpecifiedUnknown")}

METHODS_OF_CONTROL = {code: code for code in (
    "PhysicalThreats", "ThreatsLawEnforcement", "ThreatensChildrenFamily", "DebtBondage", "FalsePromises",
    "PhysicalAbuse", "SexualAbuse", "TakesEarnings", "RestrictsFinancialAccess", "RestrictsMedicalCare",
    "WithholdsNecessities", "PsychologicalAbuse", "PsychoactiveSubstance", "ExcessiveWorkingHours",
    "WithholdsDocuments", "Other")}

# vic_TypeOfExploitation → strom.network.vocabularies.ExploitationForm
EXPLOITATION_IN = {
    "ForcedLabour": "labour", "ChildLabour": "labour", "SexualExploitation": "sexual",
    "Servitude": "domestic_servitude",
    "ForcedBegging": "begging", "OrganRemoval": "organ_removal", "ForcedMarriage": "forced_marriage",
    "ForcedAdoption": "illegal_adoption", "Surrogacy": "surrogacy", "Other": "other",
    # HTCDS has it; Strom has no form for it: kept as "other" rather than refused.
    "ForcedMilitaryByNonStateActors": "other",
}
EXPLOITATION_OUT = {
    "labour": "ForcedLabour", "sexual": "SexualExploitation", "domestic_servitude": "Servitude",
    "begging": "ForcedBegging", "organ_removal": "OrganRemoval", "forced_marriage": "ForcedMarriage",
    "illegal_adoption": "ForcedAdoption", "surrogacy": "Surrogacy", "other": "Other",
    "criminal_activities": "Other",  # no HTCDS code
}

# vic_ForcedLabourIndustry: the ISIC section letter before the underscore.
INDUSTRY_OUT = {
    "A": "A_AgricultureForestryAndFishing", "B": "B_MiningAndQuarrying", "C": "C_Manufacturing",
    "D": "D_ElectricityGasSteamAndAirConditioningSupply", "E": "E_WaterSupplySewerageWasteManagement",
    "F": "F_Construction", "G": "G_WholesaleAndRetailTradeRepairOfMotorVehicles", "H": "H_TransportationAndStorage",
    "I": "I_AccommodationAndFoodServiceActivities", "J": "J_InformationAndCommunication",
    "K": "K_FinancialAndInsuranceActivities", "L": "L_RealEstateActivities",
    "M": "M_ProfessionalScientificAndTechnicalActivities", "N": "N_AdministrativeAndSupportServiceActivities",
    "O": "O_PublicAdministrationAndDefence", "P": "P_Education", "Q": "Q_HumanHealthAndSocialWorkActivities",
    "R": "R_ArtsEntertainmentAndRecreation", "S": "S_OtherServiceActivities",
    "T": "T_ActivitiesOfHouseholdsAsEmployers", "U": "U_ActivitiesOfExtraterritorialOrganizations",
}
INDUSTRY_IN = {code: letter for letter, code in INDUSTRY_OUT.items()}

EVENT_TYPE_IN = {"Recruitment": "recruitment", "Transit": "transit", "Exploitation": "exploitation"}
EVENT_TYPE_OUT = {value: key for key, value in EVENT_TYPE_IN.items()}

# Export only: the latest identification decision's outcome, else what the stage says.
TRAFFICKING_STATUS = {"positive": "ActualVictimOfTrafficking", "negative": "NotAVictimOfTrafficking",
                      "pending": "PossibleVictimOfTrafficking"}
STAGE_STATUS = {"follow_up": "FollowUp", "closed": "Closed", "transferred": "ClosedReferred"}


# --- Cells ----------------------------------------------------------------------------------------


class CellError(ValueError):
    """A cell that cannot be read; `reason` is translatable and names no value from the file."""

    def __init__(self, reason):
        super().__init__(str(reason))
        self.reason = reason


def _text(value: str) -> str:
    return " ".join(value.split())


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise CellError(_("Not a date: write it as YYYY-MM-DD.")) from None


def _past_date(today: date) -> Callable[[str], date]:
    def parse(value: str) -> date:
        day = _date(value)
        if day > today:
            raise CellError(_("The date is in the future."))
        return day
    return parse


def _choice(table: dict) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in table:
            raise CellError(_("Not a value of this column's HTCDS picklist."))
        return table[value]
    return parse


def _choices(table: dict) -> Callable[[str], list]:
    def parse(value: str) -> list:
        codes = [part.strip() for part in value.split(MULTI_SEPARATOR) if part.strip()]
        if any(code not in table for code in codes):
            raise CellError(_("A value is not in this column's HTCDS picklist (separate several with “;”)."))
        return list(dict.fromkeys(table[code] for code in codes))
    return parse


def _country(value: str) -> str:
    code = value.strip().upper()
    if len(code) != 2 or code not in countries:
        raise CellError(_("Not an ISO 3166 two-letter country code."))
    return code


def _countries(value: str) -> list:
    return list(dict.fromkeys(_country(part) for part in value.split(MULTI_SEPARATOR) if part.strip()))


def _language(value: str) -> str:
    code = value.strip().lower()
    if not is_language_code(code):
        raise CellError(_("Not an ISO 639-1 two-letter language code."))
    return code


def _joined(values) -> str:
    return MULTI_SEPARATOR.join(values or [])


def _nth(name: str, index: int) -> Callable[[dict], str]:
    def get(row: dict) -> str:
        values = row.get(name) or []
        return values[index] if len(values) > index else ""
    return get


def _iso(name: str) -> Callable[[dict], str]:
    def get(row: dict) -> str:
        value = row.get(name)
        return value.isoformat() if value else ""
    return get


def _plain(name: str, table: dict | None = None) -> Callable[[dict], str]:
    def get(row: dict) -> str:
        value = row.get(name) or ""
        return table.get(value, "") if table is not None else str(value)
    return get


def _listed(name: str, table: dict | None = None) -> Callable[[dict], str]:
    def get(row: dict) -> str:
        values = row.get(name) or []
        return _joined(list(dict.fromkeys(table[v] for v in values if v in table)) if table else values)
    return get


def _trafficking_status(row: dict) -> str:
    if row.get("decision_outcome"):
        return TRAFFICKING_STATUS.get(row["decision_outcome"], "")
    if row.get("stage") == "not_a_victim":
        return "NotAVictimOfTrafficking"
    return "PossibleVictimOfTrafficking" if row.get("stage") else ""


def _case_status(row: dict) -> str:
    if row.get("stage") == "closed" and row.get("closure_reason") == "transferred":
        return "ClosedReferred"
    return STAGE_STATUS.get(row.get("stage") or "", "Active" if row.get("stage") else "")


# --- The mapping ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One HTCDS column. `target` is where an import puts the value: ("person" | "case" | "place" |
    "registered", field name), None for export-only columns; `identity` columns are blank in an export
    for whoever may not see the person's identity."""

    name: str
    export: Callable[[dict], str]
    parse: Callable[[str], object] | None = None
    target: tuple[str, str] | None = None
    identity: bool = False
    strom_field: str = ""  # the Strom field it carries (for docs and the audit event of an export)


def columns(today: date) -> list[Column]:
    """The mapping, in export order. `today` bounds the dates an import accepts."""
    past = _past_date(today)
    return [
        Column("prs_Pseudonym", _plain("pseudonym"), strom_field="pseudonym"),
        Column("prs_FirstName", _plain("given_names"), _text, ("person", "given_names"), True, "given_names"),
        Column("prs_SecondName", _plain("family_names"), _text, ("person", "family_names"), True, "family_names"),
        Column("prs_Birthdate", _plain("birth_date"), lambda v: past(v).isoformat(), ("person", "birth_date"), True,
               "birth_date"),
        Column("prs_Gender", _plain("gender"), _choice(GENDER), ("person", "gender"), strom_field="gender"),
        Column("prs_Citizenship", _listed("citizenships"), _countries, ("person", "citizenships"),
               strom_field="citizenships"),
        Column("prs_PrimaryLanguage", _nth("languages", 0), _language, ("language", "0"), strom_field="languages"),
        Column("prs_SecondaryLanguage", _nth("languages", 1), _language, ("language", "1"), strom_field="languages"),
        Column("prs_MobilePhone", _plain("contact"), _text, ("person", "contact"), True, "contact"),
        Column("vic_TraffickingStatus", _trafficking_status, strom_field="decisions"),
        Column("vic_MethodsOfControl", _listed("means_of_control", METHODS_OF_CONTROL), _choices(METHODS_OF_CONTROL),
               ("case", "means_of_control"), strom_field="means_of_control"),
        Column("vic_TypeOfExploitation", _listed("exploitation_forms", EXPLOITATION_OUT), _choices(EXPLOITATION_IN),
               ("case", "exploitation_forms"), strom_field="exploitation_forms"),
        Column("vic_ForcedLabourIndustry", _plain("industry", INDUSTRY_OUT), _choice(INDUSTRY_IN),
               ("case", "industry"), strom_field="industry"),
        Column("cas_Status", _case_status, strom_field="stage"),
        Column("cas_RegistrationDate", _iso("registered"), past, ("registered", "registered"),
               strom_field="created"),
        Column("hte_Type", _plain("place_kind", EVENT_TYPE_OUT), _choice(EVENT_TYPE_IN), ("place", "kind"),
               strom_field="places"),
        Column("hte_Country", _plain("place_country"), _country, ("place", "country"), strom_field="places"),
        Column("hte_City", _plain("place_town"), lambda v: _text(v)[:200], ("place", "place"), strom_field="places"),
        Column("hte_Date", _iso("place_date"), past, ("place", "date_from"), strom_field="places"),
    ]


HEADER = [column.name for column in columns(date.max)]
IDENTITY_COLUMNS = [column.name for column in columns(date.max) if column.identity]
REQUIRED = ("cas_RegistrationDate",)
# What an unknown header cell must look like to be named in a report: a column identifier such as
# "org_CaseNotes" (a lower-case prefix, as HTCDS's own). Any other ignored cell may be a value (a file
# without its header row puts the first person's name there), so the report only counts those.
COLUMN_IDENTIFIER = re.compile(r"[a-z]{2,4}_[A-Za-z0-9_]+")


def export_row(row: dict, table: list[Column], *, with_identity: bool) -> list[str]:
    """The cells of one case; identity cells blank unless `with_identity`."""
    return [column.export(row) if with_identity or not column.identity else "" for column in table]


# --- Import validation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    line: int
    column: str  # "" for the row as a whole
    reason: str  # translatable (lazy); no value from the file

    def as_data(self) -> dict:
        return {"line": self.line, "column": self.column, "reason": str(self.reason)}


@dataclass
class ImportRecord:
    line: int
    person: dict = field(default_factory=dict)
    case: dict = field(default_factory=dict)
    place: dict = field(default_factory=dict)
    registered: date | None = None


@dataclass
class Validation:
    records: list[ImportRecord]
    errors: list[RowError]
    ignored_columns: list[str]  # ignored header cells that look like column identifiers
    rows: int  # data rows read (blank rows not counted)
    ignored_other: int = 0  # other ignored header cells: counted, never named

    @property
    def bad_lines(self) -> list[int]:
        return sorted({error.line for error in self.errors if error.line > 1})


def check_header(header: list[str]) -> tuple[dict[int, Column], list[str], int, list[RowError]]:
    """Which cell carries which importable column; the ignored cells that look like column identifiers
    (named in the report) and how many other cells were ignored (not named: they may hold a value);
    errors (line 1)."""
    table = {column.name: column for column in columns(date.max)}
    names = [(name or "").strip() for name in header]
    errors, ignored, other, used = [], [], 0, {}
    for index, name in enumerate(names):
        if not name:
            continue
        if name not in table or table[name].target is None:
            # the organisation's own columns, and export-only ones
            if COLUMN_IDENTIFIER.fullmatch(name):
                ignored.append(name)
            else:
                other += 1
        elif name in used.values():
            errors.append(RowError(1, name, _("This column appears twice.")))
        else:
            used[index] = name
    for name in REQUIRED:
        if name not in names:
            errors.append(RowError(1, name, _("This column is required.")))
    return used, ignored, other, errors


def _record_of(line: int, cells: dict[str, str], table: dict[str, Column]) -> tuple[ImportRecord, list[RowError]]:
    record, errors, languages = ImportRecord(line), [], {}
    for name, value in cells.items():
        column = table[name]
        if not value:
            continue
        try:
            parsed = column.parse(value)
        except CellError as error:
            errors.append(RowError(line, name, error.reason))
            continue
        section, target = column.target
        if section == "registered":
            record.registered = parsed
        elif section == "language":
            languages[int(target)] = parsed
        else:
            getattr(record, section)[target] = parsed
    if languages:
        record.person["languages"] = list(dict.fromkeys(languages[i] for i in sorted(languages)))
    errors += _row_rules(record, cells)
    return record, errors


def _row_rules(record: ImportRecord, cells: dict[str, str]) -> list[RowError]:
    errors = []
    for name in REQUIRED:
        if not cells.get(name):
            errors.append(RowError(record.line, name, _("This column is required.")))
    has_place = any(cells.get(name) for name in ("hte_Type", "hte_Country", "hte_City", "hte_Date"))
    for name in ("hte_Type", "hte_Country"):
        if has_place and not cells.get(name):
            errors.append(RowError(record.line, name, _("A trafficking event needs its type and country.")))
    return errors


def _cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and callable(value.date):  # a datetime from a spreadsheet cell
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def validate_rows(header: list, rows: Iterable[list], *, today: date,
                  progress: Callable[[int], None] | None = None) -> Validation:
    """Read every row (line 2 on) into records and collect every error; nothing is written."""
    used, ignored, other, errors = check_header([_cell_text(name) for name in header])
    table = {column.name: column for column in columns(today)}
    records, seen, count = [], {}, 0
    for line, row in enumerate(rows, start=2):
        cells = {name: _cell_text(row[index]) if index < len(row) else "" for index, name in used.items()}
        if not any(cells.values()):
            continue  # blank lines at the end of a sheet
        count += 1
        record, row_errors = _record_of(line, cells, table)
        key = tuple(sorted(cells.items()))
        if key in seen:
            row_errors.append(RowError(line, "", _("The same row as line %(line)s.") % {"line": seen[key]}))
        seen.setdefault(key, line)
        errors += row_errors
        if not row_errors:
            records.append(record)
        if progress is not None and count % 1000 == 0:
            progress(count)
    return Validation(records, errors, ignored, count, other)
