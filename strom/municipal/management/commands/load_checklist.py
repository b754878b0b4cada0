from django.core.management.base import BaseCommand

from strom.municipal.checklist import load_checklists


class Command(BaseCommand):
    help = "Load the municipal self-assessment checklist from strom/municipal/data/ (idempotent)."

    def handle(self, *args, **options):
        for code, version, action in load_checklists():
            self.stdout.write(f"{code} v{version}: {action}")
