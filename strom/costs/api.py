"""Costs through the API, under the same policies as the pages.

- `GET /api/v1/cases/{id}/costs/`: the case's cost lines, totals per currency and per payer, days of
  assistance and the forecast of its plan (404 outsiders, recorded 403 members without `case.read`).
- `POST /api/v1/cases/{id}/costs/staff-time/`: staff time on the case (the case's writers; 400 with the
  field's message).
- `GET /api/v1/costs/report/?year=&municipality=`: the figures of the page and CSV, suppressed cells as
  `null` with `suppressed: true` (403 without `stats.local`/`stats.national`, 404 for a municipality
  outside her scope).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.policies import actor_for
from strom.assistance.vocabularies import Payer
from strom.cases import queries as case_queries
from strom.costs import calculate as calc
from strom.costs import queries, services, views

MONEY = {"max_digits": 14, "decimal_places": 2, "coerce_to_string": True, "allow_null": True}


class LineSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["service", "staff", "overhead"])
    payer = serializers.ChoiceField(choices=Payer.choices)
    currency = serializers.CharField()
    amount = serializers.DecimalField(**MONEY)
    basis = serializers.ChoiceField(choices=[calc.RECORDED, calc.UNIT_COST, calc.STAFF_RATE, calc.OVERHEAD,
                                             calc.UNPRICED])
    first_day = serializers.DateField()
    last_day = serializers.DateField()


class AmountSerializer(serializers.Serializer):
    payer = serializers.CharField(required=False)
    currency = serializers.CharField()
    amount = serializers.DecimalField(**MONEY)


class ForecastLineSerializer(serializers.Serializer):
    planned_service = serializers.UUIDField()
    payer = serializers.CharField(allow_null=True)
    unit = serializers.CharField(allow_null=True)
    units = serializers.DecimalField(max_digits=10, decimal_places=2, coerce_to_string=True)
    amount = serializers.DecimalField(**MONEY)
    currency = serializers.CharField(allow_null=True)
    assumption = serializers.CharField()


class CaseCostSerializer(serializers.Serializer):
    lines = LineSerializer(many=True)
    totals = AmountSerializer(many=True)
    by_payer = AmountSerializer(many=True)
    days = serializers.IntegerField()
    forecast = ForecastLineSerializer(many=True)
    forecast_by_payer = AmountSerializer(many=True)


class StaffTimeSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    on = serializers.DateField()
    hours = serializers.DecimalField(max_digits=6, decimal_places=2, coerce_to_string=True)
    profession = serializers.CharField(max_length=80)
    payer = serializers.ChoiceField(choices=Payer.choices)


class ReportRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    suppressed = serializers.BooleanField()
    cases = serializers.IntegerField(allow_null=True)
    total = serializers.DecimalField(**MONEY)
    mean_per_person = serializers.DecimalField(**MONEY)
    median_per_person = serializers.DecimalField(**MONEY)
    mean_per_day = serializers.DecimalField(**MONEY)
    median_per_day = serializers.DecimalField(**MONEY)


class CurrencyReportSerializer(serializers.Serializer):
    currency = serializers.CharField()
    withheld = serializers.BooleanField()
    overall = ReportRowSerializer()
    by_payer = ReportRowSerializer(many=True)
    by_form = ReportRowSerializer(many=True)
    by_municipality = ReportRowSerializer(many=True)
    mean_days = serializers.DecimalField(**MONEY)


class CostReportSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    exact = serializers.BooleanField()
    threshold = serializers.IntegerField()
    basket_days = serializers.IntegerField(allow_null=True)
    reports = CurrencyReportSerializer(many=True)


def _amounts(items: dict) -> list[dict]:
    return [{"payer": key[0], "currency": key[1], "amount": amount} if isinstance(key, tuple)
            else {"currency": key, "amount": amount} for key, amount in sorted(items.items())]


class CaseCost(APIView):
    @extend_schema(responses=CaseCostSerializer, operation_id="costs_case")
    def get(self, request, case_id):
        actor = actor_for(request._request)
        case = case_queries.get_case_for(actor, case_id)
        queries.record_read(actor, case, part="case_cost", request=request._request)
        tariffs = queries.tariffs_for(case.municipality)
        cost = queries.cost_of(case, tariffs).cost
        planned, lines = queries.forecast_of(queries.plan_to_forecast(case), tariffs,
                                             queries.basket_of(case.municipality.country))
        forecast = [{**line.__dict__, "planned_service": planned[line.index].pk} for line in lines]
        return Response(CaseCostSerializer({
            "lines": [line.__dict__ for line in cost.lines], "totals": _amounts(cost.totals()),
            "by_payer": _amounts(cost.by_payer()), "days": cost.days(), "forecast": forecast,
            "forecast_by_payer": _amounts(calc.forecast_by_payer(lines))}).data)


class StaffTime(APIView):
    @extend_schema(request=StaffTimeSerializer, responses={201: StaffTimeSerializer}, operation_id="costs_staff_time")
    def post(self, request, case_id):
        actor = actor_for(request._request)
        case = case_queries.case_to_write(actor, case_id)
        given = StaffTimeSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            made = services.record_staff_time(actor, case, request=request._request, **given.validated_data)
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict if hasattr(error, "error_dict") else
                                  {"non_field_errors": error.messages}) from None
        return Response(StaffTimeSerializer(made).data, status=201)


class Report(APIView):
    @extend_schema(responses=CostReportSerializer, operation_id="costs_report", parameters=[
        OpenApiParameter("year", int, description="Calendar year (default: this year)"),
        OpenApiParameter("municipality", str, description="A municipality's id (national coordinators)")])
    def get(self, request):
        actor = actor_for(request._request)
        context = views.build_report(actor, request._request)
        basket = context["basket"]
        return Response(CostReportSerializer({
            "year": context["year"], "exact": context["exact"], "threshold": context["threshold"],
            "basket_days": basket.days if basket else None, "reports": context["reports"]}).data)


def urlpatterns() -> list:
    return [
        path("v1/cases/<uuid:case_id>/costs/", CaseCost.as_view(), name="api_costs_case"),
        path("v1/cases/<uuid:case_id>/costs/staff-time/", StaffTime.as_view(), name="api_costs_staff_time"),
        path("v1/costs/report/", Report.as_view(), name="api_costs_report"),
    ]
