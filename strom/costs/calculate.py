"""The cost of assistance (domain §9, after HEUNI's municipal method): pure, Decimal only, never float.

Direct cost of a case = Σ services delivered + staff hours × loaded hourly rate + overhead share.

- **A service delivered** costs units × its recorded cost per unit. The assistance form requires a cost
  per unit, so "no amount recorded" is a cost per unit of 0: such a line is priced from the unit cost
  valid on its first day (`date_from`) for its service type, payer and unit; without one it stays
  *unpriced* (counted and shown, never guessed). A service given outside the directory has no type and
  can only be priced by its recorded cost.
- **Staff time** costs hours × the loaded hourly rate of the profession valid on that day.
- **Overhead** is a percentage of the staff cost (premises, administration of the staff who work on the
  case), at the rate valid on the day of the staff time. Services are bought at providers' prices, which
  carry the providers' overheads already, so no overhead is added to them.
- Rates of the municipality come before rates of its country; among rates of one scope, the one that
  started last wins (valid_from ≤ day ≤ valid_to, an open end runs on).
- **Currencies never mix**: every sum, mean and median is per currency. Line amounts round half up to
  cents; means and medians are computed exactly and rounded once, at the end.

**Days of assistance** (no other part of Strom defines them): the calendar days from the first day of the
case's first costed line to the last day of its last one, both counted (a service delivered 1–14 March
is 14 days). Costs and days come from the same rows, so a cost per day never divides one period's
money by another period's days. A case's costs of a year are the lines that begin in that year.
A case without days (no dated line, which the models do not allow, or a hand-made figure) is left out
of the per-day mean and median and counted in `without_days`; it still counts per person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from strom.assistance.money import line_total  # units × amount, rounded half up to cents

CENT = Decimal("0.01")
ZERO = Decimal("0")
HUNDRED = Decimal("100")

# How a line got its amount.
RECORDED = "recorded"  # the cost per unit written on the delivered service
UNIT_COST = "unit_cost"  # the unit cost table
STAFF_RATE = "staff_rate"
OVERHEAD = "overhead"
UNPRICED = "unpriced"

# Scope ranks: lower wins.
MUNICIPALITY = 0
COUNTRY = 1

# The form-of-exploitation category of a case with more than one form, or none recorded; each case
# falls in exactly one category, so the rows of a table by form add up to its total.
SEVERAL_FORMS = "several"
NO_FORM = "not_recorded"


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _check_decimal(*values) -> None:
    for value in values:
        if not isinstance(value, Decimal):
            raise TypeError("Costs are computed with Decimal only, never float.")


# --- Rates ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Validity:
    valid_from: date
    valid_to: date | None = None
    scope: int = MUNICIPALITY

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class UnitCost:
    service_type: str
    payer: str
    unit: str
    amount: Decimal
    currency: str
    validity: Validity


@dataclass(frozen=True)
class StaffRate:
    profession: str
    hourly: Decimal
    currency: str
    validity: Validity


@dataclass(frozen=True)
class Overhead:
    percent: Decimal
    validity: Validity


def _valid_on(rates: Iterable, day: date, match: Callable[[object], bool]):
    """The rate that applies on `day`: the narrowest scope, then the one that started last."""
    found = [rate for rate in rates if match(rate) and rate.validity.covers(day)]
    if not found:
        return None
    return min(found, key=lambda rate: (rate.validity.scope, -rate.validity.valid_from.toordinal()))


@dataclass(frozen=True)
class Tariffs:
    unit_costs: tuple[UnitCost, ...] = ()
    staff_rates: tuple[StaffRate, ...] = ()
    overheads: tuple[Overhead, ...] = ()

    def unit_cost(self, service_type: str | None, payer: str, unit: str, day: date) -> UnitCost | None:
        if not service_type:
            return None
        return _valid_on(self.unit_costs, day, lambda rate: (rate.service_type, rate.payer, rate.unit)
                         == (service_type, payer, unit))

    def unit_costs_for(self, service_type: str, day: date) -> list[UnitCost]:
        """Every (payer, unit) priced for a service type on a day, one rate each: for forecasts."""
        keys = sorted({(rate.payer, rate.unit) for rate in self.unit_costs if rate.service_type == service_type})
        found = (self.unit_cost(service_type, payer, unit, day) for payer, unit in keys)
        return [rate for rate in found if rate is not None]

    def staff_rate(self, profession: str, day: date) -> StaffRate | None:
        return _valid_on(self.staff_rates, day, lambda rate: rate.profession == profession)

    def overhead(self, day: date) -> Overhead | None:
        return _valid_on(self.overheads, day, lambda rate: True)


# --- One case ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceLine:
    service_type: str | None
    payer: str
    date_from: date
    date_to: date
    units: Decimal
    unit: str
    unit_cost: Decimal  # as recorded; 0 means "not recorded"
    currency: str


@dataclass(frozen=True)
class StaffLine:
    on: date
    hours: Decimal
    profession: str
    payer: str


@dataclass(frozen=True)
class CostLine:
    kind: str  # "service", "staff" or "overhead"
    index: int  # which input line (services and staff numbered apart)
    payer: str
    currency: str
    amount: Decimal | None  # None: unpriced
    basis: str
    first_day: date
    last_day: date


@dataclass(frozen=True)
class CaseCost:
    lines: tuple[CostLine, ...]

    @property
    def priced(self) -> list[CostLine]:
        return [line for line in self.lines if line.amount is not None]

    @property
    def unpriced(self) -> list[CostLine]:
        return [line for line in self.lines if line.amount is None]

    def totals(self) -> dict[str, Decimal]:
        """Per currency."""
        sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for line in self.priced:
            sums[line.currency] += line.amount
        return dict(sums)

    def by_payer(self) -> dict[tuple[str, str], Decimal]:
        """Per (payer, currency)."""
        sums: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
        for line in self.priced:
            sums[(line.payer, line.currency)] += line.amount
        return dict(sums)

    def days(self) -> int:
        """Days of assistance: first to last day of the costed lines, both counted (see module doc)."""
        if not self.lines:
            return 0
        first = min(line.first_day for line in self.lines)
        last = max(line.last_day for line in self.lines)
        return (last - first).days + 1


def _service_cost(index: int, line: ServiceLine, tariffs: Tariffs) -> CostLine:
    _check_decimal(line.units, line.unit_cost)
    if line.unit_cost > 0:
        amount, currency, basis = line_total(line.units, line.unit_cost), line.currency, RECORDED
    else:
        rate = tariffs.unit_cost(line.service_type, line.payer, line.unit, line.date_from)
        if rate is None:
            amount, currency, basis = None, line.currency, UNPRICED
        else:
            amount, currency, basis = line_total(line.units, rate.amount), rate.currency, UNIT_COST
    return CostLine("service", index, line.payer, currency, amount, basis, line.date_from, line.date_to)


def _staff_costs(index: int, line: StaffLine, tariffs: Tariffs, fallback_currency: str) -> list[CostLine]:
    _check_decimal(line.hours)
    rate = tariffs.staff_rate(line.profession, line.on)
    if rate is None:
        return [CostLine("staff", index, line.payer, fallback_currency, None, UNPRICED, line.on, line.on)]
    staff = line_total(line.hours, rate.hourly)
    lines = [CostLine("staff", index, line.payer, rate.currency, staff, STAFF_RATE, line.on, line.on)]
    overhead = tariffs.overhead(line.on)
    if overhead is not None and overhead.percent:
        share = cents(staff * overhead.percent / HUNDRED)
        lines.append(CostLine("overhead", index, line.payer, rate.currency, share, OVERHEAD, line.on, line.on))
    return lines


def case_cost(services: Sequence[ServiceLine], staff: Sequence[StaffLine], tariffs: Tariffs, *,
              currency: str = "EUR") -> CaseCost:
    """Every line of a case priced; `currency` only labels unpriced staff time."""
    lines = [_service_cost(i, line, tariffs) for i, line in enumerate(services)]
    for i, line in enumerate(staff):
        lines.extend(_staff_costs(i, line, tariffs, currency))
    return CaseCost(tuple(lines))


def in_year(cost: CaseCost, year: int) -> CaseCost:
    """The lines that begin in `year` (see module doc)."""
    return CaseCost(tuple(line for line in cost.lines if line.first_day.year == year))


# --- Many cases ----------------------------------------------------------------------------------


def form_category(forms: Sequence[str]) -> str:
    unique = sorted(set(forms or ()))
    if not unique:
        return NO_FORM
    return unique[0] if len(unique) == 1 else SEVERAL_FORMS


@dataclass(frozen=True)
class CaseFigures:
    case: str  # an id, for counting and for checking who may see every case
    group: str  # e.g. a municipality id or a form category
    totals: dict[str, Decimal]  # per currency
    by_payer: dict[tuple[str, str], Decimal]
    days: int


def figures_of(case: str, cost: CaseCost, group: str = "") -> CaseFigures:
    return CaseFigures(case, group, cost.totals(), cost.by_payer(), cost.days())


def mean(values: Sequence[Decimal]) -> Decimal | None:
    return cents(sum(values, ZERO) / len(values)) if values else None


def median(values: Sequence[Decimal]) -> Decimal | None:
    """The middle value; for an even count the mean of the two middle ones. Rounded once, at the end."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    exact = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return cents(exact)


@dataclass(frozen=True)
class Summary:
    """The figures of a set of cases in one currency."""

    currency: str
    cases: tuple[str, ...]
    total: Decimal
    by_payer: dict[str, Decimal]
    mean_per_person: Decimal | None
    median_per_person: Decimal | None
    mean_per_day: Decimal | None
    median_per_day: Decimal | None
    days: tuple[int, ...] = field(default=())
    without_days: int = 0

    @property
    def mean_days(self) -> Decimal | None:
        return mean([Decimal(d) for d in self.days])


def summarise(figures: Iterable[CaseFigures], currency: str) -> Summary:
    """Mean and median per person (a case is a person) and per day over the cases with a cost in
    `currency`; per day is each case's cost ÷ its days, then the mean and median of those values."""
    chosen = [f for f in figures if currency in f.totals]
    per_person = [f.totals[currency] for f in chosen]
    with_days = [f for f in chosen if f.days > 0]
    per_day = [f.totals[currency] / Decimal(f.days) for f in with_days]
    by_payer: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for f in chosen:
        for (payer, code), amount in f.by_payer.items():
            if code == currency:
                by_payer[payer] += amount
    return Summary(currency=currency, cases=tuple(sorted(f.case for f in chosen)), total=sum(per_person, ZERO),
                   by_payer=dict(by_payer), mean_per_person=mean(per_person),
                   median_per_person=median(per_person), mean_per_day=mean(per_day),
                   median_per_day=median(per_day), days=tuple(sorted(f.days for f in with_days)),
                   without_days=len(chosen) - len(with_days))


def currencies_of(figures: Iterable[CaseFigures]) -> list[str]:
    return sorted({code for f in figures for code in f.totals})


def summarise_groups(figures: Sequence[CaseFigures], currency: str) -> dict[str, Summary]:
    groups: dict[str, list[CaseFigures]] = defaultdict(list)
    for f in figures:
        groups[f.group].append(f)
    return {group: summarise(members, currency) for group, members in groups.items()}


# --- Forecast ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedLine:
    service_type: str
    label: str
    date_from: date
    date_to: date | None


@dataclass(frozen=True)
class ForecastLine:
    index: int
    payer: str | None
    unit: str | None
    units: Decimal
    amount: Decimal | None
    currency: str | None
    assumption: str  # a code the page words: see ASSUMPTIONS in views


# How many units a planned service takes, when its plan says only from when to when.
PER_DAY_UNITS = ("day", "night")
PER_WEEK_UNITS = ("hour", "session")


def planned_units(unit: str, days: int) -> tuple[Decimal, str]:
    if unit in PER_DAY_UNITS:
        return Decimal(days), "per_day"
    if unit in PER_WEEK_UNITS:
        return Decimal((days + 6) // 7), "per_week"
    return Decimal(1), "once"


def forecast(planned: Sequence[PlannedLine], tariffs: Tariffs, *, open_end_days: int | None,
             payer_order: Sequence[str] = ()) -> list[ForecastLine]:
    """Σ planned services × unit costs over the planned period, one line per planned service.
    Assumptions (returned per line): a day or night unit once per day, an hour or session once a
    week (weeks begun), an item once; a service without an end date runs `open_end_days` (the
    national basket) or is not forecast; a service type priced for several payers or units is
    forecast at the first in `payer_order` (then by unit), never for all of them at once."""
    rank = {payer: i for i, payer in enumerate(payer_order)}
    lines: list[ForecastLine] = []
    for index, line in enumerate(planned):
        if line.date_to is None and not open_end_days:
            lines.append(ForecastLine(index, None, None, ZERO, None, None, "no_end"))
            continue
        end = line.date_to or line.date_from + timedelta(days=open_end_days - 1)
        rates = sorted(tariffs.unit_costs_for(line.service_type, line.date_from),
                       key=lambda rate: (rank.get(rate.payer, len(rank)), rate.payer, rate.unit))
        if not rates:
            lines.append(ForecastLine(index, None, None, ZERO, None, None, "no_unit_cost"))
            continue
        rate = rates[0]
        units, how = planned_units(rate.unit, (end - line.date_from).days + 1)
        how += "+basket" if line.date_to is None else ""
        how += "+several" if len(rates) > 1 else ""
        lines.append(ForecastLine(index, rate.payer, rate.unit, units, line_total(units, rate.amount), rate.currency,
                                  how))
    return lines


def forecast_by_payer(lines: Iterable[ForecastLine]) -> dict[tuple[str, str], Decimal]:
    sums: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        if line.amount is not None:
            sums[(line.payer, line.currency)] += line.amount
    return dict(sums)
