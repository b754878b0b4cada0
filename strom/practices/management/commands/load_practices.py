from django.core.management.base import BaseCommand, CommandError

from strom.practices.loader import PracticeDataError, load_practices


class Command(BaseCommand):
    help = ("Add the seed practices of the library (strom/practices/data/practices.toml) that are missing; "
            "never overwrites what was changed in the application.")

    def handle(self, *args, **options):
        try:
            loaded = load_practices()
        except PracticeDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Practices added: {loaded.practices}; texts added: {loaded.texts}.")
