"""The country rule file and `rule_for`: versions, the flagged fallback, strict reading of the file."""

from datetime import date
from textwrap import dedent

import pytest
from django_countries.fields import Country
from hypothesis import given, settings
from hypothesis import strategies as st

from strom.lib.country_rules import (
    RULES_FILE,
    Confidence,
    FallbackReason,
    Length,
    RuleFileError,
    Unit,
    load_rules,
    normalise_country,
    rule_book,
    rule_for,
)

REGION = ("LV", "LT", "EE", "PL", "SE", "DK", "NO", "FI", "DE", "NL")


# --- lengths -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "length"), [
    ("30 days", Length(30, Unit.DAYS)),
    ("1 day", Length(1, Unit.DAYS)),
    ("3 months", Length(3, Unit.MONTHS)),
    ("1 month", Length(1, Unit.MONTHS)),
    ("10 working days", Length(10, Unit.WORKING_DAYS)),
    ("1 working day", Length(1, Unit.WORKING_DAYS)),
    ("2 years", Length(24, Unit.MONTHS)),
    ("  6 months ", Length(6, Unit.MONTHS)),
])
def test_lengths_are_read_from_plain_text(text, length):
    assert Length.parse(text) == length


@pytest.mark.parametrize("text", ["thirty days", "30", "30 weeks", "-1 days", "1.5 months", "", None, 30])
def test_a_text_that_is_no_length_is_refused(text):
    with pytest.raises(ValueError, match="is not a length"):
        Length.parse(text)


def test_a_length_is_written_back_as_it_was_read():
    assert str(Length.parse("10 working days")) == "10 working days"
    assert str(Length(3, Unit.MONTHS)) == "3 months"


def test_a_negative_length_is_refused():
    with pytest.raises(ValueError, match="zero or more"):
        Length(-1)


# --- country codes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("given_code", "code"), [
    ("LV", "LV"), ("lv", "LV"), (" pl ", "PL"), (Country("DE"), "DE"),
    ("", ""), (None, ""), ("ZZ", ""), ("Latvia", ""), ("LVA", ""),
])
def test_country_codes_are_normalised_or_emptied(given_code, code):
    assert normalise_country(given_code) == code


# --- the project's rule file -------------------------------------------------------------------------


def test_the_rule_file_reads_and_covers_the_region():
    book = load_rules(RULES_FILE)
    assert set(REGION) <= set(book.countries())


@pytest.mark.parametrize("country", REGION)
def test_every_official_provision_has_a_source_and_every_rule_a_reflection_period(country):
    rule = rule_for(country, date(2026, 1, 1))
    assert not rule.is_fallback
    assert rule.reflection.adult.amount >= 30 or rule.reflection.adult.unit == Unit.MONTHS
    for name in rule.PROVISIONS:
        provision = getattr(rule, name)
        if provision.confidence == Confidence.OFFICIAL:
            assert provision.sources, f"{country}.{name} is official without a source"
            assert all(source.citation for source in provision.sources)


@pytest.mark.parametrize(("country", "adult", "child"), [
    # domain facts §3, each stated in the rule file with its source
    ("LV", Length(30), Length(30)),
    ("EE", Length(30), Length(30)),
    ("PL", Length(3, Unit.MONTHS), Length(4, Unit.MONTHS)),
    ("SE", Length(30), Length(30)),
    ("DK", Length(30), Length(30)),
    ("NO", Length(6, Unit.MONTHS), Length(6, Unit.MONTHS)),
    ("DE", Length(3, Unit.MONTHS), Length(3, Unit.MONTHS)),
    ("NL", Length(3, Unit.MONTHS), Length(3, Unit.MONTHS)),
])
def test_the_reflection_periods_of_the_region(country, adult, child):
    rule = rule_for(country, date(2026, 1, 1))
    assert (rule.reflection.adult, rule.reflection.child) == (adult, child)


def test_denmark_extends_to_at_most_120_days_and_finland_grants_up_to_six_months():
    assert rule_for("DK", date(2026, 1, 1)).reflection.extension.max_total == Length(120)
    assert rule_for("FI", date(2026, 1, 1)).reflection.maximum == Length(6, Unit.MONTHS)
    assert rule_for("EE", date(2026, 1, 1)).reflection.maximum == Length(60)


@pytest.mark.parametrize("country", REGION)
def test_the_holiday_categories_and_sources_of_the_file_are_usable(country):
    from strom.lib.deadlines import working_calendar

    rule = rule_for(country, date(2026, 1, 1))
    calendar = working_calendar(country, "", rule.working_days.holiday_categories)
    assert calendar.known and not calendar.notices  # every category exists for the country
    for name in rule.PROVISIONS:
        for source in getattr(rule, name).sources:
            assert not source.url or source.url.startswith("https://"), source.url


def test_lithuania_is_stored_as_needing_verification_never_as_fact():
    rule = rule_for("LT", date(2026, 1, 1))
    assert rule.reflection.confidence == Confidence.NEEDS_VERIFICATION
    assert "reflection" in rule.unverified
    assert rule.needs_verification


def test_sweden_is_partly_verified_its_permit_needs_verification():
    rule = rule_for("SE", date(2026, 1, 1))
    assert rule.residence_permit.confidence == Confidence.NEEDS_VERIFICATION
    assert "residence_permit" in rule.unverified
    # Statutory time limits in Sweden treat Midsummer Eve, Christmas Eve and New Year's Eve as holidays.
    assert "de_facto" in rule.working_days.holiday_categories


@pytest.mark.parametrize("country", REGION)
def test_no_retention_period_is_presented_as_fact_without_a_source(country):
    retention = rule_for(country, date(2026, 1, 1)).retention
    assert retention.sources or retention.confidence == Confidence.NEEDS_VERIFICATION
    assert retention.after_closure == Length(120, Unit.MONTHS)


def test_a_country_without_a_rule_gets_the_council_of_europe_minimum_flagged():
    rule = rule_for("IS", date(2026, 1, 1))
    assert rule.is_fallback and rule.fallback_reason == FallbackReason.NO_RULE
    assert rule.country == "IS"
    assert rule.reflection.adult == Length(30) and rule.reflection.child == Length(30)
    assert "CETS No. 197" in rule.reflection.sources[0].citation
    assert rule.needs_verification


@pytest.mark.parametrize("country", ["", None, "ZZ", "not a country", 42])
def test_an_empty_or_unknown_code_gets_the_fallback_never_an_exception(country):
    rule = rule_for(country, date(2026, 1, 1))
    assert rule.is_fallback and rule.fallback_reason == FallbackReason.NO_RULE and rule.country == ""


def test_a_date_before_the_first_version_gets_the_fallback_flagged_as_not_in_force():
    # Poland's rule starts with the Act on Foreigners in force on 1 May 2014.
    assert rule_for("PL", date(2014, 5, 1)).reflection.child == Length(4, Unit.MONTHS)
    before = rule_for("PL", date(2014, 4, 30))
    assert before.is_fallback and before.fallback_reason == FallbackReason.NOT_IN_FORCE
    assert before.country == "PL"


def test_rule_for_defaults_to_today():
    assert rule_for("PL") == rule_for("PL", date.today())


def test_a_provision_a_country_leaves_out_is_the_fallbacks_and_stays_flagged():
    rule = rule_for("LV", date(2026, 1, 1))
    assert rule.retention == rule_book().fallback.retention
    assert "retention" in rule.unverified


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=5), st.none(), st.integers()), st.dates())
def test_rule_for_answers_for_any_code_and_date(country, day):
    rule = rule_for(country, day)
    assert rule.reflection.adult.amount >= 1
    assert rule.is_fallback or rule.in_force_on(day)


# --- versions and strict reading ---------------------------------------------------------------------

FALLBACK = """
schema = 1
[fallback]
valid_from = 2008-02-01
[fallback.reflection]
adult = "30 days"
confidence = "needs_verification"
[fallback.residence_permit]
confidence = "needs_verification"
[fallback.identification]
confidence = "needs_verification"
[fallback.retention]
after_closure = "5 years"
confidence = "needs_verification"
[fallback.working_days]
confidence = "needs_verification"
"""

TWO_VERSIONS = FALLBACK + """
[[rules]]
country = "PL"
valid_from = 2030-01-01
[rules.reflection]
adult = "2 months"
confidence = "needs_verification"

[[rules]]
country = "PL"
valid_from = 2014-05-01
[rules.reflection]
adult = "3 months"
child = "4 months"
confidence = "official"
[[rules.reflection.sources]]
citation = "Act on Foreigners, Art. 170"
"""


def write(tmp_path, text):
    path = tmp_path / "rules.toml"
    path.write_text(dedent(text), encoding="utf-8")
    return path


def test_each_version_is_in_force_until_the_day_before_the_next(tmp_path):
    book = load_rules(write(tmp_path, TWO_VERSIONS))
    old, new = book.rule_for("PL", date(2029, 12, 31)), book.rule_for("PL", date(2030, 1, 1))
    assert old.reflection.adult == Length(3, Unit.MONTHS) and old.valid_until == date(2029, 12, 31)
    assert new.reflection.adult == Length(2, Unit.MONTHS) and new.valid_until is None
    assert new.reflection.child == Length(2, Unit.MONTHS)  # no child length: as for an adult
    assert [rule.valid_from for rule in book.versions["PL"]] == [date(2014, 5, 1), date(2030, 1, 1)]
    assert old.in_force_on(date(2014, 5, 1)) and not old.in_force_on(date(2030, 1, 1))


@pytest.mark.parametrize(("text", "message"), [
    (FALLBACK.replace("schema = 1", "schema = 2"), "schema 1"),
    (FALLBACK.replace('adult = "30 days"', 'adult = "thirty days"'), r"fallback\.reflection\.adult"),
    (FALLBACK.replace('adult = "30 days"', 'adult = "30 days"\nadults = "31 days"'), "unknown key.*adults"),
    (FALLBACK.replace('after_closure = "5 years"', 'after_closure = "90 working days"'), "not working days"),
    (FALLBACK.replace("valid_from = 2008-02-01", 'valid_from = "2008"'), "expected a date"),
    (FALLBACK.replace('confidence = "needs_verification"\n[fallback.residence',
                      'confidence = "official"\n[fallback.residence'), "needs at least one source"),
    (FALLBACK.replace('confidence = "needs_verification"\n[fallback.residence',
                      'confidence = "sure"\n[fallback.residence'), "expected one of"),
    (FALLBACK.split("[fallback.working_days]")[0], "missing key.*working_days"),
    (FALLBACK + '[[rules]]\ncountry = "lv"\nvalid_from = 2010-01-01\n', "ISO 3166-1"),
    (FALLBACK + '[[rules]]\ncountry = "XX"\nvalid_from = 2010-01-01\n', "ISO 3166-1"),
    (FALLBACK + '[[rules]]\nvalid_from = 2010-01-01\n', "missing key.*country"),
    (FALLBACK + '[[rules]]\ncountry = "LV"\nvalid_from = 2010-01-01\n' * 2, "two versions valid from 2010-01-01"),
    (FALLBACK + '[[rules]]\ncountry = "LV"\nvalid_from = 2010-01-01\n[rules.reflection]\nadult = "30 days"\n'
                'confidence = "needs_verification"\n[rules.reflection.extension]\nmax_count = 0\n', "max_count"),
    (FALLBACK + '[[rules]]\ncountry = "LV"\nvalid_from = 2010-01-01\n[rules.working_days]\n'
                'holiday_categories = []\nconfidence = "needs_verification"\n', "holiday_categories"),
    (FALLBACK + '[[rules]]\ncountry = "LV"\nvalid_from = 2010-01-01\n[rules.residence_permit]\n'
                'renewable = "yes"\nconfidence = "needs_verification"\n', "renewable"),
    ("schema = 1\n[fallback\n", "rules.toml"),
])
def test_a_bad_rule_file_is_refused_with_the_place_named(tmp_path, text, message):
    with pytest.raises(RuleFileError, match=message):
        load_rules(write(tmp_path, text))
