"""The report's tables through disclosure control (pure: no database)."""

from __future__ import annotations

from decimal import Decimal as D

from strom.costs import calculate as c
from strom.costs import report
from strom.stats.disclosure import TOTAL

PAYERS = {"state": "State", "municipality": "Municipality", "ngo": "NGO"}
FORMS = {"labour": "Labour", "sexual": "Sexual", c.SEVERAL_FORMS: "Several", c.NO_FORM: "Not recorded"}


def entry(i, total, *, form="labour", municipality="riga", payers=("state",), days=10):
    share = D(total) / len(payers)
    figures = c.CaseFigures(str(i), "", {"EUR": D(total)}, {(p, "EUR"): share for p in payers}, days)
    return report.Entry(figures, form, municipality)


def rows(table):
    return {row.key: row for row in table}


def test_below_the_threshold_everything_is_withheld_unless_exact():
    entries = [entry(i, "100.00") for i in range(4)]
    withheld = report.build(entries, "EUR", payers=PAYERS, forms=FORMS, municipalities=None, exact=False, threshold=5)
    assert withheld.withheld and withheld.overall.total is None and withheld.by_form == []
    exact = report.build(entries, "EUR", payers=PAYERS, forms=FORMS, municipalities=None, exact=True, threshold=5)
    assert not exact.withheld and exact.overall.total == D("400.00") and exact.overall.cases == 4
    assert not any(row.suppressed for row in exact.by_form + exact.by_payer)


def test_a_small_form_is_suppressed_with_a_second_so_that_neither_can_be_recomputed():
    entries = ([entry(i, "100.00") for i in range(6)] + [entry(10, "900.00", form="sexual")]
               + [entry(11 + i, "50.00", form=c.SEVERAL_FORMS) for i in range(3)])
    built = report.build(entries, "EUR", payers=PAYERS, forms=FORMS, municipalities=None, exact=False, threshold=5)
    by_form = rows(built.by_form)
    assert by_form["sexual"].suppressed and by_form["sexual"].total is None
    assert by_form[c.SEVERAL_FORMS].suppressed  # else sexual = total − labour − several
    assert by_form["labour"].total == D("600.00") and by_form["labour"].median_per_person == D("100.00")
    assert by_form[c.NO_FORM].cases == 0  # a zero names no one and is shown
    assert by_form[TOTAL].total == D("1650.00") and by_form[TOTAL].cases == 10


def test_the_table_by_payer_counts_a_case_under_each_of_its_payers():
    entries = [entry(i, "100.00", payers=("state", "ngo")) for i in range(5)] + [entry(9, "80.00")]
    built = report.build(entries, "EUR", payers=PAYERS, forms=FORMS, municipalities=None, exact=False, threshold=5)
    by_payer = rows(built.by_payer)
    assert by_payer["state"].cases == 6 and by_payer["state"].total == D("330.00")
    assert by_payer["ngo"].cases == 5 and by_payer["ngo"].total == D("250.00")
    assert by_payer["municipality"].cases == 0 and by_payer[TOTAL].total == D("580.00")


def test_the_table_by_municipality_is_built_only_when_asked():
    entries = [entry(i, "10.00", municipality="riga") for i in range(5)] + [entry(9, "99.00", municipality="jelgava")]
    built = report.build(entries, "EUR", payers=PAYERS, forms=FORMS, exact=False, threshold=5,
                         municipalities={"riga": "Rīga", "jelgava": "Jelgava", "ogre": "Ogre"})
    by_place = rows(built.by_municipality)
    assert by_place["jelgava"].suppressed and by_place["riga"].suppressed  # a lone small cell takes a partner
    assert by_place["ogre"].cases == 0 and by_place[TOTAL].total == D("149.00")
    assert report.build(entries, "EUR", payers=PAYERS, forms=FORMS, municipalities=None, exact=False,
                        threshold=5).by_municipality == []


def test_per_day_figures_and_mean_days_reach_the_report():
    entries = [entry(0, "300.00", days=10), entry(1, "100.00", days=4), entry(2, "50.00", days=1)]
    built = report.build(entries, "EUR", payers=PAYERS, forms=FORMS, municipalities=None, exact=True, threshold=5)
    # per day 30, 25, 50 → mean 35.00, median 30.00; days 10, 4, 1 → mean 5.00
    assert (built.overall.mean_per_day, built.overall.median_per_day, built.mean_days) == (D("35.00"), D("30.00"),
                                                                                            D("5.00"))


def test_a_report_takes_only_the_cases_of_its_currency():
    entries = [entry(i, "10.00") for i in range(5)]
    assert report.build(entries, "USD", payers=PAYERS, forms=FORMS, municipalities=None, exact=False,
                        threshold=5).withheld


def test_one_municipality_stays_hidden_when_the_table_by_municipality_hides_it():
    places = {"riga": "Rīga", "jelgava": "Jelgava", "ogre": "Ogre"}
    options = {"payers": PAYERS, "forms": FORMS, "municipalities": places, "exact": False, "threshold": 5}
    riga = [entry(i, "10.00", municipality="riga") for i in range(5)]
    jelgava = [entry(9, "99.00", municipality="jelgava")]
    # Rīga alone has five cases, but the national table hid it as the partner of Jelgava's one case:
    # showing it alone would give Jelgava = total − Rīga.
    assert report.build_within(riga + jelgava, "riga", "EUR", **options).withheld
    # With seven in Rīga and six in Ogre, Ogre is Jelgava's partner and Rīga may be shown alone.
    more = riga + [entry(30 + i, "10.00", municipality="riga") for i in range(2)]
    ogre = [entry(20 + i, "20.00", municipality="ogre") for i in range(6)]
    table = rows(report.build(more + jelgava + ogre, "EUR", **options).by_municipality)
    assert table["jelgava"].suppressed and table["ogre"].suppressed and not table["riga"].suppressed
    shown = report.build_within(more + jelgava + ogre, "riga", "EUR", **options)
    assert not shown.withheld and shown.overall.total == D("70.00") and shown.by_municipality == []
    assert report.build_within(more + jelgava + ogre, "ogre", "EUR", **options).withheld
