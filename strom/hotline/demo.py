"""Demo contacts for the demo hotline Living for Tomorrow (Tallinn) (`manage.py load_demo`): a month of
routine contacts, mostly job-offer checks before working abroad, a few crises, repeat callers and open
follow-ups. Written through the ordinary services, acting as the demo operator and coordinator.
Deterministic (a seeded random) and idempotent: a hotline that has contacts already is left as it is.
No real people: notes say "Demo" and name nobody.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from strom.accounts.models import User
from strom.accounts.policies import actor_for_user
from strom.hotline import services
from strom.hotline.models import Contact
from strom.network.models import Municipality, Organisation, Service

HOTLINE = ("Living for Tomorrow", "EE")
DAYS = 30
DESTINATIONS = ["FI", "FI", "FI", "NO", "NO", "SE", "DE", "DE", "GB", "NL", "DK", "IE"]
ABROAD_NOTES = [
    "Demo: construction job in the destination country; agency asks for a fee before departure.",
    "Demo: seasonal berry picking; contract only in a language the caller does not read.",
    "Demo: cleaning work; employer will 'keep the passport safe'. Explained the warning signs.",
    "Demo: warehouse job via a social-media advert; no company registration found.",
    "Demo: care work; wants to know about minimum wage and working hours there.",
    "Demo: asks how to check an agency licence; sent the checklist.",
]
ROUTINE = [  # (topic, caller type, outcome, note)
    ("information", "community", "information", "Demo: asked what trafficking is after a school talk."),
    ("information", "professional", "information", "Demo: social worker asks about identification steps."),
    ("tip", "community", "information", "Demo: neighbour reports many workers living in one flat."),
    ("missing_person", "family_friend", "police", "Demo: relative abroad not heard from for two weeks."),
    ("training", "professional", "information", "Demo: school asks for a prevention lesson."),
    ("other_exploitation", "potential_victim", "referred", "Demo: unpaid wages, free to leave; labour rights."),
    ("unrelated", "unknown", "none", "Demo: wrong number."),
]
CRISES = [
    ("Demo: caller abroad, documents taken, wants to come home. Consular contact arranged.", "police"),
    ("Demo: young woman at a bus station after escaping a flat; shelter place found.", "referred"),
    ("Demo: relative says the person is locked in at work and threatened.", "police"),
]


def _when(rng, day: int):
    now = timezone.now()
    start = (now - timedelta(days=day)).replace(hour=rng.randint(10, 17), minute=rng.choice([0, 10, 20, 30, 45]),
                                                second=0, microsecond=0)
    return min(start, now - timedelta(minutes=5))


def _values(rng, day: int, tallinn, referral_service) -> dict:
    started = _when(rng, day)
    base = {"started_at": started, "duration_minutes": rng.randint(3, 25), "language": rng.choice(["et", "et", "ru"]),
            "channel": rng.choice(["phone", "phone", "phone", "chat", "email", "messaging"]), "municipality": tallinn,
            "country": "EE"}
    if rng.random() < 0.6:
        return {**base, "topic": "working_abroad", "caller_type": rng.choice(["potential_victim", "family_friend"]),
                "destination_country": rng.choice(DESTINATIONS), "outcome": "information",
                "notes": rng.choice(ABROAD_NOTES), "exploitation_forms": ["labour"] if rng.random() < 0.3 else [],
                "campaign_code": rng.choice(["", "", "SAFE-WORK-26", "BUS-STOP-26"])}
    topic, caller_type, outcome, note = rng.choice(ROUTINE)
    values = {**base, "topic": topic, "caller_type": caller_type, "outcome": outcome, "notes": note}
    if outcome == "referred":
        values["referred_to"] = referral_service
        values["outcome"] = "referred" if referral_service else "information"
    if outcome == "police":
        values["police_reason"] = "Demo: possible danger to life; the family agreed."
    return values


def load_demo_hotline() -> int:
    """Record the demo month when the demo hotline has no contacts yet; returns how many were recorded."""
    hotline = Organisation.objects.filter(name=HOTLINE[0], country=HOTLINE[1]).first()
    users = {user.username: user for user in User.objects.filter(username__in=["hotline.operator",
                                                                                 "hotline.coordinator"])}
    if hotline is None or len(users) < 2 or Contact.objects.filter(organisation=hotline).exists():
        return 0
    rng = random.Random(2026)  # noqa: S311 — demo data, not secrets: the same month on every load
    operator, coordinator = actor_for_user(users["hotline.operator"]), actor_for_user(users["hotline.coordinator"])
    tallinn = Municipality.objects.filter(country="EE", name="Tallinn").first()
    referral_service = Service.objects.filter(organisation__country="EE", is_active=True).exclude(
        organisation=hotline).order_by("name").first()
    recorded, regulars = [], []
    for day in range(DAYS, 0, -1):
        for _ in range(rng.randint(1, 3)):
            actor = operator if rng.random() < 0.7 else coordinator
            repeat = regulars and rng.random() < 0.15
            reference = regulars[rng.randrange(len(regulars))].caller.reference if repeat else ""
            contact = services.record_contact(actor, caller_reference=reference,
                                              **_values(rng, day, tallinn, referral_service))
            if contact.topic == "working_abroad" and len(regulars) < 4 and rng.random() < 0.3:
                regulars.append(contact)
            recorded.append(contact)
    recorded += _crises(operator, tallinn, referral_service)
    _follow_ups(operator, coordinator, recorded)
    return len(recorded)


def _crises(actor, tallinn, referral_service) -> list[Contact]:
    contacts = []
    for hours, (note, outcome) in zip((3, 30, 200), CRISES, strict=True):
        values = {"topic": "crisis", "urgency": "emergency", "caller_type": "potential_victim",
                  "started_at": timezone.now() - timedelta(hours=hours), "duration_minutes": 35, "language": "ru",
                  "municipality": tallinn, "country": "EE", "exploitation_forms": ["labour"], "notes": note,
                  "outcome": outcome if (outcome != "referred" or referral_service) else "information"}
        if values["outcome"] == "referred":
            values["referred_to"] = referral_service
        if outcome == "police":
            values["police_reason"] = "Demo: immediate danger; the caller agreed."
        contacts.append(services.record_contact(actor, **values))
    return contacts


def _follow_ups(operator, coordinator, recorded) -> None:
    today = timezone.localdate()
    tasks = [("Demo: call back to go through the contract together.", 1, operator.user),
             ("Demo: send the safe-work-abroad checklist in the chat.", 0, operator.user),
             ("Demo: ask the consulate whether the person has been in touch.", -1, coordinator.user),
             ("Demo: check with the shelter that the person arrived.", 2, operator.user)]
    crises = [contact for contact in recorded if contact.topic == "crisis"]
    abroad = [contact for contact in recorded if contact.topic == "working_abroad"][-2:]
    for (task, days, owner), contact in zip(tasks, [*abroad, *crises], strict=False):
        services.add_follow_up(operator, contact, task=task, due_on=today + timedelta(days=days), owner=owner)
