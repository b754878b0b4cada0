"""The figures of municipalities and a year as tables a viewer may see (pure: no Django, no database).

Money tables are protected through their case counts: each table is first a table of how many cases are
behind each row, given to disclosure control (`strom.stats.disclosure.protect`); a row whose count is
suppressed shows none of its figures (cases, total, mean, median), and the total row likewise. The money
of a row adds up to the total as its count does (forms and municipalities partition the cases: a case
with several forms is "several forms"), so the suppression pattern that keeps a count from being
recomputed keeps its money from being recomputed too. By payer, one case may count under several payers;
the table's count is then the number of (case, payer) pairs. The whole report is withheld when fewer
cases than the threshold are behind it. `exact=True` (a viewer who may read every case behind the
figures) suppresses nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from strom.costs import calculate as calc
from strom.stats.disclosure import TOTAL, Table, protect


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    suppressed: bool
    cases: int | None = None
    total: Decimal | None = None
    mean_per_person: Decimal | None = None
    median_per_person: Decimal | None = None
    mean_per_day: Decimal | None = None
    median_per_day: Decimal | None = None


@dataclass(frozen=True)
class CurrencyReport:
    currency: str
    withheld: bool
    overall: Row
    by_payer: list[Row] = field(default_factory=list)
    by_form: list[Row] = field(default_factory=list)
    by_municipality: list[Row] = field(default_factory=list)
    mean_days: Decimal | None = None
    without_days: int = 0


@dataclass(frozen=True)
class Entry:
    figures: calc.CaseFigures
    form: str
    municipality: str


def _row(key: str, label: str, summary: calc.Summary, suppressed: bool) -> Row:
    if suppressed:
        return Row(key, label, True)
    return Row(key, label, False, len(summary.cases), calc.cents(summary.total), summary.mean_per_person,
               summary.median_per_person, summary.mean_per_day, summary.median_per_day)


def _grouped(entries: Sequence[Entry], currency: str, group, labels: Mapping[str, str], name: str, *, exact: bool,
             threshold: int, total_label: str) -> list[Row]:
    """One row per category (declared in `labels`, zeros too) and the total row, suppressed by count."""
    summaries = calc.summarise_groups([calc.CaseFigures(e.figures.case, group(e), e.figures.totals,
                                                        e.figures.by_payer, e.figures.days) for e in entries],
                                      currency)
    empty = calc.summarise([], currency)
    counts = {(key,): len(summaries[key].cases) for key in labels if key in summaries}
    table = protect(Table(name, (name,), (tuple(labels),), counts), threshold=threshold, exact=exact)
    rows = [_row(key, label, summaries.get(key, empty), table.cell(key).suppressed) for key, label in labels.items()]
    everyone = calc.summarise([e.figures for e in entries], currency)
    return rows + [_row(TOTAL, total_label, everyone, table.cell(TOTAL).suppressed)]


def _by_payer(summary: calc.Summary, entries: Sequence[Entry], currency: str, labels: Mapping[str, str], *,
              exact: bool, threshold: int, total_label: str) -> list[Row]:
    counts = {}
    for payer in labels:
        n = sum(1 for e in entries if (payer, currency) in e.figures.by_payer)
        if n:
            counts[(payer,)] = n
    table = protect(Table("payer", ("payer",), (tuple(labels),), counts), threshold=threshold, exact=exact)
    rows = []
    for payer, label in labels.items():
        hidden = table.cell(payer).suppressed
        rows.append(Row(payer, label, hidden, None if hidden else counts.get((payer,), 0),
                        None if hidden else calc.cents(summary.by_payer.get(payer, calc.ZERO))))
    hidden = table.cell(TOTAL).suppressed
    return rows + [Row(TOTAL, total_label, hidden, None if hidden else len(summary.cases),
                       None if hidden else calc.cents(summary.total))]


def build(entries: Sequence[Entry], currency: str, *, payers: Mapping[str, str], forms: Mapping[str, str],
          municipalities: Mapping[str, str] | None, exact: bool, threshold: int,
          total_label: str = "Total") -> CurrencyReport:
    """The report of one currency. `municipalities` (id → name) adds the table by municipality."""
    mine = [e for e in entries if currency in e.figures.totals]
    summary = calc.summarise([e.figures for e in mine], currency)
    if not exact and len(summary.cases) < threshold:
        return CurrencyReport(currency, True, Row(TOTAL, total_label, True))
    options = {"exact": exact, "threshold": threshold, "total_label": total_label}
    return CurrencyReport(
        currency, False, _row(TOTAL, total_label, summary, False),
        by_payer=_by_payer(summary, mine, currency, payers, **options),
        by_form=_grouped(mine, currency, lambda e: e.form, forms, "form", **options),
        by_municipality=(_grouped(mine, currency, lambda e: e.municipality, municipalities, "municipality", **options)
                         if municipalities else []),
        mean_days=summary.mean_days, without_days=summary.without_days)


def build_within(entries: Sequence[Entry], municipality: str, currency: str, *, payers: Mapping[str, str],
                 forms: Mapping[str, str], municipalities: Mapping[str, str], exact: bool, threshold: int,
                 total_label: str = "Total") -> CurrencyReport:
    """One municipality's report for a viewer who also sees the table by municipality (a national
    coordinator): withheld when that table suppresses the municipality, even as a secondary cell, or
    her view of it alone would publish what the table hides (its figures = the total − the others)."""
    options = {"payers": payers, "forms": forms, "exact": exact, "threshold": threshold, "total_label": total_label}
    whole = build(entries, currency, municipalities=municipalities, **options)
    row = next((r for r in whole.by_municipality if r.key == municipality), None)
    if whole.withheld or row is None or row.suppressed:
        return CurrencyReport(currency, True, Row(TOTAL, total_label, True))
    return build([e for e in entries if e.municipality == municipality], currency, municipalities=None, **options)
