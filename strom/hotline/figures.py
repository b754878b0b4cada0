"""The hotline's figures as plain tables: pure functions over counts the database has summed.

No disclosure control here yet: these are an organisation's own counts for its coordinators. Small
numbers must be suppressed before anything leaves the organisation (the statistics work adds that).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int
    share: float | None  # of the table's total, 0..1; None when the total is 0


def table(counts: dict[str, int], labels: list[tuple[str, str]], *, keep_empty: bool = True) -> list[Row]:
    """Rows in the order of `labels` (a vocabulary's choices), then keys no label knows (old codes,
    free codes) by count. `keep_empty` lists a vocabulary's zero rows too, so that tables line up."""
    total = sum(counts.values())
    known = dict(labels)
    rows = [(key, label, counts.get(key, 0)) for key, label in labels if keep_empty or counts.get(key)]
    others = sorted(((key, count) for key, count in counts.items() if key not in known), key=lambda kv: (-kv[1], kv[0]))
    rows += [(key, key, count) for key, count in others]
    return [Row(key, str(label), count, count / total if total else None) for key, label, count in rows]


def months_between(since: date, until: date) -> list[date]:
    """First days of every month from `since`'s to `until`'s, both included."""
    months, year, month = [], since.year, since.month
    while (year, month) <= (until.year, until.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_table(counts: dict[date, int], since: date, until: date, label=lambda month: month.isoformat()[:7]):
    """One row per month of the period, empty months included (a gap in a series reads as no data)."""
    months = months_between(since, until)
    return table({m.isoformat()[:7]: counts.get(m, 0) for m in months}, [(m.isoformat()[:7], label(m)) for m in months])
