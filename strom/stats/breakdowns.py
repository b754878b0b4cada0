"""The standard tables, built from aggregated rows (pure: no database; the rows come from queries.py).

Every table declares its categories (zeros included), so that a small category neither vanishes nor
appears only when someone is counted in it (shared design §7). The tables of one report share nothing
but their grand total, so that protecting each one on its own (disclosure.protect) protects them together:
sex and age are crossed in one table instead of published twice, and the citizenship groups (own country,
another EU member state, outside the EU) are the column totals of the "by country" table instead of a
table of their own (see disclosure.py's "Limits").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from strom.stats import citizenship
from strom.stats.disclosure import Table

FEMALE, MALE, OTHER_OR_UNKNOWN = "female", "male", "other_or_unknown"
SEXES = (FEMALE, MALE, OTHER_OR_UNKNOWN)
# HTCDS prs_Gender → the sex of the Eurostat breakdown. Transgender women and men are counted with the
# gender they live in; non-conforming and unknown together (Eurostat's "unknown").
SEX_OF_GENDER = {"Feminine": FEMALE, "TransgenderFeminine": FEMALE, "Masculine": MALE,
                 "TransgenderMasculine": MALE}
AGES = ("child", "adult", "unknown")
STATUSES = ("identified", "presumed")
UNKNOWN_FORM = "unknown"
SIGNALS = "signal"


def sex_of(gender: str | None) -> str:
    return SEX_OF_GENDER.get(gender or "", OTHER_OR_UNKNOWN)


def _tally(rows: Iterable[dict], key) -> dict[tuple, int]:
    counts: Counter = Counter()
    for row in rows:
        counts[key(row)] += row["n"]
    return dict(counts)


def sex_by_age(rows: list[dict]) -> Table:
    counts = _tally(rows, lambda row: (sex_of(row["person__gender"]), row["age_group"] or "unknown"))
    return Table("sex_by_age", ("sex", "age"), (SEXES, AGES), counts)


def by_status(rows: list[dict]) -> Table:
    return Table("status", ("status",), (STATUSES,), _tally(rows, lambda row: (row["status"],)))


def citizenship_table(rows: list[dict], own_country: str, year: int) -> Table:
    """Rows: the declared countries, other countries, unknown; columns: the citizenship groups."""
    on = date(year, 1, 1)

    def key(row):
        code = row["citizenship"]
        return citizenship.country_category(code), citizenship.group_of(code, own_country, on)

    countries = (*citizenship.declared_countries(), citizenship.OTHER_COUNTRIES, citizenship.UNKNOWN)
    return Table("citizenship", ("citizenship", "citizenship_group"), (countries, citizenship.GROUPS),
                 _tally(rows, key))


def exploitation_table(rows: list[dict], forms: tuple[str, ...]) -> Table:
    def key(row):
        return (row["form"] if row["form"] in forms else UNKNOWN_FORM,)

    return Table("exploitation", ("form",), ((*forms, UNKNOWN_FORM),), _tally(rows, key))


def report_tables(rows: list[dict], own_country: str, year: int, forms: tuple[str, ...]) -> list[Table]:
    """The standard tables of registered victims of one year (domain §6), in the order shown."""
    return [by_status(rows), sex_by_age(rows), citizenship_table(rows, own_country, year),
            exploitation_table(rows, forms)]


def signals_by_year(rows: list[dict], years: tuple[int, ...]) -> Table:
    """Signals (cases not, or not yet, found to be presumed or identified victims) per registration year.
    Registered victims per year are each year's own report total, so the two never overlap."""
    labels = tuple(str(year) for year in years)
    counts = _tally([row for row in rows if row["status"] == SIGNALS and str(row["created__year"]) in labels],
                    lambda row: (str(row["created__year"]),))
    return Table("signals_by_year", ("year",), (labels,), counts)


def one_dimension(name: str, dimension: str, categories: tuple[str, ...], rows: list[dict], field: str,
                  fallback: str | None = None) -> Table:
    """A 1-D table of `rows` counted by `field`; values outside the categories go to `fallback`."""
    def key(row):
        value = row[field]
        return (value if value in categories else fallback,)

    return Table(name, (dimension,), (categories,), _tally(rows, key))


def two_dimensions(name: str, dimensions: tuple[str, str], categories: tuple[tuple[str, ...], tuple[str, ...]],
                   rows: list[dict], fields: tuple[str, str]) -> Table:
    """A 2-D table of `rows` counted by two fields whose values are all among the categories."""
    return Table(name, dimensions, categories, _tally(rows, lambda row: (row[fields[0]], row[fields[1]])))


def flows(rows: list[dict]) -> Table:
    """Referrals from organisation (rows) to organisation (columns); categories: those that took part."""
    senders = tuple(sorted({row["sender_organisation__name"] for row in rows}))
    receivers = tuple(sorted({row["receiver_organisation__name"] for row in rows}))
    counts = _tally(rows, lambda row: (row["sender_organisation__name"], row["receiver_organisation__name"]))
    return Table("referral_flows", ("sender", "receiver"), (senders, receivers), counts)
