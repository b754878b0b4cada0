"""The referral pathway finder's Django layer: candidates from the database, decisions in pathway.py.

`find_services(need)` runs ONE query whatever the number of services: the candidates
(`candidate_services`: active services of active organisations, of the needed types, serving the
municipality or the whole country of its country) with organisation, its municipality and the type
joined, and four scalar columns beside each row: its weekly hours and its exceptions of the coming
weeks as JSON arrays, and the person's municipality's time zone and country.

Why not prefetch_related: the bench (`make bench`, case "pathway finder") measured the finder at
2.3x its floor on PostgreSQL with two more queries (hours, exceptions) and the municipality as ORM
subqueries; most of that was the ORM building three statements, not the database. The JSON columns
are plain SQL, aggregated per row in the database (json_agg on PostgreSQL, json_group_array on
SQLite), and cost the database little: they are computed for the rows returned only.

Hours are local time: the time zone of the organisation's municipality, else (national bodies) of
the person's municipality. Public holidays come from the `holidays` package, one calendar per
country and year, kept for the life of the process.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.db import connection
from django.db.models import CharField, Exists, JSONField, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone

from strom.network.models import HoursException, Municipality, OpeningHours, Service
from strom.network.pathway import LOOKAHEAD_DAYS, Finding, Need, Reason, ServiceFacts, rank, with_country


@dataclass(frozen=True)
class FoundService:
    """A finding with the service it is about (organisation and type loaded)."""

    service: Service
    finding: Finding

    @property
    def fits(self) -> bool:
        return self.finding.fits

    @property
    def open_now(self) -> bool:
        return self.finding.open_now

    @property
    def reachable_now(self) -> bool:
        return self.finding.reachable_now

    @property
    def reasons(self) -> list[Reason]:
        return self.finding.reasons

    @property
    def score(self) -> tuple:
        return self.finding.score


@lru_cache(maxsize=256)
def _calendar(country: str, year: int):
    try:
        return holidays.country_holidays(country, years=year)
    except NotImplementedError:  # a country the package does not know: no holidays
        return {}


def is_public_holiday(country: str, day: date) -> bool:
    return bool(country) and day in _calendar(country.upper(), day.year)


def candidate_services(municipality_id, type_codes=(), *, public_only: bool = False) -> QuerySet:
    """The one filter the finder (and the bench's floor) selects with; indexed on (type, is_active)."""
    serves_here = Service.areas.through.objects.filter(service_id=OuterRef("pk"), municipality_id=municipality_id)
    country = Municipality.objects.filter(pk=municipality_id).order_by().values("country")[:1]
    services = Service.objects.filter(is_active=True, organisation__is_active=True)
    if type_codes:
        services = services.filter(type__code__in=list(type_codes))
    if public_only:
        services = services.filter(is_public=True)
    return services.filter(
        Exists(serves_here) | Q(whole_country=True, organisation__country=Subquery(country))).order_by()


# The raw SQL below is built from model metadata only (table and column names, quoted); every value
# is a query parameter.

def _json_rows(model, fields: tuple[str, ...], where: str = "") -> str:
    """A correlated subquery: the rows of `model` for the outer service, as a JSON array of arrays."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    if connection.vendor == "postgresql":
        rows = f"(json_agg(json_build_array({columns})))::text"
    else:
        rows = f"json_group_array(json_array({columns}))"
    service = f"{quote(Service._meta.db_table)}.{quote(Service._meta.pk.column)}"
    return (f"SELECT {rows} FROM {quote(model._meta.db_table)} "  # noqa: S608 — identifiers only, see above
            f"WHERE {quote(model._meta.get_field('service').column)} = {service}{where}")


def _municipality_column(municipality_id, field: str) -> RawSQL:
    quote, meta = connection.ops.quote_name, Municipality._meta
    sql = f"SELECT {quote(meta.get_field(field).column)} FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    return RawSQL(sql, (meta.pk.get_db_prep_value(municipality_id, connection),), output_field=CharField())  # noqa: S611


def _with_hours(services: QuerySet, need: Need, now: datetime) -> QuerySet:
    """The candidates with their hours, their exceptions of the coming weeks and the person's place."""
    # Local dates differ from UTC's by at most a day; yesterday's spans reach into today.
    first, last = now.date() - timedelta(days=2), now.date() + timedelta(days=LOOKAHEAD_DAYS + 2)
    within = f" AND {connection.ops.quote_name(HoursException._meta.get_field('date').column)} BETWEEN %s AND %s"
    return services.annotate(
        hours_json=RawSQL(_json_rows(OpeningHours, ("weekday", "opens", "closes")), (),  # noqa: S611
                          output_field=JSONField()),
        exceptions_json=RawSQL(_json_rows(HoursException, ("date", "opens", "closes"), within),  # noqa: S611
                               (first, last), output_field=JSONField()),
        need_time_zone=_municipality_column(need.municipality_id, "time_zone"),
        need_country=_municipality_column(need.municipality_id, "country"),
    )


def _clock(value) -> time | None:
    return time.fromisoformat(value) if value else None


def hours_of(service: Service) -> tuple:
    return tuple((weekday, _clock(opens), _clock(closes)) for weekday, opens, closes in service.hours_json or ())


def exceptions_of(service: Service) -> dict:
    exceptions = {}
    for day, opens, closes in service.exceptions_json or ():
        hours = (_clock(opens), _clock(closes)) if opens and closes else None  # either missing: closed
        exceptions[date.fromisoformat(day)] = hours
    return exceptions


def facts_of(service: Service, need: Need) -> ServiceFacts:
    organisation = service.organisation
    local = organisation.municipality.time_zone if organisation.municipality_id else service.need_time_zone
    serves_here = not (service.whole_country and organisation.country == need.country)
    return ServiceFacts(
        service_id=service.pk, name=service.name, type_code=service.type.code, type_name=service.type.name,
        country=str(organisation.country), whole_country=service.whole_country,
        area_ids=frozenset([need.municipality_id]) if serves_here else frozenset(),
        min_age=service.min_age, max_age=service.max_age, sexes=tuple(service.sexes),
        legal_statuses=tuple(service.legal_statuses), exploitation_forms=tuple(service.exploitation_forms),
        languages=tuple(service.languages), accompanied_children=service.accompanied_children,
        time_zone=local or "UTC", always_open=service.always_open,
        open_on_public_holidays=service.open_on_public_holidays, hours=hours_of(service),
        exceptions=exceptions_of(service), phone_24_7=service.phone_24_7, consent=service.consent,
        answer_time=service.answer_time, answer_unit=service.answer_unit, capacity_total=service.capacity_total,
        capacity_free=service.capacity_free, capacity_updated_at=service.capacity_updated_at,
        last_verified=service.last_verified,
    )


def find_services(need: Need, *, now: datetime | None = None, include_misfits: bool = True,
                  public_only: bool = False) -> list[FoundService]:
    """The services of the needed types in the person's municipality, best first, each explained.

    The candidates are those that serve the municipality (or the whole country) with one of the
    needed types; the others are never shown. Among them, `include_misfits=False` leaves out those
    that do not fit (age, language, no free places…), which are otherwise listed last with why.
    """
    now = now or timezone.now()
    candidates = candidate_services(need.municipality_id, need.service_types, public_only=public_only)
    services = list(_with_hours(candidates.select_related("organisation__municipality", "type"), need, now))
    if not services:
        return []
    need = with_country(need, services[0].need_country)
    by_id = {service.pk: service for service in services}
    findings = rank(need, [facts_of(service, need) for service in services], now, is_public_holiday)
    return [FoundService(by_id[finding.service_id], finding) for finding in findings
            if include_misfits or finding.fits]
