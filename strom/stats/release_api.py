"""Public releases through the API, under the same rules as the pages.

- `GET /api/v1/stats/releases/`: releases of the caller's organisation, newest first
  (keyset: `?after=<id>`), with `stats.publish` or `stats.national`.
- `POST /api/v1/stats/releases/`: release a declared public table (`dataset`, `table`, `year`,
  `epsilon`, `description`) with `stats.publish`; refused with 400 past the budget, nothing spent.
  Asking again for a released table returns it unchanged.
- `GET /api/v1/stats/releases/{id}/`: one release with its noisy figures.
404 for releases of other organisations, a recorded 403 for members without the right.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.policies import actor_for
from strom.stats import release_queries, release_services, release_tables
from strom.stats.models import Dataset
from strom.stats.release_policies import require_publishing, require_reading
from strom.stats.release_services import FIRST_YEAR, LAST_YEAR, MAX_EPSILON


class ReleaseCellSerializer(serializers.Serializer):
    key = serializers.ListField(child=serializers.CharField(),
                                help_text='Category per dimension; "__total__" for a total.')
    count = serializers.IntegerField(min_value=0)


class ReleaseSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    dataset = serializers.CharField(source="budget.dataset")
    year = serializers.IntegerField(source="budget.year")
    table = serializers.CharField(source="table_name")
    dimensions = serializers.SerializerMethodField()
    categories = serializers.SerializerMethodField()
    cells = serializers.SerializerMethodField()
    mechanism = serializers.CharField(source="figures.mechanism")
    epsilon = serializers.DecimalField(source="loss.epsilon", max_digits=7, decimal_places=3)
    error_bound_95 = serializers.IntegerField(source="figures.error_bound")
    sensitivity = serializers.IntegerField(source="figures.sensitivity", help_text="In how many cells one person "
                                           "can count; the noise scale is sensitivity / epsilon.")
    description = serializers.CharField(source="loss.description")
    released_at = serializers.DateTimeField()

    def get_dimensions(self, release) -> list[str]:
        return list(release.figures["dimensions"])

    def get_categories(self, release) -> list[list[str]]:
        return [list(c) for c in release.figures["categories"]]

    @extend_schema_field(ReleaseCellSerializer(many=True))
    def get_cells(self, release) -> list[dict]:
        return [{"key": list(key), "count": value} for key, value in release.noisy_table().rows()]


class ReleasePageSerializer(serializers.Serializer):
    results = ReleaseSerializer(many=True)
    next = serializers.CharField(allow_null=True, help_text="Pass as ?after= for the next page.")


class ReleaseRequestSerializer(serializers.Serializer):
    dataset = serializers.ChoiceField(choices=Dataset.choices)
    table = serializers.CharField(max_length=100)
    year = serializers.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR)
    epsilon = serializers.DecimalField(max_digits=7, decimal_places=3, min_value=Decimal("0.001"),
                                       max_value=MAX_EPSILON)
    description = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ReleaseList(APIView):
    @extend_schema(responses=ReleasePageSerializer, operation_id="stats_releases_list",
                   parameters=[OpenApiParameter("after", str, description="The last id of the previous page.")])
    def get(self, request):
        actor = actor_for(request._request)
        require_reading(actor)
        rows, cursor = release_queries.release_page(actor, after=_uuid_or_none(request.query_params.get("after")))
        return Response({"results": ReleaseSerializer(rows, many=True).data, "next": cursor})

    @extend_schema(request=ReleaseRequestSerializer, responses={201: ReleaseSerializer},
                   operation_id="stats_releases_create")
    def post(self, request):
        actor = actor_for(request._request)
        require_publishing(actor)
        given = ReleaseRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        public = release_tables.public_table(data["dataset"], data["table"])
        if public is None:
            raise ValidationError({"table": [str(_no_such_table())]})
        try:
            published = release_services.release(
                actor, data["dataset"], data["year"], public.build(actor.organisation, data["year"]),
                data["epsilon"], sensitivity=public.sensitivity, description=data["description"],
                request=request._request)
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from None
        return Response(ReleaseSerializer(published).data, status=201)


class ReleaseDetail(APIView):
    @extend_schema(responses=ReleaseSerializer, operation_id="stats_releases_retrieve")
    def get(self, request, release_id):
        actor = actor_for(request._request)
        return Response(ReleaseSerializer(release_queries.release_for(actor, release_id)).data)


def _no_such_table():
    return _("No table of this name is declared for public release in this dataset.")


def _uuid_or_none(value):
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        raise ValidationError({"after": [_("Not a release id.")]}) from None


def urlpatterns() -> list:
    return [
        path("v1/stats/releases/", ReleaseList.as_view(), name="api_stats_releases"),
        path("v1/stats/releases/<uuid:release_id>/", ReleaseDetail.as_view(), name="api_stats_release"),
    ]
