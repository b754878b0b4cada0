"""`manage.py stats_report --year YYYY --organisation NAME_OR_ID --format json|csv`: the standard report of
registered victims, exactly as `GET /api/v1/stats/registered-victims/` gives it.

Whoever runs it is not a person of the network, so it never prints exact figures: every table is protected
(disclosure.protect with the configured threshold). Running it is recorded in the audit trail.
"""

from __future__ import annotations

import csv
import json
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from strom.audit.services import record
from strom.network.models import Municipality, Organisation
from strom.stats import queries, reports
from strom.stats.disclosure import TOTAL
from strom.stats.forms import FIRST_YEAR, current_year


def _pk_or_name(value: str) -> Q:
    try:
        return Q(pk=uuid.UUID(value))
    except ValueError:
        return Q(name__iexact=value)


class Command(BaseCommand):
    help = "Print the yearly report of registered victims (protected figures) as JSON or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--organisation", help="the organisation's name or id")
        where.add_argument("--municipality", help="the municipality's name or id")
        where.add_argument("--country", help="ISO 3166 alpha-2 code")
        parser.add_argument("--format", choices=("json", "csv"), default="json")

    def handle(self, *args, **options):
        year = options["year"]
        if not FIRST_YEAR <= year <= current_year():
            raise CommandError(f"The year must lie between {FIRST_YEAR} and {current_year()}.")
        scope = self._scope(options)
        report = reports.registered_victims(scope, year, exact=False)
        record("stats.exported", detail={"page": "report", "scope": scope.kind, "year": year, "command": True})
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self._csv(report)

    def _scope(self, options) -> queries.Scope:
        if options["country"]:
            code = options["country"].upper()
            if not Organisation.objects.filter(country=code).exists():
                raise CommandError(f"No organisation in Strom works in {code}.")
            return queries.Scope(queries.COUNTRY, code, code, code)
        model, kind = (Organisation, queries.ORGANISATION) if options["organisation"] else (
            Municipality, queries.MUNICIPALITY)
        found = list(model.objects.filter(_pk_or_name(options[kind]))[:2])
        if len(found) != 1:
            raise CommandError(f"No single {kind} matches {options[kind]!r}; give its id.")
        return queries.Scope(kind, str(found[0].pk), found[0].name, str(found[0].country))

    def _csv(self, report) -> None:
        """One line per cell and total: table, dimension=value pairs, count (empty when suppressed)."""
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["table", "dimension_1", "value_1", "dimension_2", "value_2", "count", "suppressed"])
        for table in report.as_dict()["tables"]:
            for cell in [*table["rows"], *table["totals"]]:
                pairs = [part for dim, value in cell["values"].items() for part in (dim, value or TOTAL)]
                pairs += [""] * (4 - len(pairs))
                writer.writerow([table["name"], *pairs, "" if cell["count"] is None else cell["count"],
                                 "yes" if cell["suppressed"] else "no"])
