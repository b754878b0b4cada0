"""Differentially private counts for public releases (OpenDP), without Django.

Every declared category of the table is released, zeros included, so that a small category never
vanishes and an absent category says nothing. ``sensitivity`` is how much one person can change the
vector of counts in L1 norm: 1 when she counts in at most one cell (victims by sex); k when she can
count in up to k cells (victims by form of exploitation, where several forms apply) or be counted
in k cases. The caller declares it (``release_tables.PublicTable.sensitivity``); too small a value
would silently weaken the guarantee.

Mechanism: OpenDP's ``make_laplace`` on an integer vector, i.e. the discrete Laplace (geometric)
mechanism with scale sensitivity/epsilon, epsilon-differentially private under that sensitivity.
Integers avoid the floating-point pitfalls of the continuous Laplace mechanism, so we enable only
OpenDP's "contrib" feature (the library's unvetted-but-proven constructors), neither
"floating-point" nor "honest-but-curious". The scale is nudged up until OpenDP's own privacy map
confirms that the loss is at most the requested epsilon.

Post-processing (free of further privacy loss): negative noisy counts become 0; totals are the sums
of the released inner cells, so a release is internally consistent. The 95% error bound is per
inner cell: with probability 0.95 a released cell differs from the true count by at most it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from strom.stats.disclosure import TOTAL, Table

MECHANISM = "discrete_laplace"
ALPHA = 0.05  # the error bound holds with probability 1 - ALPHA


@dataclass(frozen=True)
class NoisyTable:
    """A released table: declared categories, the noisy inner counts and how they were made."""

    name: str
    dimensions: tuple[str, ...]
    categories: tuple[tuple[str, ...], ...]
    values: dict[tuple[str, ...], int]
    mechanism: str
    epsilon: float
    scale: float
    error_bound: int
    sensitivity: int = 1

    def value(self, *key) -> int:
        """An inner cell or a total (TOTAL in a position sums over that dimension)."""
        return sum(v for k, v in self.values.items()
                   if all(part in (TOTAL, kp) for part, kp in zip(key, k, strict=True)))

    def to_json(self) -> dict:
        return {"name": self.name, "dimensions": list(self.dimensions),
                "categories": [list(c) for c in self.categories],
                "values": [[list(k), v] for k, v in self.values.items()],
                "mechanism": self.mechanism, "epsilon": self.epsilon, "scale": self.scale,
                "error_bound": self.error_bound, "sensitivity": self.sensitivity}

    @classmethod
    def from_json(cls, data: dict) -> NoisyTable:
        return cls(name=data["name"], dimensions=tuple(data["dimensions"]),
                   categories=tuple(tuple(c) for c in data["categories"]),
                   values={tuple(k): v for k, v in data["values"]},
                   mechanism=data["mechanism"], epsilon=data["epsilon"], scale=data["scale"],
                   error_bound=data["error_bound"], sensitivity=data.get("sensitivity", 1))

    def rows(self) -> list[tuple[tuple[str, ...], int]]:
        """(key, value) of every inner cell in declared order, then the grand total."""
        keys = _keys(self.categories)
        return [(k, self.values[k]) for k in keys] + [((TOTAL,) * len(self.dimensions), self.value(
            *(TOTAL,) * len(self.dimensions)))]


def _keys(categories: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    if len(categories) == 1:
        return [(c,) for c in categories[0]]
    return [(r, c) for r in categories[0] for c in categories[1]]


def _opendp():
    """OpenDP, loaded when a release is prepared (about 0.4 s): not on every worker's start."""
    import opendp.prelude as dp

    dp.enable_features("contrib")  # the discrete Laplace mechanism is in OpenDP's "contrib" set
    return dp


def _accuracy(scale: float) -> int:
    from opendp.accuracy import discrete_laplacian_scale_to_accuracy

    return math.ceil(discrete_laplacian_scale_to_accuracy(scale, ALPHA))


def _measurement(size: int, epsilon: float, sensitivity: int = 1):
    if not (isinstance(epsilon, float | int) and math.isfinite(epsilon) and epsilon > 0):
        raise ValueError("epsilon must be a positive number.")
    if not (isinstance(sensitivity, int) and sensitivity >= 1):
        raise ValueError("sensitivity must be a whole number of at least 1.")
    dp = _opendp()
    domain = dp.vector_domain(dp.atom_domain(T=int), size=size)
    scale = sensitivity / epsilon
    while True:
        measurement = dp.m.make_laplace(domain, dp.l1_distance(T=int), scale=scale)
        if measurement.map(sensitivity) <= epsilon:
            return measurement, scale
        scale = math.nextafter(scale, math.inf)  # float rounding put the loss a hair above epsilon


def error_bound(epsilon: float, sensitivity: int = 1) -> int:
    """Half-width of the 95% interval of one released cell at this epsilon (for the preview)."""
    _, scale = _measurement(1, epsilon, sensitivity)
    return _accuracy(scale)


def release_counts(table: Table, epsilon: float, sensitivity: int = 1) -> NoisyTable:
    """Draw the noisy counts of every declared inner cell. Spends ``epsilon``: call it only from the
    ledger's service, which records the loss first (strom/stats/release_services.py)."""
    keys = _keys(table.categories)
    measurement, scale = _measurement(len(keys), float(epsilon), sensitivity)
    noisy = measurement([table.count(k) for k in keys])
    return NoisyTable(
        name=table.name, dimensions=table.dimensions, categories=table.categories,
        values={k: max(0, int(v)) for k, v in zip(keys, noisy, strict=True)},
        mechanism=MECHANISM, epsilon=float(epsilon), scale=scale,
        error_bound=_accuracy(scale), sensitivity=sensitivity,
    )
