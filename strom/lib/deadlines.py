"""Deadlines that protect a person: the pure core behind protection periods and "My work" alerts.

No database here. A case page gives a start date, a `CountryRule` (strom/lib/country_rules.py) and
what was decided (a granted length, extensions, how the period ended); this module answers with
dates and plain data objects (`ReflectionPeriod`, `PermitTerm`, `Alert`, `Notice`) to render.

Conventions (each decided here, tested in strom/lib/tests/test_deadlines.py):

- **A period starts on its first day**, the date of the decision or of the permit's validity, and
  its end is its *last* day, on which the person is still protected. 30 days from 1 March run to
  30 March. This is the way a permit "valid from … until …" reads.
- **Months are calendar months** (German Civil Code §§ 187(2), 188(2)–(3) reason the same way): a
  period of N months starting on day D ends the day before day D of the N-th following month; when
  that month has no day D, it ends on that month's last day. 1 March + 1 month ends 31 March;
  31 January + 1 month ends on the last day of February, as do 29 and 30 January and 1 February.
- **Working days** are the days that are neither weekend nor public holiday in the country (and its
  subdivision, e.g. a German Land), from the `holidays` package with the holiday categories that
  the country's rule names (Sweden also counts Midsummer Eve, Christmas Eve and New Year's Eve).
  Weekend days the government turns into working days (Latvia moves days off) are working days.
  N working days from a date are the N-th working day *after* it; a period of N working days
  starting on day D ends on its N-th working day counting D itself when D is a working day.
- **A protection period's end never moves** to the next working day: the person is protected on
  that date whatever the calendar. Alerts, not deadlines, use working days.
- **Extensions continue the period without a gap**, in the order they were granted, even when one
  was granted after the period had ended (that is said in a notice). The authority's decisions are
  the facts: a length or extension beyond what the rule allows is applied and *noticed*, never cut,
  because the rule may be the one that is wrong. So extensions never shorten a period.
- **Ending early** (a permit granted, the person left, an authority's decision, …) makes the ending's
  date the last day; an ending on or after the planned end is not early and changes nothing.
- **Alerts** use working days for their lead time, so that a long weekend never eats the warning:
  a reflection period ending within 7 working days, a permit expiring within 30 working days, a
  plan review within 5 working days, a task on its due day; then "ended" / "overdue" after the date.
- **Answer times** of services: hours are elapsed hours on aware datetimes (a daylight-saving change
  neither adds nor removes one); working days end at midnight, local time, after the N-th working
  day following the day the referral was sent.
- Nothing here stores or needs personal data: an alert's `subject` is whatever opaque reference the
  caller gives it (a case's UUID), and texts name no one.
"""

from __future__ import annotations

import calendar as month_calendar
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

import holidays
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from strom.lib.country_rules import CountryRule, Length, Unit, normalise_country, rule_for

ONE_DAY = timedelta(days=1)
REFLECTION_ALERT_LEAD = Length(7, Unit.WORKING_DAYS)
PERMIT_ALERT_LEAD = Length(30, Unit.WORKING_DAYS)
REVIEW_ALERT_LEAD = Length(5, Unit.WORKING_DAYS)
TASK_ALERT_LEAD = Length(0, Unit.WORKING_DAYS)


# --- calendar months ---------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later (or earlier); the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = month_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


# --- working days ------------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _holiday_calendar(country: str, subdivision: str, categories: tuple[str, ...], year: int):
    return holidays.country_holidays(country, subdiv=subdivision or None, years=year, categories=categories)


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are working days in a country (and subdivision). Build it with `working_calendar`."""

    country: str = ""
    subdivision: str = ""
    categories: tuple[str, ...] = ("public",)
    known: bool = False  # False: the `holidays` package has no calendar for the country; weekends only
    notices: tuple[Notice, ...] = ()

    def _holidays(self, year: int):
        return _holiday_calendar(self.country, self.subdivision, self.categories, year) if self.known else None

    def is_working_day(self, day: date) -> bool:
        calendar = self._holidays(day.year)
        if calendar is None:
            return day.weekday() < 5
        return calendar.is_working_day(day)

    def holiday_name(self, day: date) -> str:
        calendar = self._holidays(day.year)
        return (calendar.get(day) or "") if calendar is not None else ""

    def add_working_days(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` (before it when negative); 0 gives `day` itself."""
        step = ONE_DAY if count >= 0 else -ONE_DAY
        for _step in range(abs(count)):
            day += step
            while not self.is_working_day(day):
                day += step
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d ≤ end; negative (counted the other way) when end is earlier."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(1 for offset in range(1, (end - start).days + 1) if self.is_working_day(start + offset * ONE_DAY))

    def next_working_day(self, day: date) -> date:
        """The first working day after `day`."""
        return self.add_working_days(day, 1)

    def on_or_after(self, day: date) -> date:
        """`day` when it is a working day, else the next one."""
        return day if self.is_working_day(day) else self.next_working_day(day)


def working_calendar(country, subdivision: str = "", categories: Iterable[str] = ("public",)) -> WorkingCalendar:
    """A country's working-day calendar; lenient: an unknown subdivision or category is dropped with a notice.

    `subdivision` is the `holidays` package's code (a German Land "BY", a Polish voivodeship "14",
    a Finnish region "18"; see `holiday_subdivisions`); strom.network's Municipality may carry one.
    """
    return _working_calendar(normalise_country(country), (subdivision or "").strip(), tuple(categories))


@lru_cache(maxsize=256)
def _working_calendar(code: str, subdivision: str, categories: tuple[str, ...]) -> WorkingCalendar:
    if not code:
        return WorkingCalendar(notices=(Notice(NoticeCode.CALENDAR_UNKNOWN),))
    try:
        known = holidays.country_holidays(code)
    except NotImplementedError:
        return WorkingCalendar(country=code, notices=(Notice(NoticeCode.CALENDAR_UNKNOWN),))
    notices = []
    usable = tuple(item for item in categories if item in known.supported_categories) or ("public",)
    if usable != categories:
        notices.append(Notice(NoticeCode.CATEGORY_IGNORED))
    if subdivision and subdivision not in known.subdivisions:
        notices.append(Notice(NoticeCode.SUBDIVISION_IGNORED))
        subdivision = ""
    return WorkingCalendar(code, subdivision, usable, known=True, notices=tuple(notices))


def holiday_subdivisions(country) -> tuple[str, ...]:
    """The subdivision codes with their own holidays in `country` (empty when it has none or is unknown);
    what a municipality's holiday subdivision may be chosen from."""
    code = normalise_country(country)
    try:
        return tuple(holidays.country_holidays(code).subdivisions) if code else ()
    except NotImplementedError:
        return ()


def calendar_for_rule(rule: CountryRule, subdivision: str = "") -> WorkingCalendar:
    """The calendar of the rule's country with the holiday categories the rule counts as days off."""
    return working_calendar(rule.country, subdivision, rule.working_days.holiday_categories)


# --- periods -----------------------------------------------------------------------------------------


def last_day(start: date, length: Length, calendar: WorkingCalendar | None = None) -> date:
    """The last day of a period of `length` whose first day is `start` (see the module's conventions)."""
    if length.amount < 1:
        raise ValueError("a period lasts at least one day")
    if length.unit == Unit.DAYS:
        return start + (length.amount - 1) * ONE_DAY
    if length.unit == Unit.MONTHS:
        same_day = add_months(start, length.amount)
        if same_day.day < start.day:  # that month has no such day: its last day ends the period
            return same_day
        return same_day - ONE_DAY
    if calendar is None:
        raise ValueError("a period in working days needs a working-day calendar")
    return calendar.add_working_days(start - ONE_DAY, length.amount)


def continue_after(end: date, length: Length, calendar: WorkingCalendar | None = None) -> date:
    """The new last day when a period that ended on `end` continues for `length` without a gap."""
    return last_day(end + ONE_DAY, length, calendar)


# --- notices -----------------------------------------------------------------------------------------


class NoticeCode(enum.StrEnum):
    FALLBACK_RULE = "fallback_rule"
    UNVERIFIED_RULE = "unverified_rule"
    OVER_MAXIMUM = "over_maximum"
    NO_EXTENSION_IN_RULE = "no_extension_in_rule"
    TOO_MANY_EXTENSIONS = "too_many_extensions"
    OVER_TOTAL = "over_total"
    EXTENSION_AFTER_END = "extension_after_end"
    ENDING_NOT_EARLY = "ending_not_early"
    PERMIT_LENGTH_UNKNOWN = "permit_length_unknown"
    NOT_RENEWABLE = "not_renewable"
    CALENDAR_UNKNOWN = "calendar_unknown"
    SUBDIVISION_IGNORED = "subdivision_ignored"
    CATEGORY_IGNORED = "category_ignored"


NOTICE_TEXTS = {
    NoticeCode.FALLBACK_RULE:
        gettext_noop("No rule is recorded for this country and date: the Council of Europe minimum is used."),
    NoticeCode.UNVERIFIED_RULE: gettext_noop("The country's rule for this still needs verification."),
    NoticeCode.OVER_MAXIMUM:
        gettext_noop("The length granted is longer than the country's rule allows: check the decision or the rule."),
    NoticeCode.NO_EXTENSION_IN_RULE:
        gettext_noop("The country's rule provides no extension: check the decision or the rule."),
    NoticeCode.TOO_MANY_EXTENSIONS:
        gettext_noop("More extensions than the country's rule allows: check the decisions or the rule."),
    NoticeCode.OVER_TOTAL:
        gettext_noop("With its extensions the period is longer than the country's rule allows: "
                     "check the decisions or the rule."),
    NoticeCode.EXTENSION_AFTER_END:
        gettext_noop("An extension was granted after the period had ended; it continues from the end."),
    NoticeCode.ENDING_NOT_EARLY:
        gettext_noop("The recorded ending is not before the planned end: the planned end stands."),
    NoticeCode.PERMIT_LENGTH_UNKNOWN:
        gettext_noop("Record the permit's expiry date: the country's rule gives no usual length."),
    NoticeCode.NOT_RENEWABLE:
        gettext_noop("The country's rule says this permit is not renewable: check the decision or the rule."),
    NoticeCode.CALENDAR_UNKNOWN:
        gettext_noop("No public holiday calendar is known for this country: only weekends are days off."),
    NoticeCode.SUBDIVISION_IGNORED:
        gettext_noop("The region's holiday calendar is not known: the national one is used."),
    NoticeCode.CATEGORY_IGNORED: gettext_noop("Some holiday categories of the rule are not known for this country."),
}


@dataclass(frozen=True)
class Notice:
    """Something a worker should know about a computed date; `text()` is the translated sentence."""

    code: NoticeCode

    def text(self) -> str:
        return _(NOTICE_TEXTS[self.code])


def _rule_notices(rule: CountryRule, provision: str) -> list[Notice]:
    if rule.is_fallback:
        return [Notice(NoticeCode.FALLBACK_RULE)]
    if not getattr(rule, provision).verified:
        return [Notice(NoticeCode.UNVERIFIED_RULE)]
    return []


# --- the reflection and recovery period ---------------------------------------------------------------


@dataclass(frozen=True)
class Extension:
    length: Length
    granted_on: date
    granted_by: str = ""  # the authority; never a person's name

    def __post_init__(self):
        if self.length.amount < 1:
            raise ValueError("an extension lasts at least one day")


class EndReason(enum.StrEnum):
    RESIDENCE_PERMIT = "residence_permit"  # a residence permit was granted
    LEFT_COUNTRY = "left_country"
    VOLUNTARY_RETURN = "voluntary_return"
    PERSON_DECIDED = "person_decided"  # e.g. decided to report before the end (NL: bedenktijd ends then)
    AUTHORITY_DECISION = "authority_decision"  # ended by the authority (e.g. CoE Art. 13(3), not a victim)
    CONTACT_LOST = "contact_lost"
    OTHER = "other"


@dataclass(frozen=True)
class Ending:
    on: date  # the last day the period was in force
    reason: EndReason
    decided_by: str = ""  # the authority or "the person"; never a name

    def __post_init__(self):
        object.__setattr__(self, "reason", EndReason(self.reason))


@dataclass(frozen=True)
class AppliedExtension:
    extension: Extension
    previous_end: date
    new_end: date


@dataclass(frozen=True)
class ReflectionPeriod:
    start: date
    length: Length  # as granted, or the rule's for an adult or a child
    base_end: date  # last day before any extension
    planned_end: date  # last day with every extension
    end: date  # the last day it was or will be in force: planned_end, or the day it ended early
    child: bool
    country: str
    is_fallback: bool
    extensions: tuple[AppliedExtension, ...] = ()
    ending: Ending | None = None
    longest_end: date | None = None  # the latest last day the rule allows with extensions, when it caps them
    notices: tuple[Notice, ...] = ()

    @property
    def ended_early(self) -> bool:
        return self.ending is not None and self.end < self.planned_end

    def in_force_on(self, day: date) -> bool:
        return self.start <= day <= self.end

    def days_left(self, day: date) -> int:
        """Calendar days of protection left after `day` (0 on the last day, negative once over)."""
        return (self.end - day).days


def reflection_period(start: date, rule: CountryRule, *, child: bool = False, granted: Length | None = None,
                      extensions: Iterable[Extension] = (), ending: Ending | None = None,
                      calendar: WorkingCalendar | None = None) -> ReflectionPeriod:
    """The period from `start` under `rule`; `child` is True also for a person who may be a child.

    `granted` is the length the decision states (it wins over the rule's); `calendar` is needed
    only for lengths in working days (default: the rule's country, no subdivision).
    """
    provision = rule.reflection
    calendar = calendar or calendar_for_rule(rule)
    length = granted or (provision.child if child else provision.adult)
    base_end = last_day(start, length, calendar)
    notices = _rule_notices(rule, "reflection")
    if provision.maximum and base_end > last_day(start, provision.maximum, calendar):
        notices.append(Notice(NoticeCode.OVER_MAXIMUM))
    applied, planned_end = _extend(base_end, extensions, calendar)
    notices += _extension_notices(start, applied, planned_end, rule, calendar)
    longest = None
    if provision.extension and provision.extension.max_total:
        longest = last_day(start, provision.extension.max_total, calendar)
    end = planned_end
    if ending is not None:
        if ending.on < start:
            raise ValueError("a period cannot end before it starts")
        if ending.on > planned_end:
            notices.append(Notice(NoticeCode.ENDING_NOT_EARLY))
        end = min(ending.on, planned_end)
    return ReflectionPeriod(start=start, length=length, base_end=base_end, planned_end=planned_end, end=end,
                            child=child, country=rule.country, is_fallback=rule.is_fallback,
                            extensions=tuple(applied), ending=ending, longest_end=longest,
                            notices=tuple(dict.fromkeys(notices)))


def reflection_period_for(country, start: date, *, subdivision: str = "", **decided) -> ReflectionPeriod:
    """The period under the rule in force in `country` on its first day, with the country's (and
    subdivision's) calendar; `decided` are reflection_period's child, granted, extensions and ending."""
    rule = rule_for(country, start)
    return reflection_period(start, rule, calendar=calendar_for_rule(rule, subdivision), **decided)


def _extend(end: date, extensions: Iterable[Extension], calendar) -> tuple[list[AppliedExtension], date]:
    applied = []
    for extension in sorted(extensions, key=lambda item: item.granted_on):
        new_end = continue_after(end, extension.length, calendar)
        applied.append(AppliedExtension(extension, end, new_end))
        end = new_end
    return applied, end


def _extension_notices(start, applied, planned_end, rule: CountryRule, calendar) -> list[Notice]:
    if not applied:
        return []
    allowed = rule.reflection.extension
    notices = []
    if any(item.extension.granted_on > item.previous_end for item in applied):
        notices.append(Notice(NoticeCode.EXTENSION_AFTER_END))
    if allowed is None:
        return [*notices, Notice(NoticeCode.NO_EXTENSION_IN_RULE)]
    if allowed.max_count is not None and len(applied) > allowed.max_count:
        notices.append(Notice(NoticeCode.TOO_MANY_EXTENSIONS))
    if allowed.max_total is not None and planned_end > last_day(start, allowed.max_total, calendar):
        notices.append(Notice(NoticeCode.OVER_TOTAL))
    return notices


# --- residence permits -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Renewal:
    granted_on: date
    length: Length | None = None  # the renewal's length, if the decision states it rather than a date
    valid_until: date | None = None  # the decision's new expiry date wins over any length


@dataclass(frozen=True)
class PermitTerm:
    valid_from: date
    first_expiry: date | None  # last day of validity before renewals
    expires: date | None  # last day of validity with every renewal; None: unknown, record it
    renewals: int = 0
    notices: tuple[Notice, ...] = ()

    def valid_on(self, day: date) -> bool:
        return self.expires is not None and self.valid_from <= day <= self.expires


def residence_permit(valid_from: date, rule: CountryRule, *, valid_until: date | None = None,
                     renewals: Iterable[Renewal] = (), calendar: WorkingCalendar | None = None) -> PermitTerm:
    """The permit's last day of validity: the decision's date when given, else the rule's usual length."""
    provision = rule.residence_permit
    calendar = calendar or calendar_for_rule(rule)
    notices = _rule_notices(rule, "residence_permit")
    if valid_until is not None and valid_until < valid_from:
        raise ValueError("a permit cannot expire before it is valid")
    expires = valid_until
    if expires is None and provision.length is not None:
        expires = last_day(valid_from, provision.length, calendar)
    first_expiry = expires
    renewals = sorted(renewals, key=lambda item: item.granted_on)
    if renewals and not provision.renewable:
        notices.append(Notice(NoticeCode.NOT_RENEWABLE))
    for renewal in renewals:
        expires = _renew(expires, renewal, provision.renewal or provision.length, calendar)
    if expires is None:
        notices.append(Notice(NoticeCode.PERMIT_LENGTH_UNKNOWN))
    return PermitTerm(valid_from, first_expiry, expires, len(renewals), tuple(dict.fromkeys(notices)))


def _renew(expires: date | None, renewal: Renewal, usual: Length | None, calendar) -> date | None:
    if renewal.valid_until is not None:
        return max(renewal.valid_until, expires) if expires else renewal.valid_until
    length = renewal.length or usual
    if expires is None or length is None:
        return None
    return continue_after(expires, length, calendar)


# --- retention ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionDate:
    erase_from: date  # the first day on which the identity data may be erased
    verified: bool  # False: the period needs verification; confirm before erasing under it


def retention_erase_from(closed_on: date, rule: CountryRule) -> RetentionDate:
    """When a case closed on `closed_on` has kept its identity data for the rule's whole retention period."""
    keep_until = continue_after(closed_on, rule.retention.after_closure)
    return RetentionDate(keep_until + ONE_DAY, rule.retention.verified and not rule.is_fallback)


# --- answer times of services (referrals) --------------------------------------------------------------


class AnswerUnit(enum.StrEnum):  # the values of strom.network.vocabularies.AnswerUnit
    HOURS = "hours"
    WORKING_DAYS = "working_days"


def answer_due(sent_at: datetime, amount: int, unit: str, calendar: WorkingCalendar, zone: tzinfo) -> datetime:
    """The moment an answer is due (aware): after `amount` elapsed hours, or at local midnight after the
    `amount`-th working day following the local day the referral was sent."""
    if sent_at.tzinfo is None:
        raise ValueError("the sending time must be an aware datetime")
    if amount < 1:
        raise ValueError("an answer time is at least 1")
    if AnswerUnit(unit) == AnswerUnit.HOURS:
        # In UTC: adding to a datetime in a zone that changes to summer time would add wall-clock hours.
        return (sent_at.astimezone(UTC) + timedelta(hours=amount)).astimezone(zone)
    last = calendar.add_working_days(sent_at.astimezone(zone).date(), amount)
    return datetime.combine(last + ONE_DAY, time(0), tzinfo=zone)


# --- alerts for "My work" ----------------------------------------------------------------------------


class AlertKind(enum.StrEnum):
    REFLECTION_ENDING = "reflection_ending"
    REFLECTION_ENDED = "reflection_ended"  # over, and no ending recorded: record what happened
    PERMIT_EXPIRING = "permit_expiring"
    PERMIT_EXPIRED = "permit_expired"
    REVIEW_DUE = "review_due"
    REVIEW_OVERDUE = "review_overdue"
    TASK_DUE = "task_due"
    TASK_OVERDUE = "task_overdue"
    ANSWER_DUE = "answer_due"
    ANSWER_OVERDUE = "answer_overdue"


OVERDUE_KINDS = frozenset({AlertKind.REFLECTION_ENDED, AlertKind.PERMIT_EXPIRED, AlertKind.REVIEW_OVERDUE,
                           AlertKind.TASK_OVERDUE, AlertKind.ANSWER_OVERDUE})


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    due: date  # the last day of the period or permit, the review or task date, the answer's last day
    on: date  # the day the alert was computed for
    working_days_left: int  # working days after `on` up to `due`; negative once overdue
    subject: object = None  # the caller's opaque reference (a case UUID); never personal data
    notices: tuple[Notice, ...] = field(default=())

    @property
    def overdue(self) -> bool:
        return self.kind in OVERDUE_KINDS

    @property
    def days_left(self) -> int:
        return (self.due - self.on).days

    def sort_key(self) -> tuple:
        return (not self.overdue, self.due, self.kind.value)

    def text(self) -> str:
        return describe(self)


def _window_start(due: date, lead: Length, calendar: WorkingCalendar) -> date:
    """The first day an alert shows. With no lead, the last working day on or before the due date, so
    that a task due on a Saturday is seen on Friday."""
    if lead.unit == Unit.WORKING_DAYS:
        if lead.amount == 0 and not calendar.is_working_day(due):
            return calendar.add_working_days(due, -1)
        return calendar.add_working_days(due, -lead.amount)
    if lead.unit == Unit.DAYS:
        return due - lead.amount * ONE_DAY
    return add_months(due, -lead.amount)


def _alert(due, on, lead, calendar, coming: AlertKind, past: AlertKind, subject, notices=()) -> Alert | None:
    if on > due:
        kind = past
    elif on >= _window_start(due, lead, calendar):
        kind = coming
    else:
        return None
    return Alert(kind, due, on, calendar.working_days_between(on, due), subject, tuple(notices))


def reflection_alert(period: ReflectionPeriod, on: date, calendar: WorkingCalendar, *, subject=None,
                     lead: Length = REFLECTION_ALERT_LEAD) -> Alert | None:
    """Ending within `lead`; ended with no ending recorded. A period ended early alerts no more."""
    if period.ending is not None and period.end <= on:
        return None
    return _alert(period.end, on, lead, calendar, AlertKind.REFLECTION_ENDING, AlertKind.REFLECTION_ENDED,
                  subject, period.notices)


def permit_alert(permit: PermitTerm, on: date, calendar: WorkingCalendar, *, subject=None,
                 lead: Length = PERMIT_ALERT_LEAD) -> Alert | None:
    if permit.expires is None:
        return None
    return _alert(permit.expires, on, lead, calendar, AlertKind.PERMIT_EXPIRING, AlertKind.PERMIT_EXPIRED,
                  subject, permit.notices)


def review_alert(review_on: date, on: date, calendar: WorkingCalendar, *, subject=None,
                 lead: Length = REVIEW_ALERT_LEAD) -> Alert | None:
    return _alert(review_on, on, lead, calendar, AlertKind.REVIEW_DUE, AlertKind.REVIEW_OVERDUE, subject)


def task_alert(due: date, on: date, calendar: WorkingCalendar, *, subject=None,
               lead: Length = TASK_ALERT_LEAD) -> Alert | None:
    return _alert(due, on, lead, calendar, AlertKind.TASK_DUE, AlertKind.TASK_OVERDUE, subject)


def answer_alert(due_at: datetime, now: datetime, calendar: WorkingCalendar, zone: tzinfo, *,
                 subject=None) -> Alert | None:
    """Due: the answer is due today (local time) or later today; overdue once `due_at` has passed."""
    today = now.astimezone(zone).date()
    last_day_due = (due_at - timedelta(microseconds=1)).astimezone(zone).date()
    if now >= due_at:
        kind = AlertKind.ANSWER_OVERDUE
    elif today == last_day_due:
        kind = AlertKind.ANSWER_DUE
    else:
        return None
    return Alert(kind, last_day_due, today, calendar.working_days_between(today, last_day_due), subject)


def alerts_due(on: date, calendar: WorkingCalendar, *, reflections=(), permits=(), reviews=(),
               tasks=()) -> list[Alert]:
    """Every alert due on `on` for one case (one calendar), sorted; each argument holds (subject, item) pairs:
    a ReflectionPeriod, a PermitTerm, a review date, a task's due date. Merge several cases' lists with
    `sort_alerts`."""
    found = [reflection_alert(period, on, calendar, subject=subject) for subject, period in reflections]
    found += [permit_alert(permit, on, calendar, subject=subject) for subject, permit in permits]
    found += [review_alert(day, on, calendar, subject=subject) for subject, day in reviews]
    found += [task_alert(day, on, calendar, subject=subject) for subject, day in tasks]
    return sort_alerts(found)


def sort_alerts(alerts: Iterable[Alert | None]) -> list[Alert]:
    """Overdue first, then by date; the Nones that the alert functions return are dropped."""
    return sorted((alert for alert in alerts if alert is not None), key=Alert.sort_key)


def describe(alert: Alert) -> str:
    """One translated sentence for the My work page, naming no one."""
    days = alert.working_days_left
    if alert.kind in (AlertKind.REFLECTION_ENDING, AlertKind.PERMIT_EXPIRING) and days < 1 and alert.days_left > 0:
        return _before_next_working_day(alert)
    if alert.kind == AlertKind.REFLECTION_ENDING:
        if days < 1:
            return _("The reflection period ends today.")
        return ngettext("The reflection period ends in %(count)d working day.",
                        "The reflection period ends in %(count)d working days.", days) % {"count": days}
    if alert.kind == AlertKind.PERMIT_EXPIRING:
        if days < 1:
            return _("The residence permit expires today.")
        return ngettext("The residence permit expires in %(count)d working day.",
                        "The residence permit expires in %(count)d working days.", days) % {"count": days}
    if alert.kind == AlertKind.REVIEW_OVERDUE and days < 0:
        return ngettext("The plan review is %(count)d working day overdue.",
                        "The plan review is %(count)d working days overdue.", -days) % {"count": -days}
    if alert.kind == AlertKind.TASK_OVERDUE and days < 0:
        return ngettext("A task is %(count)d working day overdue.",
                        "A task is %(count)d working days overdue.", -days) % {"count": -days}
    return _(PLAIN_TEXTS[alert.kind])


def _before_next_working_day(alert: Alert) -> str:
    """Due on a day off ahead, before any working day is left: say the date, it is the last chance."""
    values = {"date": date_format(alert.due)}
    if alert.kind == AlertKind.REFLECTION_ENDING:
        return _("The reflection period ends on %(date)s, before the next working day.") % values
    return _("The residence permit expires on %(date)s, before the next working day.") % values


PLAIN_TEXTS = {
    AlertKind.REFLECTION_ENDED: gettext_noop("The reflection period has ended: record what happened."),
    AlertKind.PERMIT_EXPIRED: gettext_noop("The residence permit has expired."),
    AlertKind.REVIEW_DUE: gettext_noop("The assistance plan is due for review."),
    AlertKind.REVIEW_OVERDUE: gettext_noop("The plan review is overdue."),
    AlertKind.TASK_DUE: gettext_noop("A task is due."),
    AlertKind.TASK_OVERDUE: gettext_noop("A task is overdue."),
    AlertKind.ANSWER_DUE: gettext_noop("A referral's answer is due today."),
    AlertKind.ANSWER_OVERDUE: gettext_noop("A referral's answer is overdue."),
}
