"""Differentially private counts (privacy.py): every declared category, non-negative integers, the
loss OpenDP confirms, and an error bound that holds about 95% of the time."""

import math

import pytest

from strom.stats.disclosure import TOTAL, Table
from strom.stats.privacy import MECHANISM, NoisyTable, error_bound, release_counts

BY_SEX = Table("by_sex", ("sex",), (("female", "male", "other"),), {("male",): 30, ("female",): 2})


def test_every_declared_category_is_released_even_a_zero():
    released = release_counts(BY_SEX, 1.0)
    assert set(released.values) == {("female",), ("male",), ("other",)}
    assert all(isinstance(v, int) and v >= 0 for v in released.values.values())
    assert released.mechanism == MECHANISM and released.epsilon == 1.0


def test_totals_are_the_sums_of_the_released_cells():
    table = Table("t", ("a", "b"), (("x", "y"), ("p", "q", "r")), {("x", "p"): 5, ("y", "r"): 40})
    released = release_counts(table, 0.5)
    assert len(released.values) == 6
    assert released.value("x", TOTAL) == released.value("x", "p") + released.value("x", "q") + released.value("x", "r")
    assert released.value(TOTAL, TOTAL) == sum(released.values.values())


def test_the_scale_gives_no_more_loss_than_asked():
    for epsilon in (0.1, 0.3, 0.7, 1.0, 2.5):
        released = release_counts(BY_SEX, epsilon)
        assert released.scale >= 1 / epsilon
        assert math.isclose(released.scale, 1 / epsilon, rel_tol=1e-9)


def test_a_person_counted_in_several_cells_gets_proportionally_more_noise():
    released = release_counts(BY_SEX, 1.0, sensitivity=3)
    assert math.isclose(released.scale, 3.0, rel_tol=1e-9) and released.sensitivity == 3
    assert error_bound(1.0, sensitivity=3) > error_bound(1.0)
    with pytest.raises(ValueError):
        release_counts(BY_SEX, 1.0, sensitivity=0)


def test_the_error_bound_shrinks_with_epsilon_and_holds_about_95_percent():
    assert error_bound(0.1) > error_bound(1.0) > 0
    big = Table("big", ("k",), (tuple(f"k{i}" for i in range(400)),), {(f"k{i}",): 1000 for i in range(400)})
    released = release_counts(big, 0.5)
    within = sum(abs(v - 1000) <= released.error_bound for v in released.values.values())
    assert within >= 0.9 * 400  # 95% expected; 90% leaves room for chance (a test that can fail)
    assert any(v != 1000 for v in released.values.values())  # noise was added at all


def test_a_release_round_trips_through_json():
    released = release_counts(BY_SEX, 1.0)
    assert NoisyTable.from_json(released.to_json()) == released


@pytest.mark.parametrize("epsilon", [0, -1, float("nan"), float("inf")])
def test_a_meaningless_epsilon_is_refused(epsilon):
    with pytest.raises(ValueError):
        release_counts(BY_SEX, epsilon)
