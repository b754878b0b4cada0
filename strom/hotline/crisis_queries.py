"""The crisis view's reads: the finder's urgent findings for a municipality, or a country's national
services when only the country is known; turned into crisis.Entry for the pure rules."""

from __future__ import annotations

from strom.hotline import crisis
from strom.network.finder import find_services
from strom.network.models import Service, ServiceType
from strom.network.pathway import Need


def _entry(service: Service, *, open_now: bool, fits: bool = True, reasons=()) -> crisis.Entry:
    return crisis.Entry(
        service_id=service.pk, name=service.name, organisation=service.organisation.name,
        organisation_id=service.organisation_id,
        type_code=service.type.code, type_name=str(service.type), phone=service.phone,
        phone_24_7=service.phone_24_7, always_open=service.always_open, open_now=open_now, fits=fits,
        reasons=tuple(reasons))


def entries_for_municipality(municipality, *, language: str = "", exploitation: str = "",
                             child: bool = False) -> list[crisis.Entry]:
    need = Need(municipality_id=municipality.pk, languages=(language,) if language else (),
                exploitation=exploitation, child=child or None, service_types=crisis.CRISIS_TYPES, urgent=True)
    return [_entry(found.service, open_now=found.open_now, fits=found.fits,
                   reasons=[reason.text for reason in found.reasons if reason.blocks])
            for found in find_services(need)]


def entries_for_country(country: str) -> list[crisis.Entry]:
    """National services of the crisis types in a country (no municipality known). Without a place
    the finder cannot tell opening hours apart, so only 24/7 lines count as reachable now."""
    services = (Service.objects.filter(is_active=True, organisation__is_active=True, whole_country=True,
                                       organisation__country=country, type__code__in=crisis.CRISIS_TYPES)
                .select_related("organisation", "type").order_by("organisation__name", "name"))
    return [_entry(service, open_now=service.always_open) for service in services]


def type_names() -> dict[str, str]:
    return {service_type.code: str(service_type)
            for service_type in ServiceType.objects.filter(code__in=crisis.CRISIS_TYPES)}
