from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand, CommandError

from strom.lib import crypto
from strom.testing import totp_code


class Command(BaseCommand):
    help = "Print the current TOTP code of a user (development and demo instances only)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        from django.conf import settings

        if settings.PRODUCTION:
            raise CommandError("totp_code is for demo and development instances only.")
        authenticator = Authenticator.objects.filter(
            user__username=username, type=Authenticator.Type.TOTP).first()
        if authenticator is None:
            raise CommandError(f"{username!r} has no authenticator app.")
        secret = crypto.decrypt(authenticator.data["secret"], crypto.MFA_SECRET_AD)
        self.stdout.write(totp_code(secret))
