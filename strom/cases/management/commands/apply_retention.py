"""Erase the identity of closed cases past their country's retention period (strom/cases/retention.py).

Every retention period in country_rules.toml needs verification, so nothing is erased under one
without --confirm-unverified. --dry-run changes nothing and prints counts only; the output never
names a case or a person.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from strom.cases.retention import apply_retention


class Command(BaseCommand):
    help = "Erase the identity of closed cases past the retention period; the pseudonymous case stays."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what is due; change nothing.")
        parser.add_argument("--today", help="Count from this day (YYYY-MM-DD) instead of today.")
        parser.add_argument("--confirm-unverified", action="store_true",
                            help="Also erase under retention periods marked as needing verification.")
        parser.add_argument("--all", action="store_true", dest="include_erased",
                            help="Run every eraser again on cases erased before (for erasers added since).")

    def handle(self, *args, dry_run, today, confirm_unverified, include_erased, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError("--today takes a date as YYYY-MM-DD.") from None
        report = apply_retention(today=day, dry_run=dry_run, confirm_unverified=confirm_unverified,
                                 include_erased=include_erased)
        self.stdout.write(f"closed cases past their retention period: {report.due} "
                          f"(under an unverified period: {report.unverified}); still within it: {report.not_yet}")
        if report.by_country:
            self.stdout.write("past their period, by country: " + ", ".join(
                f"{country} {count}" for country, count in sorted(report.by_country.items())))
        self.stdout.write(f"erasers: {', '.join(['cases', *report.erasers])}")
        if dry_run:
            self.stdout.write("dry run: nothing was erased")
        else:
            self.stdout.write(f"erased: {report.erased}")
        if report.refused_unverified and not dry_run:
            self.stdout.write(self.style.WARNING(
                f"not erased: {report.refused_unverified} under a retention period that needs verification; "
                "check the period in strom/lib/data/country_rules.toml, then run again with --confirm-unverified"))
