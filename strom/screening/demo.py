"""Demo screenings (`manage.py load_demo`, after the frameworks): one attached to a Riga demo case and
one made without identity, waiting to be attached, so both paths can be seen right after `make demo`.
Made through the ordinary services, acting as the demo case manager; labels are pseudonymous."""

from __future__ import annotations

from strom.accounts.models import User
from strom.accounts.policies import actor_for_user
from strom.cases.models import Case
from strom.screening import services
from strom.screening.models import Screening

PRESENT = ("present", "account", "")
# label, the demo case's pseudonym (or None), suspected exploitation, indicators present
DEMO_SCREENINGS = [
    ("Demo: first interview at the shelter", "Amber-Heron-1001", ["sexual"],
     ["d1.job_nature", "d1.conditions", "d4.excessive_hours", "d4.hazardous", "d4.living_conditions",
      "d5.documents", "d5.debt"]),
    ("Demo: call from a bus station, night shift", None, ["labour"],
     ["d4.excessive_hours", "d4.hazardous", "d5.documents"]),
]


def load_demo_screenings() -> int:
    """Make the demo screenings that do not exist yet (found again by their label); returns how many."""
    actor = actor_for_user(User.objects.get(username="case.manager"))
    existing = {screening.label for screening in Screening.objects.filter(organisation=actor.organisation)}
    made = 0
    for label, pseudonym, forms, present in DEMO_SCREENINGS:
        if label in existing:
            continue
        case = Case.objects.filter(person__pseudonym=pseudonym).first() if pseudonym else None
        screening = services.start_screening(actor, age_group="adult", exploitation_forms=forms, label=label)
        codes = {i.code for d in screening.framework.dimensions.all() for i in d.indicators.all()}
        services.save_answers(actor, screening, answers={code: PRESENT for code in present if code in codes})
        services.complete_screening(actor, screening)
        if case is not None:
            services.attach_to_case(actor, screening, case)
        made += 1
    return made
