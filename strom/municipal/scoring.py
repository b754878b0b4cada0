"""The pure core of the self-assessment: results per area, the weakest items, the comparison with the
previous assessment, and the suggestion from the share of trained frontline staff.

Plain data in, plain data out (no Django), so every rule here has its own unit tests.

- An item's score is 0 none, 1 ad hoc, 2 formal, 3 formal and reviewed; unscored items (None) are left
  out of their area's mean and counted as missing: an area with no scored item has no result (None),
  never a 0 that would look like an answer.
- An area's result is the mean of its scored items, rounded to one decimal (half up).
- The weakest items are those scored at most 1 (WEAK), lowest first, in checklist order within a score:
  they are the proposals for the action plan.
- The comparison pairs areas by code; a change exists only where both results exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MAX_SCORE = 3
WEAK = 1


@dataclass(frozen=True)
class ScoredItem:
    area: str
    code: str
    score: int | None


@dataclass(frozen=True)
class AreaResult:
    area: str
    mean: Decimal | None
    scored: int
    missing: int


@dataclass(frozen=True)
class Change:
    area: str
    before: Decimal | None
    now: Decimal | None
    change: Decimal | None


def _one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def check_score(score: int | None) -> None:
    if score is not None and (not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= MAX_SCORE):
        raise ValueError(f"A score is a whole number from 0 to {MAX_SCORE}, or None.")


def area_results(items: list[ScoredItem], area_order: list[str]) -> list[AreaResult]:
    """One result per area of `area_order` (areas without items too), in that order."""
    by_area: dict[str, list[int | None]] = {area: [] for area in area_order}
    for item in items:
        check_score(item.score)
        by_area.setdefault(item.area, []).append(item.score)
    results = []
    for area, scores in by_area.items():
        scored = [score for score in scores if score is not None]
        mean = _one_decimal(Decimal(sum(scored)) / len(scored)) if scored else None
        results.append(AreaResult(area, mean, len(scored), len(scores) - len(scored)))
    return results


def overall(results: list[AreaResult]) -> Decimal | None:
    """The mean of the areas' results (each area weighs the same, however many items it has)."""
    means = [result.mean for result in results if result.mean is not None]
    return _one_decimal(sum(means, Decimal(0)) / len(means)) if means else None


def weakest(items: list[ScoredItem]) -> list[ScoredItem]:
    """Items scored at most WEAK, lowest first; checklist order within a score (the sort is stable)."""
    for item in items:
        check_score(item.score)
    return sorted((item for item in items if item.score is not None and item.score <= WEAK),
                  key=lambda item: item.score)


def compare(previous: list[AreaResult] | None, current: list[AreaResult]) -> list[Change]:
    """The current areas with the previous result beside each, and the change where both exist."""
    before = {result.area: result.mean for result in previous or []}
    changes = []
    for result in current:
        old = before.get(result.area)
        delta = result.mean - old if result.mean is not None and old is not None else None
        changes.append(Change(result.area, old, result.mean, delta))
    return changes


def trained_share(trained: int | None, staff: int | None) -> Decimal | None:
    """The share of trained frontline staff (0–1, two decimals), or None without a usable figure."""
    if trained is None or not staff:
        return None
    if trained < 0 or staff < 0 or trained > staff:
        raise ValueError("Trained staff must be between 0 and the number of frontline staff.")
    return (Decimal(trained) / Decimal(staff)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# Shares at which the suggestion rises: any training is ad hoc; half the staff makes it a practice;
# nine in ten is what a reviewed programme reaches. A suggestion only: the coordinator decides.
TRAINED_LEVELS = ((Decimal("0.9"), 3), (Decimal("0.5"), 2), (Decimal("0.01"), 1))


def score_for_trained_share(share: Decimal | None) -> int | None:
    if share is None:
        return None
    for threshold, score in TRAINED_LEVELS:
        if share >= threshold:
            return score
    return 0
