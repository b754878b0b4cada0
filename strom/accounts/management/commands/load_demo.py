"""The demo network: organisations of the region from the 2015 Riga conference, fictional people.

Idempotent: running it again keeps what exists and prints the logins again.
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from strom.accounts.models import Membership, User
from strom.accounts.roles import Role
from strom.lib import crypto
from strom.network.models import Municipality, Organisation, OrganisationType

DEMO_PASSWORD = "strom-demo-2026"  # noqa: S105 — printed for the demo; refused in production

T = OrganisationType
MUNICIPALITIES = [
    # country, local name, English name, region
    ("LV", "Rīga", "Riga", "Rīga"),
    ("LT", "Vilnius", "Vilnius", "Vilnius County"),
    ("EE", "Tallinn", "Tallinn", "Harju County"),
    ("PL", "Katowice", "Katowice", "Silesian Voivodeship"),
    ("SE", "Stockholm", "Stockholm", "Stockholm County"),
    ("DK", "København", "Copenhagen", "Capital Region"),
    ("NO", "Oslo", "Oslo", "Oslo"),
    ("NL", "Amsterdam", "Amsterdam", "North Holland"),
    ("DE", "Berlin", "Berlin", "Berlin"),
    ("FI", "Lappeenranta", "Lappeenranta", "South Karelia"),
]
ORGANISATIONS = [
    # key, name, type, country, municipality (local name) or None for national bodies
    ("riga_social", "Riga City Council Welfare Department", T.MUNICIPAL_SOCIAL_SERVICES, "LV", "Rīga"),
    ("lv_police", "State Police of Latvia", T.POLICE, "LV", None),
    ("riga_shelter", "Shelter \"Safe House\"", T.SHELTER, "LV", "Rīga"),
    ("lv_coordinator", "Ministry of the Interior of Latvia — National Coordinator", T.NATIONAL_COORDINATOR,
     "LV", None),
    ("caritas_lt", "Caritas Lithuania", T.NGO, "LT", "Vilnius"),
    ("ee_hotline", "Living for Tomorrow", T.HOTLINE, "EE", "Tallinn"),
    ("pomoc", "Association PoMOC", T.NGO, "PL", "Katowice"),
    ("se_coordinator", "County Administrative Board of Stockholm — National Coordinator", T.NATIONAL_COORDINATOR,
     "SE", "Stockholm"),
    ("dk_centre", "Danish Centre against Human Trafficking", T.NATIONAL_COORDINATOR, "DK", "København"),
    ("oslo", "City of Oslo", T.MUNICIPAL_SOCIAL_SERVICES, "NO", "Oslo"),
    ("amsterdam", "City of Amsterdam", T.MUNICIPAL_SOCIAL_SERVICES, "NL", "Amsterdam"),
    ("berlin", "Arbeit und Leben Berlin", T.NGO, "DE", "Berlin"),
    ("fi_assistance", "Assistance System for Victims of Trafficking", T.MIGRATION_AUTHORITY, "FI", "Lappeenranta"),
]
USERS = [
    # username, display name, [(organisation key, role)]
    ("case.manager", "Demo Case Manager", [("riga_shelter", Role.CASE_MANAGER),
                                           ("riga_social", Role.FRONTLINE_WORKER)]),
    ("org.admin", "Demo Organisation Administrator", [("riga_shelter", Role.ORG_ADMIN)]),
    ("social.worker", "Demo Social Worker", [("riga_social", Role.FRONTLINE_WORKER)]),
    ("local.coordinator", "Demo Local Coordinator", [("riga_social", Role.LOCAL_COORDINATOR)]),
    ("police.officer", "Demo Police Officer", [("lv_police", Role.FRONTLINE_WORKER)]),
    ("national.coordinator", "Demo National Coordinator", [("lv_coordinator", Role.NATIONAL_COORDINATOR)]),
    ("auditor", "Demo Auditor", [("lv_coordinator", Role.AUDITOR)]),
    ("hotline.operator", "Demo Hotline Operator", [("ee_hotline", Role.HOTLINE_OPERATOR)]),
    ("caritas.case", "Demo Caritas Case Manager", [("caritas_lt", Role.CASE_MANAGER)]),
    ("berlin.coordinator", "Demo Berlin Coordinator", [("berlin", Role.LOCAL_COORDINATOR)]),
]


class Command(BaseCommand):
    help = "Load the demo network (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("The demo network is for demo and development instances only.")
        with transaction.atomic():
            organisations = self.load_network()
            logins = [self.load_user(username, name, roles, organisations) for username, name, roles in USERS]
            logins.append(self.load_user("sysadmin", "Demo System Administrator", [], organisations,
                                         is_staff=True, is_superuser=True))
        self.print_logins(logins)

    def load_network(self) -> dict[str, Organisation]:
        municipalities = {}
        for country, name, name_en, region in MUNICIPALITIES:
            municipalities[name], _ = Municipality.objects.get_or_create(
                country=country, name=name, defaults={"name_en": name_en, "region": region})
        organisations = {}
        for key, name, type_, country, municipality in ORGANISATIONS:
            organisations[key], _ = Organisation.objects.get_or_create(
                country=country, name=name,
                defaults={"type": type_, "municipality": municipalities.get(municipality)})
        return organisations

    def load_user(self, username, display_name, roles, organisations, **flags) -> tuple[str, str, str]:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, email=f"{username}@demo.strom.invalid",
                                            password=DEMO_PASSWORD, display_name=display_name, **flags)
        for key, role in roles:
            Membership.objects.get_or_create(user=user, organisation=organisations[key], role=role)
        if roles and user.current_organisation_id is None:
            user.current_organisation = organisations[roles[0][0]]
            user.save(update_fields=["current_organisation"])
        what = ", ".join(f"{Role(role).label} · {organisations[key].name}" for key, role in roles)
        what = what or "System administrator"
        return username, what, self.totp_secret(user)

    def totp_secret(self, user: User) -> str:
        authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if authenticator is None:
            secret = generate_totp_secret()
            TOTP.activate(user, secret)
            return secret
        return crypto.decrypt(authenticator.data["secret"], crypto.MFA_SECRET_AD)

    def print_logins(self, logins) -> None:
        out = self.stdout.write
        out("")
        out("Strom demo network loaded. Every demo user's password is: " + DEMO_PASSWORD)
        out("Each user signs in with a second factor (TOTP). Either add the secret below to an")
        out("authenticator app (FreeOTP, Aegis, Google Authenticator: 'enter a setup key', time-based),")
        out("or, in another terminal, print the current six-digit code with:")
        out("    set -a; . var/demo.env; set +a; .venv/bin/python manage.py totp_code USERNAME")
        out("")
        width = max(len(login[0]) for login in logins)
        for username, what, secret in logins:
            out(f"  {username:<{width}}  TOTP secret {secret}  — {what}")
        out("")
