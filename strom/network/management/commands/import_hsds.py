from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from strom.network.hsds_import import import_hsds, read_document


class Command(BaseCommand):
    help = (
        "Import HSDS 3.0 JSON into the directory: an organization package as `export_hsds` writes it, a service "
        "package (services with their organization), an HSDS API page, or newline-delimited JSON (one record a "
        "line). Prints one line for every rejected record with why, then a summary. All or nothing by default: "
        "one rejected record and nothing is written (--partial imports the others). --dry-run changes nothing "
        "and only reports. Exits with status 1 when a record was rejected (except on a dry run)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file ('-' for standard input).")
        parser.add_argument("--dry-run", action="store_true", help="Check and report; write nothing.")
        parser.add_argument("--partial", action="store_true",
                            help="Import the good records even when others are rejected.")
        parser.add_argument("--schemas", default=getattr(settings, "HSDS_SCHEMA_DIR", None),
                            help="Folder of the HSDS 3.0 compiled schemas (organization.json, service.json) to "
                                 "check every record against (setting HSDS_SCHEMA_DIR).")

    def handle(self, *args, file, dry_run, partial, schemas, **options):
        if schemas and not (Path(schemas) / "service.json").is_file():
            raise CommandError(f"No HSDS compiled schemas (service.json) in {schemas}.")
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
            document = read_document(text)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        report = import_hsds(document, dry_run=dry_run, partial=partial, schemas=schemas)
        for line in report.lines():
            self.stdout.write(line)
        if report.rejected and not dry_run:
            raise CommandError(f"{len(report.rejected)} records rejected.", returncode=1)
