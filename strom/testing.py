"""Personas and helpers that every test uses: a small network in two countries.

Riga (LV) has an NGO shelter, the municipal social services, the State Police and the national
coordinator's office; Vilnius (LT) has a hotline and an outsider NGO that shares no work with Riga.
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor.totp import TOTP as TotpGenerator

from strom.accounts.models import Membership, User
from strom.accounts.roles import Role
from strom.network.models import Municipality, Organisation, OrganisationType

PASSWORD = "correct horse battery staple 42"  # noqa: S105 — test personas only


def totp_code(secret: str, at: float | None = None) -> str:
    """The current six-digit code for a base32 TOTP secret (RFC 6238, as authenticator apps do)."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    generator = TotpGenerator(key, 6, SHA1(), 30, enforce_key_length=False)
    return generator.generate(at if at is not None else time.time()).decode()


def give_totp(user: User, secret: str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP") -> str:
    TOTP.activate(user, secret)
    return secret


def sign_in(client, user: User) -> None:
    """A session that has passed password and second factor, without typing them."""
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "username": user.username},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def reauthenticate(client) -> None:
    """As if she had just typed her password again (allauth asks before sensitive changes)."""
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        *session.get(AUTHENTICATION_METHODS_SESSION_KEY, []),
        {"method": "password", "at": time.time(), "reauthenticated": True},
    ]
    session.save()


@dataclass
class Network:
    riga: Municipality
    vilnius: Municipality
    shelter: Organisation
    social: Organisation
    police: Organisation
    coordinator: Organisation
    hotline: Organisation
    outsider: Organisation
    case_manager: User
    org_admin: User
    social_worker: User
    local_coordinator: User
    police_officer: User
    national_coordinator: User
    auditor: User
    hotline_operator: User
    hotline_coordinator: User
    outsider_case_manager: User
    no_role: User


def make_user(username: str, *memberships: tuple[Organisation, str]) -> User:
    user = User.objects.create_user(username=username, email=f"{username}@example.org", password=PASSWORD,
                                    display_name=username.replace("_", " ").title())
    for organisation, role in memberships:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    if memberships:
        user.current_organisation = memberships[0][0]
        user.save(update_fields=["current_organisation"])
    return user


def make_network() -> Network:
    riga = Municipality.objects.create(country="LV", name="Rīga", name_en="Riga", region="Rīga")
    vilnius = Municipality.objects.create(country="LT", name="Vilnius", name_en="Vilnius", region="Vilnius County")
    org = Organisation.objects.create
    shelter = org(name="Riga Safe House", type=OrganisationType.SHELTER, country="LV", municipality=riga)
    social = org(name="Riga Social Service", type=OrganisationType.MUNICIPAL_SOCIAL_SERVICES, country="LV",
                 municipality=riga)
    police = org(name="State Police of Latvia", type=OrganisationType.POLICE, country="LV")
    coordinator = org(name="Latvian National Coordinator", type=OrganisationType.NATIONAL_COORDINATOR,
                      country="LV")
    hotline = org(name="Vilnius Hotline", type=OrganisationType.HOTLINE, country="LT", municipality=vilnius)
    outsider = org(name="Vilnius Outsider NGO", type=OrganisationType.NGO, country="LT", municipality=vilnius)
    return Network(
        riga=riga, vilnius=vilnius, shelter=shelter, social=social, police=police, coordinator=coordinator,
        hotline=hotline, outsider=outsider,
        case_manager=make_user("case_manager", (shelter, Role.CASE_MANAGER)),
        org_admin=make_user("org_admin", (shelter, Role.ORG_ADMIN)),
        social_worker=make_user("social_worker", (social, Role.FRONTLINE_WORKER)),
        local_coordinator=make_user("local_coordinator", (social, Role.LOCAL_COORDINATOR)),
        police_officer=make_user("police_officer", (police, Role.FRONTLINE_WORKER)),
        national_coordinator=make_user("national_coordinator", (coordinator, Role.NATIONAL_COORDINATOR)),
        auditor=make_user("auditor", (coordinator, Role.AUDITOR)),
        hotline_operator=make_user("hotline_operator", (hotline, Role.HOTLINE_OPERATOR)),
        hotline_coordinator=make_user("hotline_coordinator", (hotline, Role.HOTLINE_COORDINATOR)),
        outsider_case_manager=make_user("outsider", (outsider, Role.CASE_MANAGER)),
        no_role=make_user("no_role"),
    )
