"""The deadline core. Every expected date is worked out by hand in its comment, from the calendar
and the national public holidays, never from the code under test."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strom.lib.country_rules import Length, Unit, rule_for
from strom.lib.deadlines import (
    AlertKind,
    Ending,
    EndReason,
    Extension,
    NoticeCode,
    Renewal,
    WorkingCalendar,
    add_months,
    alerts_due,
    answer_alert,
    answer_due,
    calendar_for_rule,
    continue_after,
    describe,
    holiday_subdivisions,
    last_day,
    permit_alert,
    reflection_alert,
    reflection_period,
    reflection_period_for,
    residence_permit,
    retention_erase_from,
    review_alert,
    sort_alerts,
    task_alert,
    working_calendar,
)

D = date
DAYS, MONTHS, WORKING = Unit.DAYS, Unit.MONTHS, Unit.WORKING_DAYS
WEEKENDS_ONLY = WorkingCalendar()  # no country: Saturdays and Sundays are the only days off


def rule(country, on=None):
    return rule_for(country, on or D(2026, 1, 1))


def codes(notices):
    return {notice.code for notice in notices}


# --- calendar months and the month-end convention -------------------------------------------------------


@pytest.mark.parametrize(("day", "months", "expected"), [
    (D(2026, 1, 15), 1, D(2026, 2, 15)),
    (D(2026, 1, 31), 1, D(2026, 2, 28)),  # February has no 31st: its last day
    (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
    (D(2026, 3, 31), 1, D(2026, 4, 30)),
    (D(2026, 11, 30), 3, D(2027, 2, 28)),  # across the new year
    (D(2026, 3, 31), -1, D(2026, 2, 28)),  # backwards
    (D(2026, 1, 10), -13, D(2024, 12, 10)),
    (D(2024, 2, 29), 12, D(2025, 2, 28)),
    (D(2026, 5, 5), 0, D(2026, 5, 5)),
])
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(("start", "length", "expected"), [
    (D(2026, 3, 1), Length(30), D(2026, 3, 30)),  # 1–30 March: the first day counts
    (D(2026, 3, 1), Length(1), D(2026, 3, 1)),  # one day: the start is also the last day
    (D(2026, 12, 15), Length(30), D(2027, 1, 13)),  # 17 days in December, 13 in January
    (D(2026, 3, 1), Length(1, MONTHS), D(2026, 3, 31)),  # the day before 1 April
    (D(2026, 1, 15), Length(1, MONTHS), D(2026, 2, 14)),  # the day before 15 February
    (D(2026, 1, 31), Length(1, MONTHS), D(2026, 2, 28)),  # no 31 February: February's last day
    (D(2026, 1, 30), Length(1, MONTHS), D(2026, 2, 28)),  # no 30 February either
    (D(2026, 1, 29), Length(1, MONTHS), D(2026, 2, 28)),  # nor 29 February in 2026
    (D(2026, 2, 1), Length(1, MONTHS), D(2026, 2, 28)),  # the day before 1 March
    (D(2024, 1, 29), Length(1, MONTHS), D(2024, 2, 28)),  # 29 February 2024 exists: the day before
    (D(2024, 1, 30), Length(1, MONTHS), D(2024, 2, 29)),  # no 30 February: 2024's last, the 29th
    (D(2026, 1, 31), Length(3, MONTHS), D(2026, 4, 30)),  # no 31 April
    (D(2026, 8, 31), Length(6, MONTHS), D(2027, 2, 28)),  # no 31 February 2027
    (D(2026, 2, 28), Length(1, MONTHS), D(2026, 3, 27)),  # the day before 28 March
    (D(2024, 2, 29), Length(12, MONTHS), D(2025, 2, 28)),  # no 29 February 2025
])
def test_the_last_day_of_a_period(start, length, expected):
    assert last_day(start, length) == expected


def test_a_period_in_working_days_counts_its_first_day_when_it_is_one():
    # Mon 2 March 2026 + 5 working days: 2, 3, 4, 5, 6 March → Friday 6 March.
    assert last_day(D(2026, 3, 2), Length(5, WORKING), WEEKENDS_ONLY) == D(2026, 3, 6)
    # Starting on Saturday 7 March: the first working day is Monday 9; 5 of them end Friday 13 March.
    assert last_day(D(2026, 3, 7), Length(5, WORKING), WEEKENDS_ONLY) == D(2026, 3, 13)


def test_a_period_in_working_days_needs_a_calendar_and_a_period_at_least_a_day():
    with pytest.raises(ValueError, match="calendar"):
        last_day(D(2026, 3, 2), Length(5, WORKING))
    with pytest.raises(ValueError, match="at least one day"):
        last_day(D(2026, 3, 2), Length(0))


def test_continuing_a_period_starts_the_day_after_its_end():
    # Ended 31 March; 60 more days are 1 April – 30 May.
    assert continue_after(D(2026, 3, 31), Length(60)) == D(2026, 5, 30)


# --- working days --------------------------------------------------------------------------------------


def test_latvia_jani_and_moved_days_off():
    latvia = working_calendar("LV")
    # Jāņi: Midsummer Eve (Līgo) 23 June and Midsummer Day 24 June are public holidays in Latvia.
    assert not latvia.is_working_day(D(2026, 6, 23)) and not latvia.is_working_day(D(2026, 6, 24))
    # In 2026 the Cabinet moved the working day of Monday 22 June to Saturday 27 June.
    assert not latvia.is_working_day(D(2026, 6, 22))
    assert latvia.is_working_day(D(2026, 6, 27))
    assert latvia.holiday_name(D(2026, 6, 24))
    assert latvia.holiday_name(D(2026, 6, 25)) == ""


def test_add_working_days_skips_weekends_and_holidays():
    latvia = working_calendar("LV")
    # From Friday 19 June 2026, 3 working days: Mon 22 (moved day off), Tue 23 and Wed 24 (Jāņi) are off,
    # so Thu 25, Fri 26, Sat 27 (the moved working day) → Saturday 27 June.
    assert latvia.add_working_days(D(2026, 6, 19), 3) == D(2026, 6, 27)
    assert latvia.add_working_days(D(2026, 6, 27), -3) == D(2026, 6, 19)
    assert latvia.add_working_days(D(2026, 6, 23), 0) == D(2026, 6, 23)
    # Working days after Friday 19 June up to Monday 29 June: 25, 26, 27, 29 → 4.
    assert latvia.working_days_between(D(2026, 6, 19), D(2026, 6, 29)) == 4
    assert latvia.working_days_between(D(2026, 6, 29), D(2026, 6, 19)) == -4
    assert latvia.working_days_between(D(2026, 6, 19), D(2026, 6, 19)) == 0


def test_next_working_day_and_on_or_after():
    poland = working_calendar("PL")
    # Thursday 30 April 2026; Friday 1 May is a public holiday in Poland, then the weekend.
    assert poland.next_working_day(D(2026, 4, 30)) == D(2026, 5, 4)
    assert poland.on_or_after(D(2026, 5, 1)) == D(2026, 5, 4)
    assert poland.on_or_after(D(2026, 4, 30)) == D(2026, 4, 30)


def test_a_subdivision_has_its_own_holidays():
    bavaria, berlin = working_calendar("DE", "BY"), working_calendar("DE", "BE")
    # Corpus Christi, Thursday 4 June 2026, is a public holiday in Bavaria, not in Berlin.
    assert not bavaria.is_working_day(D(2026, 6, 4))
    assert berlin.is_working_day(D(2026, 6, 4))
    # Working days after Tue 26 May up to Thu 4 June: 27, 28, 29 May, 1, 2, 3, 4 June = 7 in Berlin,
    # 6 in Bavaria (Whit Monday 25 May is before the count in both).
    assert berlin.working_days_between(D(2026, 5, 26), D(2026, 6, 4)) == 7
    assert bavaria.working_days_between(D(2026, 5, 26), D(2026, 6, 4)) == 6


def test_sweden_counts_midsummer_eve_as_a_day_off_by_its_rule():
    sweden = calendar_for_rule(rule("SE"))
    # Midsummer Eve, Friday 19 June 2026, is not a public holiday but counts as one for time limits.
    assert not sweden.is_working_day(D(2026, 6, 19))
    assert working_calendar("SE").is_working_day(D(2026, 6, 19))  # public holidays alone


def test_an_unknown_subdivision_or_category_falls_back_to_the_national_calendar_with_a_notice():
    calendar = working_calendar("DE", "XX")
    assert calendar.subdivision == "" and codes(calendar.notices) == {NoticeCode.SUBDIVISION_IGNORED}
    assert not calendar.is_working_day(D(2026, 10, 3))  # German Unity Day, national
    latvia = working_calendar("LV", "", ("public", "no_such_category"))
    assert latvia.categories == ("public",) and codes(latvia.notices) == {NoticeCode.CATEGORY_IGNORED}


def test_holiday_subdivisions_offer_what_a_municipality_may_carry():
    assert {"BY", "BE", "NW"} <= set(holiday_subdivisions("DE"))
    assert "14" in holiday_subdivisions("pl")  # Masovian voivodeship
    assert holiday_subdivisions("LV") == ()
    assert holiday_subdivisions("") == holiday_subdivisions("not a country") == ()


def test_a_calendar_accepts_any_iterable_of_categories_and_a_padded_subdivision():
    assert working_calendar("SE", "", ["public", "de_facto"]) == working_calendar("SE", "", ("public", "de_facto"))
    assert working_calendar("DE", " BY ").subdivision == "BY"


def test_a_country_without_a_calendar_has_weekends_only():
    for calendar in (working_calendar(""), working_calendar("not a country")):
        assert not calendar.known and codes(calendar.notices) == {NoticeCode.CALENDAR_UNKNOWN}
        assert calendar.is_working_day(D(2026, 12, 25))  # Friday: no holidays known
        assert not calendar.is_working_day(D(2026, 12, 26))  # Saturday


# --- acceptance: reflection periods in nine countries, with holidays and extensions ---------------------


def alert_start(period, calendar):
    """The first day the 7-working-day alert shows: scan the days before the end, as a person would."""
    day = period.end
    while reflection_alert(period, day - timedelta(days=1), calendar) is not None:
        day -= timedelta(days=1)
    return day


def test_latvia_30_days_over_jani():
    latvia = rule("LV")
    period = reflection_period(D(2026, 6, 1), latvia)
    assert period.end == D(2026, 6, 30)  # 1–30 June
    # 7 working days before Tue 30 June: 29 (Mon), 27 (the moved working Saturday), 26, 25; 24 and 23 are
    # Jāņi, 22 the moved day off; then 19, 18, 17 → the alert starts on Wednesday 17 June.
    calendar = calendar_for_rule(latvia)
    assert alert_start(period, calendar) == D(2026, 6, 17)
    alert = reflection_alert(period, D(2026, 6, 17), calendar)
    assert alert.kind == AlertKind.REFLECTION_ENDING and alert.working_days_left == 7
    assert reflection_alert(period, D(2026, 6, 16), calendar) is None
    assert not period.notices  # official rule, nothing to check


def test_poland_three_months_for_an_adult_four_for_a_child_over_may_day():
    poland = rule("PL")
    adult = reflection_period(D(2026, 2, 10), poland)
    child = reflection_period(D(2026, 2, 10), poland, child=True)
    assert adult.end == D(2026, 5, 9)  # the day before 10 May
    assert child.end == D(2026, 6, 9)  # the day before 10 June
    # 7 working days before Sat 9 May: 8, 7, 6, 5, 4 May; 3 May (Sunday, Constitution Day) and 2 May are off,
    # Friday 1 May is a public holiday; 30 and 29 April → Wednesday 29 April.
    assert alert_start(adult, calendar_for_rule(poland)) == D(2026, 4, 29)


def test_poland_month_end_a_certificate_of_31_january():
    poland = rule("PL")
    assert reflection_period(D(2026, 1, 31), poland).end == D(2026, 4, 30)  # no 31 April
    assert reflection_period(D(2026, 1, 31), poland, child=True).end == D(2026, 5, 30)  # the day before 31 May


def test_denmark_30_days_extended_twice_to_its_120_day_cap():
    denmark = rule("DK")
    first = Extension(Length(60), D(2026, 3, 25), "Danish Immigration Service")
    second = Extension(Length(30), D(2026, 5, 20))
    period = reflection_period(D(2026, 3, 2), denmark, extensions=[second, first])  # any order given
    assert period.base_end == D(2026, 3, 31)  # 2–31 March
    # 60 days are 1 April – 30 May; 30 more are 31 May – 29 June.
    assert [item.new_end for item in period.extensions] == [D(2026, 5, 30), D(2026, 6, 29)]
    assert period.end == D(2026, 6, 29)
    # 120 days from 2 March: 30 in March, 30 in April, 31 in May, 29 in June → 29 June, the cap exactly.
    assert period.longest_end == D(2026, 6, 29)
    assert NoticeCode.OVER_TOTAL not in codes(period.notices)
    one_day_more = reflection_period(D(2026, 3, 2), denmark, extensions=[first, Extension(Length(31), D(2026, 5, 20))])
    assert one_day_more.end == D(2026, 6, 30)  # applied as decided, never cut
    assert NoticeCode.OVER_TOTAL in codes(one_day_more.notices)


def test_denmark_alert_over_whitsun():
    denmark = rule("DK")
    period = reflection_period(D(2026, 3, 2), denmark, extensions=[Extension(Length(60), D(2026, 3, 25))])
    # Ends Saturday 30 May. Back 7 working days: 29, 28, 27, 26 May; Whit Monday 25 May is a public
    # holiday in Denmark; 22, 21, 20 May → Wednesday 20 May.
    assert alert_start(period, calendar_for_rule(denmark)) == D(2026, 5, 20)


def test_norway_six_months_over_ascension_and_constitution_day():
    norway = rule("NO")
    period = reflection_period(D(2026, 11, 20), norway)
    assert period.end == D(2027, 5, 19)  # the day before 20 May 2027
    # Easter 2027 is 28 March, so Ascension is Thursday 6 May and Whit Monday coincides with Constitution
    # Day, Monday 17 May. Back 7 working days from Wed 19 May: 18; 17 is off; 14, 13, 12, 11, 10, 7 →
    # Friday 7 May.
    assert alert_start(period, calendar_for_rule(norway)) == D(2027, 5, 7)
    assert reflection_period(D(2026, 8, 31), norway).end == D(2027, 2, 28)  # no 31 February


def test_finland_a_granted_length_over_christmas_and_the_rules_maximum():
    finland = rule("FI")
    assert reflection_period(D(2026, 12, 1), finland).end == D(2026, 12, 30)  # no length stated: 30 days
    period = reflection_period(D(2026, 10, 5), finland, granted=Length(3, MONTHS))
    assert period.end == D(2027, 1, 4)  # the day before 5 January
    # Back 7 working days from Monday 4 January 2027: New Year's Day (Fri 1 Jan) is a holiday; 31, 30, 29,
    # 28 December; 26 Dec is Saturday, 25 Christmas Day, 24 Christmas Eve are holidays; 23, 22, 21 →
    # Monday 21 December 2026.
    assert alert_start(period, calendar_for_rule(finland)) == D(2026, 12, 21)
    assert not period.notices
    too_long = reflection_period(D(2026, 10, 5), finland, granted=Length(7, MONTHS))
    assert too_long.end == D(2027, 5, 4) and NoticeCode.OVER_MAXIMUM in codes(too_long.notices)


def test_sweden_30_days_ending_on_midsummer_day():
    sweden = rule("SE")
    period = reflection_period(D(2026, 5, 22), sweden)
    assert period.end == D(2026, 6, 20)  # 10 days in May (22–31), 20 in June
    # Back 7 working days from Saturday 20 June (Midsummer Day): Friday 19 (Midsummer Eve) counts as a
    # holiday for Swedish time limits; 18, 17, 16, 15, 12, 11, 10 → Wednesday 10 June.
    assert alert_start(period, calendar_for_rule(sweden)) == D(2026, 6, 10)
    # With public holidays alone, the 19th would count and the alert would start a day later.
    assert alert_start(period, working_calendar("SE")) == D(2026, 6, 11)


def test_germany_three_months_ending_on_corpus_christi_in_bavaria():
    germany = rule("DE")
    period = reflection_period(D(2026, 3, 5), germany, calendar=calendar_for_rule(germany, "BY"))
    assert period.end == D(2026, 6, 4)  # the day before 5 June; the end never moves off a holiday
    alert = reflection_alert(period, D(2026, 5, 26), calendar_for_rule(germany, "BY"))
    assert alert.working_days_left == 6  # 27, 28, 29 May, 1, 2, 3 June; 4 June is Corpus Christi
    assert reflection_alert(period, D(2026, 5, 26), calendar_for_rule(germany, "BE")).working_days_left == 7


def test_estonia_extended_from_30_to_60_days_after_midsummer():
    estonia = rule("EE")
    period = reflection_period(D(2026, 6, 1), estonia, extensions=[Extension(Length(30), D(2026, 6, 20))])
    assert period.base_end == D(2026, 6, 30) and period.end == D(2026, 7, 30)  # 1–30 July added
    assert period.longest_end == D(2026, 7, 30)  # 60 days from 1 June
    assert not codes(period.notices) & {NoticeCode.OVER_TOTAL, NoticeCode.NO_EXTENSION_IN_RULE}
    # Without the extension: back 7 working days from Tue 30 June: 29, 26, 25; Victory Day 23 and
    # Midsummer Day 24 June are holidays; 22, 19, 18, 17 → Wednesday 17 June.
    assert alert_start(reflection_period(D(2026, 6, 1), estonia), calendar_for_rule(estonia)) == D(2026, 6, 17)


def test_netherlands_ended_early_when_the_person_decided():
    netherlands = rule("NL")
    ending = Ending(D(2026, 5, 15), EndReason.PERSON_DECIDED, "the person")
    period = reflection_period(D(2026, 4, 27), netherlands, ending=ending)  # starts on King's Day: no matter
    assert period.planned_end == D(2026, 7, 26)  # the day before 27 July
    assert period.end == D(2026, 5, 15) and period.ended_early
    calendar = calendar_for_rule(netherlands)
    assert reflection_alert(period, D(2026, 5, 16), calendar) is None  # over, and its ending recorded
    assert period.in_force_on(D(2026, 5, 15)) and not period.in_force_on(D(2026, 5, 16))


def test_lithuania_and_a_country_without_a_rule_say_so():
    lithuania = reflection_period(D(2026, 4, 1), rule("LT"))
    assert lithuania.end == D(2026, 4, 30) and codes(lithuania.notices) == {NoticeCode.UNVERIFIED_RULE}
    iceland = reflection_period(D(2026, 4, 1), rule("IS"))
    assert iceland.end == D(2026, 4, 30) and iceland.is_fallback
    assert codes(iceland.notices) == {NoticeCode.FALLBACK_RULE}


def test_a_period_is_computed_under_the_rule_in_force_on_its_first_day():
    # Poland's certificate rule applies from 1 May 2014; a period that started the day before gets the
    # Council of Europe minimum, flagged.
    assert reflection_period_for("PL", D(2014, 5, 1)).end == D(2014, 7, 31)  # the day before 1 August
    before = reflection_period_for("PL", D(2014, 4, 30))
    assert before.is_fallback and before.end == D(2014, 5, 29)  # 30 days: 30 April – 29 May
    two_more = [Extension(Length(2, WORKING), D(2026, 6, 1))]
    # Three months from 4 March end on 3 June 2026; 2 more working days from Thursday 4 June: in Berlin
    # 4 and 5 June; in Bavaria 4 June is Corpus Christi, so 5 and 8 June.
    assert reflection_period_for("DE", D(2026, 3, 4), subdivision="BE", extensions=two_more).end == D(2026, 6, 5)
    assert reflection_period_for("DE", D(2026, 3, 4), subdivision="BY", extensions=two_more).end == D(2026, 6, 8)


# --- extensions and endings ----------------------------------------------------------------------------


def test_an_extension_granted_after_the_end_continues_without_a_gap_and_says_so():
    period = reflection_period(D(2026, 3, 2), rule("DK"), extensions=[Extension(Length(10), D(2026, 4, 10))])
    assert period.end == D(2026, 4, 10)  # 1–10 April, right after 31 March
    assert NoticeCode.EXTENSION_AFTER_END in codes(period.notices)


def test_an_extension_the_rule_does_not_provide_is_applied_and_noticed():
    period = reflection_period(D(2026, 6, 1), rule("LV"), extensions=[Extension(Length(15), D(2026, 6, 20))])
    assert period.end == D(2026, 7, 15)
    assert NoticeCode.NO_EXTENSION_IN_RULE in codes(period.notices)


def test_extensions_in_months_and_working_days():
    latvia = rule("LV")
    period = reflection_period(D(2026, 1, 2), latvia, extensions=[Extension(Length(1, MONTHS), D(2026, 1, 20))])
    assert period.base_end == D(2026, 1, 31) and period.end == D(2026, 2, 28)  # from 1 February: its last day
    in_working_days = reflection_period(D(2026, 6, 1), latvia,
                                        extensions=[Extension(Length(3, WORKING), D(2026, 6, 20))])
    # From Wed 1 July 2026, 3 working days: 1, 2, 3 July → Friday 3 July.
    assert in_working_days.end == D(2026, 7, 3)


def test_an_ending_on_or_after_the_planned_end_changes_nothing():
    period = reflection_period(D(2026, 6, 1), rule("LV"), ending=Ending(D(2026, 6, 30), "residence_permit"))
    assert period.end == D(2026, 6, 30) and not period.ended_early and not period.notices
    late = reflection_period(D(2026, 6, 1), rule("LV"), ending=Ending(D(2026, 7, 5), "left_country"))
    assert late.end == D(2026, 6, 30) and codes(late.notices) == {NoticeCode.ENDING_NOT_EARLY}


def test_bad_endings_and_extensions_are_refused():
    with pytest.raises(ValueError, match="before it starts"):
        reflection_period(D(2026, 6, 1), rule("LV"), ending=Ending(D(2026, 5, 31), "other"))
    with pytest.raises(ValueError):
        Ending(D(2026, 6, 1), "tired")
    with pytest.raises(ValueError, match="at least one day"):
        Extension(Length(0), D(2026, 6, 1))


def test_days_left_in_a_period():
    period = reflection_period(D(2026, 6, 1), rule("LV"))
    assert period.days_left(D(2026, 6, 28)) == 2
    assert period.days_left(D(2026, 6, 30)) == 0
    assert period.days_left(D(2026, 7, 2)) == -2


# --- residence permits and retention ------------------------------------------------------------------


def test_a_permit_lasts_as_the_decision_says_else_as_the_rule():
    norway = rule("NO")
    assert residence_permit(D(2026, 3, 15), norway).expires == D(2027, 3, 14)  # one year: the day before
    explicit = residence_permit(D(2026, 3, 15), norway, valid_until=D(2026, 12, 31))
    assert explicit.expires == D(2026, 12, 31) and explicit.valid_on(D(2026, 12, 31))
    assert not explicit.valid_on(D(2027, 1, 1)) and not explicit.valid_on(D(2026, 3, 14))


def test_permit_renewals():
    norway = rule("NO")
    renewed = residence_permit(D(2026, 3, 15), norway, renewals=[Renewal(D(2027, 2, 1))])
    assert renewed.first_expiry == D(2027, 3, 14) and renewed.expires == D(2028, 3, 14)  # 15 Mar 2027 + 1 year
    dated = residence_permit(D(2026, 3, 15), norway, renewals=[Renewal(D(2027, 2, 1), valid_until=D(2027, 9, 30))])
    assert dated.expires == D(2027, 9, 30)
    by_length = residence_permit(D(2026, 3, 15), norway,
                                 renewals=[Renewal(D(2027, 2, 1), length=Length(6, MONTHS))])
    assert by_length.expires == D(2027, 9, 14)  # from 15 March 2027, the day before 15 September
    assert renewed.renewals == 1


def test_a_permit_without_a_usual_length_asks_for_its_date():
    denmark = rule("DK")  # no victim-specific permit recorded
    unknown = residence_permit(D(2026, 3, 15), denmark)
    assert unknown.expires is None and NoticeCode.PERMIT_LENGTH_UNKNOWN in codes(unknown.notices)
    assert permit_alert(unknown, D(2026, 4, 1), calendar_for_rule(denmark)) is None
    assert residence_permit(D(2026, 3, 15), denmark, valid_until=D(2026, 9, 14)).expires == D(2026, 9, 14)
    with pytest.raises(ValueError, match="before it is valid"):
        residence_permit(D(2026, 3, 15), denmark, valid_until=D(2026, 3, 14))


def test_unverified_permit_rules_say_so():
    assert NoticeCode.UNVERIFIED_RULE in codes(residence_permit(D(2026, 3, 15), rule("SE")).notices)
    assert not residence_permit(D(2026, 3, 15), rule("NO")).notices


@pytest.mark.parametrize(("closed", "erase_from"), [
    (D(2026, 3, 31), D(2036, 4, 1)),  # kept ten years, until 31 March 2036
    (D(2026, 1, 30), D(2036, 1, 31)),  # kept until 30 January 2036
    (D(2024, 2, 28), D(2034, 3, 1)),  # kept until 28 February 2034
    (D(2024, 2, 29), D(2034, 3, 1)),  # no 29 February 2034: kept until its month's last day
])
def test_retention_ends_ten_years_after_closure_and_is_not_yet_verified(closed, erase_from):
    result = retention_erase_from(closed, rule("LV"))
    assert result.erase_from == erase_from
    assert not result.verified  # no national period cited: confirm before erasing


# --- answer times -------------------------------------------------------------------------------------

RIGA, BERLIN = ZoneInfo("Europe/Riga"), ZoneInfo("Europe/Berlin")


def test_answer_time_in_hours_is_elapsed_time_across_the_change_to_summer_time():
    # Summer time starts in Riga at 03:00 on Sunday 29 March 2026 (clocks go to 04:00).
    sent = datetime(2026, 3, 28, 22, 0, tzinfo=RIGA)  # 20:00 UTC
    due = answer_due(sent, 24, "hours", working_calendar("LV"), RIGA)
    assert due == datetime(2026, 3, 29, 20, 0, tzinfo=UTC)  # 24 hours later in UTC: 23:00 local summer time
    assert due.astimezone(RIGA).hour == 23


def test_answer_time_in_working_days_ends_at_local_midnight_after_the_last_one():
    sent = datetime(2026, 6, 3, 10, 0, tzinfo=BERLIN)  # Wednesday
    # One working day: Thursday 4 June in Berlin; in Bavaria 4 June is Corpus Christi, so Friday 5 June.
    assert answer_due(sent, 1, "working_days", working_calendar("DE", "BE"), BERLIN) == \
        datetime(2026, 6, 5, 0, 0, tzinfo=BERLIN)
    assert answer_due(sent, 1, "working_days", working_calendar("DE", "BY"), BERLIN) == \
        datetime(2026, 6, 6, 0, 0, tzinfo=BERLIN)
    # Sent at 23:30 UTC on Tuesday 2 June, it is already Wednesday 3 June in Berlin (01:30).
    late = datetime(2026, 6, 2, 23, 30, tzinfo=UTC)
    assert answer_due(late, 1, "working_days", working_calendar("DE", "BE"), BERLIN) == \
        datetime(2026, 6, 5, 0, 0, tzinfo=BERLIN)


def test_answer_time_refuses_naive_times_zero_and_unknown_units():
    calendar = working_calendar("LV")
    with pytest.raises(ValueError, match="aware"):
        answer_due(datetime(2026, 6, 3, 10, 0), 2, "hours", calendar, RIGA)
    with pytest.raises(ValueError, match="at least 1"):
        answer_due(datetime(2026, 6, 3, 10, 0, tzinfo=RIGA), 0, "hours", calendar, RIGA)
    with pytest.raises(ValueError):
        answer_due(datetime(2026, 6, 3, 10, 0, tzinfo=RIGA), 2, "weeks", calendar, RIGA)


def test_answer_alerts():
    calendar = working_calendar("DE", "BE")
    due_at = datetime(2026, 6, 5, 0, 0, tzinfo=BERLIN)  # the answer is due by the end of Thursday 4 June
    assert answer_alert(due_at, datetime(2026, 6, 3, 12, 0, tzinfo=BERLIN), calendar, BERLIN) is None
    due = answer_alert(due_at, datetime(2026, 6, 4, 9, 0, tzinfo=BERLIN), calendar, BERLIN, subject="r1")
    assert due.kind == AlertKind.ANSWER_DUE and due.due == D(2026, 6, 4) and due.subject == "r1"
    late = answer_alert(due_at, datetime(2026, 6, 5, 0, 0, tzinfo=BERLIN), calendar, BERLIN)
    assert late.kind == AlertKind.ANSWER_OVERDUE and late.overdue


# --- alerts ------------------------------------------------------------------------------------------


def test_a_reflection_period_over_without_a_recorded_ending_asks_what_happened():
    latvia = rule("LV")
    period = reflection_period(D(2026, 6, 1), latvia)
    alert = reflection_alert(period, D(2026, 7, 1), calendar_for_rule(latvia), subject="case-1")
    assert alert.kind == AlertKind.REFLECTION_ENDED and alert.overdue and alert.subject == "case-1"
    ended = reflection_period(D(2026, 6, 1), latvia, ending=Ending(D(2026, 6, 30), "residence_permit"))
    assert reflection_alert(ended, D(2026, 7, 1), calendar_for_rule(latvia)) is None


def test_permit_alert_thirty_working_days_ahead():
    norway = rule("NO")
    permit = residence_permit(D(2026, 1, 1), norway, valid_until=D(2026, 10, 30))  # a Friday
    calendar = calendar_for_rule(norway)
    # No Norwegian public holiday between September and October: 30 working days are six weeks,
    # so the alert starts on Friday 18 September.
    assert permit_alert(permit, D(2026, 9, 17), calendar) is None
    alert = permit_alert(permit, D(2026, 9, 18), calendar)
    assert alert.kind == AlertKind.PERMIT_EXPIRING and alert.working_days_left == 30
    assert permit_alert(permit, D(2026, 10, 31), calendar).kind == AlertKind.PERMIT_EXPIRED


def test_plan_review_and_task_alerts():
    calendar = working_calendar("PL")
    # Review on Monday 4 May 2026; 5 working days before: 30 April, 29, 28, 27, 24 (1 May is a holiday).
    assert review_alert(D(2026, 5, 4), D(2026, 4, 23), calendar) is None
    assert review_alert(D(2026, 5, 4), D(2026, 4, 24), calendar).kind == AlertKind.REVIEW_DUE
    overdue = review_alert(D(2026, 5, 4), D(2026, 5, 6), calendar)
    assert overdue.kind == AlertKind.REVIEW_OVERDUE and overdue.working_days_left == -2
    assert task_alert(D(2026, 5, 4), D(2026, 4, 30), calendar) is None
    assert task_alert(D(2026, 5, 4), D(2026, 5, 4), calendar).kind == AlertKind.TASK_DUE
    assert task_alert(D(2026, 5, 4), D(2026, 5, 5), calendar).kind == AlertKind.TASK_OVERDUE
    assert task_alert(D(2026, 5, 4), D(2026, 4, 30), calendar, lead=Length(2, DAYS)) is None
    assert task_alert(D(2026, 5, 4), D(2026, 5, 2), calendar, lead=Length(2, DAYS)).kind == AlertKind.TASK_DUE
    assert review_alert(D(2026, 5, 4), D(2026, 4, 4), calendar, lead=Length(1, MONTHS)).kind == AlertKind.REVIEW_DUE


def test_a_task_due_on_a_day_off_is_seen_on_the_working_day_before():
    calendar = working_calendar("LV")
    # Due on Saturday 6 June 2026: shown from Friday 5 June, not on Thursday 4.
    assert task_alert(D(2026, 6, 6), D(2026, 6, 4), calendar) is None
    assert task_alert(D(2026, 6, 6), D(2026, 6, 5), calendar).kind == AlertKind.TASK_DUE
    # Due on Wednesday 24 June (Jāņi), Tuesday 23 and Monday 22 are days off too: shown from Friday 19 June.
    assert task_alert(D(2026, 6, 24), D(2026, 6, 18), calendar) is None
    assert task_alert(D(2026, 6, 24), D(2026, 6, 19), calendar).kind == AlertKind.TASK_DUE


def test_alerts_sort_overdue_first_then_by_date():
    calendar = working_calendar("LV")
    on = D(2026, 6, 10)
    alerts = sort_alerts([
        task_alert(D(2026, 6, 10), on, calendar, subject="today"),
        None,
        review_alert(D(2026, 6, 12), on, calendar, subject="soon"),
        task_alert(D(2026, 6, 1), on, calendar, subject="late"),
        review_alert(D(2026, 6, 5), on, calendar, subject="later"),
    ])
    assert [alert.subject for alert in alerts] == ["late", "later", "today", "soon"]


def test_all_alerts_of_a_case_on_a_day():
    latvia = rule("LV")
    calendar = calendar_for_rule(latvia)
    on = D(2026, 6, 26)
    period = reflection_period(D(2026, 6, 1), latvia)  # ends 30 June: within 7 working days
    permit = residence_permit(D(2026, 1, 1), latvia, valid_until=D(2026, 12, 31))  # far away: no alert
    alerts = alerts_due(on, calendar, reflections=[("case", period)], permits=[("permit", permit)],
                        reviews=[("review", D(2026, 6, 25))], tasks=[("task", D(2026, 7, 31)), ("call", on)])
    assert [(alert.subject, alert.kind) for alert in alerts] == [
        ("review", AlertKind.REVIEW_OVERDUE), ("call", AlertKind.TASK_DUE), ("case", AlertKind.REFLECTION_ENDING)]
    assert alerts_due(on, calendar) == []


def test_alert_texts_are_sentences_that_name_no_one():
    calendar = working_calendar("LV")
    period = reflection_period(D(2026, 6, 1), rule("LV"))
    assert describe(reflection_alert(period, D(2026, 6, 26), calendar)) == \
        "The reflection period ends in 3 working days."  # 27 (the moved working Saturday), 29 and 30 June
    assert describe(reflection_alert(period, D(2026, 6, 29), calendar)) == \
        "The reflection period ends in 1 working day."
    assert describe(reflection_alert(period, D(2026, 6, 30), calendar)) == "The reflection period ends today."
    # Ending on Sunday 5 July: on Thursday 2 July one working day (Friday) is left; on Friday none is,
    # and the date is said.
    sunday = reflection_period(D(2026, 6, 6), rule("LV"))
    assert sunday.end == D(2026, 7, 5)
    assert describe(reflection_alert(sunday, D(2026, 7, 2), calendar)) == "The reflection period ends in 1 working day."
    assert describe(reflection_alert(sunday, D(2026, 7, 3), calendar)) == \
        "The reflection period ends on July 5, 2026, before the next working day."
    assert "record what happened" in describe(reflection_alert(period, D(2026, 7, 1), calendar))
    assert describe(task_alert(D(2026, 6, 1), D(2026, 6, 3), calendar)) == "A task is 2 working days overdue."
    # Due on Friday 5 June, looked at on Saturday 6 June: overdue, but no working day lost yet.
    assert describe(task_alert(D(2026, 6, 5), D(2026, 6, 6), calendar)) == "A task is overdue."
    assert describe(review_alert(D(2026, 6, 1), D(2026, 6, 2), calendar)) == "The plan review is 1 working day overdue."
    permit = residence_permit(D(2026, 1, 1), rule("LV"), valid_until=D(2026, 6, 30))
    assert describe(permit_alert(permit, D(2026, 6, 30), calendar)) == "The residence permit expires today."
    assert period.notices == () and reflection_period(D(2026, 4, 1), rule("LT")).notices[0].text()


# --- properties ---------------------------------------------------------------------------------------

COUNTRIES = st.sampled_from(["LV", "LT", "EE", "PL", "SE", "DK", "NO", "FI", "DE", "NL"])
DATES = st.dates(min_value=D(2008, 1, 1), max_value=D(2040, 12, 31))


@settings(max_examples=150, deadline=None)
@given(COUNTRIES, st.sampled_from(["", "BY", "BE", "14", "18"]), DATES, st.integers(min_value=1, max_value=40))
def test_adding_working_days_lands_on_a_working_day_and_counts_back(country, subdivision, day, count):
    calendar = working_calendar(country, subdivision)
    result = calendar.add_working_days(day, count)
    assert calendar.is_working_day(result)
    assert calendar.working_days_between(day, result) == count
    assert calendar.add_working_days(result, -count) <= day
    assert calendar.holiday_name(result) == ""  # never a public holiday
    # A weekend day only when the government made it a working day (Latvia moves days off).
    assert result.weekday() < 5 or result in holidays.country_holidays(country, years=result.year).weekend_workdays


@settings(max_examples=100, deadline=None)
@given(COUNTRIES, DATES, st.integers(-60, 60), st.integers(-60, 60))
def test_counting_working_days_adds_up(country, day, first, second):
    calendar = working_calendar(country)
    middle, end = day + timedelta(days=first), day + timedelta(days=first + second)
    assert calendar.working_days_between(day, end) == \
        calendar.working_days_between(day, middle) + calendar.working_days_between(middle, end)


LENGTHS = st.builds(Length, st.integers(min_value=1, max_value=200), st.sampled_from([DAYS, MONTHS, WORKING]))


@settings(max_examples=150, deadline=None)
@given(COUNTRIES, DATES, st.booleans(), st.lists(st.tuples(LENGTHS, st.integers(0, 400)), max_size=4), LENGTHS)
def test_extensions_never_shorten_a_period(country, start, child, extensions, one_more):
    country_rule = rule(country, start)
    granted = [Extension(length, start + timedelta(days=offset)) for length, offset in extensions]
    before = reflection_period(start, country_rule, child=child, extensions=granted)
    after = reflection_period(start, country_rule, child=child,
                              extensions=[*granted, Extension(one_more, start + timedelta(days=500))])
    assert before.base_end <= before.planned_end < after.planned_end
    assert start <= before.base_end


@settings(max_examples=200, deadline=None)
@given(DATES, st.integers(min_value=1, max_value=120))
def test_a_month_longer_never_ends_sooner_and_no_month_period_ends_past_its_month(start, months):
    end = last_day(start, Length(months, MONTHS))
    assert start <= end < last_day(start, Length(months + 1, MONTHS))
    target = add_months(start, months)
    assert (end.year, end.month) in {(target.year, target.month), ((target - timedelta(days=1)).year,
                                                                    (target - timedelta(days=1)).month)}
