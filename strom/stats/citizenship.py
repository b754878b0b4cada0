"""Citizenship groups (own country / another EU member state / outside the EU) and the declared list of
countries a "by country" table always shows. Pure: the lists are data (data/citizenship.toml, with their
source and the date each version took effect), read once."""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "citizenship.toml"

OWN, OTHER_EU, NON_EU, UNKNOWN = "own_country", "other_eu", "non_eu", "unknown"
GROUPS = (OWN, OTHER_EU, NON_EU, UNKNOWN)
OTHER_COUNTRIES = "other_countries"


@cache
def _data() -> dict:
    with DATA_FILE.open("rb") as handle:
        return tomllib.load(handle)


def eu_members(on: date) -> frozenset[str]:
    """The EU member states in force on `on` (the newest version that took effect by then)."""
    versions = sorted(_data()["eu"], key=lambda version: version["valid_from"], reverse=True)
    for version in versions:
        if version["valid_from"] <= on:
            return frozenset(version["members"])
    return frozenset(versions[-1]["members"])


def declared_countries() -> tuple[str, ...]:
    return tuple(_data()["declared"]["countries"])


def group_of(code: str | None, own_country: str, on: date) -> str:
    """The group of one citizenship, seen from the scope's own country."""
    if not code:
        return UNKNOWN
    code = code.upper()
    if code == own_country.upper():
        return OWN
    return OTHER_EU if code in eu_members(on) else NON_EU


def country_category(code: str | None) -> str:
    """The category of a "by country" table: a declared country, other countries, or unknown."""
    if not code:
        return UNKNOWN
    code = code.upper()
    return code if code in declared_countries() else OTHER_COUNTRIES
