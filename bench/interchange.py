"""The HTCDS import at volume: IMPORT_ROWS rows (one person and case each) read from CSV, validated and
written (encryption, name keys, history, an audit event per case), against a floor that bulk-creates
the same people and cases with no validation, encryption, keys, history or audit. Run once each: a
repeat would triple a minutes-long case. The absolute time is printed too (the issue asks for 50,000
rows in under two minutes on this machine)."""

from __future__ import annotations

import io
import random
import time
import uuid

from django.db import transaction

IMPORT_ROWS = 50_000
# Made-up name parts (no real people): syllables put together.
SYLLABLES = ("ka", "lo", "mi", "ra", "te", "su", "vin", "dor", "al", "ne", "ko", "ri", "sa", "len", "to", "ma")
HEADER = ("cas_RegistrationDate,prs_FirstName,prs_SecondName,prs_Birthdate,prs_Gender,prs_Citizenship,"
          "prs_PrimaryLanguage,vic_TypeOfExploitation,vic_MethodsOfControl,vic_ForcedLabourIndustry,hte_Type,"
          "hte_Country,hte_City")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title()


def htcds_csv(rows: int, seed: int = 2026) -> bytes:
    rng = random.Random(seed)  # noqa: S311 — reproducible made-up data, not secrets
    lines = [HEADER]
    for i in range(rows):
        lines.append(",".join([
            f"20{rng.randint(15, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", _name(rng), f"{_name(rng)}{i}",
            f"19{rng.randint(60, 99)}-0{rng.randint(1, 9)}-2{rng.randint(0, 8)}",
            rng.choice(["Feminine", "Masculine", "NonSpecifiedUnknown"]), rng.choice(["UA", "MD;RO", "VN", "LV"]),
            rng.choice(["uk", "ro", "vi", "lv"]), rng.choice(["ForcedLabour", "SexualExploitation;ForcedBegging"]),
            rng.choice(["DebtBondage", "WithholdsDocuments;FalsePromises", ""]), rng.choice(["F", "I", ""]) and
            rng.choice(["F_Construction", "I_AccommodationAndFoodServiceActivities", ""]),
            "Exploitation", rng.choice(["LV", "LT", "DE"]), rng.choice(["Rīga", "Kaunas", ""])]))
    return ("\n".join(lines) + "\n").encode()


def _organisation(label: str):
    from strom.network.models import Municipality, Organisation, OrganisationType

    municipality = Municipality.objects.create(country="LV", name=f"Bench {label}", name_en=f"Bench {label}",
                                               region="Bench")
    return Organisation.objects.create(name=f"Bench importer {label}", type=OrganisationType.NGO, country="LV",
                                       municipality=municipality), municipality


def htcds_import():
    from django.utils import timezone

    from bench.cases import Result, limit
    from strom.cases.models import Case, Person
    from strom.interchange.services import import_table
    from strom.interchange.tables import read_table

    data = htcds_csv(IMPORT_ROWS)

    def measured():
        organisation, municipality = _organisation(f"import {uuid.uuid4()}")
        header, rows = read_table(io.BytesIO(data), "csv")
        outcome = import_table(header, rows, organisation=organisation, municipality=municipality)
        assert outcome.errors == [] and outcome.imported == IMPORT_ROWS, outcome.errors[:3]
        assert Case.objects.filter(lead_organisation=organisation).count() == IMPORT_ROWS

    def floor():
        organisation, municipality = _organisation(f"floor {uuid.uuid4()}")
        now = timezone.now()
        with transaction.atomic():
            people = Person.objects.bulk_create(
                [Person(pseudonym=f"Bench-{uuid.uuid4().hex[:30]}") for _ in range(IMPORT_ROWS)], batch_size=1000)
            Case.objects.bulk_create([Case(person=p, lead_organisation=organisation, municipality=municipality,
                                           stage_changed=now, created=now) for p in people], batch_size=1000)

    start = time.perf_counter()
    floor()
    base = time.perf_counter() - start
    start = time.perf_counter()
    measured()
    took = time.perf_counter() - start
    print(f"HTCDS import of {IMPORT_ROWS} rows: {took:.1f} s (the issue asks for under 120 s)")
    return [Result(f"HTCDS import, {IMPORT_ROWS} rows", took / base, limit("htcds_import"), took, base),
            Result(f"HTCDS import, {IMPORT_ROWS} rows, seconds", took, limit("htcds_import_seconds"))]
