"""Disclosure control: an independent attacker tries to recompute every suppressed cell.

The attacker knows every published value, that inner cells add up to the totals and that counts are
non-negative; it minimises and maximises each suppressed cell with a linear programme. If min == max
the cell is recomputable. We require more: min <= value - 1 and max >= value + 1 (the protection
interval stated in strom/stats/disclosure.py).
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from strom.stats.disclosure import DEFAULT_THRESHOLD, PRIMARY, SECONDARY, TOTAL, Cell, Table, protect


def attack(protected) -> dict[tuple, tuple[float, float]]:
    """LP bounds for every suppressed inner cell and total, from the published values only."""
    table = protected.table
    inner = [c.key for c in protected.cells]
    every = {c.key: c for c in protected.cells + protected.row_totals + protected.column_totals}
    every[protected.grand_total.key] = protected.grand_total
    # One variable per inner cell; totals are linear in them.
    index = {key: i for i, key in enumerate(inner)}

    def row(key):
        coeffs = np.zeros(len(inner))
        for k in inner:
            if all(part in (TOTAL, kp) for part, kp in zip(key, k, strict=True)):
                coeffs[index[k]] = 1
        return coeffs

    a_eq, b_eq = [], []
    for key, cell in every.items():
        if not cell.suppressed:
            a_eq.append(row(key))
            b_eq.append(cell.value)
    bounds = {}
    for key, cell in every.items():
        if cell.suppressed:
            objective = row(key)
            low = linprog(objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=(0, None), method="highs")
            high = linprog(-objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=(0, None), method="highs")
            assert low.status == 0 and high.status in (0, 3), table.name  # 3: unbounded above
            bounds[key] = (low.fun, np.inf if high.status == 3 else -high.fun)
    return bounds


def true_value(table, key):
    return sum(v for k, v in table.counts.items()
               if all(part in (TOTAL, kp) for part, kp in zip(key, k, strict=True)))


def assert_safe(protected, threshold=DEFAULT_THRESHOLD):
    table = protected.table
    for key, (low, high) in attack(protected).items():
        value = true_value(table, key)
        assert low <= value - 1 + 1e-6, (key, value, low, high)
        assert high >= value + 1 - 1e-6, (key, value, low, high)
    for cell in protected.cells + protected.row_totals + protected.column_totals + (protected.grand_total,):
        value = true_value(table, cell.key)
        if 0 < value < threshold:
            assert cell.suppressed and cell.reason == PRIMARY
        if cell.reason == PRIMARY:
            assert 0 < value < threshold
        if not cell.suppressed:
            assert cell.value == value and cell.reason == ""
        else:
            assert cell.value is None and value > 0  # zeros are published, never hidden
    cells = protected.cells + protected.row_totals + protected.column_totals + (protected.grand_total,)
    if not any(c.reason == PRIMARY for c in cells):
        assert protected.suppressed_count == 0  # nothing small, nothing hidden


def table_2d(rows, cols, counts):
    names_r = tuple(f"r{i}" for i in range(rows))
    names_c = tuple(f"c{j}" for j in range(cols))
    return Table("t", ("a", "b"), (names_r, names_c),
                 {(names_r[i], names_c[j]): v for (i, j), v in counts.items() if v})


# Many small cells: zeros, values under the threshold, a few large ones; sparse enough that whole
# rows, columns and totals fall under the threshold too.
small_counts = st.sampled_from((0, 0, 0, 0, 1, 1, 2, 3, 4, 6, 9, 10, 14, 25, 40))


@st.composite
def tables_2d(draw):
    rows, cols = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    values = draw(st.lists(small_counts, min_size=rows * cols, max_size=rows * cols))
    return table_2d(rows, cols, {(i, j): values[i * cols + j] for i in range(rows) for j in range(cols)})


@st.composite
def tables_1d(draw):
    values = draw(st.lists(small_counts, min_size=1, max_size=10))
    cats = tuple(f"k{i}" for i in range(len(values)))
    return Table("one", ("k",), (cats,), {(c,): v for c, v in zip(cats, values, strict=True) if v})


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables_2d(), st.sampled_from([5, 10]))
def test_no_suppressed_cell_of_a_2d_table_can_be_recomputed(table, threshold):
    assert_safe(protect(table, threshold=threshold), threshold)


@settings(max_examples=80, deadline=None)
@given(tables_1d(), st.sampled_from([5, 10]))
def test_no_suppressed_cell_of_a_1d_table_can_be_recomputed(table, threshold):
    assert_safe(protect(table, threshold=threshold), threshold)


def test_the_attacker_catches_primary_suppression_alone():
    """The attacker itself must be able to fail: one hidden cell in a row is recomputable."""
    table = table_2d(2, 2, {(0, 0): 3, (0, 1): 20, (1, 0): 15, (1, 1): 12})
    naive = protect(table)
    cells = tuple(Cell(c.key, None, True, PRIMARY) if c.key == ("r0", "c0") else
                  Cell(c.key, true_value(table, c.key), False, "") for c in naive.cells)
    published = tuple(Cell(c.key, true_value(table, c.key), False, "")
                      for c in naive.row_totals + naive.column_totals)
    leaky = type(naive)(table, False, cells, published[:2], published[2:],
                        Cell((TOTAL, TOTAL), 50, False, ""))
    assert attack(leaky)[("r0", "c0")] == pytest.approx((3, 3))


def test_one_small_cell_in_a_row_brings_a_second_one():
    table = table_2d(2, 3, {(0, 0): 1, (0, 1): 20, (0, 2): 30, (1, 0): 15, (1, 1): 12, (1, 2): 40})
    protected = protect(table)
    reasons = {c.key: c.reason for c in protected.cells if c.suppressed}
    # The cheapest cycle: the next smallest cells of the same row and column (12, 15 and 20 are
    # cheaper together than any total).
    assert reasons == {("r0", "c0"): PRIMARY, ("r0", "c1"): SECONDARY,
                       ("r1", "c0"): SECONDARY, ("r1", "c1"): SECONDARY}
    assert not any(c.suppressed for c in protected.row_totals + protected.column_totals)
    assert_safe(protected)


def test_a_row_total_under_the_threshold_is_suppressed_and_protected():
    table = table_2d(3, 2, {(0, 0): 4, (0, 1): 3, (1, 0): 25, (1, 1): 30, (2, 0): 18, (2, 1): 22})
    protected = protect(table)
    assert protected.cell("r0", TOTAL).reason == PRIMARY
    assert protected.cell("r0", "c0").reason == protected.cell("r0", "c1").reason == PRIMARY
    assert_safe(protected)


def test_zeros_beside_a_small_cell_stay_published_without_giving_it_away():
    # Row r0 is "3, 0, 0": its total is 3 as well; both are hidden, the zeros are not, and the
    # protection comes from cells of other rows and columns.
    table = table_2d(3, 3, {(0, 0): 3, (1, 0): 20, (1, 1): 14, (1, 2): 11, (2, 0): 16, (2, 1): 12, (2, 2): 25})
    protected = protect(table)
    assert protected.cell("r0", "c1").value == protected.cell("r0", "c2").value == 0
    assert protected.cell("r0", "c0").reason == protected.cell("r0", TOTAL).reason == PRIMARY
    assert_safe(protected)


def test_a_small_column_total_is_protected_even_when_its_cells_already_lie_on_a_cycle():
    # (r0, c0) and (r1, c0) are protected by a cycle of inner cells, which leaves the column total
    # 7 as a bridge: it would follow from the other column totals and the grand total.
    table = table_2d(2, 3, {(0, 0): 3, (0, 1): 20, (0, 2): 30, (1, 0): 4, (1, 1): 25, (1, 2): 40})
    protected = protect(table)
    assert protected.cell(TOTAL, "c0").reason == PRIMARY
    assert protected.cell(TOTAL, "c1").reason == SECONDARY
    assert_safe(protected)


def test_the_un_example_one_girl_in_a_country_year():
    """A public UN table hid cells under 5, yet the one girl could be recomputed from the totals."""
    sexes = ("girls", "boys", "women", "men")
    years = ("2019", "2020", "2021")
    counts = {("girls", "2019"): 1, ("boys", "2019"): 0, ("women", "2019"): 14, ("men", "2019"): 9,
              ("girls", "2020"): 6, ("women", "2020"): 11, ("men", "2020"): 12,
              ("boys", "2021"): 2, ("women", "2021"): 17, ("men", "2021"): 20}
    table = Table("by_sex_and_year", ("sex", "year"), (sexes, years), counts)
    protected = protect(table, threshold=5)
    assert protected.cell("girls", "2019").suppressed
    assert protected.cell("boys", "2019").value == 0  # a zero says "nobody" and stays
    assert_safe(protected, threshold=5)


def test_a_lone_small_category_of_a_1d_table_takes_the_smallest_other_with_it():
    table = Table("by_sex", ("sex",), (("female", "male", "other"),),
                  {("female",): 3, ("male",): 30, ("other",): 12})
    protected = protect(table)
    assert [c.reason for c in protected.cells] == [PRIMARY, "", SECONDARY]
    assert protected.grand_total.value == 45
    assert_safe(protected)


def test_declared_categories_are_all_shown_even_when_zero():
    table = Table("by_sex", ("sex",), (("female", "male", "other"),), {("male",): 30})
    protected = protect(table)
    assert [(c.key, c.value) for c in protected.cells] == [(("female",), 0), (("male",), 30), (("other",), 0)]


def test_an_entitled_viewer_sees_every_figure_exact():
    table = table_2d(2, 2, {(0, 0): 1, (0, 1): 2, (1, 1): 3})
    protected = protect(table, exact=True)
    assert protected.exact and protected.suppressed_count == 0
    assert [[c.value for c in row] for row in protected.rows()] == [[1, 2, 3], [0, 3, 3], [1, 5, 6]]


def test_the_result_is_deterministic():
    table = table_2d(4, 4, {(i, j): (i * 7 + j * 3) % 12 for i in range(4) for j in range(4)})
    assert protect(table) == protect(table)


def test_rows_lay_out_a_grid_with_totals():
    table = table_2d(2, 3, {(0, 0): 11, (1, 2): 12})
    grid = protect(table).rows()
    assert [[c.key for c in row] for row in grid] == [
        [("r0", "c0"), ("r0", "c1"), ("r0", "c2"), ("r0", TOTAL)],
        [("r1", "c0"), ("r1", "c1"), ("r1", "c2"), ("r1", TOTAL)],
        [(TOTAL, "c0"), (TOTAL, "c1"), (TOTAL, "c2"), (TOTAL, TOTAL)]]
    one = protect(Table("x", ("k",), (("a", "b"),), {("a",): 20}))
    assert [[c.key for c in row] for row in one.rows()] == [[("a",)], [("b",)], [(TOTAL,)]]


@pytest.mark.parametrize("bad", [
    {"dimensions": ("a", "b", "c"), "categories": (("x",), ("y",), ("z",))},
    {"dimensions": ("a",), "categories": (("x", "x"),)},
    {"dimensions": ("a",), "categories": ((TOTAL,),)},
    {"dimensions": ("a",), "categories": (("x",),), "counts": {("undeclared",): 1}},
    {"dimensions": ("a",), "categories": (("x",),), "counts": {("x",): -1}},
])
def test_malformed_tables_are_refused(bad):
    with pytest.raises(ValueError):
        Table(name="bad", **bad)


def test_a_threshold_below_one_is_refused():
    with pytest.raises(ValueError):
        protect(table_2d(1, 1, {}), threshold=0)
