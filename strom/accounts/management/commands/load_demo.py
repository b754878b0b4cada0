"""The demo network: organisations of the region from the 2015 Riga conference, fictional people,
and a network of services in Riga, Vilnius, Tallinn and Berlin for the referral pathway finder.

The services are plausible but made up: the generic organisations ("Riga City Health Centre") are
fictional, and so are all phone numbers (no national number starts with 0 after the country code,
so none of them can be dialled) except 112, the European emergency number.

Idempotent: running it again keeps what exists (looked up by natural keys) and prints the logins again.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from strom.accounts.models import Membership, User
from strom.accounts.policies import actor_for_user
from strom.accounts.roles import Role
from strom.lib import crypto
from strom.network import partnership_services
from strom.network.models import (
    HoursException,
    Municipality,
    OpeningHours,
    Organisation,
    OrganisationType,
    Partnership,
    PartnershipRole,
    Service,
    ServiceType,
)
from strom.network.vocabularies import AnswerUnit, Consent
from strom.screening.loader import load_frameworks

DEMO_PASSWORD = "strom-demo-2026"  # noqa: S105 — printed for the demo; refused in production

T = OrganisationType
MUNICIPALITIES = [
    # country, local name, English name, region, time zone (opening hours are local time)
    ("LV", "Rīga", "Riga", "Rīga", "Europe/Riga"),
    ("LT", "Vilnius", "Vilnius", "Vilnius County", "Europe/Vilnius"),
    ("EE", "Tallinn", "Tallinn", "Harju County", "Europe/Tallinn"),
    ("PL", "Katowice", "Katowice", "Silesian Voivodeship", "Europe/Warsaw"),
    ("SE", "Stockholm", "Stockholm", "Stockholm County", "Europe/Stockholm"),
    ("DK", "København", "Copenhagen", "Capital Region", "Europe/Copenhagen"),
    ("NO", "Oslo", "Oslo", "Oslo", "Europe/Oslo"),
    ("NL", "Amsterdam", "Amsterdam", "North Holland", "Europe/Amsterdam"),
    ("DE", "Berlin", "Berlin", "Berlin", "Europe/Berlin"),
    ("FI", "Lappeenranta", "Lappeenranta", "South Karelia", "Europe/Helsinki"),
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
    # Fictional organisations of the kinds a local pathway needs.
    ("riga_crisis", "Riga Municipal Crisis Centre", T.MUNICIPAL_SOCIAL_SERVICES, "LV", "Rīga"),
    ("riga_health", "Riga City Health Centre", T.HEALTH, "LV", "Rīga"),
    ("riga_legal", "Riga Legal Aid Office", T.NGO, "LV", "Rīga"),
    ("riga_employment", "Riga Employment Office", T.EMPLOYMENT_SERVICE, "LV", "Rīga"),
    ("lv_interpretation", "Baltic Interpretation Service", T.NGO, "LV", None),
    ("vilnius_crisis", "Vilnius Municipal Crisis Centre", T.MUNICIPAL_SOCIAL_SERVICES, "LT", "Vilnius"),
    ("vilnius_clinic", "Vilnius City Clinic", T.HEALTH, "LT", "Vilnius"),
    ("vilnius_police", "Vilnius Police Department", T.POLICE, "LT", "Vilnius"),
    ("vilnius_legal", "Vilnius Legal Aid Office", T.NGO, "LT", "Vilnius"),
    ("vilnius_employment", "Vilnius Employment Office", T.EMPLOYMENT_SERVICE, "LT", "Vilnius"),
    ("tallinn_social", "Tallinn Social Welfare Centre", T.MUNICIPAL_SOCIAL_SERVICES, "EE", "Tallinn"),
    ("tallinn_shelter", "Tallinn Women's Shelter", T.SHELTER, "EE", "Tallinn"),
    ("tallinn_clinic", "Tallinn Health Clinic", T.HEALTH, "EE", "Tallinn"),
    ("tallinn_legal", "Tallinn Legal Aid Office", T.NGO, "EE", "Tallinn"),
    ("berlin_women", "Berlin Counselling Centre for Women", T.NGO, "DE", "Berlin"),
    ("berlin_housing", "Berlin Protected Housing", T.SHELTER, "DE", "Berlin"),
    ("berlin_youth", "Berlin Child and Youth Emergency Service", T.CHILD_PROTECTION, "DE", "Berlin"),
    ("berlin_clinic", "Berlin Clinic for People without Health Insurance", T.HEALTH, "DE", "Berlin"),
    ("berlin_legal", "Berlin Legal Aid Office", T.NGO, "DE", "Berlin"),
    ("berlin_interpretation", "Berlin Interpretation Service", T.NGO, "DE", "Berlin"),
    ("berlin_employment", "Berlin Employment Office", T.EMPLOYMENT_SERVICE, "DE", "Berlin"),
]

PARTNERS = [
    # organisation key, role in Riga's group, what it brings
    ("riga_social", PartnershipRole.LEAD, "Coordinates the group; social assistance and the local focal point."),
    ("riga_shelter", PartnershipRole.MEMBER, "Safe accommodation around the clock and case management."),
    ("lv_police", PartnershipRole.MEMBER, "Identification, investigation and protection."),
    ("riga_crisis", PartnershipRole.MEMBER, "Crisis intervention and psychological help."),
    ("riga_health", PartnershipRole.MEMBER, "Emergency and general medical care."),
    ("riga_legal", PartnershipRole.OBSERVER, "Legal counselling."),
]

C = Consent
ALWAYS = "24/7"
LV, LT, EE, DE = ["lv", "ru", "en"], ["lt", "ru", "pl", "en"], ["et", "ru", "en"], ["de", "en", "ro", "bg", "pl"]
SHELTER_INTAKE = ("Call the 24/7 line; the duty case manager agrees on intake the same day. "
                  "The address is given on referral only.")


def service(org, type_, name, hours, *, phone="", **fields):
    """A demo service: hours as "Mon-Fri 09:00-17:00; Sat 10:00-14:00" or ALWAYS; the rest as on Service."""
    return {"org": org, "type": type_, "name": name, "hours": hours, "phone": phone, **fields}


SERVICES = [
    # Riga (LV)
    service("riga_shelter", "safe_accommodation", "Safe accommodation for survivors of trafficking", ALWAYS,
            phone="+371 0000 0101", phone_24_7="+371 0000 0100", languages=LV, min_age=18, accompanied_children=True,
            capacity_total=12, capacity_free=3, consent=C.WRITTEN, answer_time=4, is_public=True,
            how_to_refer=SHELTER_INTAKE, verified_days=12),
    service("riga_shelter", "hotline", "National anti-trafficking hotline", ALWAYS, phone_24_7="+371 0000 0100",
            languages=LV, whole_country=True, consent=C.NONE, answer_time=1, is_public=True,
            how_to_refer="Anyone may call, anonymously; the operator can arrange a first meeting.", verified_days=12),
    service("riga_shelter", "psychological", "Psychological counselling", "Mon-Fri 10:00-18:00", phone="+371 0000 0102",
            languages=["lv", "ru"], answer_time=2, answer_unit=AnswerUnit.WORKING_DAYS,
            how_to_refer="Refer through Strom or by phone; the first session within two working days.",
            christmas_eve="10:00-14:00", verified_days=40),
    service("riga_social", "material_help", "Social assistance for victims of trafficking",
            "Mon-Thu 08:30-17:00; Fri 08:30-15:30", phone="+371 0000 0110", languages=["lv", "ru"],
            consent=C.WRITTEN, answer_time=5, answer_unit=AnswerUnit.WORKING_DAYS, is_public=True,
            legal_statuses=["national", "eu_citizen", "residence_permit"],
            how_to_refer="Written referral with the person's consent; a social worker calls back.", verified_days=90),
    service("riga_social", "child_protection", "Child protection and guardianship", "Mon-Fri 08:30-17:00",
            phone="+371 0000 0111", languages=["lv", "ru"], max_age=17, consent=C.NONE, answer_time=1,
            answer_unit=AnswerUnit.WORKING_DAYS, how_to_refer="Report any child who may be a victim at once.",
            verified_days=30),
    service("riga_crisis", "safe_accommodation", "Crisis accommodation for women and children", ALWAYS,
            phone_24_7="+371 0000 0120", languages=["lv", "ru"], sexes=["female"], accompanied_children=True,
            capacity_total=20, capacity_free=0, consent=C.VERBAL, answer_time=2, how_to_refer=SHELTER_INTAKE,
            verified_days=8),
    service("riga_crisis", "psychological", "Evening crisis counselling",
            "Mon-Thu 18:00-23:00; Fri-Sat 20:00-02:00", phone="+371 0000 0121", languages=LV, consent=C.NONE,
            open_on_public_holidays=True, how_to_refer="Walk in or call; no appointment needed.", verified_days=20),
    service("riga_health", "medical_care", "Medical care for victims of trafficking",
            "Mon-Fri 08:00-20:00; Sat 09:00-14:00", phone="+371 0000 0130", languages=LV, is_public=True,
            answer_time=1, answer_unit=AnswerUnit.WORKING_DAYS,
            how_to_refer="Book by phone; no insurance questions at the first visit.", verified_days=60),
    service("riga_health", "emergency_medical", "Emergency department", ALWAYS, phone_24_7="112", languages=LV,
            consent=C.NONE, is_public=True, how_to_refer="Come in or call 112.", verified_days=60),
    service("lv_police", "police_report", "Reporting trafficking to the State Police", "Mon-Fri 08:30-17:00",
            phone="+371 0000 0140", phone_24_7="112", languages=LV, whole_country=True, consent=C.VERBAL,
            answer_time=1, is_public=True,
            how_to_refer="The specialised unit takes reports on weekdays; at any time call 112.", verified_days=120),
    service("riga_legal", "legal_counselling", "Free legal counselling", "Tue, Thu 10:00-16:00",
            phone="+371 0000 0150", languages=LV, consent=C.WRITTEN, answer_time=3,
            answer_unit=AnswerUnit.WORKING_DAYS, is_public=True, christmas_eve="closed",
            how_to_refer="Send the referral with the person's written consent; a lawyer calls back.",
            verified_days=200),
    service("lv_interpretation", "interpretation", "Interpreting for victim assistance", "Mon-Fri 09:00-17:00",
            phone="+371 0000 0160", languages=["lv", "ru", "en", "uk", "lt", "et", "pl", "ro", "bg", "vi"],
            whole_country=True, answer_time=1, answer_unit=AnswerUnit.WORKING_DAYS,
            how_to_refer="Book at least one working day ahead; by phone also at short notice.", verified_days=25),
    service("riga_employment", "employment", "Job counselling and vocational training", "Mon-Fri 08:30-16:30",
            phone="+371 0000 0170", languages=["lv", "ru"], min_age=15,
            legal_statuses=["national", "eu_citizen", "residence_permit"], answer_time=5,
            answer_unit=AnswerUnit.WORKING_DAYS, is_public=True, verified_days=150),
    # Vilnius (LT)
    service("caritas_lt", "safe_accommodation", "Caritas shelter for survivors of trafficking", ALWAYS,
            phone_24_7="+370 0000 0200", languages=LT, sexes=["female"], accompanied_children=True,
            capacity_total=8, capacity_free=2, capacity_days=10, consent=C.WRITTEN, answer_time=4,
            how_to_refer=SHELTER_INTAKE, verified_days=35),
    service("caritas_lt", "information_rights", "Counselling and case management for victims",
            "Mon-Fri 09:00-17:00", phone="+370 0000 0201", languages=LT, whole_country=True, is_public=True,
            answer_time=1, answer_unit=AnswerUnit.WORKING_DAYS,
            how_to_refer="Refer through Strom or call; a case manager meets the person within a day.",
            verified_days=35),
    service("caritas_lt", "hotline", "Helpline for victims of trafficking", "Mon-Fri 09:00-21:00",
            phone="+370 0000 0202", languages=LT, whole_country=True, consent=C.NONE, is_public=True,
            verified_days=35),
    service("vilnius_crisis", "safe_accommodation", "Municipal crisis accommodation", ALWAYS,
            phone_24_7="+370 0000 0210", languages=["lt", "ru", "pl"], accompanied_children=True, min_age=18,
            capacity_total=15, capacity_free=None, how_to_refer=SHELTER_INTAKE, verified_days=70),
    service("vilnius_clinic", "medical_care", "Medical care", "Mon-Fri 07:00-20:00", phone="+370 0000 0220",
            languages=LT, is_public=True, verified_days=100),
    service("vilnius_police", "police_report", "Reporting trafficking to the police", "Mon-Fri 08:00-17:00",
            phone="+370 0000 0230", phone_24_7="112", languages=["lt", "ru", "en"], is_public=True, verified_days=60),
    service("vilnius_legal", "legal_counselling", "Legal aid for victims", "Mon, Wed 09:00-17:00",
            phone="+370 0000 0240", languages=LT, consent=C.WRITTEN, answer_time=3,
            answer_unit=AnswerUnit.WORKING_DAYS, verified_days=45),
    service("vilnius_employment", "employment", "Employment counselling", "Mon-Thu 08:00-17:00; Fri 08:00-15:45",
            phone="+370 0000 0250", languages=["lt", "ru"], legal_statuses=["national", "eu_citizen",
                                                                           "residence_permit"], verified_days=180),
    # Tallinn (EE)
    service("ee_hotline", "hotline", "Anti-trafficking helpline", "Mon-Fri 10:00-18:00", phone="+372 0000 0300",
            languages=EE, whole_country=True, consent=C.NONE, is_public=True, verified_days=15,
            how_to_refer="Call or write; anonymous advice, also for people planning to work abroad."),
    service("ee_hotline", "information_rights", "Counselling on rights and safe work abroad", "Mon-Fri 10:00-18:00",
            phone="+372 0000 0301", languages=["et", "ru", "en", "uk"], whole_country=True, is_public=True,
            answer_time=2, answer_unit=AnswerUnit.WORKING_DAYS, verified_days=15),
    service("tallinn_social", "material_help", "Social welfare and subsistence", "Mon-Thu 08:15-17:00; Fri 08:15-15:45",
            phone="+372 0000 0310", languages=["et", "ru"], consent=C.WRITTEN, answer_time=5,
            answer_unit=AnswerUnit.WORKING_DAYS, verified_days=80),
    service("tallinn_shelter", "safe_accommodation", "Shelter for women and their children", ALWAYS,
            phone_24_7="+372 0000 0320", languages=EE, sexes=["female"], accompanied_children=True,
            capacity_total=10, capacity_free=4, consent=C.VERBAL, answer_time=2, is_public=True,
            how_to_refer=SHELTER_INTAKE, verified_days=9),
    service("tallinn_clinic", "medical_care", "Medical care", "Mon-Fri 08:00-19:00", phone="+372 0000 0330",
            languages=EE, verified_days=110),
    service("tallinn_legal", "legal_counselling", "Legal counselling", "Mon-Fri 09:00-17:00", phone="+372 0000 0340",
            languages=EE, consent=C.WRITTEN, answer_time=3, answer_unit=AnswerUnit.WORKING_DAYS, verified_days=140),
    # Berlin (DE)
    service("berlin", "information_rights", "Counselling on labour exploitation", "Mon-Thu 09:00-16:00",
            phone="+49 0000 0400", languages=DE, exploitation_forms=["labour", "domestic_servitude", "begging",
                                                                     "criminal_activities"],
            is_public=True, answer_time=2, answer_unit=AnswerUnit.WORKING_DAYS,
            how_to_refer="Refer through Strom or by phone; counselling is free and confidential.", verified_days=20),
    service("berlin_women", "psychological", "Counselling for women affected by trafficking", "Mon-Fri 10:00-18:00",
            phone="+49 0000 0410", languages=DE, sexes=["female"],
            exploitation_forms=["sexual", "domestic_servitude", "forced_marriage"], is_public=True, answer_time=1,
            answer_unit=AnswerUnit.WORKING_DAYS, verified_days=30),
    service("berlin_housing", "safe_accommodation", "Protected housing", ALWAYS, phone_24_7="+49 0000 0420",
            languages=DE, sexes=["female"], accompanied_children=True, min_age=18, capacity_total=16,
            capacity_free=1, consent=C.WRITTEN, answer_time=4, how_to_refer=SHELTER_INTAKE, verified_days=6),
    service("berlin_youth", "child_protection", "Emergency service for children and young people", ALWAYS,
            phone_24_7="+49 0000 0430", languages=["de", "en"], max_age=17, consent=C.NONE, answer_time=1,
            is_public=True, how_to_refer="Call at any time; a child is taken into care at once.", verified_days=50),
    service("berlin_clinic", "medical_care", "Medical care without health insurance",
            "Mon, Wed 14:00-19:00; Thu 18:00-22:00", phone="+49 0000 0440", languages=DE, consent=C.NONE,
            is_public=True, how_to_refer="Walk in during opening hours; anonymous.", verified_days=75),
    service("berlin_legal", "legal_counselling", "Legal counselling and compensation claims", "Tue-Thu 10:00-16:00",
            phone="+49 0000 0450", languages=["de", "en"], consent=C.WRITTEN, answer_time=5,
            answer_unit=AnswerUnit.WORKING_DAYS, verified_days=95),
    service("berlin_interpretation", "interpretation", "Interpreting and translation", "Mon-Fri 08:00-20:00",
            phone="+49 0000 0460", languages=["de", "en", "ro", "bg", "pl", "ru", "uk", "ar", "tr", "vi"],
            answer_time=1, answer_unit=AnswerUnit.WORKING_DAYS, verified_days=40),
    service("berlin_employment", "employment", "Employment and training advice",
            "Mon-Fri 08:00-12:30; Thu 14:00-18:00", phone="+49 0000 0470", languages=["de", "en"],
            legal_statuses=["national", "eu_citizen", "residence_permit"], verified_days=160),
]

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
HOURS_PART = re.compile(r"^(?P<days>[A-Za-z ,-]+) (?P<opens>\d\d:\d\d)-(?P<closes>\d\d:\d\d)$")


def parse_hours(text: str) -> list[tuple[int, time, time]]:
    """ "Mon-Fri 09:00-17:00; Sat 10:00-14:00" → (weekday, opens, closes) rows; closing before opening
    runs past midnight, as OpeningHours says."""
    rows = []
    for part in text.split(";"):
        match = HOURS_PART.match(part.strip())
        if match is None:
            raise ValueError(f"Hours not understood: {part!r}")
        opens, closes = time.fromisoformat(match["opens"]), time.fromisoformat(match["closes"])
        for days in match["days"].split(","):
            first, _, last = days.strip().partition("-")
            start, end = DAYS.index(first), DAYS.index(last or first)
            rows += [(weekday, opens, closes) for weekday in range(start, end + 1)]
    return rows
USERS = [
    # username, display name, [(organisation key, role)]
    ("case.manager", "Demo Case Manager", [("riga_shelter", Role.CASE_MANAGER),
                                           ("riga_social", Role.FRONTLINE_WORKER)]),
    ("org.admin", "Demo Organisation Administrator", [("riga_shelter", Role.ORG_ADMIN)]),
    ("social.worker", "Demo Social Worker", [("riga_social", Role.FRONTLINE_WORKER)]),
    ("local.coordinator", "Demo Local Coordinator", [("riga_social", Role.LOCAL_COORDINATOR)]),
    ("crisis.worker", "Demo Crisis Centre Worker", [("riga_crisis", Role.CASE_MANAGER)]),
    ("police.officer", "Demo Police Officer", [("lv_police", Role.FRONTLINE_WORKER)]),
    ("national.coordinator", "Demo National Coordinator", [("lv_coordinator", Role.NATIONAL_COORDINATOR)]),
    ("auditor", "Demo Auditor", [("lv_coordinator", Role.AUDITOR)]),
    ("hotline.operator", "Demo Hotline Operator", [("ee_hotline", Role.HOTLINE_OPERATOR)]),
    ("hotline.coordinator", "Demo Hotline Coordinator", [("ee_hotline", Role.HOTLINE_COORDINATOR)]),
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
            self.load_services(organisations)
            logins = [self.load_user(username, name, roles, organisations) for username, name, roles in USERS]
            logins.append(self.load_user("sysadmin", "Demo System Administrator", [], organisations,
                                         is_staff=True, is_superuser=True))
            self.load_partnership(organisations)
            from strom.cases.demo import load_demo_cases

            load_demo_cases({m.name: m for m in Municipality.objects.filter(name__in=["Rīga", "Vilnius"])})
        load_frameworks()  # the screening indicator sets; new versions only when the files changed
        from strom.screening.demo import load_demo_screenings

        load_demo_screenings()
        from django.test.utils import override_settings

        from strom.referrals.demo import load_demo_referrals

        # The demo referrals notify demo addresses (*.invalid): keep those e-mails out of the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            load_demo_referrals()
        from strom.protection.demo import load_demo_protection

        load_demo_protection()
        from strom.casefiles.demo import load_demo_notes

        load_demo_notes()
        from strom.assistance.demo import load_demo_assistance

        load_demo_assistance()
        from strom.stats.release_demo import load_demo_releases

        load_demo_releases()
        from strom.municipal.demo import load_demo_municipal

        load_demo_municipal()
        from strom.hotline.demo import load_demo_hotline

        load_demo_hotline()
        from strom.costs.demo import load_demo_costs

        load_demo_costs()
        from strom.prevention.demo import load_demo_prevention

        load_demo_prevention()
        from strom.hotline.demo_crisis import load_demo_hotline_crisis

        load_demo_hotline_crisis()
        self.print_logins(logins)

    def load_network(self) -> dict[str, Organisation]:
        municipalities = {}
        for country, name, name_en, region, time_zone in MUNICIPALITIES:
            municipality, _ = Municipality.objects.get_or_create(
                country=country, name=name, defaults={"name_en": name_en, "region": region, "time_zone": time_zone})
            if municipality.time_zone != time_zone:  # demo databases made before time zones were set
                municipality.time_zone = time_zone
                municipality.save(update_fields=["time_zone"])
            municipalities[name] = municipality
        organisations = {}
        for key, name, type_, country, municipality in ORGANISATIONS:
            organisations[key], _ = Organisation.objects.get_or_create(
                country=country, name=name,
                defaults={"type": type_, "municipality": municipalities.get(municipality)})
        return organisations

    def load_services(self, organisations: dict[str, Organisation]) -> None:
        """The demo services, each created once (by organisation and name) with its hours and areas."""
        types = {service_type.code: service_type for service_type in ServiceType.objects.all()}
        for spec in SERVICES:
            organisation = organisations[spec["org"]]
            service = Service.objects.filter(organisation=organisation, name=spec["name"]).first()
            if service is None:
                service = self.create_service(organisation, types[spec["type"]], spec)
            if "christmas_eve" in spec:  # special hours, or "closed", on this year's Christmas Eve
                hours = parse_hours(f"Mon {spec['christmas_eve']}") if spec["christmas_eve"] != "closed" else []
                opens, closes = hours[0][1:] if hours else (None, None)
                HoursException.objects.get_or_create(
                    service=service, date=date(timezone.localdate().year, 12, 24),
                    defaults={"opens": opens, "closes": closes, "note": "Christmas Eve"})

    def create_service(self, organisation: Organisation, service_type: ServiceType, spec: dict) -> Service:
        now = timezone.now()
        fields = {key: value for key, value in spec.items()
                  if key not in {"org", "type", "name", "hours", "christmas_eve", "verified_days", "capacity_days",
                                 "open_on_public_holidays"}}
        if fields.get("capacity_free") is not None:
            fields["capacity_updated_at"] = now - timedelta(days=spec.get("capacity_days", 0), hours=3)
        service = Service.objects.create(
            organisation=organisation, type=service_type, name=spec["name"], always_open=spec["hours"] == ALWAYS,
            open_on_public_holidays=spec["hours"] == ALWAYS or spec.get("open_on_public_holidays", False),
            last_verified=timezone.localdate() - timedelta(days=spec["verified_days"]),
            description=f"{service_type.name} by {organisation.name}.", **fields)
        if not service.whole_country and organisation.municipality_id:
            service.areas.add(organisation.municipality)
        if spec["hours"] != ALWAYS:
            OpeningHours.objects.bulk_create(OpeningHours(service=service, weekday=weekday, opens=opens, closes=closes)
                                             for weekday, opens, closes in parse_hours(spec["hours"]))
        return service

    def load_partnership(self, organisations: dict[str, Organisation]) -> None:
        """Riga's multidisciplinary group, set up by the demo local coordinator through the services."""
        riga = organisations["riga_social"].municipality
        if Partnership.objects.filter(municipality=riga).exists():
            return
        keeper = actor_for_user(User.objects.get(username="local.coordinator"))
        group = partnership_services.create_partnership(keeper, riga, name="Riga anti-trafficking working group")
        today = timezone.localdate()
        started = today - timedelta(days=400)
        ten_o_clock = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
        for key, role, brings in PARTNERS:
            lead = group.members.filter(organisation=organisations[key]).first()  # the keeper's, made with the group
            if lead is not None:
                partnership_services.update_member(keeper, lead, role=role, contribution=brings, active_from=started)
            else:
                partnership_services.add_member(keeper, group, organisation=organisations[key], role=role,
                                                contribution=brings, active_from=started)
        partnership_services.add_agreement(
            keeper, group, title="Cooperation agreement on the local referral mechanism", signed=started,
            valid_from=started, valid_to=started + timedelta(days=3 * 365))
        meeting = partnership_services.schedule_meeting(
            keeper, group, starts=ten_o_clock - timedelta(days=21), place="Riga City Council, room 214",
            agenda="1. Cases of the quarter (anonymous)\n2. Night-time intake at the shelter\n3. Training plan",
            minutes="Night-time intake works through the shelter's 24/7 line. Police and shelter agree on a "
                    "joint checklist. Training for school social workers in spring.")
        partnership_services.record_decision(keeper, meeting, text="The shelter's 24/7 line is the entry point "
                                                                   "for night-time referrals.")
        case_manager = User.objects.get(username="case.manager")
        social_worker = User.objects.get(username="social.worker")
        partnership_services.add_action_point(keeper, group, meeting=meeting, owner=case_manager,
                                              text="Write the joint police–shelter checklist",
                                              due=today + timedelta(days=10))
        partnership_services.add_action_point(keeper, group, meeting=meeting, owner=social_worker,
                                              text="Plan the training for school social workers",
                                              due=today - timedelta(days=3))
        partnership_services.schedule_meeting(keeper, group, starts=ten_o_clock + timedelta(days=35),
                                              place="Riga City Council, room 214",
                                              agenda="1. The checklist\n2. Self-assessment against the guidelines")

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
