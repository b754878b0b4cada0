"""The referral pathway finder's pure core: which services fit a need, why, and in what order.

No database here. `strom/network/finder.py` selects the candidate services, turns each into
`ServiceFacts` and calls `rank()`; everything that decides is in this module and tested as a table
in tests/test_pathway.py.

The rules, in the order a finding explains them:

- Type and area: the service offers one of the needed types, and serves the person's municipality
  or the whole country of that municipality.
- Age. A person who *may be a child* is treated as a child (CoE Convention Art. 10(3), Directive
  2011/36/EU Art. 13(2)): whatever age is stated, she fits a service only if it takes someone under
  18 (no youngest age, or a youngest age under 18). A person with a known age under 18 is a child
  and that age must be in the service's range; so must a known adult age. A known adult of
  unknown age (child=False) fits services that take someone of 18 or over. No age at all: not
  checked, but a restricted range is named so that the worker can check it.
- Sex, legal status, form of exploitation: a service's empty list means anyone; a restricted list
  must hold the person's value; when the person's value is not given, the restriction is named
  without excluding the service.
- Accompanying children: if the person has them, accommodation must take them; any other service
  that does not say it takes them gets a caveat, not a misfit (the flag defaults to "no", and a
  mother with her children still needs legal counselling).
- Languages: at least one shared language; no language asked, nothing checked; a service that
  lists no languages is "languages not stated" (a weaker fit, not a misfit).
- Free places: for accommodation (ACCOMMODATION_TYPES) none free is a misfit; unknown is said;
  a count older than STALE_CAPACITY is said. Other services with a count of zero get a caveat.
- Opening: "open now" in the service's local time from its weekly hours (a span whose closing time
  is not after its opening time runs past midnight into the next day and belongs to the day it
  started), its exceptions by date (which win over everything but always_open), and public
  holidays (closed, unless open_on_public_holidays). always_open is open whatever the calendar.

A need marked urgent does not change what fits: it changes the order. Reachable now (open now,
always open, or a 24/7 phone) comes first, and among those the 24/7 options first.

Ranking, best first: fits; (urgent) reachable now; (urgent) 24/7; the need's order of service types;
language match (the person's first language, another of hers, not stated); free places known and
more of them; most recently verified; then name.

Every `Reason` is one translatable sentence. `ok` says whether it speaks for the service; `blocks`
marks the reasons that make it a misfit (a reason with ok=False that does not block is a caveat).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_noop, ngettext
from django.utils.translation import gettext as _

from strom.network.vocabularies import AnswerUnit, Consent, ExploitationForm, LegalStatus

ADULT_AGE = 18
STALE_CAPACITY = timedelta(days=7)
LOOKAHEAD_DAYS = 14  # how far "opens …" looks for the next opening
# Service types whose free places decide whether they can take the person at all.
ACCOMMODATION_TYPES = frozenset({"safe_accommodation", "housing"})

HolidayCalendar = Callable[[str, date], bool]  # (ISO country code, local date) -> public holiday?
Hours = tuple[time, time]


def no_holidays(country: str, day: date) -> bool:
    return False


@dataclass(frozen=True)
class Need:
    municipality_id: object
    country: str = ""  # the municipality's country; finder.py fills it in
    age: int | None = None
    child: bool | None = None  # True: the person may be a child (uncertain age counts as child)
    sex: str = ""
    exploitation: str = ""
    languages: tuple[str, ...] = ()  # ISO 639-1, the person's preferred one first
    legal_status: str = ""
    accompanied_children: bool = False
    service_types: tuple[str, ...] = ()  # codes, most needed first; empty = any type
    urgent: bool = False

    def __post_init__(self):
        if self.age is not None and not 0 <= self.age <= 130:
            raise ValueError("age out of range")
        object.__setattr__(self, "languages", tuple(code.strip().lower() for code in self.languages if code))
        object.__setattr__(self, "service_types", tuple(self.service_types))

    @property
    def presumed_child(self) -> bool:
        """May be a child although no age under 18 is known: treated as a child."""
        return self.child is True and (self.age is None or self.age >= ADULT_AGE)


@dataclass(frozen=True)
class ServiceFacts:
    service_id: object
    name: str = ""
    type_code: str = ""
    type_name: str = ""  # English name from the taxonomy, translated on display
    country: str = ""  # where the service works: its area check and its holiday calendar
    area_ids: frozenset = frozenset()
    whole_country: bool = False
    min_age: int | None = None
    max_age: int | None = None
    sexes: tuple[str, ...] = ()  # empty = anyone, as for the next three
    legal_statuses: tuple[str, ...] = ()
    exploitation_forms: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    accompanied_children: bool = False
    time_zone: str = "UTC"  # IANA name; hours and exceptions are local time there
    always_open: bool = False
    open_on_public_holidays: bool = False
    hours: tuple[tuple[int, time, time], ...] = ()  # (weekday 0 = Monday, opens, closes)
    exceptions: Mapping[date, Hours | None] = field(default_factory=dict)  # None = closed that day
    phone_24_7: str = ""
    consent: str = Consent.VERBAL
    answer_time: int | None = None
    answer_unit: str = AnswerUnit.HOURS
    capacity_total: int | None = None
    capacity_free: int | None = None
    capacity_updated_at: datetime | None = None
    last_verified: date | None = None


@dataclass(frozen=True)
class Reason:
    ok: bool
    text: str
    blocks: bool = False  # this reason alone makes the service a misfit


@dataclass(frozen=True)
class Finding:
    service_id: object
    fits: bool
    open_now: bool
    score: tuple  # the ranking key: larger is better (see rank)
    reasons: list[Reason]
    reachable_now: bool = False
    always_available: bool = False  # open 24/7 or has a 24/7 phone


def good(text: str) -> Reason:
    return Reason(True, text)


def caveat(text: str) -> Reason:
    return Reason(False, text)


def misfit(text: str) -> Reason:
    return Reason(False, text, blocks=True)


# --- eligibility -------------------------------------------------------------------------------------


def check_type(need: Need, facts: ServiceFacts) -> list[Reason]:
    name = _(facts.type_name) if facts.type_name else facts.type_code
    if need.service_types and facts.type_code not in need.service_types:
        return [misfit(_("Offers %(type)s, which is not among the services needed") % {"type": name})]
    return [good(_("Offers %(type)s") % {"type": name})]


def check_area(need: Need, facts: ServiceFacts) -> list[Reason]:
    if need.municipality_id in facts.area_ids:
        return [good(_("Serves the person's municipality"))]
    if facts.whole_country and facts.country and facts.country == need.country:
        return [good(_("Serves the whole country"))]
    return [misfit(_("Does not serve the person's municipality"))]


def age_range(facts: ServiceFacts) -> str:
    low, high = facts.min_age, facts.max_age
    if low is not None and high is not None:
        # Plural by the last number: languages whose "years" agrees with it (lv, lt, ru…) need the forms.
        return ngettext("aged %(min)d to %(max)d", "aged %(min)d to %(max)d", high) % {"min": low, "max": high}
    if low is not None:
        return ngettext("aged %(min)d and over", "aged %(min)d and over", low) % {"min": low}
    return ngettext("aged up to %(max)d", "aged up to %(max)d", high) % {"max": high}


def check_age(need: Need, facts: ServiceFacts) -> list[Reason]:
    if facts.min_age is None and facts.max_age is None:
        return []
    ages = {"range": age_range(facts)}
    if need.presumed_child:
        if facts.min_age is None or facts.min_age < ADULT_AGE:
            return [good(_("Takes people %(range)s, children included") % ages)]
        return [misfit(_("Takes only people %(range)s; a person who may be a child is treated as a child") % ages)]
    if need.age is not None:
        if (facts.min_age or 0) <= need.age <= (facts.max_age if facts.max_age is not None else need.age):
            return [good(_("Takes people %(range)s") % ages)]
        return [misfit(_("Takes only people %(range)s; the person is %(age)d") % {**ages, "age": need.age})]
    if need.child is False:
        if facts.max_age is None or facts.max_age >= ADULT_AGE:
            return [good(_("Takes people %(range)s") % ages)]
        return [misfit(_("Takes only children (people %(range)s)") % ages)]
    return [caveat(_("Takes only people %(range)s; the person's age is not given") % ages)]


# Marked for makemessages here, translated when used.
SEX_FITS = {
    "female": gettext_noop("Takes women and girls"),
    "male": gettext_noop("Takes men and boys"),
    "other": gettext_noop("Takes people of another gender"),
}
SEX_MISFITS = {
    "female": gettext_noop("Does not take women and girls"),
    "male": gettext_noop("Does not take men and boys"),
    "other": gettext_noop("Does not take people of another gender"),
}


def check_sex(need: Need, facts: ServiceFacts) -> list[Reason]:
    if not facts.sexes:
        return []
    if not need.sex:
        return [caveat(_("Takes only some people by sex; the person's sex is not given"))]
    if need.sex in facts.sexes:
        return [good(_(SEX_FITS.get(need.sex, need.sex)))]
    return [misfit(_(SEX_MISFITS.get(need.sex, need.sex)))]


def label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def check_legal_status(need: Need, facts: ServiceFacts) -> list[Reason]:
    if not facts.legal_statuses:
        return []
    if not need.legal_status:
        return [caveat(_("Takes only people of some legal statuses; the person's status is not given"))]
    status = {"status": label(LegalStatus, need.legal_status)}
    if need.legal_status in facts.legal_statuses:
        return [good(_("Takes people with this legal status: %(status)s") % status)]
    return [misfit(_("Does not take people with this legal status: %(status)s") % status)]


def check_exploitation(need: Need, facts: ServiceFacts) -> list[Reason]:
    if not facts.exploitation_forms:
        return []
    if not need.exploitation:
        return [caveat(_("Works only with some forms of exploitation; the form is not given"))]
    form = {"form": label(ExploitationForm, need.exploitation)}
    if need.exploitation in facts.exploitation_forms:
        return [good(_("Works with this form of exploitation: %(form)s") % form)]
    return [misfit(_("Does not work with this form of exploitation: %(form)s") % form)]


def check_accompanied_children(need: Need, facts: ServiceFacts) -> list[Reason]:
    if not need.accompanied_children:
        return []
    if facts.accompanied_children:
        return [good(_("Takes children accompanying the person"))]
    if facts.type_code in ACCOMMODATION_TYPES:
        return [misfit(_("Does not take children accompanying the person"))]
    return [caveat(_("Does not say it takes children accompanying the person"))]


@lru_cache(maxsize=32)
def _language_names(locale: str) -> Mapping[str, str]:
    try:
        return Locale.parse(locale, sep="-").languages
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en").languages


def language_names(codes: Iterable[str]) -> str:
    names = _language_names(get_language() or "en")
    return ", ".join(names.get(code, code) for code in codes)


def language_match(need: Need, facts: ServiceFacts) -> int:
    """3: speaks the person's first language; 2: another of hers; 1: not stated (or none asked); 0: none."""
    if not need.languages or not facts.languages:
        return 1
    if need.languages[0] in facts.languages:
        return 3
    return 2 if set(need.languages) & set(facts.languages) else 0


def check_languages(need: Need, facts: ServiceFacts) -> list[Reason]:
    if not need.languages:
        return []
    if not facts.languages:
        return [caveat(_("Languages not stated"))]
    shared = [code for code in need.languages if code in facts.languages]
    if shared:
        return [good(_("Speaks %(languages)s") % {"languages": language_names(shared)})]
    return [misfit(_("Speaks none of the person's languages (%(languages)s)")
                   % {"languages": language_names(need.languages)})]


def check_capacity(facts: ServiceFacts, now_utc: datetime) -> list[Reason]:
    accommodation = facts.type_code in ACCOMMODATION_TYPES
    free = facts.capacity_free
    if free is None:
        return [caveat(_("Free places not known"))] if accommodation or facts.capacity_total else []
    if free == 0:
        reasons = [misfit(_("No free places")) if accommodation else caveat(_("No free places now"))]
    else:
        reasons = [good(ngettext("%(count)d free place", "%(count)d free places", free) % {"count": free})]
    updated = facts.capacity_updated_at
    if updated is None:
        reasons.append(caveat(_("Not known when the free places were last updated")))
    elif now_utc - updated > STALE_CAPACITY:
        days = (now_utc - updated).days
        reasons.append(caveat(ngettext("Free places last updated %(days)d day ago",
                                       "Free places last updated %(days)d days ago", days) % {"days": days}))
    return reasons


ELIGIBILITY = (check_type, check_area, check_age, check_sex, check_legal_status, check_exploitation,
               check_accompanied_children, check_languages)


# --- opening hours -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opening:
    open_now: bool
    until: datetime | None = None  # local; the end of the span we are in
    next_opening: datetime | None = None  # local; when closed
    closed_today_for: str = ""  # "holiday" or "exception" when today's usual hours are off


def local_now(facts: ServiceFacts, now_utc: datetime) -> datetime:
    """Wall-clock time at the service, naive: hours are compared as the clock on the wall shows them."""
    return now_utc.astimezone(ZoneInfo(facts.time_zone)).replace(tzinfo=None)


def _span(day: date, opens: time, closes: time) -> tuple[datetime, datetime]:
    end_day = day if closes > opens else day + timedelta(days=1)  # closes <= opens: past midnight
    return datetime.combine(day, opens), datetime.combine(end_day, closes)


def day_hours(facts: ServiceFacts, day: date, is_holiday: HolidayCalendar) -> list[Hours]:
    """The hours that start on this local date: an exception wins, then a holiday, then the week."""
    if day in facts.exceptions:
        hours = facts.exceptions[day]
        return [hours] if hours else []
    if not facts.open_on_public_holidays and is_holiday(facts.country, day):
        return []
    weekday = day.weekday()
    return [(opens, closes) for wd, opens, closes in facts.hours if wd == weekday]


def spans_from(facts: ServiceFacts, first: date, is_holiday: HolidayCalendar):
    """The spans starting on `first` and the days after, in order of their start, day by day (lazily)."""
    for offset in range(LOOKAHEAD_DAYS + 2):
        day = first + timedelta(days=offset)
        yield from sorted(_span(day, opens, closes) for opens, closes in day_hours(facts, day, is_holiday))


def _closed_today_for(facts: ServiceFacts, today: date, is_holiday: HolidayCalendar) -> str:
    if facts.exceptions.get(today, ()) is None:
        return "exception"
    if today not in facts.exceptions and not facts.open_on_public_holidays and is_holiday(facts.country, today):
        return "holiday"
    return ""


def open_until_or_next(spans_by_start, now: datetime) -> tuple[datetime | None, datetime | None]:
    """(end of the opening we are in, following spans that touch or overlap it, None) when open;
    (None, the next opening or None) when closed. Reads the spans only as far as it needs."""
    until = None
    for start, end in spans_by_start:
        if until is not None:
            if start > until:
                break
            until = max(until, end)
        elif start <= now < end:
            until = end
        elif start > now:
            return None, start
    return until, None


def opening(facts: ServiceFacts, now_utc: datetime, is_holiday: HolidayCalendar = no_holidays) -> Opening:
    if facts.always_open:
        return Opening(open_now=True)
    now = local_now(facts, now_utc)
    today = now.date()
    # Yesterday's spans may run past midnight into today.
    until, upcoming = open_until_or_next(spans_from(facts, today - timedelta(days=1), is_holiday), now)
    if until is not None:
        return Opening(open_now=True, until=until)
    return Opening(open_now=False, next_opening=upcoming, closed_today_for=_closed_today_for(facts, today, is_holiday))


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def when_text(now: datetime, moment: datetime) -> str:
    days = (moment.date() - now.date()).days
    values = {"time": _clock(moment)}
    if days == 0:
        return _("Closed now; opens today at %(time)s") % values
    if days == 1:
        return _("Closed now; opens tomorrow at %(time)s") % values
    if days < 7:
        return _("Closed now; opens %(day)s at %(time)s") % {**values, "day": str(WEEKDAYS[moment.weekday()])}
    return _("Closed now; opens on %(date)s at %(time)s") % {**values, "date": date_format(moment.date())}


def opening_reasons(facts: ServiceFacts, state: Opening, now_utc: datetime) -> list[Reason]:
    if facts.always_open:
        return [good(_("Open 24 hours, 7 days"))]
    if state.open_now:
        return [good(_("Open now until %(time)s") % {"time": _clock(state.until)})]
    reasons = []
    if state.closed_today_for == "holiday":
        reasons.append(caveat(_("Closed today: public holiday")))
    elif state.closed_today_for == "exception":
        reasons.append(caveat(_("Closed today (exception to the usual hours)")))
    if state.next_opening is not None:
        reasons.append(caveat(when_text(local_now(facts, now_utc), state.next_opening)))
    elif facts.hours or facts.exceptions:
        reasons.append(caveat(_("Closed now; no opening in the next two weeks")))
    else:
        reasons.append(caveat(_("Closed now; opening hours not given")))
    return reasons


def contact_reasons(need: Need, facts: ServiceFacts, reachable: bool) -> list[Reason]:
    reasons = []
    if facts.phone_24_7:
        reasons.append(good(_("24/7 phone: %(phone)s") % {"phone": facts.phone_24_7}))
    elif need.urgent and not reachable:
        reasons.append(caveat(_("Cannot be reached now: closed and no 24/7 phone")))
    return reasons


# --- intake ------------------------------------------------------------------------------------------

CONSENT_TEXT = {
    Consent.NONE: gettext_noop("Needs no consent to be contacted"),
    Consent.VERBAL: gettext_noop("Needs the person's verbal consent"),
    Consent.WRITTEN: gettext_noop("Needs the person's written consent"),
}


def intake_reasons(facts: ServiceFacts) -> list[Reason]:
    reasons = [good(_(CONSENT_TEXT.get(facts.consent, CONSENT_TEXT[Consent.VERBAL])))]
    if facts.answer_time:
        n = facts.answer_time
        if facts.answer_unit == AnswerUnit.WORKING_DAYS:
            text = ngettext("Answers within %(count)d working day", "Answers within %(count)d working days", n)
        else:
            text = ngettext("Answers within %(count)d hour", "Answers within %(count)d hours", n)
        reasons.append(good(text % {"count": n}))
    return reasons


# --- evaluation and ranking --------------------------------------------------------------------------


def score(need: Need, facts: ServiceFacts, fits: bool, reachable: bool, always: bool) -> tuple:
    types = need.service_types
    type_rank = -types.index(facts.type_code) if facts.type_code in types else -len(types)
    free = facts.capacity_free
    verified = facts.last_verified.toordinal() if facts.last_verified else 0
    return (fits, need.urgent and reachable, need.urgent and always, type_rank, language_match(need, facts),
            free is not None and free > 0, free or 0, verified)


def evaluate(need: Need, facts: ServiceFacts, now_utc: datetime,
             is_holiday: HolidayCalendar = no_holidays) -> Finding:
    if now_utc.tzinfo is None:
        raise ValueError("now_utc must be an aware datetime")
    reasons = [reason for check in ELIGIBILITY for reason in check(need, facts)]
    reasons += check_capacity(facts, now_utc)
    state = opening(facts, now_utc, is_holiday)
    always = facts.always_open or bool(facts.phone_24_7)
    reachable = state.open_now or always
    reasons += opening_reasons(facts, state, now_utc)
    reasons += contact_reasons(need, facts, reachable)
    reasons += intake_reasons(facts)
    fits = not any(reason.blocks for reason in reasons)
    return Finding(service_id=facts.service_id, fits=fits, open_now=state.open_now,
                   score=score(need, facts, fits, reachable, always), reasons=reasons,
                   reachable_now=reachable, always_available=always)


def rank(need: Need, facts_list: Iterable[ServiceFacts], now_utc: datetime,
         holiday_calendar: HolidayCalendar = no_holidays) -> list[Finding]:
    """Every service evaluated, best first; ties by name, then id, so that the order is stable."""
    ordered = sorted(facts_list, key=lambda facts: (facts.name, str(facts.service_id)))
    findings = [evaluate(need, facts, now_utc, holiday_calendar) for facts in ordered]
    return sorted(findings, key=lambda finding: finding.score, reverse=True)


def with_country(need: Need, country: str) -> Need:
    return need if need.country == country else replace(need, country=country)
