"""A case's screenings as entries of its timeline: when, who, the outcome in words — never answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from strom.screening.explain import outcome_text
from strom.screening.queries import screenings_of_case


@dataclass(frozen=True)
class ScreeningEntry:
    at: datetime
    screener: str
    organisation: str
    framework: str
    completed: bool
    outcome: str  # the outcome in words; empty while the screening is in progress
    needs_verification: bool
    url: str
    kind: str = "screening"


def screening_entries(case) -> list[ScreeningEntry]:
    """Completed screenings at their completion, drafts at their start (so a draft is not forgotten)."""
    entries = []
    for screening in screenings_of_case(case):
        done = not screening.is_draft
        entries.append(ScreeningEntry(
            at=screening.completed if done and screening.completed else screening.created,
            screener=screening.screener.display_name or screening.screener.username,
            organisation=screening.organisation.name, framework=screening.framework.title, completed=done,
            outcome=outcome_text(screening.outcome, screening.partial, screening.framework.population) if done else "",
            needs_verification=screening.framework.needs_verification,
            url=reverse("screening:summary", args=[screening.pk])))
    return entries
