"""Imports: validate every row first (htcds.validate_rows, pure), then write all or nothing.

The write is a bulk path through the same models the cases app's `open_case` writes, producing the
same rows (tested against the service): a Person (identity encrypted, a fresh pseudonym), her name
keys (cases/duplicates), a Case at the first stage with its age group, its place, the first
StageChange, and history rows where the service writes them (person, case, stage change; not the
place), each naming the import as its change reason. The audit trail gets one event for the import,
`interchange.imported` (the import's id, rows, imported, skipped, and the fields filled), not one
`case.opened` per case: the import is one write, and at 50,000 rows an event per case (three
statements and two HMACs each, serialised) was about 40% of the time; the cases' history rows and
`created_by` still tie every case to it.
All of it in one transaction, written in batches. Progress goes to the cache (the transaction is
not visible to the page that polls until it commits).

`import_table` serves the command and the task alike; `start_import` is the page's service (the
upload, stored encrypted, and the job), `run_import` the task's body.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.cases import duplicates, pseudonyms
from strom.cases.age import age_group
from strom.cases.models import Case, CasePlace, Person, PersonNameKey, StageChange
from strom.cases.stages import FIRST_STAGE
from strom.interchange import htcds
from strom.interchange.models import FileFormat, ImportJob, JobState
from strom.interchange.policies import require_import
from strom.interchange.tables import UnreadableFile, read_table
from strom.lib.services import service

BATCH = 1000
MAX_REPORTED_ERRORS = 1000  # the report names the first thousand; the count covers them all


@dataclass
class ImportOutcome:
    rows: int
    imported: int = 0
    errors: list = field(default_factory=list)
    ignored_columns: list = field(default_factory=list)  # only cells that look like column identifiers
    ignored_other: int = 0  # other ignored header cells, counted: they may hold a person's data
    dry_run: bool = False
    refused: bool = False  # bad rows and not --skip-invalid: nothing imported

    def report(self) -> dict:
        return {"rows": self.rows, "imported": self.imported, "bad_rows": len({e.line for e in self.errors}),
                "errors": [error.as_data() for error in self.errors[:MAX_REPORTED_ERRORS]],
                "errors_total": len(self.errors), "ignored_columns": self.ignored_columns,
                "ignored_other": self.ignored_other,
                "dry_run": self.dry_run, "refused": self.refused}


def _progress_key(job_id) -> str:
    return f"interchange.import.{job_id}"


def progress_of(job: ImportJob) -> int:
    return max(job.rows_done, cache.get(_progress_key(job.pk)) or 0)


def import_table(header, rows, *, organisation, municipality, user=None, dry_run=False, skip_invalid=False,
                 import_id="", progress: Callable[[str, int], None] | None = None) -> ImportOutcome:
    """Validate all rows, then (unless a dry run, or bad rows without `skip_invalid`) import them."""
    if progress is not None:
        progress("validating", 0)
    checked = htcds.validate_rows(header, rows, today=timezone.localdate(),
                                  progress=(lambda n: progress("validating", n)) if progress else None)
    outcome = ImportOutcome(checked.rows, errors=checked.errors, ignored_columns=checked.ignored_columns,
                            ignored_other=checked.ignored_other, dry_run=dry_run)
    header_bad = any(error.line == 1 for error in checked.errors)
    outcome.refused = header_bad or bool(checked.errors and not skip_invalid)
    if dry_run or outcome.refused:
        return outcome
    if progress is not None:  # before write_records' transaction, so that the polling page sees it
        progress("importing", 0)
    outcome.imported = write_records(checked.records, organisation=organisation, municipality=municipality,
                                     user=user, import_id=str(import_id), rows=outcome.rows,
                                     progress=(lambda n: progress("importing", n)) if progress else None)
    return outcome


# --- The bulk write ---------------------------------------------------------------------------------


def _fresh_pseudonyms(count: int) -> list[str]:
    chosen: list[str] = []
    while len(chosen) < count:
        wanted = count - len(chosen)
        candidates = {pseudonyms.generate() for _ in range(wanted + wanted // 10 + 5)} - set(chosen)
        taken = set(Person.objects.filter(pseudonym__in=candidates).values_list("pseudonym", flat=True))
        chosen += sorted(candidates - taken)[:wanted]
    return chosen


def _registered_at(record_: htcds.ImportRecord, now: datetime) -> datetime:
    if record_.registered is None or record_.registered == timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.combine(record_.registered, time(12)))


def _age_group_of(person: Person, today) -> str:
    from datetime import date

    born = date.fromisoformat(person.birth_date) if person.birth_date else None
    return age_group(today, age_disputed=person.age_disputed, birth_date=born,
                     estimated_age=person.estimated_age, estimated_on=person.age_estimated_on)


def _insert_name_keys(people) -> None:
    """The rows `duplicates.store_name_keys` writes, by one executemany: some tens of keys per person
    made model instances the largest part of an import's time."""
    table, person_field = PersonNameKey._meta.db_table, PersonNameKey._meta.get_field("person")
    rows = [(person_field.get_db_prep_save(person.pk, connection), digest, kind) for person in people
            for digest, kind in duplicates._digests_by_kind(duplicates.keys_of(duplicates.fields_of(person)).stored)
            .items()]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} (person_id, digest, kind) VALUES (%s, %s, %s)", rows)  # noqa: S608


def _write_batch(batch, *, organisation, municipality, user, import_id, now) -> None:
    why = f"import {import_id}"  # each history row names the import (its summary event in the trail)
    people = [Person(**r.person, created_by=user, pseudonym=name)
              for r, name in zip(batch, _fresh_pseudonyms(len(batch)), strict=True)]
    bulk_create_with_history(people, Person, default_user=user, default_date=now, default_change_reason=why)
    _insert_name_keys(people)
    today = timezone.localdate(now)
    cases = [Case(person=person, lead_organisation=organisation, municipality=municipality, stage=FIRST_STAGE,
                  stage_changed=_registered_at(r, now), created=_registered_at(r, now), created_by=user,
                  age_group=_age_group_of(person, today), **r.case) for r, person in zip(batch, people, strict=True)]
    bulk_create_with_history(cases, Case, default_user=user, default_date=now, default_change_reason=why)
    places = [CasePlace(case=case, **r.place) for r, case in zip(batch, cases, strict=True) if r.place]
    CasePlace.objects.bulk_create(places)  # as open_case: places get history rows when edited
    bulk_create_with_history([StageChange(case=case, from_stage="", to_stage=FIRST_STAGE, at=case.created, by=user,
                                          by_organisation=organisation) for case in cases],
                             StageChange, default_user=user, default_date=now, default_change_reason=why)


def _filled(records) -> list[str]:
    names = {name for r in records for name in (*r.person, *r.case)}
    return sorted(names | ({"places"} if any(r.place for r in records) else set()))


def write_records(records, *, organisation, municipality, user=None, import_id="", rows: int | None = None,
                  progress: Callable[[int], None] | None = None) -> int:
    """Create a person and a case per record and the import's audit event, in one transaction
    (batches of BATCH rows)."""
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, len(records), BATCH):
            _write_batch(records[start:start + BATCH], organisation=organisation, municipality=municipality,
                         user=user, import_id=import_id, now=now)
            if progress is not None:
                progress(min(start + BATCH, len(records)))
        rows = len(records) if rows is None else rows
        record("interchange.imported", actor=user, organisation=organisation, fields=_filled(records),
               detail={"import": import_id, "rows": rows, "imported": len(records),
                       "skipped": rows - len(records)})
    return len(records)


# --- The page's import: a job and its task ----------------------------------------------------------


@service(require_import)
def start_import(actor: Actor, *, upload, file_format: str, dry_run: bool, skip_invalid: bool,
                 request=None) -> ImportJob:
    """Keep the upload (encrypted storage), create the job and queue the task with the job's id only."""
    organisation = actor.organisation
    job = ImportJob(organisation=organisation, municipality=organisation.municipality, created_by=actor.user,
                    file_format=file_format, dry_run=dry_run, skip_invalid=skip_invalid,
                    language=translation.get_language() or "")
    job.file.save(f"{job.pk}.{file_format}", ContentFile(upload.read()), save=False)
    job.save()
    record("interchange.import_started", actor=actor.user, organisation=organisation, target=job,
           detail={"dry_run": dry_run, "skip_invalid": skip_invalid, "format": file_format}, request=request)
    from strom.interchange.tasks import run_import_task

    transaction.on_commit(lambda: run_import_task.enqueue(str(job.pk)))
    return job


def _set_progress(job: ImportJob, state: str, done: int) -> None:
    cache.set(_progress_key(job.pk), done, 3600)
    if state != job.state:
        ImportJob.objects.filter(pk=job.pk).update(state=state)
        job.state = state


def run_import(job_id) -> ImportJob:
    """The task: read the stored file, import, report, delete the file whatever happens."""
    job = ImportJob.objects.select_related("organisation", "municipality", "created_by").get(pk=job_id)
    if not job.running:
        return job
    with translation.override(job.language or None):
        try:
            with job.file.open("rb") as stream:  # a first pass counts the rows for the progress bar
                job.rows_total = sum(1 for row in read_table(stream, job.file_format)[1] if any(row))
            ImportJob.objects.filter(pk=job.pk).update(rows_total=job.rows_total)
            with job.file.open("rb") as stream:
                header, rows = read_table(stream, job.file_format)
                outcome = import_table(header, rows, organisation=job.organisation, municipality=job.municipality,
                                       user=job.created_by, dry_run=job.dry_run, skip_invalid=job.skip_invalid,
                                       import_id=job.pk, progress=lambda state, n: _set_progress(job, state, n))
            job.report, job.rows_total, job.rows_done = outcome.report(), outcome.rows, outcome.rows
            job.imported = outcome.imported
            job.state = JobState.REFUSED if outcome.refused else JobState.DONE
        except UnreadableFile:
            job.report = {"errors": [{"line": 1, "column": "", "reason": _("The file could not be read as %(format)s.")
                                      % {"format": FileFormat(job.file_format).label}}], "errors_total": 1}
            job.state = JobState.FAILED
        except Exception:
            job.state = JobState.FAILED
            raise
        finally:
            job.file.delete(save=False)
            job.finished = timezone.now()
            job.save()
            cache.delete(_progress_key(job.pk))
    return job
