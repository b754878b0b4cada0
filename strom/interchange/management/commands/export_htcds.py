"""manage.py export_htcds --organisation NAME_OR_ID --format csv|xlsx --output FILE

Every case the organisation leads, with identity: for moving data out of Strom by whoever runs the
server. Recorded in the audit trail like an export from the page (fields and counts, no values)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from strom.audit.services import record
from strom.cases.models import Case
from strom.interchange import htcds
from strom.interchange.exports import EXPORTED_IDENTITY, EXPORTED_PLAIN, csv_lines, flat_row, xlsx_bytes
from strom.interchange.management.commands.import_htcds import find
from strom.network.models import Organisation


class Command(BaseCommand):
    help = "Export the organisation's cases in HTCDS 2.0 (CSV or XLSX), identity included."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", required=True)

    def handle(self, *args, **options):
        from django.utils import timezone

        organisation = find(Organisation, options["organisation"], "organisation")
        cases = (Case.objects.filter(lead_organisation=organisation).select_related("person")
                 .prefetch_related("places", "decisions").order_by("created", "id"))
        record("interchange.htcds_exported", organisation=organisation,
               fields=sorted(EXPORTED_PLAIN + EXPORTED_IDENTITY),
               detail={"format": options["format"], "cases": cases.count(), "command": True})
        table = htcds.columns(timezone.localdate())

        def rows():
            yield [column.name for column in table]
            for case in cases.iterator(chunk_size=1000):
                yield htcds.export_row(flat_row(case, with_identity=True), table, with_identity=True)

        path = Path(options["output"])
        if options["format"] == "xlsx":
            path.write_bytes(xlsx_bytes(rows()))
        else:
            with path.open("w", encoding="utf-8", newline="") as out:
                out.writelines(csv_lines(rows()))
        self.stdout.write(f"{cases.count()} case(s) written to {path}.")
