"""The pure parts: citizenship groups as versioned data, the standard tables from aggregated rows, charts."""

from datetime import date

import pytest

from strom.stats import breakdowns, citizenship
from strom.stats.charts import bar_chart
from strom.stats.disclosure import TOTAL, protect


def row(n, status="presumed", gender="Feminine", age="adult", code="LV", form="sexual"):
    return {"status": status, "person__gender": gender, "age_group": age, "citizenship": code, "form": form, "n": n}


@pytest.mark.parametrize(("code", "own", "on", "group"), [
    ("LV", "LV", date(2025, 1, 1), citizenship.OWN),
    ("lv", "LV", date(2025, 1, 1), citizenship.OWN),
    ("LT", "LV", date(2025, 1, 1), citizenship.OTHER_EU),
    ("UA", "LV", date(2025, 1, 1), citizenship.NON_EU),
    ("GB", "LV", date(2019, 6, 1), citizenship.OTHER_EU),  # before the withdrawal
    ("GB", "LV", date(2021, 1, 1), citizenship.NON_EU),
    ("HR", "LV", date(2010, 1, 1), citizenship.OTHER_EU),  # older than the oldest version: that one
    (None, "LV", date(2025, 1, 1), citizenship.UNKNOWN),
    ("", "LV", date(2025, 1, 1), citizenship.UNKNOWN),
])
def test_citizenship_groups_follow_the_membership_in_force(code, own, on, group):
    assert citizenship.group_of(code, own, on) == group


def test_every_eu_version_has_a_source_and_27_or_28_members():
    data = citizenship._data()
    for version in data["eu"]:
        assert version["source"] and len(version["members"]) in (27, 28)
    assert citizenship.country_category("VN") == "VN"
    assert citizenship.country_category("BR") == citizenship.OTHER_COUNTRIES
    assert citizenship.country_category(None) == citizenship.UNKNOWN


def test_sex_follows_the_gender_lived_in_and_groups_the_rest():
    assert [breakdowns.sex_of(g) for g in ("Feminine", "TransgenderMasculine", "NonConforming", None)] == [
        "female", "male", "other_or_unknown", "other_or_unknown"]


def test_every_report_table_adds_up_to_the_same_total_and_declares_zero_categories():
    rows = [row(3), row(2, status="identified", gender="Masculine", age="child", code="UA", form="labour"),
            row(4, gender="NonSpecifiedUnknown", age="unknown", code=None, form=None),
            row(1, code="BR", form="surrogacy")]
    tables = breakdowns.report_tables(rows, "LV", 2025, ("sexual", "labour", "surrogacy"))
    assert [t.name for t in tables] == ["status", "sex_by_age", "citizenship", "exploitation"]
    for table in tables:
        assert protect(table, exact=True).grand_total.value == 10
    by_sex = protect(tables[1], exact=True)
    assert by_sex.cell("female", "adult").value == 4 and by_sex.cell("other_or_unknown", TOTAL).value == 4
    assert by_sex.cell("male", "unknown").value == 0  # declared, shown as zero
    people = protect(tables[2], exact=True)
    assert people.cell(TOTAL, "own_country").value == 3 and people.cell(TOTAL, "non_eu").value == 3
    assert people.cell("other_countries", "non_eu").value == 1 and people.cell("unknown", "unknown").value == 4
    forms = protect(tables[3], exact=True)
    assert forms.cell("unknown").value == 4 and forms.cell("surrogacy").value == 1


def test_signals_by_year_counts_only_signals_of_the_years_shown():
    rows = [{"status": "signal", "created__year": 2024, "n": 5}, {"status": "presumed", "created__year": 2024, "n": 7},
            {"status": "signal", "created__year": 2019, "n": 9}]
    table = breakdowns.signals_by_year(rows, (2023, 2024))
    assert table.counts == {("2024",): 5}


def test_flows_declare_the_organisations_that_took_part():
    rows = [{"sender_organisation__name": "A", "receiver_organisation__name": "B", "n": 2},
            {"sender_organisation__name": "B", "receiver_organisation__name": "C", "n": 1}]
    table = breakdowns.flows(rows)
    assert table.categories == (("A", "B"), ("B", "C")) and table.count(("A", "B")) == 2


def test_a_suppressed_value_draws_no_bar_and_shows_the_mark():
    chart = bar_chart([("Female", 40), ("Male", None), ("Other", 0), ("Child", 20)], "c")
    assert [(bar.width, bar.text) for bar in chart.bars] == [(360, "40"), (0, "c"), (0, "0"), (180, "20")]
    assert chart.height == 16 + 4 * 24 and chart.bars[1].suppressed
    assert bar_chart([], "c").bars == []


def test_a_table_hiding_a_grand_total_the_others_publish_keeps_only_that_total():
    from dataclasses import replace

    from strom.stats.disclosure import Cell
    from strom.stats.figures import Figure, consistent

    one = Figure.of(breakdowns.by_status([row(12), row(8, status="identified")]), "s", ("s",), exact=False)
    grid = protect(breakdowns.sex_by_age([row(12), row(8, gender="Masculine")]))
    hidden = replace(grid, grand_total=Cell(grid.grand_total.key, None, True, "secondary"))
    other = Figure.of(breakdowns.by_status([row(3)]), "t", ("t",), exact=False)  # other people, total 3
    first, second, third = consistent([one, Figure("g", hidden, ("a", "b")), other])
    assert first is one and third is other
    assert second.protected.grand_total.value == 20 and not second.protected.grand_total.suppressed
    assert all(c.suppressed for c in (*second.protected.cells, *second.protected.row_totals,
                                      *second.protected.column_totals))
    assert consistent([one, Figure("g", grid, ("a", "b"))])[1].protected is grid  # nothing to mend
