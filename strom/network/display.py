"""What the directory pages show about a service's time: its week, its coming exceptions, "open now".

"Open now" is decided by the pathway core (`strom.network.pathway.opening`), with the finder's
public-holiday calendar, never by a second implementation here. Hours are local time of the
organisation's municipality (as the finder reads them); for a national body, of the first
municipality the service serves or has a location in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from strom.network.finder import is_public_holiday
from strom.network.models import Service
from strom.network.pathway import (
    LOOKAHEAD_DAYS,
    ServiceFacts,
    age_range,
    intake_reasons,
    opening,
    opening_reasons,
)
from strom.network.vocabularies import ExploitationForm, LegalStatus, Sex


def time_zone_of(service: Service) -> str:
    organisation = service.organisation
    if organisation.municipality_id:
        return organisation.municipality.time_zone
    for area in service.areas.all():
        return area.time_zone
    for location in service.locations.all():
        return location.municipality.time_zone
    return settings.TIME_ZONE


@dataclass(frozen=True)
class Day:
    name: str
    spans: list[str]  # "09:00–17:00", in local time; empty: closed


def week_of(service: Service) -> list[Day]:
    spans: dict[int, list[str]] = {weekday: [] for weekday in range(7)}
    for row in service.hours.all():
        spans[row.weekday].append(f"{row.opens:%H:%M}–{row.closes:%H:%M}")
    return [Day(str(WEEKDAYS[weekday]), spans[weekday]) for weekday in range(7)]


def coming_exceptions(service: Service, *, today=None):
    today = today or timezone.localdate()
    return list(service.exceptions.filter(date__gte=today).order_by("date")[:20])


@dataclass(frozen=True)
class OpenState:
    open_now: bool
    texts: list[str]  # "Open now until 17:00"; "Closed today: public holiday", "Closed now; opens …"


def open_state(service: Service, *, now=None) -> OpenState:
    now = now or timezone.now()
    local_today = now.astimezone(timezone.get_default_timezone()).date()
    window = (local_today - timedelta(days=2), local_today + timedelta(days=LOOKAHEAD_DAYS + 2))
    exceptions = {e.date: (e.opens, e.closes) if e.opens and e.closes else None
                  for e in service.exceptions.filter(date__range=window)}
    facts = ServiceFacts(
        service_id=service.pk, name=service.name, country=str(service.organisation.country),
        time_zone=time_zone_of(service), always_open=service.always_open,
        open_on_public_holidays=service.open_on_public_holidays,
        hours=tuple((row.weekday, row.opens, row.closes) for row in service.hours.all()), exceptions=exceptions,
    )
    state = opening(facts, now, is_public_holiday)
    reasons = opening_reasons(facts, state, now)
    return OpenState(state.open_now, [reason.text for reason in reasons])


def _labels(choices, values) -> list[str]:
    names = dict(choices.choices)
    return [str(names.get(value, value)) for value in values]


@dataclass(frozen=True)
class Eligibility:
    ages: str  # "" when any age
    sexes: list[str]  # empty: anyone, as below
    legal_statuses: list[str]
    exploitation_forms: list[str]


def eligibility_of(service: Service) -> Eligibility:
    facts = ServiceFacts(service_id=service.pk, min_age=service.min_age, max_age=service.max_age)
    ages = age_range(facts) if service.min_age is not None or service.max_age is not None else ""
    return Eligibility(ages, _labels(Sex, service.sexes), _labels(LegalStatus, service.legal_statuses),
                       _labels(ExploitationForm, service.exploitation_forms))


def intake_of(service: Service) -> list[str]:
    """The consent the provider needs and how fast it answers, in the finder's own words."""
    facts = ServiceFacts(service_id=service.pk, consent=service.consent, answer_time=service.answer_time,
                         answer_unit=service.answer_unit)
    return [reason.text for reason in intake_reasons(facts)]


def week_text(service: Service) -> str:
    """The open days on one line: "Monday 09:00–17:00; Thursday 09:00–12:30, 14:00–18:00"."""
    return "; ".join(f"{day.name} {', '.join(day.spans)}" for day in week_of(service) if day.spans)


def capacity_text(service: Service) -> str:
    """"3 of 8 places free. Updated 28 Nov 2026, 09:22 by Marta." — whole sentences, for translators."""
    free, total = service.capacity_free, service.capacity_total
    if free is None:
        return _("Free places not given yet.")
    if total is not None:
        text = ngettext("%(free)d of %(total)d place free.", "%(free)d of %(total)d places free.", total) % {
            "free": free, "total": total}
    else:
        text = ngettext("%(free)d free place.", "%(free)d free places.", free) % {"free": free}
    if service.capacity_updated_at:
        when = date_format(timezone.localtime(service.capacity_updated_at), "DATETIME_FORMAT")
        who = service.capacity_updated_by
        if who is not None:
            text += " " + _("Updated %(when)s by %(name)s.") % {"when": when, "name": who.display_name or who.username}
        else:
            text += " " + _("Updated %(when)s.") % {"when": when}
    return text
