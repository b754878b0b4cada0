"""Anonymised records in the Counter Trafficking Data Collaborative's publication format, k-anonymised.

Pure: no database. `ctdc_record` turns one flat row (exports.py) into CTDC's columns (age bands as
CTDC writes them, e.g. "18--20"); `k_anonymise` makes every released combination of the
quasi-identifiers occur at least k times (k = 10 by default, CTDC's own threshold).

How (domain §7): first **generalise** whole columns one step at a time — the age band to minor/adult,
then citizenship and country of exploitation to "own country / other EU / outside the EU" (Eurostat's
breakdown; the stack carries no table of world regions), the year to "before/after" — as long as
more records than `max_suppressed` (a share) would otherwise lose their values; then **suppress**
the quasi-identifier values (→ "Unknown") of the records still in groups smaller than k; if those
suppressed records together are still fewer than k, they are **withheld**. The report says which
columns were generalised and how many records were suppressed and withheld.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

UNKNOWN = "Unknown"
DEFAULT_K = 10

AGE_BANDS = ((0, 8), (9, 17), (18, 20), (21, 23), (24, 26), (27, 29), (30, 38), (39, 47))
ADULT_BANDS = {f"{low}--{high}" for low, high in AGE_BANDS if low >= 18} | {"48+"}
MINOR_BANDS = {f"{low}--{high}" for low, high in AGE_BANDS if high < 18}

# EU member states (ISO 3166 alpha-2) for the Eurostat breakdown own / other EU / non-EU.
EU = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())

GENDER = {"Feminine": "Female", "Masculine": "Male", "TransgenderFeminine": "Transgender/NonConforming",
          "TransgenderMasculine": "Transgender/NonConforming", "NonConforming": "Transgender/NonConforming",
          "NonSpecifiedUnknown": UNKNOWN}

# Strom's forms → CTDC's exploitation flags (everything else is "other exploitation").
LABOUR = {"labour", "domestic_servitude", "begging", "criminal_activities"}
SEXUAL = {"sexual"}
MEANS = {"DebtBondage": "DebtBondage", "TakesEarnings": "TakesEarnings",
         "RestrictsFinancialAccess": "RestrictsFinancialAccess", "PhysicalThreats": "Threats",
         "ThreatensChildrenFamily": "Threats", "PsychologicalAbuse": "PsychologicalAbuse",
         "PhysicalAbuse": "PhysicalAbuse", "SexualAbuse": "SexualAbuse", "FalsePromises": "FalsePromises",
         "PsychoactiveSubstance": "PsychoactiveSubstances", "RestrictsMedicalCare": "RestrictsMedicalCare",
         "ExcessiveWorkingHours": "ExcessiveWorkingHours", "ThreatsLawEnforcement": "ThreatOfLawEnforcement",
         "WithholdsNecessities": "WithholdsNecessities", "WithholdsDocuments": "WithholdsDocuments",
         "Other": "Other"}

HEADER = ["yearOfRegistration", "gender", "ageBroad", "majorityStatus", "citizenship", "CountryOfExploitation",
          "isForcedLabour", "isSexualExploit", "isOtherExploit", "typeOfExploitConcatenated",
          "meansOfControlConcatenated", "RecruiterRelationship"]
QUASI_IDENTIFIERS = ("yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation",
                     "typeOfExploitConcatenated")


def age_band(age: int | None) -> str:
    if age is None or age < 0:
        return UNKNOWN
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}--{high}"
    return "48+"


def ctdc_record(row: dict) -> dict:
    """One case as CTDC's columns. `row` holds `age` (at registration, or None) and the flat row's fields."""
    band = age_band(row.get("age"))
    forms = set(row.get("exploitation_forms") or [])
    labour, sexual = bool(forms & LABOUR), bool(forms & SEXUAL)
    other = bool(forms - LABOUR - SEXUAL)
    registered = row.get("registered")
    citizenships = row.get("citizenships") or []
    return {
        "yearOfRegistration": str(registered.year) if registered else UNKNOWN,
        "gender": GENDER.get(row.get("gender") or "", UNKNOWN),
        "ageBroad": band,
        "majorityStatus": "Minor" if band in MINOR_BANDS else "Adult" if band in ADULT_BANDS else UNKNOWN,
        "citizenship": citizenships[0] if citizenships else UNKNOWN,
        "CountryOfExploitation": row.get("exploitation_country") or UNKNOWN,
        "isForcedLabour": int(labour), "isSexualExploit": int(sexual), "isOtherExploit": int(other),
        "typeOfExploitConcatenated": ";".join(name for name, flag in (
            ("Forced labour", labour), ("Sexual exploitation", sexual), ("Other", other)) if flag) or UNKNOWN,
        "meansOfControlConcatenated": ";".join(sorted({MEANS[m] for m in row.get("means_of_control") or []
                                                       if m in MEANS})) or UNKNOWN,
        "RecruiterRelationship": UNKNOWN,  # Strom does not record it
    }


# --- Generalisation steps ---------------------------------------------------------------------------


def _majority(value: str) -> str:
    return "0--17" if value in MINOR_BANDS else "18+" if value in ADULT_BANDS else value


def _eu_group(home: str) -> Callable[[str], str]:
    def group(value: str) -> str:
        if value in (UNKNOWN, "", "Own country", "Other EU", "Outside the EU"):
            return value or UNKNOWN
        if value == home:
            return "Own country"
        return "Other EU" if value in EU else "Outside the EU"
    return group


def _year_period(value: str) -> str:
    if not value.isdigit():
        return value
    return "before 2020" if int(value) < 2020 else "2020 or later"


def default_steps(home_country: str = "") -> list[tuple[str, Callable[[str], str]]]:
    """The generalisation steps, tried in this order (one column each)."""
    return [("ageBroad", _majority), ("citizenship", _eu_group(home_country)),
            ("CountryOfExploitation", _eu_group(home_country)), ("yearOfRegistration", _year_period)]


# --- k-anonymity ------------------------------------------------------------------------------------


@dataclass
class Anonymised:
    records: list[dict]
    k: int
    generalised: list[str] = field(default_factory=list)
    suppressed: int = 0  # records whose quasi-identifiers were set to Unknown
    withheld: int = 0  # suppressed records left out because even together they were fewer than k

    def report(self) -> dict:
        return {"k": self.k, "released": len(self.records), "generalised": list(self.generalised),
                "suppressed": self.suppressed, "withheld": self.withheld}


def _key(record: dict, quasi_identifiers) -> tuple:
    return tuple(record.get(name, UNKNOWN) for name in quasi_identifiers)


def _small(records: list[dict], quasi_identifiers, k: int) -> int:
    sizes = Counter(_key(record, quasi_identifiers) for record in records)
    return sum(size for size in sizes.values() if size < k)


def k_anonymise(records: list[dict], quasi_identifiers=QUASI_IDENTIFIERS, k: int = DEFAULT_K, *,
                steps=None, max_suppressed: float = 0.05) -> Anonymised:
    """Release `records` so that every combination of `quasi_identifiers` occurs ≥ k times."""
    if k < 1:
        raise ValueError("k is at least 1")
    quasi_identifiers = tuple(quasi_identifiers)
    records = [dict(record) for record in records]
    result = Anonymised(records, k)
    budget = int(max_suppressed * len(records))
    for name, generalise in steps if steps is not None else default_steps():
        if name not in quasi_identifiers or _small(records, quasi_identifiers, k) <= budget:
            continue
        for record in records:
            record[name] = generalise(record.get(name, UNKNOWN))
        result.generalised.append(name)
    sizes = Counter(_key(record, quasi_identifiers) for record in records)
    small = [record for record in records if sizes[_key(record, quasi_identifiers)] < k]
    for record in small:
        record.update(dict.fromkeys(quasi_identifiers, UNKNOWN))
    result.suppressed = len(small)
    everything_unknown = tuple([UNKNOWN] * len(quasi_identifiers))
    if 0 < sum(_key(r, quasi_identifiers) == everything_unknown for r in records) < k:
        kept = [r for r in records if _key(r, quasi_identifiers) != everything_unknown]
        result.withheld = len(records) - len(kept)
        records = kept
    result.records = records
    return result
