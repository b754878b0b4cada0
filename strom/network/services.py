"""Writes to the network.

Organisations and municipalities are set up by a system administrator. An organisation's
administrator keeps her organisation's services: what, for whom, where, when, how to refer, and a
yearly "still correct"; free places may also be updated by those who work on its cases (see
policies.py). Every function checks its policy before the transaction (`strom.lib.services.service`),
validates, changes the data and appends its audit event in one transaction: bad input raises
ValidationError and changes nothing. django-simple-history keeps every version of a service's row.
"""

from __future__ import annotations

import copy
from datetime import date, time

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.lib.services import service
from strom.network.languages import is_language_code
from strom.network.models import HoursException, Municipality, OpeningHours, Organisation, Service, ServiceLocation
from strom.network.policies import (
    require_capacity_update,
    require_network_administration,
    require_service_management,
)
from strom.network.vocabularies import ExploitationForm, LegalStatus, Sex

# --- Organisations and municipalities (system administrator) -----------------------------------


@service(require_network_administration)
def create_municipality(actor: Actor, *, country: str, name: str, name_en: str = "", region: str = "",
                        request=None) -> Municipality:
    if Municipality.objects.filter(country=country, name__iexact=name).exists():
        raise ValidationError(_("This country already has a municipality with that name."))
    municipality = Municipality.objects.create(country=country, name=name, name_en=name_en, region=region)
    record("municipality.created", actor=actor.user, target=municipality, request=request)
    return municipality


@service(require_network_administration)
def create_organisation(actor: Actor, *, name: str, type: str, country: str, municipality=None,
                        request=None) -> Organisation:
    if municipality is not None and municipality.country != country:
        raise ValidationError(_("The municipality is not in the organisation's country."))
    if Organisation.objects.filter(country=country, name__iexact=name).exists():
        raise ValidationError(_("This country already has an organisation with that name."))
    organisation = Organisation.objects.create(name=name, type=type, country=country, municipality=municipality)
    record("organisation.created", actor=actor.user, organisation=organisation, target=organisation,
           request=request)
    return organisation


@service(require_network_administration)
def set_organisation_active(actor: Actor, organisation: Organisation, active: bool, request=None) -> None:
    organisation.is_active = active
    organisation.save(update_fields=["is_active"])
    record("organisation.activated" if active else "organisation.deactivated", actor=actor.user,
           organisation=organisation, target=organisation, request=request)


# --- Services (the organisation's administrator) -----------------------------------------------

# What create_service and update_service accept, besides `areas` (municipalities served). Hours,
# always_open, exceptions, locations, free places and verification have their own functions.
SERVICE_FIELDS = frozenset({
    "type", "name", "description", "is_public", "is_active",
    "min_age", "max_age", "sexes", "legal_statuses", "exploitation_forms", "accompanied_children", "languages",
    "whole_country", "open_on_public_holidays",
    "phone", "phone_24_7", "email", "website",
    "how_to_refer", "consent", "answer_time", "answer_unit",
    "capacity_total",
})
LIST_VOCABULARIES = {"sexes": Sex, "legal_statuses": LegalStatus, "exploitation_forms": ExploitationForm}


def _checked_fields(fields: dict) -> dict:
    unknown = set(fields) - SERVICE_FIELDS
    if unknown:
        raise TypeError(f"Not a field a service function changes: {', '.join(sorted(unknown))}")
    for name, vocabulary in LIST_VOCABULARIES.items():
        if name in fields:
            values = list(dict.fromkeys(fields[name] or []))
            if any(value not in vocabulary.values for value in values):
                raise ValidationError({name: _("Choose from the list.")})
            fields[name] = values
    if "languages" in fields:
        codes = list(dict.fromkeys(code.strip().lower() for code in fields["languages"] or [] if code.strip()))
        wrong = [code for code in codes if not is_language_code(code)]
        if wrong:
            raise ValidationError({"languages": _("Not ISO 639-1 language codes: %(codes)s")
                                   % {"codes": ", ".join(wrong)}})
        fields["languages"] = codes
    for name in ("name", "description", "phone", "phone_24_7", "email", "website", "how_to_refer"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    return fields


def _validate(item: Service, areas) -> None:
    """The model's own rules (lengths, choices, validators, the age range) and the service's."""
    item.full_clean(validate_unique=False)
    if not item.whole_country and not areas:
        raise ValidationError({"areas": _("Choose the municipalities the service serves, or the whole country.")})
    if item.capacity_total is not None and item.capacity_free is not None and item.capacity_free > item.capacity_total:
        raise ValidationError({"capacity_total": _("There are more free places (%(free)d) than places in all.")
                               % {"free": item.capacity_free}})


@service(require_service_management)
def create_service(actor: Actor, organisation: Organisation, *, areas=(), request=None, **fields) -> Service:
    """A new service of `organisation`; `fields` as SERVICE_FIELDS, `areas` the municipalities served."""
    fields = _checked_fields(dict(fields))
    areas = list(areas)
    item = Service(organisation=organisation, **fields)
    _validate(item, areas)
    item._history_user = actor.user
    item.save()
    item.areas.set(areas)
    record("service.created", actor=actor.user, organisation=organisation, target=item, request=request)
    return item


def _differs(item: Service, name: str, value) -> bool:
    if name == "type":
        return item.type_id != getattr(value, "pk", value)
    return getattr(item, name) != value


@service(require_service_management)
def update_service(actor: Actor, item: Service, *, request=None, **changes) -> list[str]:
    """Change any of SERVICE_FIELDS and `areas`; returns the names of the fields that changed.

    Validated on a copy: a refusal leaves `item` as it was, in memory too.
    """
    areas = changes.pop("areas", None)
    changes = _checked_fields(dict(changes))
    changed = [name for name, value in changes.items() if _differs(item, name, value)]
    current_areas = set(item.areas.values_list("pk", flat=True))
    areas = list(areas) if areas is not None else None
    areas_changed = areas is not None and {area.pk for area in areas} != current_areas
    candidate = copy.copy(item)
    for name in changed:
        setattr(candidate, name, changes[name])
    _validate(candidate, areas if areas is not None else current_areas)
    if not changed and not areas_changed:
        return []
    for name in changed:
        setattr(item, name, changes[name])
    item._history_user = actor.user
    item.save()
    if areas_changed:
        item.areas.set(areas)
        changed.append("areas")
    record("service.updated", actor=actor.user, organisation=item.organisation, target=item, fields=changed,
           request=request)
    return changed


@service(require_service_management)
def set_hours(actor: Actor, item: Service, *, always_open: bool, hours, request=None) -> None:
    """Replace the weekly hours: `hours` as (weekday 0 = Monday, opens, closes), in local time;
    a closing time not after the opening time runs past midnight."""
    rows = sorted({(int(weekday), opens, closes) for weekday, opens, closes in hours})
    for weekday, opens, closes in rows:
        if not 0 <= weekday <= 6 or not isinstance(opens, time) or not isinstance(closes, time):
            raise ValidationError(_("Each opening needs a day, an opening time and a closing time."))
    if len({(weekday, opens) for weekday, opens, _closes in rows}) != len(rows):
        raise ValidationError(_("Two openings on the same day start at the same time."))
    item.hours.all().delete()
    OpeningHours.objects.bulk_create(OpeningHours(service=item, weekday=weekday, opens=opens, closes=closes)
                                     for weekday, opens, closes in rows)
    if item.always_open != bool(always_open):
        item.always_open = bool(always_open)
        item._history_user = actor.user
        item.save(update_fields=["always_open", "updated"])
    record("service.hours_set", actor=actor.user, organisation=item.organisation, target=item,
           fields=["hours", "always_open"], detail={"openings": len(rows), "always_open": item.always_open},
           request=request)


@service(require_service_management)
def add_exception(actor: Actor, item: Service, *, date: date, opens: time | None = None, closes: time | None = None,
                  note: str = "", request=None) -> HoursException:
    """Other hours on one date, or closed (no opening and closing time)."""
    if (opens is None) != (closes is None):
        raise ValidationError(_("Give both the opening and the closing time, or neither when closed all day."))
    if item.exceptions.filter(date=date).exists():
        raise ValidationError({"date": _("There is already an exception for this date; remove it first.")})
    exception = HoursException(service=item, date=date, opens=opens, closes=closes, note=(note or "").strip())
    exception.full_clean(exclude=["service"], validate_unique=False)
    exception.save()
    record("service.exception_added", actor=actor.user, organisation=item.organisation, target=item,
           detail={"date": date.isoformat()}, request=request)
    return exception


@service(require_service_management)
def remove_exception(actor: Actor, exception: HoursException, request=None) -> None:
    item = exception.service
    day = exception.date
    exception.delete()
    record("service.exception_removed", actor=actor.user, organisation=item.organisation, target=item,
           detail={"date": day.isoformat()}, request=request)


@service(require_service_management)
def add_location(actor: Actor, item: Service, *, municipality: Municipality, name: str = "", address: str = "",
                 postal_code: str = "", confidential: bool = True, request=None) -> ServiceLocation:
    """A place where the service works; confidential (the default) addresses are never published."""
    name, address = (name or "").strip(), (address or "").strip()
    if not name and not address:
        raise ValidationError(_("Give the location a name or an address."))
    location = ServiceLocation(service=item, municipality=municipality, name=name, address=address,
                               postal_code=(postal_code or "").strip(), confidential=confidential)
    location.full_clean(exclude=["service"])
    location.save()
    record("service.location_added", actor=actor.user, organisation=item.organisation, target=location,
           detail={"service": str(item.pk), "confidential": confidential}, request=request)
    return location


@service(require_service_management)
def remove_location(actor: Actor, location: ServiceLocation, request=None) -> None:
    item = location.service
    location_id = location.pk
    location.delete()
    record("service.location_removed", actor=actor.user, organisation=item.organisation,
           target_type="network.servicelocation", target_id=location_id, detail={"service": str(item.pk)},
           request=request)


@service(require_capacity_update)
def update_capacity(actor: Actor, item: Service, *, free: int, request=None) -> None:
    """The free places now; when and by whom is kept with them (the finder says how fresh they are)."""
    if free is None or free < 0:
        raise ValidationError({"free": _("Give the number of free places (0 or more).")})
    if item.capacity_total is not None and free > item.capacity_total:
        raise ValidationError({"free": _("The service has %(total)d places in all.") % {"total": item.capacity_total}})
    item.capacity_free = free
    item.capacity_updated_at = timezone.now()
    item.capacity_updated_by = actor.user
    item._history_user = actor.user
    item.save(update_fields=["capacity_free", "capacity_updated_at", "capacity_updated_by"])
    record("service.capacity_updated", actor=actor.user, organisation=item.organisation, target=item,
           fields=["capacity_free"], request=request)


@service(require_service_management)
def mark_verified(actor: Actor, item: Service, request=None) -> None:
    """The administrator confirms that everything said about the service is still correct today."""
    item.last_verified = timezone.localdate()
    item.verified_by = actor.user
    item._history_user = actor.user
    item.save(update_fields=["last_verified", "verified_by"])
    record("service.verified", actor=actor.user, organisation=item.organisation, target=item, request=request)
