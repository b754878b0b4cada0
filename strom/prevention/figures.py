"""A campaign's figures from its activities: the pure computation (no database).

People reached are the sums the organisers reported per activity; the same person met twice counts
twice, which the pages say. Contacts brought come from the hotline (queries.contacts_by_campaign).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ActivityFacts:
    held_on: date
    channel: str
    people_reached: int


@dataclass(frozen=True)
class Figures:
    activities: int
    people_reached: int
    by_channel: list[tuple[str, int, int]]  # (channel, activities, people reached), most people first
    by_month: list[tuple[date, int]]  # (first day of the month, people reached), in time order
    first_day: date | None
    last_day: date | None


def figures_of(activities: Iterable[ActivityFacts]) -> Figures:
    rows = list(activities)
    reached: Counter[str] = Counter()
    count: Counter[str] = Counter()
    months: Counter[date] = Counter()
    for row in rows:
        reached[row.channel] += row.people_reached
        count[row.channel] += 1
        months[row.held_on.replace(day=1)] += row.people_reached
    by_channel = sorted(((c, count[c], reached[c]) for c in count), key=lambda r: (-r[2], r[0]))
    days = [row.held_on for row in rows]
    return Figures(
        activities=len(rows),
        people_reached=sum(reached.values()),
        by_channel=by_channel,
        by_month=sorted(months.items()),
        first_day=min(days, default=None),
        last_day=max(days, default=None),
    )
