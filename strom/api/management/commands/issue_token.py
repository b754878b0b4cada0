from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from strom.accounts.models import User
from strom.api import tokens


class Command(BaseCommand):
    help = "Issue a personal API token for automation; prints the token once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--days", type=int, default=30, help="How long the token lives (1–90 days).")
        parser.add_argument("--name", default="automation", help="What the token is for.")

    def handle(self, *args, username, days, name, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        try:
            token, raw = tokens.create_token(user, name=name, days=days, via="command")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stderr.write(f"Token {token.name!r} for {username}, valid until {token.expires:%Y-%m-%d}:")
        self.stdout.write(raw)
