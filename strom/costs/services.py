"""Writes of costs: each checks its policy before its transaction and records its audit event inside it
(field names and ids only). A ValidationError names the field; nothing changes then.

Rates are versioned by validity: a new rate for the same key and scope ends the open or overlapping rate
that started before it on the day before it starts; a rate that starts on or after the new one's first day
is refused (end or correct that one first), so two rates of one key never cover the same day.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from strom.accounts.policies import Actor, deny
from strom.assistance import money
from strom.audit.services import record
from strom.cases.models import Case
from strom.cases.policies import require_case_writing
from strom.costs.models import Basket, OverheadRate, StaffRate, StaffTime, UnitCost
from strom.costs.policies import managed_municipality, require_basket_keeping, require_managing
from strom.lib.services import service


def _record(action: str, actor: Actor | None, target, *, fields=(), request=None, **detail) -> None:
    record(action, actor=actor.user if actor else None, organisation=actor.organisation if actor else None,
           target=target, fields=list(fields), detail={key: str(value) for key, value in detail.items()},
           request=request)


def _check_currency(code: str) -> str:
    code = (code or "").strip().upper()
    if not money.is_currency(code):
        raise ValidationError({"currency": _("Unknown currency code: use a three-letter ISO 4217 code such as EUR.")})
    return code


def _check_amount(value: Decimal, field: str) -> None:
    if value is None or value < 0:
        raise ValidationError({field: _("The amount cannot be negative.")})


def _check_validity(valid_from: date, valid_to: date | None) -> None:
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("The end date is before the start date.")})


def _supersede(same_key, valid_from: date, valid_to: date | None) -> None:
    """End the rate of the same key that runs into the new one; refuse if one starts within it."""
    later = same_key.filter(valid_from__gte=valid_from)
    if valid_to is not None:
        later = later.filter(valid_from__lte=valid_to)
    clash = later.order_by("valid_from").first()
    if clash is not None:
        raise ValidationError({"valid_from": _(
            "A rate for this already starts on %(day)s: end or correct that one first."
        ) % {"day": formats.date_format(clash.valid_from, "SHORT_DATE_FORMAT")}})
    running = same_key.filter(valid_from__lt=valid_from).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    for rate in running.select_for_update():
        rate.valid_to = valid_from - timedelta(days=1)
        rate.save(update_fields=["valid_to"])


def _scope(actor: Actor) -> dict:
    municipality = managed_municipality(actor)
    return {"municipality": municipality, "country": municipality.country}


def _add_rate(actor: Actor, model, key: dict, values: dict, *, valid_from, valid_to, source, request, action):
    _check_validity(valid_from, valid_to)
    if not (source or "").strip():
        raise ValidationError({"source": _("Say where the figure comes from.")})
    scope = _scope(actor)
    _supersede(model.objects.filter(**scope, **key), valid_from, valid_to)
    rate = model(**scope, **key, **values, valid_from=valid_from, valid_to=valid_to, source=source.strip(),
                 created_by=actor.user)
    rate.full_clean(exclude=["created_by", "municipality"])
    rate.save()
    _record(action, actor, rate, fields=[*key, *values, "valid_from", "valid_to", "source"], request=request,
            municipality=scope["municipality"].pk, valid_from=valid_from)
    return rate


@service(require_managing)
def add_unit_cost(actor: Actor, *, service_type, payer: str, unit: str, amount: Decimal, currency: str,
                  valid_from: date, valid_to: date | None = None, source: str, request=None) -> UnitCost:
    _check_amount(amount, "amount")
    currency = _check_currency(currency)
    return _add_rate(actor, UnitCost, {"service_type": service_type, "payer": payer, "unit": unit},
                     {"amount": amount, "currency": currency}, valid_from=valid_from, valid_to=valid_to,
                     source=source, request=request, action="costs.unit_cost_added")


@service(require_managing)
def add_staff_rate(actor: Actor, *, profession: str, hourly: Decimal, currency: str, valid_from: date,
                   valid_to: date | None = None, source: str, request=None) -> StaffRate:
    profession = " ".join((profession or "").split()).lower()
    if not profession:
        raise ValidationError({"profession": _("Name the profession.")})
    _check_amount(hourly, "hourly")
    currency = _check_currency(currency)
    return _add_rate(actor, StaffRate, {"profession": profession}, {"hourly": hourly, "currency": currency},
                     valid_from=valid_from, valid_to=valid_to, source=source, request=request,
                     action="costs.staff_rate_added")


@service(require_managing)
def add_overhead(actor: Actor, *, percent: Decimal, valid_from: date, valid_to: date | None = None, source: str,
                 request=None) -> OverheadRate:
    if percent is None or not 0 <= percent <= 100:
        raise ValidationError({"percent": _("The overhead is a percentage between 0 and 100.")})
    return _add_rate(actor, OverheadRate, {}, {"percent": percent}, valid_from=valid_from, valid_to=valid_to,
                     source=source, request=request, action="costs.overhead_added")


def _require_own_rate(actor: Actor, rate, *args, **kwargs) -> None:
    require_managing(actor)
    if rate.municipality_id != managed_municipality(actor).pk:
        deny(actor, "costs.manage", rate)


# What makes two rates "the same rate" in another version: one of them applies on any day.
KEYS = {UnitCost: ("service_type_id", "payer", "unit"), StaffRate: ("profession",), OverheadRate: ()}


@service(_require_own_rate)
def end_rate(actor: Actor, rate, *, valid_to: date, request=None):
    """End a rate's validity (an open rate, or one that should end sooner or later), never into the next
    version of the same rate."""
    _check_validity(rate.valid_from, valid_to)
    model = type(rate)
    same_key = model.objects.filter(municipality_id=rate.municipality_id, country=rate.country,
                                    **{field: getattr(rate, field) for field in KEYS[model]})
    following = same_key.filter(valid_from__gt=rate.valid_from, valid_from__lte=valid_to).order_by("valid_from")
    if (clash := following.first()) is not None:
        raise ValidationError({"valid_to": _(
            "A newer version of this rate starts on %(day)s: end this one before that day."
        ) % {"day": formats.date_format(clash.valid_from, "SHORT_DATE_FORMAT")}})
    later = model.objects.filter(pk=rate.pk).select_for_update().get()
    later.valid_to = valid_to
    later.save(update_fields=["valid_to"])
    _record("costs.rate_ended", actor, later, fields=["valid_to"], request=request, kind=model._meta.model_name,
            valid_to=valid_to)
    return later


@service(require_case_writing)
def record_staff_time(actor: Actor, case: Case, *, on: date, hours: Decimal, profession: str, payer: str,
                      request=None) -> StaffTime:
    if on > timezone.localdate():
        raise ValidationError({"on": _("This date is in the future.")})
    if hours is None or not 0 < hours <= 24:
        raise ValidationError({"hours": _("Hours are more than 0 and at most 24 a day.")})
    profession = " ".join((profession or "").split()).lower()
    known = StaffRate.objects.filter(Q(municipality=case.municipality_id) | Q(municipality__isnull=True,
                                                                             country=case.municipality.country))
    if not known.filter(profession=profession).exists():
        raise ValidationError({"profession": _("No staff rate is kept for this profession in the case's "
                                               "municipality: the local coordinator adds it first.")})
    entry = StaffTime(case=case, on=on, hours=hours, profession=profession, payer=payer, recorded_by=actor.user)
    entry.full_clean(exclude=["case", "recorded_by"])
    entry.save()
    _record("costs.staff_time_recorded", actor, case, fields=["on", "hours", "profession", "payer"], request=request,
            staff_time=entry.pk)
    return entry


@service(require_basket_keeping)
def save_basket(actor: Actor | None, *, country: str, days: int, source: str, needs_verification: bool = True,
                request=None) -> Basket:
    basket, _created = Basket.objects.update_or_create(
        country=country, defaults={"days": days, "source": source, "needs_verification": needs_verification})
    _record("costs.basket_saved", actor, basket, fields=["days", "source", "needs_verification"], request=request,
            country=country, days=days)
    return basket
