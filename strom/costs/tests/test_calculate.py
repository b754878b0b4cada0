"""The pure cost core: hand computations, the rules of which rate applies, and properties."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strom.costs import calculate as c

V = c.Validity
MARCH = date(2026, 3, 1)


def tariffs():
    return c.Tariffs(
        unit_costs=(
            c.UnitCost("medical_care", "municipality", "item", D("60.50"), "EUR", V(date(2025, 1, 1))),
            # The country's rate started later, but the municipality's own rate comes first.
            c.UnitCost("medical_care", "municipality", "item", D("70.00"), "EUR", V(date(2026, 1, 1), scope=c.COUNTRY)),
            c.UnitCost("safe_accommodation", "state", "night", D("30.00"), "EUR",
                       V(date(2025, 1, 1), date(2025, 12, 31))),
            c.UnitCost("safe_accommodation", "state", "night", D("35.00"), "EUR", V(date(2026, 1, 1))),
            c.UnitCost("psychological", "ngo", "session", D("45.00"), "EUR", V(date(2025, 1, 1))),
        ),
        staff_rates=(c.StaffRate("social worker", D("28.40"), "EUR", V(date(2025, 1, 1))),),
        overheads=(c.Overhead(D("15"), V(date(2025, 1, 1))),),
    )


def service(service_type, payer, units, unit, unit_cost, *, start=MARCH, end=MARCH, currency="EUR"):
    return c.ServiceLine(service_type, payer, start, end, D(units), unit, D(unit_cost), currency)


def known_case():
    services = [
        service("safe_accommodation", "state", "14", "night", "35.00", end=date(2026, 3, 14)),  # recorded
        service("psychological", "ngo", "3", "session", "45.00", end=date(2026, 3, 20)),  # recorded
        service("medical_care", "municipality", "2", "item", "0"),  # from the municipality's unit cost
        service("legal_counselling", "ngo", "1.5", "hour", "0"),  # no unit cost: unpriced
    ]
    staff = [c.StaffLine(date(2026, 3, 2), D("2.5"), "social worker", "municipality")]
    return c.case_cost(services, staff, tariffs())


def test_a_case_with_known_services_gives_the_exact_totals_by_payer():
    # Hand computation: state 14 × 35.00 = 490.00; NGO 3 × 45.00 = 135.00; municipality 2 × 60.50
    # = 121.00 + staff 2.5 h × 28.40 = 71.00 + overhead 15 % of 71.00 = 10.65 → 202.65.
    cost = known_case()
    assert cost.by_payer() == {("state", "EUR"): D("490.00"), ("ngo", "EUR"): D("135.00"),
                               ("municipality", "EUR"): D("202.65")}
    assert cost.totals() == {"EUR": D("827.65")}
    assert [line.basis for line in cost.lines] == [c.RECORDED, c.RECORDED, c.UNIT_COST, c.UNPRICED,
                                                   c.STAFF_RATE, c.OVERHEAD]
    assert len(cost.unpriced) == 1 and cost.unpriced[0].amount is None


def test_days_of_assistance_run_from_the_first_to_the_last_day_both_counted():
    assert known_case().days() == 20  # 1 March to 20 March
    one = c.case_cost([service("psychological", "ngo", "1", "session", "45.00")], [], tariffs())
    assert one.days() == 1
    assert c.CaseCost(()).days() == 0


def test_a_recorded_cost_per_unit_wins_over_the_table():
    cost = c.case_cost([service("medical_care", "municipality", "2", "item", "10.00")], [], tariffs())
    assert cost.lines[0].amount == D("20.00") and cost.lines[0].basis == c.RECORDED


def test_the_unit_cost_valid_on_the_first_day_applies():
    old = service("safe_accommodation", "state", "10", "night", "0", start=date(2025, 12, 31), end=date(2026, 1, 9))
    new = service("safe_accommodation", "state", "10", "night", "0", start=date(2026, 1, 1), end=date(2026, 1, 10))
    cost = c.case_cost([old, new], [], tariffs())
    assert [line.amount for line in cost.lines] == [D("300.00"), D("350.00")]


def test_no_unit_cost_before_its_validity_nor_for_another_payer_unit_or_a_service_outside_the_directory():
    lines = [service("medical_care", "municipality", "1", "item", "0", start=date(2024, 12, 31)),
             service("medical_care", "state", "1", "item", "0"),
             service("medical_care", "municipality", "1", "day", "0"),
             service(None, "municipality", "1", "item", "0")]
    assert all(line.basis == c.UNPRICED for line in c.case_cost(lines, [], tariffs()).lines)


def test_the_country_rate_applies_where_the_municipality_has_none():
    rates = c.Tariffs(unit_costs=(c.UnitCost("medical_care", "state", "item", D("70.00"), "EUR",
                                             V(date(2026, 1, 1), scope=c.COUNTRY)),))
    cost = c.case_cost([service("medical_care", "state", "1", "item", "0")], [], rates)
    assert cost.lines[0].amount == D("70.00")


def test_among_rates_of_one_scope_the_latest_start_wins_and_an_ended_rate_stops():
    rates = (c.StaffRate("lawyer", D("40.00"), "EUR", V(date(2025, 1, 1))),
             c.StaffRate("lawyer", D("44.00"), "EUR", V(date(2025, 7, 1), date(2025, 12, 31))))
    tariff = c.Tariffs(staff_rates=rates)
    assert tariff.staff_rate("lawyer", date(2025, 6, 30)).hourly == D("40.00")
    assert tariff.staff_rate("lawyer", date(2025, 7, 1)).hourly == D("44.00")
    assert tariff.staff_rate("lawyer", date(2025, 12, 31)).hourly == D("44.00")
    assert tariff.staff_rate("lawyer", date(2026, 1, 1)).hourly == D("40.00")
    assert tariff.staff_rate("lawyer", date(2024, 12, 31)) is None


def test_staff_time_without_a_rate_is_unpriced_and_has_no_overhead():
    cost = c.case_cost([], [c.StaffLine(MARCH, D("3"), "interpreter", "ngo")], tariffs())
    assert [(line.basis, line.amount) for line in cost.lines] == [(c.UNPRICED, None)]
    assert cost.totals() == {}


def test_no_overhead_without_a_valid_rate():
    rates = c.Tariffs(staff_rates=(c.StaffRate("social worker", D("20.00"), "EUR", V(date(2025, 1, 1))),),
                      overheads=(c.Overhead(D("10"), V(date(2027, 1, 1))),))
    cost = c.case_cost([], [c.StaffLine(MARCH, D("1"), "social worker", "municipality")], rates)
    assert cost.totals() == {"EUR": D("20.00")}


def test_line_amounts_round_half_up_to_cents():
    cost = c.case_cost([service("x", "ngo", "0.5", "hour", "0.05")], [], tariffs())  # 0.025
    assert cost.lines[0].amount == D("0.03")


def test_currencies_never_mix():
    lines = [service("x", "ngo", "1", "item", "10.00"), service("x", "ngo", "1", "item", "7.00", currency="USD")]
    cost = c.case_cost(lines, [], tariffs())
    assert cost.totals() == {"EUR": D("10.00"), "USD": D("7.00")}
    assert cost.by_payer() == {("ngo", "EUR"): D("10.00"), ("ngo", "USD"): D("7.00")}


def test_floats_are_refused():
    with pytest.raises(TypeError):
        c.case_cost([c.ServiceLine("x", "ngo", MARCH, MARCH, 1.5, "item", D("1"), "EUR")], [], tariffs())


def test_a_year_keeps_the_lines_that_begin_in_it():
    lines = [service("x", "ngo", "1", "item", "10.00", start=date(2025, 12, 20), end=date(2026, 1, 5)),
             service("x", "ngo", "1", "item", "5.00", start=date(2026, 1, 6), end=date(2026, 1, 6))]
    cost = c.case_cost(lines, [], tariffs())
    assert c.in_year(cost, 2025).totals() == {"EUR": D("10.00")}
    assert c.in_year(cost, 2025).days() == 17
    assert c.in_year(cost, 2026).totals() == {"EUR": D("5.00")}
    assert c.in_year(cost, 2024).lines == ()


def figures(case, total, days, payer="state", currency="EUR", group=""):
    return c.CaseFigures(case, group, {currency: D(total)}, {(payer, currency): D(total)}, days)


def test_mean_and_median_per_person_and_per_day_match_a_hand_computation():
    cases = [figures("a", "900.00", 30), figures("b", "100.00", 3, payer="ngo"), figures("c", "450.00", 10),
             figures("d", "200.00", 0)]
    summary = c.summarise(cases, "EUR")
    # Per person: 900, 100, 450, 200 → mean 1650 / 4 = 412.50; median (200 + 450) / 2 = 325.00.
    assert summary.total == D("1650.00")
    assert summary.mean_per_person == D("412.50")
    assert summary.median_per_person == D("325.00")
    # Per day, "d" has no days: 30.00, 33.333…, 45.00 → mean 108.333… / 3 = 36.11; median 33.33.
    assert summary.mean_per_day == D("36.11")
    assert summary.median_per_day == D("33.33")
    assert summary.without_days == 1
    assert summary.by_payer == {"state": D("1550.00"), "ngo": D("100.00")}
    assert summary.mean_days == D("14.33")  # (30 + 3 + 10) / 3


def test_the_mean_is_rounded_once_at_the_end():
    # Per day 0.333… each: rounding each first would give 3 × 0.33 / 3 = 0.33 too, but 2 / 3 + 0 …
    cases = [figures("a", "1.00", 3), figures("b", "1.00", 3), figures("c", "0.02", 1)]
    # exact: (1/3 + 1/3 + 0.02) / 3 = 0.228888… → 0.23; rounding each first: (0.33 + 0.33 + 0.02) / 3 = 0.2266… → 0.23
    assert c.summarise(cases, "EUR").mean_per_day == D("0.23")
    cases = [figures("a", "0.01", 2), figures("b", "0.01", 2)]  # 0.005 each: exact median 0.005 → 0.01
    assert c.summarise(cases, "EUR").median_per_day == D("0.01")


def test_a_summary_takes_only_the_cases_with_a_cost_in_its_currency():
    cases = [figures("a", "10.00", 1), figures("b", "99.00", 1, currency="USD")]
    summary = c.summarise(cases, "EUR")
    assert summary.cases == ("a",) and summary.total == D("10.00")
    assert c.currencies_of(cases) == ["EUR", "USD"]


def test_an_empty_summary_has_no_mean_or_median():
    summary = c.summarise([], "EUR")
    assert summary.total == 0 and summary.mean_per_person is None and summary.median_per_day is None


def test_groups_are_summarised_apart():
    cases = [figures("a", "10.00", 1, group="riga"), figures("b", "30.00", 1, group="riga"),
             figures("c", "5.00", 1, group="vilnius")]
    groups = c.summarise_groups(cases, "EUR")
    assert groups["riga"].mean_per_person == D("20.00") and groups["vilnius"].total == D("5.00")


def test_each_case_falls_in_one_form_category():
    assert c.form_category(["labour"]) == "labour"
    assert c.form_category(["labour", "labour"]) == "labour"
    assert c.form_category(["sexual", "labour"]) == c.SEVERAL_FORMS
    assert c.form_category([]) == c.NO_FORM


def plan(service_type, start, end):
    return c.PlannedLine(service_type, service_type, start, end)


def test_a_forecast_prices_the_planned_period_and_names_its_assumptions():
    planned = [plan("safe_accommodation", date(2026, 6, 1), date(2026, 6, 30)),  # 30 nights × 35.00
               plan("psychological", date(2026, 6, 1), date(2026, 6, 30)),  # 5 weeks begun × 45.00
               plan("medical_care", date(2026, 6, 1), date(2026, 6, 30)),  # one item × 60.50
               plan("safe_accommodation", date(2026, 6, 1), None),  # the basket: 180 nights × 35.00
               plan("interpreting", date(2026, 6, 1), date(2026, 6, 2))]  # no unit cost
    lines = c.forecast(planned, tariffs(), open_end_days=180)
    assert [(line.units, line.amount, line.assumption) for line in lines] == [
        (D(30), D("1050.00"), "per_day"), (D(5), D("225.00"), "per_week"), (D(1), D("60.50"), "once"),
        (D(180), D("6300.00"), "per_day+basket"), (D(0), None, "no_unit_cost")]
    assert c.forecast_by_payer(lines) == {("state", "EUR"): D("7350.00"), ("ngo", "EUR"): D("225.00"),
                                          ("municipality", "EUR"): D("60.50")}


def test_a_forecast_without_an_end_or_a_basket_is_not_made():
    lines = c.forecast([plan("safe_accommodation", date(2026, 6, 1), None)], tariffs(), open_end_days=None)
    assert lines[0].assumption == "no_end" and lines[0].amount is None


def test_a_service_type_priced_for_several_payers_is_forecast_once_at_the_first_payer():
    rates = c.Tariffs(unit_costs=(c.UnitCost("shelter", "ngo", "night", D("20.00"), "EUR", V(date(2026, 1, 1))),
                                  c.UnitCost("shelter", "state", "night", D("35.00"), "EUR", V(date(2026, 1, 1)))))
    lines = c.forecast([plan("shelter", date(2026, 6, 1), date(2026, 6, 2))], rates, open_end_days=None,
                       payer_order=("state", "municipality", "ngo"))
    assert len(lines) == 1 and lines[0].payer == "state" and lines[0].amount == D("70.00")
    assert lines[0].assumption == "per_day+several"


amounts = st.decimals(min_value=D("0.01"), max_value=D("100000"), places=2, allow_nan=False, allow_infinity=False)


# The machine is shared: slow generation is not a failure of ours.
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(st.lists(st.tuples(amounts, st.integers(min_value=1, max_value=400),
                          st.sampled_from(["state", "municipality", "ngo"])), min_size=1, max_size=12))
def test_properties_of_a_summary(rows):
    cases = [figures(str(i), str(total), days, payer=payer) for i, (total, days, payer) in enumerate(rows)]
    summary = c.summarise(cases, "EUR")
    values = [D(str(total)) for total, _, _ in rows]
    assert summary.total == sum(values) == sum(summary.by_payer.values())
    assert min(values) <= summary.median_per_person <= max(values)
    assert min(values) <= summary.mean_per_person <= max(values)
    per_day = [D(str(total)) / days for total, days, _ in rows]
    assert c.cents(min(per_day)) <= summary.median_per_day <= c.cents(max(per_day))
    assert c.summarise(list(reversed(cases)), "EUR") == summary


@QUICK
@given(st.lists(st.tuples(st.decimals(min_value=D("0"), max_value=D("1000"), places=2),
                          st.decimals(min_value=D("0"), max_value=D("500"), places=2),
                          st.sampled_from(["state", "ngo"])), max_size=20))
def test_a_case_total_is_the_sum_of_its_payers(rows):
    lines = [service("psychological", payer, str(units), "session", str(cost)) for units, cost, payer in rows]
    cost = c.case_cost(lines, [], tariffs())
    assert sum(cost.by_payer().values(), D(0)) == sum(cost.totals().values(), D(0))
    assert all(line.amount == c.cents(line.amount) for line in cost.priced)
