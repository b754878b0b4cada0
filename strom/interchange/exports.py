"""Exports: the cases an actor sees, in HTCDS 2.0 (CSV, XLSX) and as CTDC's anonymised records.

Scoped by `cases_visible_to(actor)`; identity cells only for the cases whose identity she may see
(the lead organisation's readers, as on the case page), others carry the pseudonym alone. Each
export is one audit event naming the fields exported and how many cases, never a value. Rows are
streamed: CSV line by line, XLSX through openpyxl's write-only mode.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date

from django.utils import timezone

from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.cases.age import age_on
from strom.cases.queries import cases_visible_to
from strom.interchange import ctdc, htcds
from strom.interchange.policies import require_export

CHUNK = 1000
# The Strom fields an HTCDS export carries, from the mapping: the identity fields (the audit event
# names these when any row has them; also the person's attributes `flat_row` reads) and the others.
EXPORTED_IDENTITY = tuple(dict.fromkeys(c.strom_field for c in htcds.columns(date.max) if c.identity))
EXPORTED_PLAIN = tuple(dict.fromkeys(c.strom_field for c in htcds.columns(date.max)
                                     if c.strom_field and not c.identity))


class _Echo:
    def write(self, value):
        return value


def _queryset(actor: Actor):
    return (cases_visible_to(actor).select_related("person").prefetch_related("places", "decisions")
            .order_by("created", "id"))


def _first_place(case):
    places = sorted(case.places.all(), key=lambda p: (p.date_from or date.min, p.kind != "exploitation"))
    exploitation = [p for p in places if p.kind == "exploitation"]
    return places[0] if places else None, exploitation[0] if exploitation else None


def flat_row(case, *, with_identity: bool) -> dict:
    """What one case gives the HTCDS and CTDC tables (identity only when `with_identity`)."""
    person = case.person
    place, exploitation = _first_place(case)
    decisions = sorted(case.decisions.all(), key=lambda d: (d.decided_on, d.recorded_at))
    row = {
        "pseudonym": person.pseudonym, "gender": person.gender, "citizenships": person.citizenships,
        "languages": person.languages, "estimated_age": person.estimated_age,
        "age_estimated_on": person.age_estimated_on,
        "exploitation_forms": case.exploitation_forms, "means_of_control": case.means_of_control,
        "industry": case.industry, "stage": case.stage, "closure_reason": case.closure_reason,
        "decision_outcome": decisions[-1].outcome if decisions else "",
        "registered": timezone.localdate(case.created),
        "place_kind": place.kind if place else "", "place_country": str(place.country) if place else "",
        "place_town": place.place if place else "", "place_date": place.date_from if place else None,
        "exploitation_country": str(exploitation.country) if exploitation else "",
    }
    if with_identity:
        row.update({name: getattr(person, name) for name in EXPORTED_IDENTITY})
    return row


def _rows(actor: Actor) -> Iterator[tuple[object, bool]]:
    """Each case with whether its identity goes out: the lead organisation's readers see it in bulk
    (`cases_visible_to` has already refused whoever lacks `case.read`)."""
    for case in _queryset(actor).iterator(chunk_size=CHUNK):
        yield case, case.lead_organisation_id == actor.organisation.pk


def _record_export(actor: Actor, action: str, fields, detail: dict, request=None) -> None:
    record(action, actor=actor.user, organisation=actor.organisation, fields=sorted(fields), detail=detail,
           request=request)


def start_htcds_export(actor: Actor, file_format: str, *, request=None) -> None:
    """Check the right and record the export (fields and counts) before a row is read."""
    require_export(actor)
    cases = cases_visible_to(actor)
    with_identity = cases.filter(lead_organisation=actor.organisation).count()
    fields = EXPORTED_PLAIN + (EXPORTED_IDENTITY if with_identity else ())
    _record_export(actor, "interchange.htcds_exported", fields,
                   {"format": file_format, "cases": cases.count(), "with_identity": with_identity}, request)


def htcds_table(actor: Actor) -> Iterator[list[str]]:
    """Header, then one row per case the actor sees (call `start_htcds_export` first)."""
    table = htcds.columns(timezone.localdate())
    yield [column.name for column in table]
    for case, with_identity in _rows(actor):
        yield htcds.export_row(flat_row(case, with_identity=with_identity), table, with_identity=with_identity)


def csv_lines(rows) -> Iterator[str]:
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow(row)


def xlsx_bytes(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("HTCDS")
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- CTDC -------------------------------------------------------------------------------------------


def _ctdc_row(case, with_identity: bool) -> dict:
    row = flat_row(case, with_identity=False)
    # birth_date is stored as an ISO date (cases.services and the import check it before writing)
    born = date.fromisoformat(case.person.birth_date) if with_identity and case.person.birth_date else None
    row["age"] = age_on(row["registered"], birth_date=born, estimated_age=row["estimated_age"],
                        estimated_on=row["age_estimated_on"])
    return row


def ctdc_release(actor: Actor, *, k: int = ctdc.DEFAULT_K, request=None) -> ctdc.Anonymised:
    """The k-anonymised CTDC records of the cases the actor sees, recorded with what was generalised."""
    require_export(actor)
    records, birth_dates_read = [], 0
    for case, with_identity in _rows(actor):
        records.append(ctdc.ctdc_record(_ctdc_row(case, with_identity)))
        birth_dates_read += with_identity
    home = str(actor.organisation.country or "")
    release = ctdc.k_anonymise(records, ctdc.QUASI_IDENTIFIERS, k, steps=ctdc.default_steps(home))
    fields = ["gender", "citizenships", "exploitation_forms", "means_of_control", "places", "created"]
    _record_export(actor, "interchange.ctdc_exported", fields + ["birth_date"] * bool(birth_dates_read),
                   {**release.report(), "cases": len(records)}, request)
    return release


def ctdc_table(release: ctdc.Anonymised) -> Iterator[list]:
    yield list(ctdc.HEADER)
    for record_ in release.records:
        yield [record_[name] for name in ctdc.HEADER]

