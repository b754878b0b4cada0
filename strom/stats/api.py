"""Statistics through the API, under the same scopes and disclosure rules as the pages.

- `GET /api/v1/stats/registered-victims/?year=YYYY&organisation=ID` (or `municipality=ID`, `country=CC`):
  the standard report, each table as rows of its dimension values and count (`count` null and
  `suppressed` true for a suppressed cell) with its totals (a dimension's value null in a total).
- `GET /api/v1/stats/dashboard/?year=YYYY&organisation=ID` (…): every dashboard figure, by section.
404 for any scope but the caller's own, a recorded 403 without the scope's right.
"""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.policies import actor_for
from strom.audit.services import record
from strom.stats import dashboards, queries, reports
from strom.stats.forms import FIRST_YEAR, current_year


class StatsQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=FIRST_YEAR)
    organisation = serializers.UUIDField(required=False)
    municipality = serializers.UUIDField(required=False)
    country = serializers.RegexField(r"^[A-Za-z]{2}$", required=False)

    def validate_year(self, value):
        if value > current_year():
            raise serializers.ValidationError(_("Choose a year up to %(year)s.") % {"year": current_year()})
        return value

    def validate(self, attrs):
        given = [kind for kind in queries.KINDS if attrs.get(kind)]
        if len(given) != 1:
            raise serializers.ValidationError(_("Give exactly one of organisation, municipality or country."))
        return attrs


class CellSerializer(serializers.Serializer):
    values = serializers.DictField(child=serializers.CharField(allow_null=True),
                                   help_text="Dimension → category code; null in a total over that dimension.")
    count = serializers.IntegerField(allow_null=True, help_text="Null when suppressed.")
    suppressed = serializers.BooleanField()


class TableSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    dimensions = serializers.ListField(child=serializers.CharField())
    exact = serializers.BooleanField()
    rows = CellSerializer(many=True)
    totals = CellSerializer(many=True)


class ScopeSerializer(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.CharField()
    name = serializers.CharField()


class ReportSerializer(serializers.Serializer):
    scope = ScopeSerializer()
    year = serializers.IntegerField()
    exact = serializers.BooleanField()
    tables = TableSerializer(many=True)


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    tables = TableSerializer(many=True)


class DashboardSerializer(serializers.Serializer):
    scope = ScopeSerializer()
    year = serializers.IntegerField()
    exact = serializers.BooleanField()
    sections = SectionSerializer(many=True)


PARAMETERS = [OpenApiParameter("year", int, description="Year of registration (default: this year)"),
              OpenApiParameter("organisation", str, description="The organisation's id"),
              OpenApiParameter("municipality", str, description="The municipality's id"),
              OpenApiParameter("country", str, description="ISO 3166 alpha-2 code")]


def _resolve(request, page: str):
    given = StatsQuerySerializer(data=request.query_params)
    if not given.is_valid():
        raise ValidationError(given.errors)
    data = given.validated_data
    kind = next(kind for kind in queries.KINDS if data.get(kind))
    actor = actor_for(request._request)
    scope = queries.scope_for(actor, kind, str(data[kind]))
    year = data.get("year") or current_year()
    exact = queries.sees_every_case(actor, scope)
    record("stats.viewed", actor=actor.user, organisation=actor.organisation,
           detail={"page": page, "scope": kind, "year": year, "exact": exact, "api": True}, request=request._request)
    return scope, year, exact


class RegisteredVictims(APIView):
    @extend_schema(parameters=PARAMETERS, responses=ReportSerializer, operation_id="stats_registered_victims")
    def get(self, request):
        scope, year, exact = _resolve(request, "report")
        return Response(reports.registered_victims(scope, year, exact=exact).as_dict())


class Dashboard(APIView):
    @extend_schema(parameters=PARAMETERS, responses=DashboardSerializer, operation_id="stats_dashboard")
    def get(self, request):
        scope, year, exact = _resolve(request, "dashboard")
        return Response(dashboards.build(scope, year, exact=exact).as_dict())


def urlpatterns() -> list:
    return [
        path("v1/stats/registered-victims/", RegisteredVictims.as_view(), name="api_stats_registered_victims"),
        path("v1/stats/dashboard/", Dashboard.as_view(), name="api_stats_dashboard"),
    ]
