"""Disclosure control (strom/stats/disclosure.py): secondary suppression on sparse tables.

protect() on many generated tables with many small cells vs the bare version of the same pass:
building every cell and total and marking the small ones (primary suppression only). The ratio is
the price of making sure no suppressed cell can be recomputed; a regression (an extra pass per
bridge, a path search that forgets the free edges) shows as a jump.
"""

from __future__ import annotations

import random

TABLES = 40
SIZE = 15  # 15 × 15 inner cells: a country's victims by nationality and form of exploitation


def generated_tables(seed: int = 11) -> list:
    from strom.stats.disclosure import Table

    rng = random.Random(seed)  # noqa: S311 — reproducible test data, not secrets
    rows = tuple(f"r{i}" for i in range(SIZE))
    cols = tuple(f"c{j}" for j in range(SIZE))
    tables = []
    for n in range(TABLES):
        counts = {(r, c): rng.choice((0, 0, 1, 2, 3, 5, 8, 12, 30)) for r in rows for c in cols}
        tables.append(Table(f"t{n}", ("a", "b"), (rows, cols), {k: v for k, v in counts.items() if v}))
    return tables


def disclosure_protect(limit: float):
    from bench.cases import compare
    from strom.stats import disclosure

    tables = generated_tables()

    def protected():
        results = [disclosure.protect(t) for t in tables]
        assert all(r.suppressed_count > 0 for r in results)

    def primary_only():
        marked = [disclosure._primary(disclosure._values(t), disclosure.DEFAULT_THRESHOLD) for t in tables]
        assert all(marked)

    return compare(f"disclosure protect, {TABLES} tables {SIZE}x{SIZE}", limit, protected, primary_only)
