"""Cases through the API: /api/v1/cases/… under the same policies as the pages.

- `GET /api/v1/cases/`: the case list of the organisation the caller acts for (pseudonyms, never
  identity), filters `stage`, `municipality`, `mine`, keyset pages: `next` carries an opaque `after`
  cursor (a row-value comparison on (created, id), no OFFSET, no COUNT).
- `GET /api/v1/cases/{id}/`: the case with its person's identity; recorded like the case page
  (`person.identity_viewed` with the field names).
- `GET /api/v1/cases/{id}/timeline/`: the stage changes, oldest first.
- `POST /api/v1/cases/{id}/stage/`: move the case (`services.change_stage`).

404 for cases the caller may not see, a recorded 403 for members without the right, 400 with the
field's message for input the services refuse.
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
from strom.audit.services import record
from strom.cases import queries, services
from strom.cases.models import IDENTITY_FIELDS
from strom.cases.stages import ClosureReason, Stage


class PlaceSerializer(serializers.Serializer):
    kind = serializers.CharField()
    country = serializers.CharField(source="country.code")
    place = serializers.CharField()
    date_from = serializers.DateField(allow_null=True)
    date_to = serializers.DateField(allow_null=True)


class DecisionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    authority = serializers.CharField()
    level = serializers.CharField()
    decided_on = serializers.DateField()
    outcome = serializers.CharField()


class PersonSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    pseudonym = serializers.CharField()
    given_names = serializers.CharField()
    family_names = serializers.CharField()
    other_names = serializers.CharField()
    exploitation_name = serializers.CharField()
    birth_date = serializers.CharField(help_text="YYYY-MM-DD, or empty")
    estimated_age = serializers.IntegerField(allow_null=True)
    age_disputed = serializers.BooleanField()
    gender = serializers.CharField()
    citizenships = serializers.ListField(child=serializers.CharField())
    languages = serializers.ListField(child=serializers.CharField())
    interpreter_needed = serializers.BooleanField()
    contact = serializers.CharField()
    contact_safety = serializers.CharField()
    safe_contact_instructions = serializers.CharField()
    documents_status = serializers.CharField()
    documents_note = serializers.CharField()


class CaseSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField(source="pk")
    pseudonym = serializers.CharField()
    stage = serializers.CharField()
    municipality = serializers.UUIDField(source="municipality_id")
    created = serializers.DateTimeField()


class CaseSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    pseudonym = serializers.CharField(source="person.pseudonym")
    stage = serializers.CharField()
    municipality = serializers.UUIDField(source="municipality_id")
    lead_organisation = serializers.UUIDField(source="lead_organisation_id")
    created = serializers.DateTimeField()
    stage_changed = serializers.DateTimeField()
    closure_reason = serializers.CharField()
    exploitation_forms = serializers.ListField(child=serializers.CharField())
    industry = serializers.CharField()
    means_of_control = serializers.ListField(child=serializers.CharField())
    risk_flags = serializers.ListField(child=serializers.CharField())
    team = serializers.SerializerMethodField()
    person = PersonSerializer()
    places = PlaceSerializer(many=True, source="places.all")
    decisions = DecisionSerializer(many=True, source="decisions.all")

    def get_team(self, case) -> list[str]:
        return [str(pk) for pk in case.team.values_list("pk", flat=True)]


class CasePageSerializer(serializers.Serializer):
    next = serializers.CharField(allow_null=True, help_text="The URL of the next (older) page, or null.")
    results = CaseSummarySerializer(many=True)


class StageChangeSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    from_stage = serializers.CharField()
    to_stage = serializers.CharField()
    closure_reason = serializers.CharField()
    why = serializers.CharField()
    at = serializers.DateTimeField()
    by = serializers.UUIDField(source="by_id", allow_null=True)
    by_organisation = serializers.UUIDField(source="by_organisation_id", allow_null=True)


class StageMoveSerializer(serializers.Serializer):
    to_stage = serializers.ChoiceField(choices=Stage.choices)
    why = serializers.CharField(max_length=2000)
    closure_reason = serializers.ChoiceField(choices=ClosureReason.choices, required=False, allow_blank=True)


class FiltersSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices, required=False, allow_blank=True)
    municipality = serializers.UUIDField(required=False)
    mine = serializers.BooleanField(required=False, default=False)
    deadline = serializers.ChoiceField(choices=[7, 14, 30], required=False, allow_null=True,
                                       help_text="Cases with a protection deadline within 7, 14 or 30 days.")
    after = serializers.CharField(required=False, allow_blank=True, max_length=100)


class CaseList(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("stage", str, enum=Stage.values), OpenApiParameter("municipality", str,
                                                                                          description="UUID"),
                    OpenApiParameter("mine", bool), OpenApiParameter("deadline", int, enum=[7, 14, 30]),
                    OpenApiParameter("after", str, description="Opaque cursor.")],
        responses=CasePageSerializer, operation_id="cases_list")
    def get(self, request):
        actor = actor_for(request._request)
        given = FiltersSerializer(data=request.query_params)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        after = data.get("after") or None
        if after and queries.decode_cursor(after) is None:
            raise ValidationError({"after": ["The cursor is not valid; start again from the first page."]})
        filters = queries.ListFilters(stage=data.get("stage", ""), municipality_id=data.get("municipality"),
                                      mine=data["mine"], deadline_within=data.get("deadline"))
        page = queries.case_page(actor, filters, after)
        record("case.list_viewed", actor=actor.user, organisation=actor.organisation,
               detail={"stage": filters.stage, "municipality": str(filters.municipality_id or ""),
                       "mine": filters.mine, "deadline": filters.deadline_within or "", "api": True},
               request=request._request)
        next_url = None
        if page.next_cursor:
            query = request.query_params.copy()
            query["after"] = page.next_cursor
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return Response({"next": next_url, "results": CaseSummarySerializer(page.cases, many=True).data})


class CaseDetail(APIView):
    @extend_schema(responses=CaseSerializer, operation_id="cases_retrieve")
    def get(self, request, case_id):
        actor = actor_for(request._request)
        case = queries.get_case_for(actor, case_id)
        queries.identity_of(actor, case, fields=IDENTITY_FIELDS, request=request._request)
        return Response(CaseSerializer(case).data)


class CaseTimeline(APIView):
    @extend_schema(responses=StageChangeSerializer(many=True), operation_id="cases_timeline")
    def get(self, request, case_id):
        actor = actor_for(request._request)
        case = queries.get_case_for(actor, case_id)
        return Response(StageChangeSerializer(queries.timeline_of(case), many=True).data)


class CaseStage(APIView):
    @extend_schema(request=StageMoveSerializer, responses={201: StageChangeSerializer}, operation_id="cases_stage")
    def post(self, request, case_id):
        actor = actor_for(request._request)
        case = queries.case_to_write(actor, case_id)
        given = StageMoveSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            change = services.change_stage(actor, case, request=request._request, **given.validated_data)
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from None
        return Response(StageChangeSerializer(change).data, status=201)


def urlpatterns() -> list:
    return [
        path("v1/cases/", CaseList.as_view(), name="api_cases"),
        path("v1/cases/<uuid:case_id>/", CaseDetail.as_view(), name="api_case"),
        path("v1/cases/<uuid:case_id>/timeline/", CaseTimeline.as_view(), name="api_case_timeline"),
        path("v1/cases/<uuid:case_id>/stage/", CaseStage.as_view(), name="api_case_stage"),
    ]

