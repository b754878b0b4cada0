"""An assessment's result for pages and the API: area means, the change since the previous one, the
weakest items and the picture, computed by the pure core (scoring.py, picture.py) from the rows."""

from __future__ import annotations

from dataclasses import dataclass

from strom.municipal import picture, scoring
from strom.municipal.models import Answer, Assessment
from strom.municipal.queries import answers_of, areas_of, previous_of


@dataclass
class Result:
    assessment: Assessment
    previous: Assessment | None
    rows: list[dict]  # per area: area, result, before, change
    overall: object
    overall_before: object
    weakest: list[Answer]
    chart: picture.BarChart


def scored_items(answers) -> list[scoring.ScoredItem]:
    return [scoring.ScoredItem(answer.item.area.code, answer.item.code, answer.score) for answer in answers]


def area_results_of(assessment: Assessment, answers=None) -> list[scoring.AreaResult]:
    answers = list(answers if answers is not None else answers_of(assessment))
    order = [area.code for area in areas_of(assessment)]
    return scoring.area_results(scored_items(answers), order)


def result_of(assessment: Assessment) -> Result:
    answers = list(answers_of(assessment))
    areas = {area.code: area for area in areas_of(assessment)}
    current = scoring.area_results(scored_items(answers), list(areas))
    previous = previous_of(assessment)
    before = area_results_of(previous) if previous is not None else None
    changes = scoring.compare(before, current)
    rows = [{"area": areas[change.area], "result": next(r for r in current if r.area == change.area),
             "now": change.now, "before": change.before, "change": change.change} for change in changes]
    weak_codes = [item.code for item in scoring.weakest(scored_items(answers))]
    by_code = {answer.item.code: answer for answer in answers}
    chart = picture.bar_chart([(areas[c.area].name, c.now, c.before) for c in changes],
                              with_before=previous is not None)
    return Result(assessment, previous, rows, scoring.overall(current),
                  scoring.overall(before) if before is not None else None,
                  [by_code[code] for code in weak_codes], chart)


def small_multiple(assessment: Assessment, areas: dict) -> tuple[list[scoring.AreaResult], picture.BarChart]:
    """One municipality's latest result as a small chart for the national view.

    `areas`: a cache {checklist id: [areas]} shared across municipalities; answers are prefetched."""
    if assessment.checklist_id not in areas:
        areas[assessment.checklist_id] = list(areas_of(assessment))
    order = [area.code for area in areas[assessment.checklist_id]]
    titles = {area.code: area.name for area in areas[assessment.checklist_id]}
    results = scoring.area_results(scored_items(assessment.answers.all()), order)
    chart = picture.bar_chart([(titles[r.area], r.mean, None) for r in results], with_before=False, width=420,
                              label_width=170, row_height=24)
    return results, chart
