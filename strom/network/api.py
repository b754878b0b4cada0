"""The directory through HSDS 3.0's API shape: /api/v1/hsds/… (read only).

Lists are pages as HSDS's OpenAPI describes them: `page` (from 1) and `per_page` in the query, and an
object with total_items, total_pages, page_number, size (entries on this page), first_page, last_page,
empty and contents. HSDS needs the totals, so these lists count their rows; the directory is small
(organisations and services, not people), unlike the lists rule 7 keeps from counting.

Signed-in callers with `network.read` see scope "all" (every active service); /api/v1/hsds/public/…
answers anyone, with the services shown in the public directory only. Neither ever holds a
confidential address (see strom/network/hsds.py). The public variant is left out of the OpenAPI
schema: the schema is for signed-in callers, and its conformance test expects every operation in it
to refuse the unauthenticated.
"""

from __future__ import annotations

import math
import uuid
from datetime import UTC, datetime

from django.db.models import Prefetch
from django.http import Http404
from django.urls import path, reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.api.permissions import HasPermission
from strom.network import hsds
from strom.network.hsds import ALL, PUBLIC

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100

# --- OpenAPI: the shapes, in our words (HSDS publishes the full schemas at openreferral.org) ---------------
_TEXT = {"type": "string"}
_UUID = {"type": "string", "format": "uuid"}
_LIST = {"type": "array", "items": {"type": "object", "additionalProperties": True}}
TAXONOMY = {"type": "object", "required": ["id", "name", "description"], "additionalProperties": True,
            "properties": {"id": _UUID, "name": _TEXT, "description": _TEXT, "version": _TEXT}}
TAXONOMY_TERM = {"type": "object", "required": ["id", "name", "description"], "additionalProperties": True,
                 "properties": {"id": _UUID, "code": _TEXT, "name": _TEXT, "description": _TEXT, "taxonomy": _TEXT,
                                "taxonomy_id": _UUID, "language": _TEXT, "taxonomy_detail": TAXONOMY}}
ORGANIZATION = {
    "type": "object", "required": ["id", "name", "description"], "additionalProperties": True,
    "description": "An HSDS 3.0 organization. Lists give the one-to-one fields unless full=true; attributes carry "
                   "the type, country and municipality (taxonomies strom-organisation-types and strom-fields).",
    "properties": {"id": _UUID, "name": _TEXT, "description": _TEXT, "attributes": _LIST,
                   "services": _LIST},
}
SERVICE = {
    "type": "object", "required": ["id", "name", "status"], "additionalProperties": True,
    "description": "An HSDS 3.0 service. Lists give the one-to-one fields and the organization's unless "
                   "full=true. Never a confidential location.",
    "properties": {
        "id": _UUID, "organization_id": _UUID, "name": _TEXT, "description": _TEXT,
        "url": {"type": "string", "format": "uri"}, "email": {"type": "string", "format": "email"},
        "status": {"type": "string", "enum": ["active", "inactive", "defunct", "temporarily closed"]},
        "application_process": _TEXT, "eligibility_description": _TEXT,
        "minimum_age": {"type": "integer"}, "maximum_age": {"type": "integer"},
        "assured_date": {"type": "string", "format": "date"},
        "last_modified": {"type": "string", "format": "date-time"},
        "phones": _LIST, "schedules": _LIST, "service_areas": _LIST, "service_at_locations": _LIST,
        "languages": _LIST, "attributes": _LIST, "organization": ORGANIZATION,
    },
}
META = {"type": "object", "required": ["version"],
        "properties": {"version": {"type": "string", "description": "HSDS version of this API."},
                       "openapi_url": {"type": "string", "format": "uri"}}}


def page_of(items: dict) -> dict:
    counts = {name: {"type": "integer", "minimum": 0} for name in ("total_items", "total_pages", "size")}
    return {"type": "object",
            "required": ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty",
                         "contents"],
            "properties": {**counts, "page_number": {"type": "integer", "minimum": 1},
                           "first_page": {"type": "boolean"}, "last_page": {"type": "boolean"},
                           "empty": {"type": "boolean"}, "contents": {"type": "array", "items": items}}}


PAGE_PARAMETERS = [
    OpenApiParameter("page", {"type": "integer", "minimum": 1}, description="Page number, from 1."),
    OpenApiParameter("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
                     description=f"Entries on a page (default {DEFAULT_PER_PAGE}, at most {MAX_PER_PAGE})."),
]
FULL = OpenApiParameter("full", bool, description="true: fully nested objects instead of their one-to-one fields.")
FULL_SERVICE = OpenApiParameter("full_service", bool, description="true: the organization's services fully nested.")


# --- Query parameters --------------------------------------------------------------------------------------
def _whole(request, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: [f"{name} must be a whole number."]}) from None
    if value < 1 or (maximum is not None and value > maximum):
        bound = f" and at most {maximum}" if maximum else ""
        raise ValidationError({name: [f"{name} must be at least 1{bound}."]})
    return value


def _flag(request, name: str) -> bool:
    raw = (request.query_params.get(name) or "false").lower()
    if raw not in ("true", "false", "1", "0"):
        raise ValidationError({name: [f"{name} must be true or false."]})
    return raw in ("true", "1")


def _uuid(request, name: str) -> str | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise ValidationError({name: [f"{name} must be a UUID."]}) from None


def _moment(request, name: str) -> datetime | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise ValidationError({name: [f"{name} must be a date and time (ISO 8601)."]}) from None
    if moment.tzinfo is None:
        raise ValidationError({name: [f"{name} needs a time zone (Z or an offset)."]})
    try:  # in UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValidationError({name: [f"{name} is out of range."]}) from None


def paginate(request, rows, build) -> dict:
    """An HSDS page of `rows` (a queryset or a list), each entry made by `build`."""
    page = _whole(request, "page", 1)
    per_page = _whole(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    total = rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)
    total_pages = math.ceil(total / per_page)
    # A page past the end is empty; never ask the database for an absurd offset.
    chosen = rows[(page - 1) * per_page: page * per_page] if page <= total_pages else []
    contents = [build(row) for row in chosen]
    return {"total_items": total, "total_pages": total_pages, "page_number": page, "size": len(contents),
            "first_page": page == 1, "last_page": page >= total_pages, "empty": not contents,
            "contents": contents}


# --- Views -------------------------------------------------------------------------------------------------
class HsdsView(APIView):
    scope = ALL
    permission_classes = [HasPermission.of("network.read")]


class PublicView:
    """Mixed into a view first: anyone may ask, and only the public directory answers."""

    scope = PUBLIC
    permission_classes = [AllowAny]


@extend_schema(tags=["hsds"])
class HsdsRoot(HsdsView):
    """Which HSDS version this API speaks."""

    @extend_schema(operation_id="hsds_root", responses={200: META})
    def get(self, request):
        if self.scope == PUBLIC:  # the OpenAPI schema is for signed-in callers
            return Response({"version": hsds.HSDS_VERSION})
        return Response({"version": hsds.HSDS_VERSION,
                         "openapi_url": request.build_absolute_uri(reverse("api_schema"))})


@extend_schema(tags=["hsds"])
class HsdsServices(HsdsView):
    """Services of the directory (HSDS getPaginatedListOfServices)."""

    @extend_schema(
        operation_id="hsds_services_list",
        parameters=[*PAGE_PARAMETERS, FULL,
                    OpenApiParameter("organization_id", {"type": "string", "format": "uuid"},
                                     description="Only this organization's services."),
                    OpenApiParameter("taxonomy_term_id", {"type": "string", "format": "uuid"},
                                     description="Only services with this term (of strom-service-types or "
                                                 "strom-organisation-types)."),
                    OpenApiParameter("modified_after", {"type": "string", "format": "date-time"},
                                     description="Only services changed at or after this moment.")],
        responses={200: page_of(SERVICE)})
    def get(self, request):
        rows = self.filtered(request, hsds.services_in_scope(self.scope))
        if not _flag(request, "full"):  # one-to-one fields only: nothing to prefetch
            return Response(paginate(request, rows.prefetch_related(None),
                                     lambda item: hsds.service_with_organization(item, scope=self.scope)))
        return Response(paginate(request, rows, lambda item: hsds.service(item, scope=self.scope)))

    @staticmethod
    def filtered(request, rows):
        organisation_id = _uuid(request, "organization_id")
        if organisation_id:
            rows = rows.filter(organisation_id=organisation_id)
        term_id = _uuid(request, "taxonomy_term_id")
        if term_id:
            rows = rows.filter(**_term_filter(term_id))
        modified_after = _moment(request, "modified_after")
        if modified_after:
            rows = rows.filter(updated__gte=modified_after)
        return rows


def _term_filter(term_id: str) -> dict:
    term = next((term for term in hsds.all_terms() if term.id == term_id), None)
    if term is None:
        return {"pk__in": []}
    if term.taxonomy is hsds.SERVICE_TYPES:
        return {"type__code": term.code}
    if term.taxonomy is hsds.ORGANISATION_TYPES:
        return {"organisation__type": term.code}
    raise ValidationError({"taxonomy_term_id": ["Only terms of strom-service-types and strom-organisation-types "
                                                "filter services."]})


@extend_schema(tags=["hsds"])
class HsdsService(HsdsView):
    """One fully nested service (HSDS getFullyNestedServiceById)."""

    @extend_schema(operation_id="hsds_services_retrieve", responses={200: SERVICE})
    def get(self, request, pk):
        found = hsds.services_in_scope(self.scope).filter(pk=pk).first()
        if found is None:
            raise Http404
        return Response(hsds.service(found, scope=self.scope))


def _organisations_with_services(scope: str):
    return hsds.organisations_in_scope(scope).prefetch_related(
        Prefetch("services", queryset=hsds.services_in_scope(scope), to_attr="hsds_services"))


@extend_schema(tags=["hsds"])
class HsdsOrganizations(HsdsView):
    """Organisations of the directory (HSDS getPaginatedListOfOrganizations)."""

    @extend_schema(operation_id="hsds_organizations_list", parameters=[*PAGE_PARAMETERS, FULL, FULL_SERVICE],
                   responses={200: page_of(ORGANIZATION)})
    def get(self, request):
        if not _flag(request, "full"):
            return Response(paginate(request, hsds.organisations_in_scope(self.scope), hsds.organization_basic))
        full_services = _flag(request, "full_service")
        return Response(paginate(request, _organisations_with_services(self.scope), lambda organisation: (
            hsds.organization(organisation, organisation.hsds_services, full_services=full_services,
                              scope=self.scope))))


@extend_schema(tags=["hsds"])
class HsdsOrganization(HsdsView):
    """One organization with its services: their ids and one-to-one fields, or in full with full_service=true
    (HSDS getOrganizationById)."""

    @extend_schema(operation_id="hsds_organizations_retrieve", parameters=[FULL_SERVICE],
                   responses={200: ORGANIZATION})
    def get(self, request, pk):
        found = _organisations_with_services(self.scope).filter(pk=pk).first()
        if found is None:
            raise Http404
        return Response(hsds.organization(found, found.hsds_services, full_services=_flag(request, "full_service"),
                                          scope=self.scope))


@extend_schema(tags=["hsds"])
class HsdsTaxonomies(HsdsView):
    """The taxonomies whose terms the directory's attributes use."""

    @extend_schema(operation_id="hsds_taxonomies_list", parameters=PAGE_PARAMETERS,
                   responses={200: page_of(TAXONOMY)})
    def get(self, request):
        return Response(paginate(request, list(hsds.TAXONOMIES), hsds.taxonomy))


@extend_schema(tags=["hsds"])
class HsdsTaxonomy(HsdsView):
    @extend_schema(operation_id="hsds_taxonomies_retrieve", responses={200: TAXONOMY})
    def get(self, request, pk):
        found = next((item for item in hsds.TAXONOMIES if item.id == str(pk)), None)
        if found is None:
            raise Http404
        return Response(hsds.taxonomy(found))


@extend_schema(tags=["hsds"])
class HsdsTaxonomyTerms(HsdsView):
    """The terms of our taxonomies: service types, organisation types, eligibility terms and Strom's fields."""

    @extend_schema(operation_id="hsds_taxonomy_terms_list", parameters=[*PAGE_PARAMETERS, OpenApiParameter(
        "taxonomy_id", {"type": "string", "format": "uuid"}, description="Only the terms of this taxonomy.")],
        responses={200: page_of(TAXONOMY_TERM)})
    def get(self, request):
        terms = hsds.all_terms()
        taxonomy_id = _uuid(request, "taxonomy_id")
        if taxonomy_id:
            terms = [term for term in terms if term.taxonomy.id == taxonomy_id]
        return Response(paginate(request, terms, hsds.taxonomy_term))


@extend_schema(tags=["hsds"])
class HsdsTaxonomyTerm(HsdsView):
    @extend_schema(operation_id="hsds_taxonomy_terms_retrieve", responses={200: TAXONOMY_TERM})
    def get(self, request, pk):
        found = next((term for term in hsds.all_terms() if term.id == str(pk)), None)
        if found is None:
            raise Http404
        return Response(hsds.taxonomy_term(found))


def _public(view: type[HsdsView]) -> type[HsdsView]:
    return extend_schema(exclude=True)(type(f"Public{view.__name__}", (PublicView, view), {"__doc__": view.__doc__}))


PublicHsdsRoot = _public(HsdsRoot)
PublicHsdsServices = _public(HsdsServices)
PublicHsdsService = _public(HsdsService)
PublicHsdsOrganizations = _public(HsdsOrganizations)
PublicHsdsOrganization = _public(HsdsOrganization)
PublicHsdsTaxonomies = _public(HsdsTaxonomies)
PublicHsdsTaxonomy = _public(HsdsTaxonomy)
PublicHsdsTaxonomyTerms = _public(HsdsTaxonomyTerms)
PublicHsdsTaxonomyTerm = _public(HsdsTaxonomyTerm)

ENDPOINTS = [  # (path below hsds/, view, name)
    ("", HsdsRoot, PublicHsdsRoot, "root"),
    ("services/", HsdsServices, PublicHsdsServices, "services"),
    ("services/<uuid:pk>/", HsdsService, PublicHsdsService, "service"),
    ("organizations/", HsdsOrganizations, PublicHsdsOrganizations, "organizations"),
    ("organizations/<uuid:pk>/", HsdsOrganization, PublicHsdsOrganization, "organization"),
    ("taxonomies/", HsdsTaxonomies, PublicHsdsTaxonomies, "taxonomies"),
    ("taxonomies/<uuid:pk>/", HsdsTaxonomy, PublicHsdsTaxonomy, "taxonomy"),
    ("taxonomy_terms/", HsdsTaxonomyTerms, PublicHsdsTaxonomyTerms, "taxonomy_terms"),
    ("taxonomy_terms/<uuid:pk>/", HsdsTaxonomyTerm, PublicHsdsTaxonomyTerm, "taxonomy_term"),
]


def urlpatterns():
    """For strom/api/urls.py: names hsds_<name> and hsds_public_<name>."""
    found = []
    for route, view, public, name in ENDPOINTS:
        found.append(path(f"v1/hsds/{route}", view.as_view(), name=f"hsds_{name}"))
        found.append(path(f"v1/hsds/public/{route}", public.as_view(), name=f"hsds_public_{name}"))
    return found
