"""The pathway finder's pure core (strom/network/pathway.py) as a table of scenarios.

Every scenario starts from the same person and the same service and changes only what it is about:
a person in Riga who needs psychological assistance, and a Riga service that offers it on weekdays
09:00–17:00 local time. Times are Riga wall-clock times in the week of Monday 2 March 2026 (UTC+2).
Each row says whether the service fits, whether it is open, and one reason it must give.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from strom.network.pathway import Need, ServiceFacts, evaluate, no_holidays, rank

RIGA, VILNIUS = "riga-id", "vilnius-id"
WEEK = {name: date(2026, 3, 2) + timedelta(days=n) for n, name in enumerate("Mon Tue Wed Thu Fri Sat Sun".split())}
OFFICE = tuple((weekday, time(9), time(17)) for weekday in range(5))
NIGHT_FRIDAY = ((4, time(22), time(2)),)  # Friday 22:00 to Saturday 02:00

PERSON = Need(municipality_id=RIGA, country="LV", service_types=("psychological",))
SERVICE = ServiceFacts(service_id="s1", name="Counselling", type_code="psychological",
                       type_name="Psychological assistance", country="LV", area_ids=frozenset({RIGA}),
                       time_zone="Europe/Riga", hours=OFFICE)
ADULTS = {"min_age": 18, "max_age": 65}
CHILDREN = {"max_age": 17}
SHELTER = {"type_code": "safe_accommodation", "type_name": "Safe accommodation"}


def at(when: str, zone: str = "Europe/Riga") -> datetime:
    """'Mon 10:00' in the week of 2 March 2026, local time in `zone`, as UTC."""
    day, clock = when.split()
    local = datetime.combine(WEEK[day], time.fromisoformat(clock), tzinfo=ZoneInfo(zone))
    return local.astimezone(UTC)


def holidays_on(*days: str):
    dates = {WEEK[day] for day in days}
    return lambda country, day: country == "LV" and day in dates


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def scenario(id, need=None, service=None, when="Mon 10:00", holidays=(), fits=True, open_now=None, says=None):
    return pytest.param(need or {}, service or {}, when, holidays, fits, open_now, says, id=id)


# says: the reason text the finding must contain, with "+" for a reason in favour, "-" against.
SCENARIOS = [
    # --- age -----------------------------------------------------------------------------------
    scenario("adult age in range", {"age": 30}, ADULTS, says="+Takes people aged 18 to 65"),
    scenario("adult age above range", {"age": 70}, ADULTS, fits=False,
             says="-Takes only people aged 18 to 65; the person is 70"),
    scenario("child of known age in a children's service", {"age": 15}, CHILDREN, says="+Takes people aged up to 17"),
    scenario("child of known age in an adults' service", {"age": 16}, ADULTS, fits=False,
             says="-Takes only people aged 18 to 65; the person is 16"),
    scenario("child below the youngest age", {"age": 12}, {"min_age": 14, "max_age": 17}, fits=False,
             says="-Takes only people aged 14 to 17; the person is 12"),
    scenario("uncertain age is treated as a child: adults' service", {"child": True}, ADULTS, fits=False,
             says="-Takes only people aged 18 to 65; a person who may be a child is treated as a child"),
    scenario("uncertain age is treated as a child: children's service", {"child": True}, CHILDREN,
             says="+Takes people aged up to 17, children included"),
    scenario("uncertain age fits a service taking 16 and over", {"child": True}, {"min_age": 16},
             says="+Takes people aged 16 and over, children included"),
    scenario("stated adult age but may be a child: the presumption wins", {"age": 19, "child": True}, CHILDREN,
             says="+Takes people aged up to 17, children included"),
    scenario("adult of unknown age in a children's service", {"child": False}, CHILDREN, fits=False,
             says="-Takes only children (people aged up to 17)"),
    scenario("age not given: named, not excluded", {}, ADULTS,
             says="-Takes only people aged 18 to 65; the person's age is not given"),
    # --- sex, legal status, exploitation, accompanying children ----------------------------------
    scenario("sex: service for women, person female", {"sex": "female"}, {"sexes": ("female",)},
             says="+Takes women and girls"),
    scenario("sex: service for women, person male", {"sex": "male"}, {"sexes": ("female",)}, fits=False,
             says="-Does not take men and boys"),
    scenario("sex not given: named, not excluded", {}, {"sexes": ("female",)},
             says="-Takes only some people by sex; the person's sex is not given"),
    scenario("legal status taken", {"legal_status": "asylum_seeker"},
             {"legal_statuses": ("asylum_seeker", "undocumented")},
             says="+Takes people with this legal status: Asylum seeker"),
    scenario("legal status not taken", {"legal_status": "undocumented"}, {"legal_statuses": ("national",)},
             fits=False, says="-Does not take people with this legal status: Without a valid residence status"),
    scenario("exploitation form served", {"exploitation": "labour"}, {"exploitation_forms": ("labour",)},
             says="+Works with this form of exploitation: Labour exploitation"),
    scenario("exploitation form not served", {"exploitation": "sexual"}, {"exploitation_forms": ("labour",)},
             fits=False, says="-Does not work with this form of exploitation: Sexual exploitation"),
    scenario("accompanying children taken", {"accompanied_children": True}, {"accompanied_children": True},
             says="+Takes children accompanying the person"),
    scenario("accompanying children not taken by a shelter", {"accompanied_children": True, "service_types":
             ("safe_accommodation",)}, SHELTER, fits=False, says="-Does not take children accompanying the person"),
    scenario("accompanying children not mentioned by counselling: named, not excluded",
             {"accompanied_children": True}, {}, says="-Does not say it takes children accompanying the person"),
    # --- languages -----------------------------------------------------------------------------
    scenario("language: first language shared", {"languages": ("ru", "en")}, {"languages": ("lv", "ru")},
             says="+Speaks Russian"),
    scenario("language: second language shared", {"languages": ("uk", "en")}, {"languages": ("lv", "en")},
             says="+Speaks English"),
    scenario("language: none shared", {"languages": ("ar",)}, {"languages": ("lv", "ru")}, fits=False,
             says="-Speaks none of the person's languages (Arabic)"),
    scenario("language: service lists none", {"languages": ("ru",)}, {}, says="-Languages not stated"),
    # --- type and area -------------------------------------------------------------------------
    scenario("type not among those needed", {"service_types": ("legal_counselling",)}, {}, fits=False,
             says="-Offers Psychological assistance, which is not among the services needed"),
    scenario("area: serves the municipality", {}, {}, says="+Serves the person's municipality"),
    scenario("area: another municipality only", {}, {"area_ids": frozenset({VILNIUS})}, fits=False,
             says="-Does not serve the person's municipality"),
    scenario("area: the whole country", {}, {"area_ids": frozenset(), "whole_country": True},
             says="+Serves the whole country"),
    scenario("area: the whole of another country", {}, {"area_ids": frozenset(), "whole_country": True,
                                                         "country": "LT"}, fits=False,
             says="-Does not serve the person's municipality"),
    # --- opening hours -------------------------------------------------------------------------
    scenario("office hours: open", when="Mon 10:00", open_now=True, says="+Open now until 17:00"),
    scenario("office hours: opens at 09:00 sharp", when="Mon 09:00", open_now=True, says="+Open now until 17:00"),
    scenario("office hours: closed at 17:00 sharp", when="Mon 17:00", open_now=False,
             says="-Closed now; opens tomorrow at 09:00"),
    scenario("office hours: early morning", when="Mon 07:30", open_now=False,
             says="-Closed now; opens today at 09:00"),
    scenario("office hours: Friday evening waits for Monday", when="Fri 18:00", open_now=False,
             says="-Closed now; opens Monday at 09:00"),
    scenario("past midnight: Friday before midnight", {}, {"hours": NIGHT_FRIDAY}, when="Fri 23:30",
             open_now=True, says="+Open now until 02:00"),
    scenario("past midnight: Saturday 01:00 is still Friday's night", {}, {"hours": NIGHT_FRIDAY},
             when="Sat 01:00", open_now=True, says="+Open now until 02:00"),
    scenario("past midnight: closed at 02:00", {}, {"hours": NIGHT_FRIDAY}, when="Sat 02:00", open_now=False,
             says="-Closed now; opens Friday at 22:00"),
    scenario("past midnight: not yet open on Friday evening", {}, {"hours": NIGHT_FRIDAY}, when="Fri 21:59",
             open_now=False, says="-Closed now; opens today at 22:00"),
    scenario("past midnight: Thursday night has no span", {}, {"hours": NIGHT_FRIDAY}, when="Fri 01:00",
             open_now=False, says="-Closed now; opens today at 22:00"),
    scenario("spans that touch make one opening", {}, {"hours": ((0, time(20), time(0)), (1, time(0), time(8)))},
             when="Mon 22:00", open_now=True, says="+Open now until 08:00"),
    scenario("lunch break", {}, {"hours": ((0, time(9), time(12)), (0, time(13), time(17)))}, when="Mon 12:30",
             open_now=False, says="-Closed now; opens today at 13:00"),
    scenario("open all day as one span 00:00-00:00", {}, {"hours": ((0, time(0), time(0)),)}, when="Mon 15:00",
             open_now=True, says="+Open now until 00:00"),
    scenario("no opening in the next two weeks", {}, {"hours": (), "exceptions": {WEEK["Mon"] + timedelta(days=30):
             (time(9), time(12))}}, open_now=False, says="-Closed now; no opening in the next two weeks"),
    scenario("past midnight across the week: Sunday night into Monday", {}, {"hours": ((6, time(20), time(6)),)},
             when="Mon 05:00", open_now=True, says="+Open now until 06:00"),
    scenario("exception: closed today", {}, {"exceptions": {WEEK["Mon"]: None}}, when="Mon 10:00",
             open_now=False, says="-Closed today (exception to the usual hours)"),
    scenario("exception: closed today, opens tomorrow", {}, {"exceptions": {WEEK["Mon"]: None}},
             when="Mon 10:00", open_now=False, says="-Closed now; opens tomorrow at 09:00"),
    scenario("exception: special hours, before them", {}, {"exceptions": {WEEK["Mon"]: (time(12), time(14))}},
             when="Mon 10:00", open_now=False, says="-Closed now; opens today at 12:00"),
    scenario("exception: special hours, during them", {}, {"exceptions": {WEEK["Mon"]: (time(12), time(14))}},
             when="Mon 13:00", open_now=True, says="+Open now until 14:00"),
    scenario("exception: open on a Sunday", {}, {"exceptions": {WEEK["Sun"]: (time(10), time(16))}},
             when="Sun 11:00", open_now=True, says="+Open now until 16:00"),
    scenario("public holiday: closed", holidays=("Mon",), when="Mon 10:00", open_now=False,
             says="-Closed today: public holiday"),
    scenario("public holiday: opens the next working day", holidays=("Mon",), when="Mon 10:00", open_now=False,
             says="-Closed now; opens tomorrow at 09:00"),
    scenario("public holiday: open on public holidays", {}, {"open_on_public_holidays": True}, holidays=("Mon",),
             when="Mon 10:00", open_now=True, says="+Open now until 17:00"),
    scenario("public holiday: an exception on that date wins", {},
             {"exceptions": {WEEK["Mon"]: (time(10), time(12))}}, holidays=("Mon",), when="Mon 11:00",
             open_now=True, says="+Open now until 12:00"),
    scenario("public holiday: a night that began the day before goes on", {}, {"hours": NIGHT_FRIDAY},
             holidays=("Sat",), when="Sat 01:00", open_now=True, says="+Open now until 02:00"),
    scenario("public holiday: no night starts on it", {}, {"hours": NIGHT_FRIDAY}, holidays=("Fri",),
             when="Sat 01:00", open_now=False, says="-Closed now; opens Friday at 22:00"),
    scenario("always open: on a holiday at night", {}, {"always_open": True, "hours": ()}, holidays=("Mon",),
             when="Mon 03:00", open_now=True, says="+Open 24 hours, 7 days"),
    scenario("no hours given", {}, {"hours": ()}, open_now=False, says="-Closed now; opening hours not given"),
    scenario("local time of the service: 09:30 in Riga is 08:30 in Berlin", {}, {"time_zone": "Europe/Berlin"},
             when="Mon 09:30", open_now=False, says="-Closed now; opens today at 09:00"),
    # --- capacity ------------------------------------------------------------------------------
    scenario("shelter full", {"service_types": ("safe_accommodation",)}, {**SHELTER, "capacity_free": 0,
             "capacity_updated_at": at("Mon 08:00")}, fits=False, says="-No free places"),
    scenario("shelter with free places", {"service_types": ("safe_accommodation",)},
             {**SHELTER, "capacity_free": 3, "capacity_updated_at": at("Mon 08:00")}, says="+3 free places"),
    scenario("shelter, free places unknown", {"service_types": ("safe_accommodation",)}, SHELTER,
             says="-Free places not known"),
    scenario("shelter, free places stale", {"service_types": ("safe_accommodation",)},
             {**SHELTER, "capacity_free": 2, "capacity_updated_at": at("Mon 10:00") - timedelta(days=10)},
             says="-Free places last updated 10 days ago"),
    scenario("counselling with no slot free still fits", {}, {"capacity_total": 5, "capacity_free": 0,
             "capacity_updated_at": at("Mon 08:00")}, says="-No free places now"),
    # --- intake --------------------------------------------------------------------------------
    scenario("written consent", {}, {"consent": "written"}, says="+Needs the person's written consent"),
    scenario("answer time in working days", {}, {"answer_time": 2, "answer_unit": "working_days"},
             says="+Answers within 2 working days"),
    scenario("24/7 phone", {}, {"phone_24_7": "+371 8000 0000"}, when="Sun 03:00",
             says="+24/7 phone: +371 8000 0000"),
]


@pytest.mark.parametrize("need, service, when, holidays, fits, open_now, says", SCENARIOS)
def test_scenario(need, service, when, holidays, fits, open_now, says):
    finding = evaluate(replace(PERSON, **need), replace(SERVICE, **service), at(when), holidays_on(*holidays))
    reasons = [("+" if reason.ok else "-") + reason.text for reason in finding.reasons]
    assert says in reasons
    assert finding.fits is fits, reasons
    assert all(reason.ok is False for reason in finding.reasons if reason.blocks)
    assert any(reason.blocks for reason in finding.reasons) is not fits
    if open_now is not None:
        assert finding.open_now is open_now, reasons


# --- ranking -------------------------------------------------------------------------------------

def service(name, **changes) -> ServiceFacts:
    return replace(SERVICE, service_id=name, name=name, **changes)


def names(findings) -> list[str]:
    return [finding.service_id for finding in findings]


def test_urgent_need_puts_24_7_first_then_open_now_then_closed_then_misfits():
    services = [
        service("office, closed at night"),
        service("hotline", hours=(), phone_24_7="116 006"),
        service("crisis centre", always_open=True, hours=()),
        service("adults only", always_open=True, min_age=18),
        service("evening desk", hours=((0, time(18), time(23)),)),
    ]
    urgent = replace(PERSON, urgent=True, child=True)
    findings = rank(urgent, services, at("Mon 20:00"))
    assert names(findings) == ["crisis centre", "hotline", "evening desk", "office, closed at night", "adults only"]
    assert [f.reachable_now for f in findings] == [True, True, True, False, True]
    assert "-Cannot be reached now: closed and no 24/7 phone" in [
        ("+" if r.ok else "-") + r.text for r in findings[3].reasons]


def test_without_urgency_open_now_does_not_reorder():
    services = [service("b, always open", always_open=True), service("a, office")]
    assert names(rank(PERSON, services, at("Mon 20:00"))) == ["a, office", "b, always open"]


def test_the_needs_order_of_types_then_language_then_free_places_then_verification():
    need = replace(PERSON, service_types=("safe_accommodation", "psychological"), languages=("ru", "en"))
    services = [
        service("counselling in Russian", languages=("ru",)),
        service("shelter, languages not stated", **SHELTER, capacity_free=2),
        service("shelter in English", **SHELTER, languages=("en",), capacity_free=1),
        service("shelter in Russian, one place", **SHELTER, languages=("ru",), capacity_free=1),
        service("shelter in Russian, four places", **SHELTER, languages=("ru",), capacity_free=4),
        service("counselling in Russian, verified", languages=("ru",), last_verified=date(2026, 2, 1)),
    ]
    assert names(rank(need, services, at("Mon 10:00"))) == [
        "shelter in Russian, four places", "shelter in Russian, one place", "shelter in English",
        "shelter, languages not stated", "counselling in Russian, verified", "counselling in Russian",
    ]


def test_ties_keep_the_order_of_names():
    services = [service(name) for name in ("c", "a", "b")]
    assert names(rank(PERSON, services, at("Mon 10:00"))) == ["a", "b", "c"]


def test_reasons_follow_the_active_language():
    finding = evaluate(replace(PERSON, languages=("ru",), age=30), replace(SERVICE, languages=("ru",), **ADULTS),
                       at("Mon 10:00"))
    with translation.override("lv"):
        latvian = evaluate(replace(PERSON, languages=("ru",), age=30),
                           replace(SERVICE, languages=("ru",), **ADULTS), at("Mon 10:00"))
    assert len(latvian.reasons) == len(finding.reasons)
    assert any("krievu" in reason.text for reason in latvian.reasons)  # the language name in Latvian


@pytest.mark.parametrize("utc_hour, open_now", [(5, False), (6, True), (13, True), (14, False)])
def test_summer_time_moves_the_hours_in_utc(utc_hour, open_now):
    # Monday 6 July 2026: Riga is UTC+3, so 09:00-17:00 there is 06:00-14:00 UTC.
    finding = evaluate(PERSON, SERVICE, datetime(2026, 7, 6, utc_hour, tzinfo=UTC))
    assert finding.open_now is open_now


def test_an_opening_more_than_a_week_ahead_is_given_by_date():
    service = replace(SERVICE, hours=(), exceptions={WEEK["Mon"] + timedelta(days=10): (time(9), time(12))})
    texts = [reason.text for reason in evaluate(PERSON, service, at("Mon 10:00")).reasons]
    assert "Closed now; opens on March 12, 2026 at 09:00" in texts


def test_the_default_calendar_has_no_holidays_and_naive_times_are_refused():
    assert no_holidays("LV", WEEK["Mon"]) is False
    with pytest.raises(ValueError):
        evaluate(PERSON, SERVICE, datetime(2026, 3, 2, 10))
    with pytest.raises(ValueError):
        Need(municipality_id=RIGA, age=-1)
