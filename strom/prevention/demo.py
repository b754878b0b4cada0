"""Demo campaigns (`manage.py load_demo`): a school campaign of Riga's social service, a "safe work abroad"
campaign of the Estonian hotline with its code on the materials, and a national Latvian campaign for
seasonal workers with a Lithuanian partner. Written through the ordinary services as the demo
coordinators. Idempotent: a campaign whose code exists is left as it is. Demo links point to example.org.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from strom.accounts.models import User
from strom.accounts.policies import actor_for_user
from strom.network.models import Municipality, Organisation
from strom.prevention import services
from strom.prevention.models import Campaign

CAMPAIGNS = [
    {
        "user": "local.coordinator", "code": "RIGA-SCHOOLS", "title": "Safe choices: sessions in Riga schools",
        "description": "Demo: social workers and an NGO trainer talk with pupils of the last two school years "
                       "about job offers that sound too good, and where to ask.",
        "municipality": "Rīga", "target_groups": ["students", "young_people", "parents"],
        "channels": ["school_sessions", "posters"], "places": "Secondary schools in Riga", "days": (-120, -20),
        "partners": ['Shelter "Safe House"'],
        "activities": [(-110, "school_sessions", "Riga Secondary School No. 1", 64),
                       (-95, "school_sessions", "Riga Secondary School No. 2", 48),
                       (-60, "posters", "School notice boards", 300),
                       (-30, "events", "Parents' evening", 35)],
        "materials": [("Poster: Ask before you go", "lv"), ("Lesson plan for teachers", "lv")],
    },
    {
        "user": "hotline.coordinator", "code": "SAFE-WORK-EE", "title": "Safe work abroad: check the offer first",
        "description": "Demo: posters and social media posts invite people to call the hotline and say the code "
                       "to have a job offer or a contract checked before they leave.",
        "municipality": "Tallinn", "target_groups": ["work_abroad", "unemployed"],
        "channels": ["social_media", "posters", "radio_tv"], "places": "Tallinn and Ida-Viru county",
        "days": (-90, None), "partners": [],
        "activities": [(-85, "social_media", "", 4200), (-70, "radio_tv", "Regional radio", 15000),
                       (-40, "posters", "Employment offices", 800), (-10, "outreach", "Job fair in Tallinn", 230)],
        "materials": [("Poster: Check the offer first", "et"), ("Poster: Проверь предложение", "ru")],
    },
    {
        "user": "national.coordinator", "code": "SEASON-LV-LT", "title": "Seasonal work: know your rights",
        "description": "Demo: leaflets and outreach for people going to seasonal farm work, with a Lithuanian "
                       "partner for workers recruited on both sides of the border.",
        "municipality": None, "target_groups": ["work_abroad", "migrant_workers"],
        "channels": ["outreach", "posters", "website"], "places": "Bus stations, employment offices",
        "days": (-200, -100), "partners": ["Caritas Lithuania"],
        "activities": [(-190, "website", "", 2600), (-160, "outreach", "Riga coach station", 410),
                       (-130, "outreach", "Vilnius bus station", 380)],
        "materials": [("Leaflet: Seasonal work abroad", "lv"), ("Lankstinukas: sezoninis darbas", "lt")],
    },
]


def _partners(names) -> list:
    return list(Organisation.objects.filter(name__in=names, is_active=True))


def _load_one(spec: dict) -> bool:
    if Campaign.objects.filter(code=spec["code"]).exists():
        return False
    user = User.objects.filter(username=spec["user"]).first()
    if user is None:
        return False
    actor = actor_for_user(user)
    today = timezone.localdate()
    first, last = spec["days"]
    municipality = Municipality.objects.filter(name=spec["municipality"]).first() if spec["municipality"] else None
    campaign = services.create_campaign(
        actor, code=spec["code"], title=spec["title"], description=spec["description"],
        country=str(municipality.country) if municipality else str(actor.organisation.country),
        municipality=municipality, target_groups=spec["target_groups"], channels=spec["channels"],
        places=spec["places"], starts_on=today + timedelta(days=first),
        ends_on=today + timedelta(days=last) if last is not None else None, partners=_partners(spec["partners"]))
    for days, channel, place, reached in spec["activities"]:
        services.add_activity(actor, campaign, held_on=today + timedelta(days=days), channel=channel, place=place,
                              people_reached=reached)
    for number, (title, language) in enumerate(spec["materials"], 1):
        services.add_material(actor, campaign, title=title, language=language,
                              link=f"https://example.org/demo/{spec['code'].lower()}/{number}")
    return True


def load_demo_campaigns() -> int:
    """The demo campaigns that do not exist yet; returns how many were made."""
    return sum(_load_one(spec) for spec in CAMPAIGNS)


def load_demo_prevention() -> None:
    """The demo campaigns and the practices library's seed (both areas of issue 9's prevention part)."""
    from strom.practices.loader import load_practices

    load_demo_campaigns()
    load_practices()
