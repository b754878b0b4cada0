"""The tables that may be released to the public, declared by the areas that build them.

A public table has a fixed, declared category list (``disclosure.Table.categories``), so that every
category is released, zeros included. The statistics area registers its builders here, e.g.::

    register(PublicTable(dataset=Dataset.CASES, name="victims_by_sex", label=_("Victims by sex"),
                         build=lambda organisation, year: Table(...)))

``sensitivity`` is in how many cells one person can count (1 for a partition such as sex; the
most forms of exploitation one victim can have for a table by form). ``build(organisation, year)``
returns the exact counts for the organisation's country and year; only the release service calls
it, after the privacy-loss ledger allowed the release.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from strom.stats.disclosure import Table


@dataclass(frozen=True)
class PublicTable:
    dataset: str
    name: str
    label: str
    build: Callable[[object, int], Table]
    sensitivity: int = 1  # in how many cells one person can count (see privacy.py)
    dimension_labels: tuple = ()  # the dimensions' names as readers see them (else their codes)


PUBLIC_TABLES: dict[tuple[str, str], PublicTable] = {}


def register(table: PublicTable) -> PublicTable:
    PUBLIC_TABLES[(table.dataset, table.name)] = table
    return table


def unregister(dataset: str, name: str) -> None:
    PUBLIC_TABLES.pop((dataset, name), None)


def public_table(dataset: str, name: str) -> PublicTable | None:
    return PUBLIC_TABLES.get((dataset, name))


def title_of(dataset: str, name: str) -> str:
    """What readers call a released table: its declared label, its code if no longer declared."""
    table = public_table(dataset, name)
    return str(table.label) if table else name


def choices() -> list[tuple[str, str]]:
    """("dataset:name", label) for forms."""
    return [(f"{t.dataset}:{t.name}", str(t.label)) for t in PUBLIC_TABLES.values()]
