"""Assistance through the API: /api/v1/cases/{id}/assistance/… under the same policies as the pages.

- `needs/`: GET the assessments (newest first), POST a new one.
- `plan/`: GET every version (newest first); POST `plan/goals/` and `plan/services/` change the draft
  (opened as a copy of the last approved version when there is none); POST `plan/{plan}/approve/`
  freezes a draft; POST `plan/{plan}/reviews/` reviews an approved version.
- `delivered/`: GET the rows with totals per currency and per payer and currency; POST a row.
- `proceedings/`: GET with their compensation claims, POST one; POST `proceedings/{id}/claims/`.
- `return/`: GET the return plan (404 when none), POST to make or change it.

404 for cases the caller may not see, a recorded 403 for members without the right (break-glass reads
only), 400 with the field's message for input the services refuse. Reads are recorded like the page.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import path
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.policies import actor_for
from strom.assistance import money, queries, services
from strom.assistance.models import AssistancePlan, Proceeding
from strom.assistance.vocabularies import (
    ClaimStatus,
    GoalStatus,
    Payer,
    ProceedingKind,
    ProceedingRole,
    ProceedingStage,
    ReturnStatus,
    ReviewOutcome,
    Unit,
    Urgency,
)
from strom.cases import queries as case_queries
from strom.network.models import Service

MONEY = {"max_digits": 12, "decimal_places": 2, "coerce_to_string": True}


class NeedsSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    assessed_on = serializers.DateField()
    assessed_by = serializers.UUIDField(source="assessed_by_id", read_only=True)
    needs = serializers.SlugRelatedField(slug_field="code", many=True, queryset=queries.need_types())
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class GoalSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    text = serializers.CharField(max_length=2000)
    target_date = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=GoalStatus.choices, default=GoalStatus.OPEN)


class PlannedServiceSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.filter(is_active=True))
    date_from = serializers.DateField()
    date_to = serializers.DateField(required=False, allow_null=True)


class ReviewSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    reviewed_on = serializers.DateField()
    reviewed_by = serializers.UUIDField(source="reviewed_by_id", read_only=True)
    outcome = serializers.ChoiceField(choices=ReviewOutcome.choices)
    next_review_on = serializers.DateField(required=False, allow_null=True, write_only=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class PlanSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    version = serializers.IntegerField()
    status = serializers.CharField()
    next_review_on = serializers.DateField(allow_null=True)
    approved_on = serializers.DateField(allow_null=True)
    approved_by = serializers.UUIDField(source="approved_by_id", allow_null=True)
    goals = GoalSerializer(many=True, source="goals.all")
    planned_services = PlannedServiceSerializer(many=True, source="planned_services.all")
    reviews = ReviewSerializer(many=True, source="reviews.all")


class ApproveSerializer(serializers.Serializer):
    next_review_on = serializers.DateField()


class DeliveredSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.all(), required=False, allow_null=True)
    provider_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    units = serializers.DecimalField(max_digits=10, decimal_places=2, coerce_to_string=True)
    unit = serializers.ChoiceField(choices=Unit.choices)
    unit_cost = serializers.DecimalField(**MONEY)
    currency = serializers.CharField(max_length=3, required=False,
                                     help_text="ISO 4217 code; the case's country's currency when left out")
    payer = serializers.ChoiceField(choices=Payer.choices)
    total = serializers.DecimalField(read_only=True, **MONEY)


class TotalSerializer(serializers.Serializer):
    payer = serializers.CharField(required=False)
    currency = serializers.CharField()
    amount = serializers.DecimalField(**MONEY)


class DeliveredListSerializer(serializers.Serializer):
    results = DeliveredSerializer(many=True)
    totals_per_currency = TotalSerializer(many=True)
    totals_per_payer = TotalSerializer(many=True)


class ClaimSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    amount = serializers.DecimalField(**MONEY)
    currency = serializers.CharField(max_length=3, required=False,
                                     help_text="ISO 4217 code; the case's country's currency when left out")
    against = serializers.CharField(max_length=500)
    status = serializers.ChoiceField(choices=ClaimStatus.choices)


class ProceedingSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    kind = serializers.ChoiceField(choices=ProceedingKind.choices)
    stage = serializers.ChoiceField(choices=ProceedingStage.choices)
    role = serializers.ChoiceField(choices=ProceedingRole.choices)
    protection_measures = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    legal_aid = serializers.BooleanField(default=False)
    legal_aid_by = serializers.CharField(required=False, allow_blank=True, max_length=200)
    claims = ClaimSerializer(many=True, read_only=True, source="claims.all")


class ReturnPlanSerializer(serializers.Serializer):
    destination_country = CountryField()
    assisting_organisation = serializers.CharField(max_length=200)
    planned_on = serializers.DateField(required=False, allow_null=True)
    risk_assessment_done = serializers.BooleanField(default=False)
    receiving_contact = serializers.CharField(required=False, allow_blank=True, max_length=200)
    status = serializers.ChoiceField(choices=ReturnStatus.choices, default=ReturnStatus.PREPARING)


def _refused(error: DjangoValidationError) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError(error.message_dict)
    return ValidationError({"non_field_errors": error.messages})


def _write(request, serializer_class, write, out=None, **context):
    """Validate the body, run the service, answer 201 with what it made (or 400 with its message)."""
    given = serializer_class(data=request.data)
    given.is_valid(raise_exception=True)
    try:
        made = write(dict(given.validated_data))
    except DjangoValidationError as error:
        raise _refused(error) from None
    return Response((out or serializer_class)(made).data, status=201)


def _with_currency(case, data: dict) -> dict:
    return {"currency": money.default_currency(case.municipality.country.code), **data}


def _read(request, case_id, part: str, fields=queries.READ_FIELDS):
    actor = actor_for(request._request)
    case = case_queries.get_case_for(actor, case_id)
    queries.record_read(actor, case, part=part, fields=fields, request=request._request)
    return case


def _writer(request, case_id):
    actor = actor_for(request._request)
    return actor, case_queries.case_to_write(actor, case_id)


class Needs(APIView):
    @extend_schema(responses=NeedsSerializer(many=True), operation_id="assistance_needs_list")
    def get(self, request, case_id):
        case = _read(request, case_id, "needs", fields=("needs.note",))
        return Response(NeedsSerializer(queries.assessments_of(case), many=True).data)

    @extend_schema(request=NeedsSerializer, responses={201: NeedsSerializer}, operation_id="assistance_needs_create")
    def post(self, request, case_id):
        actor, case = _writer(request, case_id)
        return _write(request, NeedsSerializer,
                      lambda data: services.assess_needs(actor, case, request=request._request, **data))


class Plans(APIView):
    @extend_schema(responses=PlanSerializer(many=True), operation_id="assistance_plan_versions")
    def get(self, request, case_id):
        case = _read(request, case_id, "plan", fields=("goals.text", "reviews.note"))
        return Response(PlanSerializer(queries.plans_of(case), many=True).data)


class PlanGoals(APIView):
    @extend_schema(request=GoalSerializer, responses={201: GoalSerializer}, operation_id="assistance_goal_create")
    def post(self, request, case_id):
        actor, case = _writer(request, case_id)
        return _write(request, GoalSerializer,
                      lambda data: services.add_goal(actor, case, request=request._request, **data))


class PlanServices(APIView):
    @extend_schema(request=PlannedServiceSerializer, responses={201: PlannedServiceSerializer},
                   operation_id="assistance_planned_service_create")
    def post(self, request, case_id):
        actor, case = _writer(request, case_id)
        return _write(request, PlannedServiceSerializer,
                      lambda data: services.plan_service(actor, case, request=request._request, **data))


def _plan(case, plan_id) -> AssistancePlan:
    try:
        return queries.plan_of(case, plan_id)
    except AssistancePlan.DoesNotExist:
        raise Http404 from None


class PlanApprove(APIView):
    @extend_schema(request=ApproveSerializer, responses={201: PlanSerializer}, operation_id="assistance_plan_approve")
    def post(self, request, case_id, plan_id):
        actor, case = _writer(request, case_id)
        plan = _plan(case, plan_id)
        return _write(request, ApproveSerializer, out=PlanSerializer,
                      write=lambda data: services.approve_plan(actor, case, plan, request=request._request, **data))


class PlanReviews(APIView):
    @extend_schema(request=ReviewSerializer, responses={201: ReviewSerializer}, operation_id="assistance_plan_review")
    def post(self, request, case_id, plan_id):
        actor, case = _writer(request, case_id)
        plan = _plan(case, plan_id)
        return _write(request, ReviewSerializer,
                      lambda data: services.review_plan(actor, case, plan, request=request._request, **data))


class Delivered(APIView):
    @extend_schema(responses=DeliveredListSerializer, operation_id="assistance_delivered_list")
    def get(self, request, case_id):
        case = _read(request, case_id, "delivered", fields=())
        rows = queries.delivered_of(case)
        totals = queries.totals_by_code(rows)
        return Response({"results": DeliveredSerializer(rows, many=True).data,
                         "totals_per_currency": TotalSerializer(totals["per_currency"], many=True).data,
                         "totals_per_payer": TotalSerializer(totals["per_payer"], many=True).data})

    @extend_schema(request=DeliveredSerializer, responses={201: DeliveredSerializer},
                   operation_id="assistance_delivered_create")
    def post(self, request, case_id):
        actor, case = _writer(request, case_id)
        return _write(request, DeliveredSerializer,
                      lambda data: services.record_delivered(actor, case, request=request._request,
                                                             **_with_currency(case, data)))


class Proceedings(APIView):
    @extend_schema(responses=ProceedingSerializer(many=True), operation_id="assistance_proceedings_list")
    def get(self, request, case_id):
        case = _read(request, case_id, "proceedings", fields=("proceedings.protection_measures", "claims.against"))
        return Response(ProceedingSerializer(queries.proceedings_of(case), many=True).data)

    @extend_schema(request=ProceedingSerializer, responses={201: ProceedingSerializer},
                   operation_id="assistance_proceedings_create")
    def post(self, request, case_id):
        actor, case = _writer(request, case_id)
        return _write(request, ProceedingSerializer,
                      lambda data: services.record_proceeding(actor, case, request=request._request, **data))


class Claims(APIView):
    @extend_schema(request=ClaimSerializer, responses={201: ClaimSerializer}, operation_id="assistance_claim_create")
    def post(self, request, case_id, proceeding_id):
        actor, case = _writer(request, case_id)
        proceeding = Proceeding.objects.filter(case=case, pk=proceeding_id).first()
        if proceeding is None:
            raise Http404
        return _write(request, ClaimSerializer,
                      lambda data: services.add_claim(actor, case, proceeding, request=request._request,
                                                      **_with_currency(case, data)))


class Return(APIView):
    @extend_schema(responses=ReturnPlanSerializer, operation_id="assistance_return_retrieve")
    def get(self, request, case_id):
        case = _read(request, case_id, "return", fields=())
        plan = queries.return_plan_of(case)
        if plan is None:
            raise Http404
        return Response(ReturnPlanSerializer(plan).data)

    @extend_schema(request=ReturnPlanSerializer, responses={201: ReturnPlanSerializer},
                   operation_id="assistance_return_save")
    def post(self, request, case_id):
        actor, case = _writer(request, case_id)
        return _write(request, ReturnPlanSerializer,
                      lambda data: services.save_return_plan(actor, case, request=request._request, **data))


def urlpatterns() -> list:
    base = "v1/cases/<uuid:case_id>/assistance/"
    return [
        path(f"{base}needs/", Needs.as_view(), name="api_assistance_needs"),
        path(f"{base}plan/", Plans.as_view(), name="api_assistance_plan"),
        path(f"{base}plan/goals/", PlanGoals.as_view(), name="api_assistance_goals"),
        path(f"{base}plan/services/", PlanServices.as_view(), name="api_assistance_plan_services"),
        path(f"{base}plan/<uuid:plan_id>/approve/", PlanApprove.as_view(), name="api_assistance_plan_approve"),
        path(f"{base}plan/<uuid:plan_id>/reviews/", PlanReviews.as_view(), name="api_assistance_plan_reviews"),
        path(f"{base}delivered/", Delivered.as_view(), name="api_assistance_delivered"),
        path(f"{base}proceedings/", Proceedings.as_view(), name="api_assistance_proceedings"),
        path(f"{base}proceedings/<uuid:proceeding_id>/claims/", Claims.as_view(), name="api_assistance_claims"),
        path(f"{base}return/", Return.as_view(), name="api_assistance_return"),
    ]
