"""A protected table with the words to show it: what pages, downloads, the API and the command all print.

`Figure.of(table, exact)` is the one door from a counted table to anything shown or exported: it calls
`disclosure.protect` (with the configured threshold; `exact` only for a viewer who may read every case
behind it), so no figure reaches a person without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_lazy as _

from strom.stats.disclosure import SECONDARY, TOTAL, Cell, ProtectedTable, Table
from strom.stats.disclosure_config import protect_configured

SUPPRESSED_MARK = "c"  # Eurostat's flag for a confidential value


@dataclass(frozen=True)
class Figure:
    title: str
    protected: ProtectedTable
    dimension_labels: tuple[str, ...]
    category_labels: dict = field(default_factory=dict)  # code → label, shared by both dimensions

    @classmethod
    def of(cls, table: Table, title, dimension_labels, category_labels=None, *, exact: bool) -> Figure:
        return cls(str(title), protect_configured(table, exact=exact), tuple(str(d) for d in dimension_labels),
                   {code: str(label) for code, label in (category_labels or {}).items()})

    @property
    def name(self) -> str:
        return self.protected.table.name

    @property
    def dimensions(self) -> tuple[str, ...]:
        return self.protected.table.dimensions

    @property
    def is_empty(self) -> bool:
        return not all(self.protected.table.categories)

    def label(self, code: str) -> str:
        return str(_("Total")) if code == TOTAL else self.category_labels.get(code, code)

    def header(self) -> list[str]:
        """Column headings of the grid: the first dimension, then the second's categories and Total."""
        if len(self.dimensions) == 1:
            return [self.dimension_labels[0], str(_("Number"))]
        return [f"{self.dimension_labels[0]} / {self.dimension_labels[1]}",
                *[self.label(code) for code in self.protected.table.categories[1]], str(_("Total"))]

    def grid(self) -> list[tuple[str, list[Cell]]]:
        """(row label, cells) per row, the total row last, for tables, CSV and XLSX alike."""
        if self.is_empty:
            return []
        labels = [*self.protected.table.categories[0], TOTAL]
        return [(self.label(code), cells) for code, cells in zip(labels, self.protected.rows(), strict=True)]

    def series(self) -> list[tuple[str, int | None]]:
        """What the chart draws: the cells of a 1-D table, the row totals of a 2-D one."""
        if self.is_empty:
            return []
        cells = self.protected.cells if len(self.dimensions) == 1 else self.protected.row_totals
        return [(self.label(cell.key[0]), cell.value) for cell in cells]

    def as_dict(self) -> dict:
        """The API's and the command's shape: each cell with its dimension values (None for a total)."""
        def entry(cell: Cell) -> dict:
            values = {dim: (None if code == TOTAL else code) for dim, code in zip(self.dimensions, cell.key,
                                                                                   strict=True)}
            return {"values": values, "count": cell.value, "suppressed": cell.suppressed}

        protected = self.protected
        totals = [*protected.row_totals, *protected.column_totals, protected.grand_total]
        return {"name": self.name, "title": self.title, "dimensions": list(self.dimensions),
                "exact": protected.exact, "rows": [entry(cell) for cell in protected.cells],
                "totals": [entry(cell) for cell in totals]}


def consistent(figures: list[Figure]) -> list[Figure]:
    """Figures over the same people (one report, one dashboard section) share their grand total. Protected
    one by one, a 2-D table may hide it as a secondary cell while the others publish it; an attacker would
    then take it from them and break the cycle that protects that table's cells. Such a table is shown with
    its grand total and nothing else (every other figure suppressed): safe, and rare."""
    published = {f.protected.grand_total.value for f in figures if not f.protected.grand_total.suppressed}
    return [_total_only(figure) if figure.protected.grand_total.suppressed and _total(figure) in published
            else figure for figure in figures]


def _total(figure: Figure) -> int:
    return sum(figure.protected.table.counts.values())


def _total_only(figure: Figure) -> Figure:
    protected = figure.protected

    def hide(cells):
        return tuple(Cell(c.key, None, True, c.reason or SECONDARY) for c in cells)

    return replace(figure, protected=replace(
        protected, cells=hide(protected.cells), row_totals=hide(protected.row_totals),
        column_totals=hide(protected.column_totals), grand_total=Cell(protected.grand_total.key, _total(figure),
                                                                     False)))


def display(cell: Cell) -> str:
    return SUPPRESSED_MARK if cell.suppressed else str(cell.value)
