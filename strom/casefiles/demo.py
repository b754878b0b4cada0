"""Demo notes (`manage.py load_demo`, after the demo cases): three notes of different sensitivity on
the case of Amber-Heron-1001, written through the ordinary service as the demo case manager. Found
again by their title, so loading twice adds nothing. Synthetic text only."""

from __future__ import annotations

from strom.accounts.models import User
from strom.accounts.policies import actor_for_user
from strom.casefiles import services
from strom.casefiles.models import Note, Sensitivity
from strom.cases.models import Case

DEMO_PSEUDONYM = "Amber-Heron-1001"
DEMO_NOTES = [
    ("Demo: plan for the reflection period", Sensitivity.CASE,
     "Agreed with the person: shelter place for 30 days, a first medical check this week, an interpreter "
     "(Russian) for every meeting. Next talk on Monday."),
    ("Demo: contact attempts by the exploiters", Sensitivity.TEAM,
     "She reports two messages from an unknown number asking where she is. Safety plan reviewed; the "
     "police liaison has been told. Do not share the shelter's address with anyone calling."),
    ("Demo: my own reminders", Sensitivity.AUTHOR,
     "Ask about the debt she mentioned only once; she was not ready to talk about it yet."),
]


def load_demo_notes() -> int:
    """Write the demo notes that do not exist yet; returns how many were written."""
    case = Case.objects.filter(person__pseudonym=DEMO_PSEUDONYM).first()
    if case is None:
        return 0
    actor = actor_for_user(User.objects.get(username="case.manager"))
    existing = {note.title for note in Note.objects.filter(case=case)}
    made = 0
    for title, sensitivity, text in DEMO_NOTES:
        if title not in existing:
            services.add_note(actor, case, title=title, text=text, sensitivity=sensitivity)
            made += 1
    return made
