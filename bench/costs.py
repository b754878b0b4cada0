"""Cost of assistance (strom/costs/calculate.py and report.py): a municipality's year of cases.

Every case priced line by line (recorded costs, unit costs looked up by validity, staff time with
overhead), summarised per currency with means and medians, and the tables protected by disclosure
control, vs the bare version of the arithmetic: units × cost summed per case in plain Decimal. The ratio
is the price of the rules (rate lookup, per-payer sums, per-day values, suppression); a regression (a
rate search per line that scans everything twice, a sort per group) shows as a jump.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

CASES = 3000
LINES = 8  # services delivered per case; two of them without a recorded cost
STAFF = 3  # staff time entries per case
TYPES = ("safe_accommodation", "psychological", "medical_care", "legal_counselling", "interpreting")
PAYERS = ("state", "municipality", "ngo")
FORMS = ("sexual", "labour", "domestic_servitude", "begging")


def _tariffs():
    from strom.costs import calculate as c

    unit_costs = []
    for i, service_type in enumerate(TYPES):
        for payer in PAYERS:
            for year in (2024, 2025, 2026):  # three versions each: the lookup must pick by validity
                validity = c.Validity(date(year, 1, 1), date(year, 12, 31))
                unit_costs.append(c.UnitCost(service_type, payer, "session", Decimal(20 + i + year % 10), "EUR",
                                             validity))
    return c.Tariffs(unit_costs=tuple(unit_costs),
                     staff_rates=(c.StaffRate("social worker", Decimal("18.50"), "EUR", c.Validity(date(2024, 1, 1))),),
                     overheads=(c.Overhead(Decimal("12"), c.Validity(date(2024, 1, 1))),))


def _cases(seed: int = 9):
    from strom.costs import calculate as c

    rng = random.Random(seed)  # noqa: S311 — reproducible test data, not secrets
    cases = []
    for n in range(CASES):
        start = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
        services = []
        for i in range(LINES):
            first = start + timedelta(days=rng.randrange(60))
            cost = Decimal("0") if i < 2 else Decimal(rng.randrange(10, 80))
            services.append(c.ServiceLine(rng.choice(TYPES), rng.choice(PAYERS), first,
                                          first + timedelta(days=rng.randrange(14)), Decimal(rng.randrange(1, 15)),
                                          "session", cost, "EUR"))
        staff = [c.StaffLine(start + timedelta(days=i), Decimal("1.5"), "social worker", "municipality")
                 for i in range(STAFF)]
        cases.append((str(n), rng.choice(FORMS), services, staff))
    return cases


def costs_report(limit: float):
    from bench.cases import compare
    from strom.costs import calculate as c
    from strom.costs import report

    tariffs, cases = _tariffs(), _cases()
    labels = {"payers": {p: p for p in PAYERS}, "forms": {f: f for f in (*FORMS, c.SEVERAL_FORMS, c.NO_FORM)}}

    def measured():
        entries = [report.Entry(c.figures_of(case, c.case_cost(services, staff, tariffs)), form, "riga")
                   for case, form, services, staff in cases]
        built = report.build(entries, "EUR", municipalities=None, exact=False, threshold=10, **labels)
        assert built.overall.cases == CASES and built.overall.median_per_day is not None

    def bare():
        totals = [sum((s.units * (s.unit_cost or Decimal(25)) for s in services), Decimal(0))
                  + sum((t.hours * Decimal("18.50") for t in staff), Decimal(0)) for _, _, services, staff in cases]
        assert len(totals) == CASES and sum(totals) > 0

    return compare(f"cost report, {CASES:,} cases x {LINES + STAFF} lines vs bare Decimal sums", limit, measured, bare)
