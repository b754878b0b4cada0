"""manage.py load_frameworks: bring the indicator frameworks up to the data files (see loader.py)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from strom.screening.loader import load_frameworks


class Command(BaseCommand):
    help = "Load or upgrade the indicator frameworks from strom/screening/frameworks/*.json."

    def handle(self, *args, **options):
        try:
            report = load_frameworks()
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        for code, version, action in report:
            self.stdout.write(f"{code} v{version}: {action}")
