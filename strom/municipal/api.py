"""The municipal toolkit through the API: /api/v1/municipal/… under the same rules as the pages.

- `GET municipal/municipalities/{id}/assessments/`: a municipality's assessments (keepers: drafts too;
  national readers of the country: completed ones). At most one or two a year, so not paginated.
- `GET municipal/assessments/{id}/`: items with suggestion, score, evidence, comment; area results and the
  change since the previous completed assessment.
- `POST municipal/assessments/{id}/answers/`: scores, evidence and comments by item code; staff figures.
- `POST municipal/assessments/{id}/complete/`.
- `GET municipal/national/`: the country's municipalities with their latest completed result per area.
- `GET municipal/municipalities/{id}/mapping/`: the versions of the local mapping, newest first, each with its
  five parts and linked services (keepers and people of today's partnership members).
404 for what the caller may not see, a recorded 403 for members without the right.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.policies import actor_for
from strom.municipal import queries, services
from strom.municipal.results import result_of, small_multiple


class AssessmentSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    municipality = serializers.UUIDField(source="municipality_id")
    as_of = serializers.DateField()
    status = serializers.CharField()
    checklist = serializers.CharField(source="checklist.code")
    checklist_version = serializers.IntegerField(source="checklist.version")


class AnswerSerializer(serializers.Serializer):
    item = serializers.CharField(source="item.code")
    area = serializers.CharField(source="item.area.code")
    text = serializers.CharField(source="item.text")
    evidence_found = serializers.BooleanField()
    evidence_summary = serializers.CharField()
    suggested_score = serializers.IntegerField(allow_null=True)
    score = serializers.IntegerField(allow_null=True)
    evidence = serializers.CharField()
    comment = serializers.CharField()


class ActionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    item = serializers.CharField(source="item.code", allow_null=True, default=None)
    text = serializers.CharField()
    owner = serializers.CharField(source="owner.display_name", allow_null=True, default=None)
    due = serializers.DateField()
    status = serializers.CharField()


class AreaResultSerializer(serializers.Serializer):
    area = serializers.CharField()
    mean = serializers.DecimalField(max_digits=3, decimal_places=1, allow_null=True)
    before = serializers.DecimalField(max_digits=3, decimal_places=1, allow_null=True)
    change = serializers.DecimalField(max_digits=3, decimal_places=1, allow_null=True)


class AssessmentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    municipality = serializers.UUIDField()
    as_of = serializers.DateField()
    status = serializers.CharField()
    checklist = serializers.CharField()
    checklist_version = serializers.IntegerField()
    frontline_staff = serializers.IntegerField(allow_null=True)
    trained_staff = serializers.IntegerField(allow_null=True)
    previous = serializers.UUIDField(allow_null=True)
    areas = AreaResultSerializer(many=True)
    answers = AnswerSerializer(many=True)
    actions = ActionSerializer(many=True)


class MappingSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    version = serializers.IntegerField()
    as_of = serializers.DateField()
    populations = serializers.CharField()
    trends = serializers.CharField()
    places = serializers.CharField()
    actors = serializers.CharField()
    services_note = serializers.CharField()
    services = serializers.SerializerMethodField()

    def get_services(self, mapping) -> list[str]:
        return [str(service.pk) for service in mapping.services.all()]


class AnswerInSerializer(serializers.Serializer):
    item = serializers.CharField()
    score = serializers.IntegerField(min_value=0, max_value=3, allow_null=True, required=False, default=None)
    evidence = serializers.CharField(allow_blank=True, required=False, default="", max_length=4000)
    comment = serializers.CharField(allow_blank=True, required=False, default="", max_length=4000)


class AnswersInSerializer(serializers.Serializer):
    answers = AnswerInSerializer(many=True)
    frontline_staff = serializers.IntegerField(min_value=0, allow_null=True, required=False, default=None)
    trained_staff = serializers.IntegerField(min_value=0, allow_null=True, required=False, default=None)


class NationalAreaSerializer(serializers.Serializer):
    area = serializers.CharField()
    mean = serializers.DecimalField(max_digits=3, decimal_places=1, allow_null=True)


class NationalRowSerializer(serializers.Serializer):
    municipality = serializers.UUIDField()
    name = serializers.CharField()
    assessment = serializers.UUIDField(allow_null=True)
    as_of = serializers.DateField(allow_null=True)
    areas = NationalAreaSerializer(many=True)


def _detail(assessment) -> dict:
    result = result_of(assessment)
    return {"id": assessment.pk, "municipality": assessment.municipality_id, "as_of": assessment.as_of,
            "status": assessment.status, "checklist": assessment.checklist.code,
            "checklist_version": assessment.checklist.version, "frontline_staff": assessment.frontline_staff,
            "trained_staff": assessment.trained_staff,
            "previous": result.previous.pk if result.previous else None,
            "areas": [{"area": row["area"].code, "mean": row["now"], "before": row["before"], "change": row["change"]}
                      for row in result.rows],
            "answers": list(queries.answers_of(assessment)), "actions": list(queries.actions_of(assessment))}


class AssessmentList(APIView):
    @extend_schema(responses=AssessmentSummarySerializer(many=True), operation_id="municipal_assessments_list")
    def get(self, request, municipality_id):
        actor = actor_for(request._request)
        municipality = queries.municipality_for(municipality_id)
        rows = queries.assessments_of(actor, municipality).order_by("-as_of", "-created")
        return Response(AssessmentSummarySerializer(rows, many=True).data)


class AssessmentDetail(APIView):
    @extend_schema(responses=AssessmentSerializer, operation_id="municipal_assessment_read")
    def get(self, request, assessment_id):
        assessment = queries.assessment_for(actor_for(request._request), assessment_id)
        return Response(AssessmentSerializer(_detail(assessment)).data)


class AssessmentAnswers(APIView):
    @extend_schema(request=AnswersInSerializer, responses=AssessmentSerializer, operation_id="municipal_answers_save")
    def post(self, request, assessment_id):
        actor = actor_for(request._request)
        assessment = queries.assessment_to_keep(actor, assessment_id)
        incoming = AnswersInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        by_code = {answer.item.code: answer.pk for answer in queries.answers_of(assessment)}
        unknown = [row["item"] for row in incoming.validated_data["answers"] if row["item"] not in by_code]
        if unknown:
            raise ValidationError({"answers": [f"Unknown item: {code}" for code in unknown]})
        answers = {by_code[row["item"]]: row for row in incoming.validated_data["answers"]}
        try:
            services.save_answers(actor, assessment, answers=answers,
                                  frontline_staff=incoming.validated_data["frontline_staff"],
                                  trained_staff=incoming.validated_data["trained_staff"], request=request._request)
        except DjangoValidationError as error:
            raise ValidationError(getattr(error, "message_dict", None) or {"detail": error.messages}) from None
        return Response(AssessmentSerializer(_detail(assessment)).data)


class AssessmentComplete(APIView):
    @extend_schema(request=None, responses=AssessmentSerializer, operation_id="municipal_assessment_complete")
    def post(self, request, assessment_id):
        actor = actor_for(request._request)
        assessment = queries.assessment_to_keep(actor, assessment_id)
        try:
            services.complete_assessment(actor, assessment, request=request._request)
        except DjangoValidationError as error:
            raise ValidationError({"detail": error.messages}) from None
        return Response(AssessmentSerializer(_detail(assessment)).data)


class National(APIView):
    @extend_schema(responses=NationalRowSerializer(many=True), operation_id="municipal_national")
    def get(self, request):
        _country, rows = queries.national_comparison(actor_for(request._request))
        areas: dict = {}
        data = []
        for municipality, latest in rows:
            results = small_multiple(latest, areas)[0] if latest is not None else []
            data.append({"municipality": municipality.pk, "name": municipality.name,
                         "assessment": latest.pk if latest else None, "as_of": latest.as_of if latest else None,
                         "areas": [{"area": r.area, "mean": r.mean} for r in results]})
        return Response(NationalRowSerializer(data, many=True).data)



class Mappings(APIView):
    @extend_schema(responses=MappingSerializer(many=True), operation_id="municipal_mappings_list")
    def get(self, request, municipality_id):
        actor = actor_for(request._request)
        municipality = queries.municipality_for(municipality_id)
        versions = queries.mappings_for(actor, municipality).prefetch_related("services")[:50]
        return Response(MappingSerializer(versions, many=True).data)


def urlpatterns() -> list:
    return [
        path("v1/municipal/municipalities/<uuid:municipality_id>/assessments/", AssessmentList.as_view(),
             name="api_municipal_assessments"),
        path("v1/municipal/assessments/<uuid:assessment_id>/", AssessmentDetail.as_view(),
             name="api_municipal_assessment"),
        path("v1/municipal/assessments/<uuid:assessment_id>/answers/", AssessmentAnswers.as_view(),
             name="api_municipal_answers"),
        path("v1/municipal/assessments/<uuid:assessment_id>/complete/", AssessmentComplete.as_view(),
             name="api_municipal_complete"),
        path("v1/municipal/national/", National.as_view(), name="api_municipal_national"),
        path("v1/municipal/municipalities/<uuid:municipality_id>/mapping/", Mappings.as_view(),
             name="api_municipal_mappings"),
    ]
