"""manage.py import_htcds FILE --organisation NAME_OR_ID [--municipality NAME_OR_ID] [--dry-run] [--skip-invalid]"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from strom.interchange.services import import_table
from strom.interchange.tables import UnreadableFile, read_table
from strom.network.models import Municipality, Organisation


def find(model, value: str, what: str):
    try:
        found = model.objects.filter(pk=uuid.UUID(value)).first()
    except ValueError:
        matches = list(model.objects.filter(name=value)[:2])
        found = matches[0] if len(matches) == 1 else None
    if found is None:
        raise CommandError(f"No single {what} is called or numbered {value!r}.")
    return found


class Command(BaseCommand):
    help = ("Import people and cases from an HTCDS 2.0 spreadsheet (CSV or XLSX, one row per person and case). "
            "Every row is checked first; by default nothing is imported if any row is bad.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--organisation", required=True, help="The lead organisation's name or id.")
        parser.add_argument("--municipality", help="Name or id; default: the organisation's municipality.")
        parser.add_argument("--dry-run", action="store_true", help="Check and report only.")
        parser.add_argument("--skip-invalid", action="store_true", help="Import the good rows, report the bad.")

    def handle(self, *args, **options):
        organisation = find(Organisation, options["organisation"], "organisation")
        municipality = (find(Municipality, options["municipality"], "municipality") if options["municipality"]
                        else organisation.municipality)
        if municipality is None:
            raise CommandError("The organisation has no municipality: give --municipality.")
        path = Path(options["file"])
        file_format = "xlsx" if path.suffix.lower() in (".xlsx", ".xlsm") else "csv"
        try:
            with path.open("rb") as stream:
                header, rows = read_table(stream, file_format)
                outcome = import_table(header, rows, organisation=organisation, municipality=municipality,
                                       dry_run=options["dry_run"], skip_invalid=options["skip_invalid"],
                                       import_id=f"command-{uuid.uuid4()}")
        except (OSError, UnreadableFile) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        for error in outcome.errors:
            self.stderr.write(f"line {error.line}{f', {error.column}' if error.column else ''}: {error.reason}")
        if outcome.ignored_columns:
            self.stdout.write(f"Columns not imported: {', '.join(outcome.ignored_columns)}")
        if outcome.ignored_other:  # counted, not named: a header cell that is no column name may be a value
            self.stdout.write(f"{outcome.ignored_other} other header cell(s) not imported "
                              "(not HTCDS column names; is the first row the header?)")
        bad = len({error.line for error in outcome.errors})
        if outcome.refused:
            raise CommandError(f"{bad} bad row(s) of {outcome.rows}: nothing imported (see above; "
                               "--skip-invalid imports the good rows).")
        verb = "would import" if outcome.dry_run else "imported"
        self.stdout.write(f"{outcome.rows} row(s) read, {bad} bad, "
                          f"{outcome.imported if not outcome.dry_run else outcome.rows - bad} {verb}.")
