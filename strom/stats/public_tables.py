"""The standard yearly report's tables, offered for public release (differential privacy, release_*.py).

Each is the same table the report shows, for the whole country of the releasing organisation (the
national coordinator's office), with its declared categories so that every category is released, zeros
included. Every victim counts in exactly one cell of each table (the report counts her first citizenship
and her case's first form), so the sensitivity is 1.
"""

from __future__ import annotations

from strom.network.vocabularies import ExploitationForm
from strom.stats import breakdowns, queries, reports
from strom.stats.disclosure import Table
from strom.stats.models import Dataset
from strom.stats.release_tables import PublicTable, register


def _builder(name: str):
    def build(organisation, year: int) -> Table:
        country = str(organisation.country)
        scope = queries.Scope(queries.COUNTRY, country, organisation.country.name, country)
        tables = breakdowns.report_tables(queries.victim_cube(scope, year), country, year,
                                          tuple(ExploitationForm.values))
        return next(table for table in tables if table.name == name)
    return build


def register_report_tables() -> None:
    for name, (label, dimension_labels) in reports.TITLES.items():
        register(PublicTable(dataset=Dataset.CASES, name=name, label=label, build=_builder(name),
                             dimension_labels=dimension_labels))
