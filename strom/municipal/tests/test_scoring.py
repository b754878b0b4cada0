"""The pure core: area results, overall, weakest items, comparison, trained share, the bar picture."""

from __future__ import annotations

from decimal import Decimal

import pytest

from strom.municipal import picture, scoring
from strom.municipal.scoring import ScoredItem as I  # noqa: N817


def test_area_mean_rounds_half_up_and_leaves_unscored_out():
    results = scoring.area_results([I("a", "a1", 1), I("a", "a2", 2), I("a", "a3", None), I("a", "a4", 2),
                                    I("b", "b1", 3), I("b", "b2", 0), I("b", "b3", 0), I("b", "b4", 0)],
                                   ["a", "b"])
    assert results[0] == scoring.AreaResult("a", Decimal("1.7"), 3, 1)  # 5/3 = 1.666…
    assert results[1] == scoring.AreaResult("b", Decimal("0.8"), 4, 0)  # 3/4 = 0.75 → 0.8 (half up)


def test_area_without_scores_has_no_result_not_zero():
    results = scoring.area_results([I("a", "a1", None)], ["a", "b"])
    assert results == [scoring.AreaResult("a", None, 0, 1), scoring.AreaResult("b", None, 0, 0)]
    assert scoring.overall(results) is None


def test_areas_follow_the_given_order_and_unknown_areas_come_last():
    results = scoring.area_results([I("z", "z1", 1), I("b", "b1", 2), I("x", "x1", 3)], ["b", "z"])
    assert [r.area for r in results] == ["b", "z", "x"]


def test_overall_weighs_areas_equally():
    results = scoring.area_results([I("a", "1", 3), I("a", "2", 3), I("a", "3", 3), I("b", "4", 0)], ["a", "b"])
    assert scoring.overall(results) == Decimal("1.5")


@pytest.mark.parametrize("score", [-1, 4, 1.5, True, "2"])
def test_scores_out_of_range_are_refused(score):
    with pytest.raises(ValueError):
        scoring.area_results([I("a", "a1", score)], ["a"])
    with pytest.raises(ValueError):
        scoring.weakest([I("a", "a1", score)])


def test_weakest_are_scores_up_to_one_lowest_first_in_checklist_order():
    items = [I("a", "a1", 1), I("a", "a2", 2), I("b", "b1", 0), I("b", "b2", None), I("c", "c1", 1), I("c", "c2", 0)]
    assert [item.code for item in scoring.weakest(items)] == ["b1", "c2", "a1", "c1"]


def test_compare_pairs_areas_and_changes_only_where_both_exist():
    before = scoring.area_results([I("a", "1", 1), I("b", "2", 2)], ["a", "b"])
    now = scoring.area_results([I("a", "1", 3), I("c", "3", 1)], ["a", "b", "c"])
    changes = scoring.compare(before, now)
    assert changes == [scoring.Change("a", Decimal("1.0"), Decimal("3.0"), Decimal("2.0")),
                       scoring.Change("b", Decimal("2.0"), None, None),
                       scoring.Change("c", None, Decimal("1.0"), None)]
    assert all(change.before is None for change in scoring.compare(None, now))


@pytest.mark.parametrize(("trained", "staff", "share", "score"), [
    (None, 10, None, None), (5, None, None, None), (0, 0, None, None),
    (0, 10, Decimal("0.00"), 0), (1, 200, Decimal("0.01"), 1), (1, 201, Decimal("0.00"), 0),
    (4, 10, Decimal("0.40"), 1), (5, 10, Decimal("0.50"), 2), (89, 100, Decimal("0.89"), 2),
    (9, 10, Decimal("0.90"), 3), (10, 10, Decimal("1.00"), 3),
])
def test_trained_share_and_its_suggestion(trained, staff, share, score):
    assert scoring.trained_share(trained, staff) == share
    assert scoring.score_for_trained_share(share) == score


def test_more_trained_than_staff_is_refused():
    with pytest.raises(ValueError):
        scoring.trained_share(11, 10)


def test_bar_widths_scale_to_three_and_missing_values_draw_nothing():
    chart = picture.bar_chart([("A", Decimal("3.0"), Decimal("1.5")), ("B", None, None)], with_before=True,
                              width=400, label_width=100)
    assert chart.plot_width == 250
    assert chart.bars[0].width == 250 and chart.bars[0].before_width == 125
    assert chart.bars[1].width == 0 and chart.bars[1].value == "—" and chart.bars[1].before_value == "—"
    assert [value for _x, value in chart.ticks] == [0, 1, 2, 3]
    assert chart.bars[1].y > chart.bars[0].before_y  # rows do not overlap
    single = picture.bar_chart([("A", Decimal("1.0"), None)], with_before=False)
    assert single.bars[0].before_y is None
