"""Money in assistance records: ISO 4217 codes checked against babel's list, the country's currency
as the default, and totals kept per currency (amounts in different currencies are never added)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import get_currency_name, get_territory_currencies, list_currencies
from django.utils.translation import get_language

CENT = Decimal("0.01")


def is_currency(code: str) -> bool:
    return bool(code) and code.upper() == code and code in list_currencies()


def default_currency(country_code: str, *, on: date | None = None) -> str:
    """The currency a country uses today (EUR for Latvia, Lithuania, Estonia, Germany …)."""
    found = get_territory_currencies(str(country_code or "").upper(), start_date=on or date.today(), tender=True)
    return found[0] if found else "EUR"


def currency_name(code: str) -> str:
    try:
        return get_currency_name(code, locale=(get_language() or "en").replace("-", "_"))
    except ValueError:
        return code


def currency_choices() -> list[tuple[str, str]]:
    return sorted(((code, f"{code} · {get_currency_name(code, locale='en')}") for code in list_currencies()),
                  key=lambda pair: pair[0])


def line_total(units: Decimal, unit_cost: Decimal) -> Decimal:
    return (units * unit_cost).quantize(CENT, rounding=ROUND_HALF_UP)


def totals(rows, key) -> dict:
    """Sum the rows' totals per (key(row), currency); never across currencies."""
    sums: dict = defaultdict(lambda: Decimal("0.00"))
    for row in rows:
        sums[(key(row), row.currency)] += row.total
    return dict(sums)
