"""Statistical disclosure control for the tables Strom shows (pure: no Django, no database).

In a small country every small number is a person, and hiding small cells alone does not help:
a public UN table that hid cells below 5 let about 44% of them be recomputed from its totals.
``protect`` therefore suppresses in two steps.

Primary suppression
    Every cell *and every total* with ``0 < value < threshold``. Zeros are published: a true or
    structural zero says "nobody", which discloses no one, and hiding zeros would make tables
    unreadable. A zero can never help an attacker pin down a suppressed neighbour because zeros are
    never chosen as secondary cells (see below), so the guarantee holds with zeros published.

Secondary suppression (the guarantee)
    Think of a two-dimensional table with all its margins as a bipartite graph: one node per row
    (including the total row), one node per column (including the total column), one edge per cell
    (inner cells, row totals, column totals and the grand total). Every published value is a known
    constant; every row and column is one linear equation. A suppressed cell is exactly derivable
    from the published values by linear algebra **iff its edge is a bridge** of the graph of
    suppressed cells (cutting it disconnects the graph; summing the equations on one side yields
    its value). If it lies on a cycle, adding +d/-d alternately around the cycle keeps every
    equation true. Secondary cells are chosen among cells with value > 0 only, so every cell on
    such a cycle is >= 1 and d can be +1 or -1: an attacker who also knows that counts are
    non-negative (the linear-programme attack in the tests) gets an interval with
    ``min <= value - 1`` and ``max >= value + 1`` for every suppressed cell. That protection
    interval (at least one on each side, so a "1" cannot be told from a "0") is what we guarantee;
    a wider one would cost many more cells in the sparse tables that trafficking statistics are.
    A cycle always exists: cell (i, j), its row total, its column total and the grand total form
    one, and totals are >= every cell on their line, hence positive.

    For a one-dimensional table (categories and a grand total; one equation), a suppressed value
    is derivable iff it is the only one: we then also suppress the smallest positive other cell.

Choice of secondary cells
    While some suppressed edge is a bridge (first in row-major order, totals last), we suppress the
    cheapest path between its two ends through positive cells, cost compared lexicographically as
    (totals newly suppressed, sum of values newly suppressed, cells newly suppressed); already
    suppressed cells are free. So inner cells are preferred to totals, small values to large ones,
    and ties are broken by a fixed order: the result is deterministic. It is a heuristic (the
    optimal pattern is NP-hard), but the guarantee above holds for its result, which the tests
    check with an independent linear-programme attacker.

Limits (for the callers)
    The guarantee is per table. Two tables that share categories and totals (e.g. "by sex" and
    "by sex and age" of the same cases) must be consistent: publish the 1-D table as the margin of
    the 2-D one (``ProtectedTable.row_totals``) rather than protecting it separately.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

TOTAL = "__total__"
DEFAULT_THRESHOLD = 10

PRIMARY = "primary"
SECONDARY = "secondary"


@dataclass(frozen=True)
class Table:
    name: str
    dimensions: tuple[str, ...]
    categories: tuple[tuple[str, ...], ...]
    counts: Mapping[tuple[str, ...], int] = field(default_factory=dict)

    def __post_init__(self):
        if len(self.dimensions) not in (1, 2) or len(self.categories) != len(self.dimensions):
            raise ValueError("A table has one or two dimensions, each with a declared category list.")
        for values in self.categories:
            if len(set(values)) != len(values) or TOTAL in values:
                raise ValueError("Category lists must be unique and must not contain the total marker.")
        for key, value in self.counts.items():
            if len(key) != len(self.dimensions) or any(
                    v not in cats for v, cats in zip(key, self.categories, strict=True)):
                raise ValueError(f"Count key {key!r} is not in the declared categories of {self.name}.")
            if not isinstance(value, int) or value < 0:
                raise ValueError(f"Counts must be non-negative integers ({self.name}).")

    def count(self, key: tuple[str, ...]) -> int:
        return self.counts.get(tuple(key), 0)


@dataclass(frozen=True)
class Cell:
    key: tuple[str, ...]
    value: int | None
    suppressed: bool
    reason: str = ""


@dataclass(frozen=True)
class ProtectedTable:
    table: Table
    exact: bool
    cells: tuple[Cell, ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    grand_total: Cell

    def cell(self, *key) -> Cell:
        """The cell or total at ``key`` (TOTAL in a position for a total); KeyError if undeclared."""
        return self._index[tuple(key)]

    @cached_property
    def _index(self) -> dict[tuple, Cell]:
        return {c.key: c for c in self._all()}

    def _all(self):
        yield from self.cells
        yield from self.row_totals
        yield from self.column_totals
        yield self.grand_total

    def rows(self) -> list[list[Cell]]:
        """A grid for templates and CSV. 2-D: one list per category of dimension 0 (its cells, then
        its row total), then the total row (column totals, then the grand total). 1-D: one list per
        category holding its cell, then ``[grand_total]``."""
        if len(self.table.dimensions) == 1:
            return [[c] for c in self.cells] + [[self.grand_total]]
        width = len(self.column_totals)
        grid = [list(self.cells[i * width:(i + 1) * width]) + [total]
                for i, total in enumerate(self.row_totals)]
        grid.append(list(self.column_totals) + [self.grand_total])
        return grid

    @property
    def suppressed_count(self) -> int:
        return sum(1 for c in self._all() if c.suppressed)


def protect(table: Table, *, threshold: int = DEFAULT_THRESHOLD, exact: bool = False) -> ProtectedTable:
    """Return the table with small cells suppressed so that none can be recomputed (see module doc);
    ``exact=True`` for a viewer entitled to every record behind the table: nothing is suppressed."""
    if threshold < 1:
        raise ValueError("The threshold must be at least 1.")
    values = _values(table)
    if exact:
        reasons: dict[tuple, str] = {}
    elif len(table.dimensions) == 1:
        reasons = _suppress_1d(values, threshold)
    else:
        reasons = _suppress_2d(values, table, threshold)
    return _assemble(table, values, reasons, exact)


def _values(table: Table) -> dict[tuple, int]:
    """Every cell and total of the table, keyed like ``Cell.key``."""
    values: dict[tuple, int] = {}
    if len(table.dimensions) == 1:
        for c in table.categories[0]:
            values[(c,)] = table.count((c,))
        values[(TOTAL,)] = sum(values.values())
        return values
    rows, cols = table.categories
    for r in rows:
        for c in cols:
            values[(r, c)] = table.count((r, c))
    for r in rows:
        values[(r, TOTAL)] = sum(values[(r, c)] for c in cols)
    for c in cols:
        values[(TOTAL, c)] = sum(values[(r, c)] for r in rows)
    values[(TOTAL, TOTAL)] = sum(values[(r, TOTAL)] for r in rows)
    return values


def _primary(values: Mapping[tuple, int], threshold: int) -> dict[tuple, str]:
    return {key: PRIMARY for key, value in values.items() if 0 < value < threshold}


def _suppress_1d(values: Mapping[tuple, int], threshold: int) -> dict[tuple, str]:
    reasons = _primary(values, threshold)
    if len(reasons) == 1:
        # One unknown in the single equation "cells sum to the total" is derivable: hide the
        # smallest positive other value (the total only if no cell is left).
        candidates = sorted(((key[0] == TOTAL, value, i), key) for i, (key, value) in enumerate(values.items())
                            if value > 0 and key not in reasons)
        if candidates:
            reasons[candidates[0][1]] = SECONDARY
    return reasons


def _suppress_2d(values: Mapping[tuple, int], table: Table, threshold: int) -> dict[tuple, str]:
    reasons = _primary(values, threshold)
    graph = _Graph(values, table)
    while True:
        bridge = graph.first_bridge(reasons)
        if bridge is None:
            return reasons
        for key in graph.cheapest_cycle_path(bridge, reasons):
            reasons.setdefault(key, SECONDARY)


class _Graph:
    """Rows (incl. the total row) and columns (incl. the total column) as nodes, cells as edges."""

    def __init__(self, values: Mapping[tuple, int], table: Table):
        rows = tuple(table.categories[0]) + (TOTAL,)
        cols = tuple(table.categories[1]) + (TOTAL,)
        self.values = values
        # Row-major, totals last: the order in which bridges are repaired and ties are broken.
        self.order = sorted(values, key=lambda k: (k[0] == TOTAL, k[1] == TOTAL, rows.index(k[0]), cols.index(k[1])))
        self.rank = {key: i for i, key in enumerate(self.order)}
        self.adjacent: dict[tuple, list[tuple]] = {}
        for key in self.order:
            if values[key] > 0:  # zeros never become secondary cells (see module doc)
                self.adjacent.setdefault(("r", key[0]), []).append(key)
                self.adjacent.setdefault(("c", key[1]), []).append(key)

    @staticmethod
    def ends(key: tuple) -> tuple[tuple, tuple]:
        return ("r", key[0]), ("c", key[1])

    @staticmethod
    def other(key: tuple, node: tuple) -> tuple:
        row, col = ("r", key[0]), ("c", key[1])
        return col if node == row else row

    def first_bridge(self, suppressed: Mapping[tuple, str]) -> tuple | None:
        for key in self.order:
            if key in suppressed and not self._on_cycle(key, suppressed):
                return key
        return None

    def _on_cycle(self, edge: tuple, suppressed: Mapping[tuple, str]) -> bool:
        """Is there a path of suppressed cells between the ends of ``edge`` that avoids it?"""
        start, goal = self.ends(edge)
        seen, stack = {start}, [start]
        while stack:
            node = stack.pop()
            for key in self.adjacent.get(node, ()):
                if key == edge or key not in suppressed:
                    continue
                nxt = self.other(key, node)
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    def _cost(self, key: tuple, suppressed: Mapping[tuple, str]) -> tuple[int, int, int]:
        if key in suppressed:
            return (0, 0, 0)
        return (int(TOTAL in key), self.values[key], 1)

    def cheapest_cycle_path(self, edge: tuple, suppressed: Mapping[tuple, str]) -> list[tuple]:
        """Dijkstra between the ends of ``edge`` through positive cells other than ``edge``."""
        start, goal = self.ends(edge)
        best: dict[tuple, tuple] = {start: (0, 0, 0)}
        came: dict[tuple, tuple] = {}
        heap = [((0, 0, 0), 0, start)]
        tiebreak = 1
        while heap:
            cost, _, node = heapq.heappop(heap)
            if node == goal:
                break
            if cost > best.get(node, cost):
                continue
            for key in self.adjacent.get(node, ()):
                if key == edge:
                    continue
                step = self._cost(key, suppressed)
                new = (cost[0] + step[0], cost[1] + step[1], cost[2] + step[2])
                nxt = self.other(key, node)
                if nxt not in best or new < best[nxt]:
                    best[nxt], came[nxt] = new, key
                    heapq.heappush(heap, (new, tiebreak, nxt))
                    tiebreak += 1
        if goal not in came:  # cannot happen for a positive cell (see module doc); fail loudly
            raise AssertionError("No cycle through positive cells; the table is inconsistent.")
        path, node = [], goal
        while node != start:
            key = came[node]
            path.append(key)
            node = self.other(key, node)
        return path


def _assemble(table: Table, values: Mapping[tuple, int], reasons: Mapping[tuple, str],
              exact: bool) -> ProtectedTable:
    def make(key: tuple) -> Cell:
        reason = reasons.get(key, "")
        return Cell(key=key, value=None if reason else values[key], suppressed=bool(reason), reason=reason)

    if len(table.dimensions) == 1:
        cells = tuple(make((c,)) for c in table.categories[0])
        return ProtectedTable(table, exact, cells, (), (), make((TOTAL,)))
    rows, cols = table.categories
    return ProtectedTable(
        table=table, exact=exact,
        cells=tuple(make((r, c)) for r in rows for c in cols),
        row_totals=tuple(make((r, TOTAL)) for r in rows),
        column_totals=tuple(make((TOTAL, c)) for c in cols),
        grand_total=make((TOTAL, TOTAL)),
    )
