"""Scoped reads of the network.

- The partners' directory (`network.read`): active services of active organisations, every
  organisation and municipality, confidential addresses included (signed-in partners only).
- Service management: the services of the organisation the actor acts for. Another organisation's
  service is a 404 (outsiders learn nothing), a member without the right gets 403 (recorded).
- The public directory: services marked public, active, of an active organisation; public_service
  and public_locations never hand out anything else.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from strom.accounts.policies import Actor
from strom.network.finder import candidate_services
from strom.network.models import (
    HoursException,
    Municipality,
    OpeningHours,
    Organisation,
    Service,
    ServiceLocation,
    ServiceType,
)
from strom.network.policies import (
    require_capacity_update,
    require_directory,
    require_network_administration,
    require_service_management,
)
from strom.network.search import MAX_LIMIT, search_directory

VERIFY_EVERY = timedelta(days=365)


def organisations_for_administration(actor: Actor):
    require_network_administration(actor)
    return Organisation.objects.select_related("municipality").order_by("country", "name")


def organisation_for_administration(actor: Actor, organisation_id) -> Organisation:
    organisation = organisations_for_administration(actor).filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    return organisation


def municipalities():
    return Municipality.objects.order_by("country", "name")


def service_types():
    return ServiceType.objects.order_by("name")


# --- Service management ------------------------------------------------------------------------


def organisation_managed_by(actor: Actor) -> Organisation:
    """The organisation whose services the actor keeps: the one she acts for (403 without the right)."""
    if actor.organisation is None:
        raise Http404
    require_service_management(actor, actor.organisation)
    return actor.organisation


def services_of(organisation: Organisation):
    return (Service.objects.filter(organisation=organisation).select_related("type", "capacity_updated_by",
                                                                             "verified_by")
            .order_by("name", "id"))


def _own_service(actor: Actor, service_id) -> Service:
    """A service of the organisation the actor acts for, else 404 (whatever her rights elsewhere)."""
    if actor.organisation is None:
        raise Http404
    service = (Service.objects.filter(pk=service_id, organisation=actor.organisation)
               .select_related("organisation__municipality", "type").first())
    if service is None:
        raise Http404
    return service


def service_to_manage(actor: Actor, service_id) -> Service:
    service = _own_service(actor, service_id)
    require_service_management(actor, service)
    return service


def service_for_capacity(actor: Actor, service_id) -> Service:
    service = _own_service(actor, service_id)
    require_capacity_update(actor, service)
    return service


def exception_of(service: Service, exception_id) -> HoursException:
    exception = service.exceptions.filter(pk=exception_id).first()
    if exception is None:
        raise Http404
    return exception


def location_of(service: Service, location_id) -> ServiceLocation:
    location = service.locations.filter(pk=location_id).select_related("municipality").first()
    if location is None:
        raise Http404
    return location


def services_due_for_verification(organisation: Organisation, *, today=None):
    """Active services not confirmed as correct in the last twelve months (or never)."""
    today = today or timezone.localdate()
    return (Service.objects.filter(organisation=organisation, is_active=True)
            .filter(Q(last_verified__isnull=True) | Q(last_verified__lte=today - VERIFY_EVERY))
            .order_by("last_verified", "name", "id"))


# --- The partners' directory -------------------------------------------------------------------


def _with_details(services):
    return services.select_related("organisation__municipality", "type").prefetch_related(
        "areas",
        Prefetch("hours", queryset=OpeningHours.objects.order_by("weekday", "opens")),
        Prefetch("locations", queryset=ServiceLocation.objects.select_related("municipality").order_by("name")),
    )


def directory_services(actor: Actor):
    require_directory(actor)
    return Service.objects.filter(is_active=True, organisation__is_active=True)


def service_in_directory(actor: Actor, service_id) -> Service:
    """An active service of an active organisation; her own organisation's services in any state."""
    require_directory(actor)
    visible = Q(is_active=True, organisation__is_active=True)
    if actor.organisation is not None:
        visible |= Q(organisation=actor.organisation)
    service = _with_details(Service.objects.filter(visible, pk=service_id)).first()
    if service is None:
        raise Http404
    return service


def directory_search(actor: Actor, *, municipality=None, service_type=None, language: str = "", words: str = "",
                     limit: int = 100) -> list[Service]:
    """The partners' directory filtered by place, need and language, and by words when given."""
    services = _filtered(directory_services(actor), municipality=municipality, service_type=service_type,
                         language=language)
    return _matching(services, actor, words, municipality=municipality, public_only=False, limit=limit)


def _matching(services, actor, words: str, *, municipality, public_only: bool, limit: int) -> list[Service]:
    """The filtered services that match the words, best match first (all of them, by name, without words).

    A service matches when the search finds it or its organisation (searching for an organisation's
    name lists its services). The search ranks; the filters above still apply.
    """
    if not words:
        return list(services[:limit])
    hits = search_directory(actor, words, municipality=municipality, public_only=public_only, limit=MAX_LIMIT)
    rank: dict = {}
    for position, hit in enumerate(hits):
        key = ("service" if hit.kind == "service" else "organisation", hit.object.pk)
        rank.setdefault(key, position)
    organisation_ids = [pk for kind, pk in rank if kind == "organisation"]
    service_ids = [pk for kind, pk in rank if kind == "service"]
    found = list(services.filter(Q(pk__in=service_ids) | Q(organisation_id__in=organisation_ids))[:MAX_LIMIT])
    unranked = len(rank)

    def position(service: Service) -> int:
        return min(rank.get(("service", service.pk), unranked), rank.get(("organisation", service.organisation_id),
                                                                          unranked))

    found.sort(key=position)  # stable: equal positions keep the order by name
    return found[:limit]


def _filtered(services, *, municipality, service_type, language: str, public_only: bool = False):
    if municipality is not None:
        codes = [service_type.code] if service_type is not None else []
        services = candidate_services(municipality.pk, codes, public_only=public_only) & services
    elif service_type is not None:
        services = services.filter(type=service_type)
    if language:
        # The JSON list as text holds "xx" with its quotes: the same test on SQLite and PostgreSQL.
        services = services.filter(languages__icontains=f'"{language}"')
    return (services.select_related("organisation__municipality", "type").prefetch_related("areas")
            .order_by("name", "id"))


def organisation_in_directory(actor: Actor, organisation_id) -> Organisation:
    require_directory(actor)
    organisation = (Organisation.objects.filter(pk=organisation_id, is_active=True)
                    .select_related("municipality").first())
    if organisation is None:
        raise Http404
    return organisation


def services_of_organisation(organisation: Organisation):
    return (Service.objects.filter(organisation=organisation, is_active=True).select_related("type")
            .prefetch_related("areas").order_by("type__name", "name", "id"))


def municipality_in_directory(actor: Actor, municipality_id) -> Municipality:
    require_directory(actor)
    municipality = Municipality.objects.filter(pk=municipality_id).select_related("focal_point").first()
    if municipality is None:
        raise Http404
    return municipality


def organisations_in(municipality: Municipality):
    """Active organisations based in the municipality, or offering a service there."""
    serving = Service.objects.filter(is_active=True, areas=municipality).values("organisation_id")
    return (Organisation.objects.filter(is_active=True)
            .filter(Q(municipality=municipality) | Q(pk__in=serving))
            .select_related("municipality").order_by("name", "id"))


def services_serving(municipality: Municipality):
    """Active services that serve the municipality (listed in its areas, or the whole country)."""
    return (candidate_services(municipality.pk).select_related("organisation__municipality", "type")
            .prefetch_related("areas").order_by("type__name", "name", "id"))


# --- The public directory ----------------------------------------------------------------------


def public_services():
    return Service.objects.filter(is_public=True, is_active=True, organisation__is_active=True)


def public_search(*, municipality=None, service_type=None, language: str = "", words: str = "",
                  limit: int = 100) -> list[Service]:
    services = _filtered(public_services(), municipality=municipality, service_type=service_type,
                         language=language, public_only=True)
    return _matching(services, None, words, municipality=municipality, public_only=True, limit=limit)


def public_service(service_id) -> Service:
    service = (public_services().filter(pk=service_id)
               .select_related("organisation__municipality", "type")
               .prefetch_related("areas", Prefetch("hours", queryset=OpeningHours.objects.order_by("weekday", "opens")))
               .first())
    if service is None:
        raise Http404
    return service


def public_locations(service: Service):
    """Only addresses the service has not marked confidential."""
    return service.locations.filter(confidential=False).select_related("municipality").order_by("name")
