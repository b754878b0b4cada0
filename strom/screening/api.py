"""Screening through the API: /api/v1/screening/…

- `frameworks/` and `frameworks/{code}/`: the current indicator sets (dimensions, indicators with grade);
- `frameworks/{code}/evaluate`: answers by indicator code → the evaluation, stateless (nothing stored,
  nothing about a person sent back that was not sent in);
- `screenings/`: the screenings of the organisation the caller acts for, as resources: list, start,
  read (an audited read), answer, complete. Same policies and services as the pages.
Every evaluation carries the framework's status: "needs verification" is said wherever an outcome is.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.policies import actor_for
from strom.api.permissions import HasPermission
from strom.cases.queries import get_case_for
from strom.network.vocabularies import ExploitationForm
from strom.screening import queries, rules, services
from strom.screening.explain import explain, framework_summary
from strom.screening.models import AgeGroup, Answer, AnswerSource, FrameworkKind, Screening
from strom.screening.policies import READ, RUN
from strom.screening.services import MAX_LABEL, MAX_NOTE


# --- Shapes --------------------------------------------------------------------------------------
class FrameworkSerializer(serializers.Serializer):
    code = serializers.CharField()
    version = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=FrameworkKind.choices)
    population = serializers.CharField(help_text="adult or child; empty for a checklist.")
    exploitation = serializers.CharField(help_text="labour or sexual; empty for a checklist.")
    source = serializers.CharField()
    status = serializers.CharField(help_text="published or needs_verification.")
    needs_verification = serializers.BooleanField()
    verification_note = serializers.CharField(allow_blank=True)
    valid_from = serializers.DateField()


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    grade = serializers.CharField(help_text="S (strong), M (medium) or W (weak); empty in a checklist.")
    label = serializers.CharField()
    question = serializers.CharField()
    help = serializers.CharField(allow_blank=True)


class DimensionSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    element = serializers.CharField(help_text="recruitment, exploitation or coercion; empty in a checklist.")
    question = serializers.CharField(allow_blank=True)
    indicators = IndicatorSerializer(many=True)


class FrameworkDetailSerializer(FrameworkSerializer):
    dimensions = DimensionSerializer(many=True)


class IndicatorRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    grade = serializers.CharField()
    grade_label = serializers.CharField()
    dimension = serializers.CharField()


class DimensionResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    element = serializers.CharField()
    met = serializers.BooleanField()
    reachable = serializers.BooleanField(help_text="Met, or would be if every unknown indicator were confirmed.")
    by = IndicatorRefSerializer(many=True, help_text="The present indicators that meet it.")
    completing = IndicatorRefSerializer(many=True, help_text="Unknown indicators each of which alone would meet it.")


class QuestionSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="An indicator code, or 'act' (the children's act question).")
    question = serializers.CharField()
    grade = serializers.CharField(allow_blank=True)
    dimension = serializers.CharField(allow_blank=True)
    label = serializers.CharField(required=False)
    grade_label = serializers.CharField(required=False, allow_blank=True)


class EvaluationSerializer(serializers.Serializer):
    framework = FrameworkSerializer()
    outcome = serializers.ChoiceField(choices=rules.OUTCOMES)
    outcome_text = serializers.CharField()
    partial = serializers.CharField(allow_blank=True, help_text="The elements met, joined by '+', when partial.")
    elements = serializers.DictField(child=serializers.BooleanField())
    pattern_possible = serializers.BooleanField()
    act = serializers.CharField(allow_blank=True)
    dimensions = DimensionResultSerializer(many=True)
    next_questions = QuestionSerializer(many=True)
    notice = serializers.CharField(help_text="This is a suggestion, not an identification decision.")
    verification_warning = serializers.CharField(allow_blank=True)


ANSWER = serializers.ChoiceField(choices=Answer.choices)


class EvaluateRequestSerializer(serializers.Serializer):
    answers = serializers.DictField(child=ANSWER, help_text="Indicator code → present, absent or unknown; "
                                                            "a code left out is unknown.")
    act = serializers.ChoiceField(choices=Answer.choices, default=rules.UNKNOWN,
                                  help_text="Children's sets: was there an act of recruitment, transport, "
                                            "transfer, harbouring or receipt?")


class RecordedAnswerSerializer(serializers.Serializer):
    value = ANSWER
    source = serializers.ChoiceField(choices=AnswerSource.choices, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=MAX_NOTE,
                                 trim_whitespace=True)


class AnswersRequestSerializer(serializers.Serializer):
    answers = serializers.DictField(child=RecordedAnswerSerializer(), default=dict)
    act = RecordedAnswerSerializer(required=False)


class ScreeningStartSerializer(serializers.Serializer):
    age_group = serializers.ChoiceField(choices=AgeGroup.choices)
    age = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=120)
    exploitation_forms = serializers.ListField(child=serializers.ChoiceField(choices=ExploitationForm.choices),
                                               required=False, default=list)
    framework = serializers.CharField(required=False, allow_blank=True, max_length=40,
                                      help_text="A framework code; empty: chosen from age and exploitation.")
    label = serializers.CharField(required=False, allow_blank=True, default="", max_length=MAX_LABEL,
                                  help_text="A pseudonym at most, never a name.")
    case = serializers.UUIDField(required=False, allow_null=True,
                                 help_text="The case the screening belongs to (needs case.write on it).")


class AttachSerializer(serializers.Serializer):
    case = serializers.UUIDField(help_text="The case to attach the screening to (needs case.write on it).")


FRAMEWORK_REF = {"type": "object", "required": ["code", "version", "needs_verification"],
                 "properties": {"code": {"type": "string"}, "version": {"type": "integer"},
                                "needs_verification": {"type": "boolean"}}}


class ScreeningSerializer(serializers.ModelSerializer):
    framework = serializers.SerializerMethodField()
    screener = serializers.CharField(source="screener.username")

    class Meta:
        model = Screening
        fields = ["id", "case", "framework", "screener", "age_group", "age", "exploitation_forms", "act", "status",
                  "outcome", "partial", "created", "updated", "completed"]

    @extend_schema_field(FRAMEWORK_REF)
    def get_framework(self, screening) -> dict:
        return {"code": screening.framework.code, "version": screening.framework.version,
                "needs_verification": screening.framework.needs_verification}


class ScreeningDetailSerializer(ScreeningSerializer):
    label = serializers.CharField()
    act_source = serializers.CharField()
    act_note = serializers.CharField()
    answers = serializers.SerializerMethodField()
    evaluation = serializers.SerializerMethodField()

    class Meta(ScreeningSerializer.Meta):
        fields = [*ScreeningSerializer.Meta.fields, "label", "act_source", "act_note", "answers", "evaluation"]

    @extend_schema_field({"type": "object", "additionalProperties": {
        "type": "object", "required": ["value", "source", "note"],
        "properties": {"value": {"type": "string", "enum": Answer.values}, "source": {"type": "string"},
                       "note": {"type": "string"}}}})
    def get_answers(self, screening) -> dict:
        return {code: {"value": a.value, "source": a.source, "note": a.note}
                for code, a in self.context["answers"].items()}

    @extend_schema_field(EvaluationSerializer)
    def get_evaluation(self, screening) -> dict:
        return EvaluationSerializer(explain(screening.framework, queries.answer_values(self.context["answers"]),
                                            screening.act)).data


# --- Views ---------------------------------------------------------------------------------------
class RunView(APIView):
    permission_classes = [HasPermission.of(RUN)]


def _detail(framework) -> dict:
    return {**framework_summary(framework), "dimensions": [
        {"code": d.code, "title": d.title, "element": d.element, "question": d.question,
         "indicators": [{"code": i.code, "grade": i.grade, "label": i.label, "question": i.question, "help": i.help}
                        for i in d.indicators.all()]}
        for d in framework.dimensions.all()]}


@extend_schema(tags=["screening"])
class FrameworkList(RunView):
    """The current indicator sets and the quick checklist, with their source and status."""

    @extend_schema(operation_id="screening_frameworks_list", responses={200: FrameworkSerializer(many=True)})
    def get(self, request):
        frameworks = queries.frameworks_for(actor_for(request))
        return Response(FrameworkSerializer([framework_summary(f) for f in frameworks], many=True).data)


CODE = OpenApiParameter("code", {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "maxLength": 40},
                        location=OpenApiParameter.PATH, description="The framework's code, e.g. adults_labour.")
VERSION = OpenApiParameter("version", {"type": "integer", "minimum": 1},
                           description="An earlier version (default: the current one).")


def _version(request) -> int | None:
    raw = request.query_params.get("version")
    if raw in (None, ""):
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise ValidationError({"version": ["version must be a whole number from 1."]})
    return int(raw)


@extend_schema(tags=["screening"])
class FrameworkDetail(RunView):
    """One indicator set: its dimensions and indicators, each with its grade, question and help."""

    @extend_schema(operation_id="screening_framework", parameters=[CODE, VERSION],
                   responses={200: FrameworkDetailSerializer})
    def get(self, request, code):
        framework = queries.framework_for(actor_for(request), code, _version(request))
        return Response(FrameworkDetailSerializer(_detail(framework)).data)


@extend_schema(tags=["screening"])
class Evaluate(RunView):
    """Evaluate answers against the current version of an indicator set. Stateless: nothing is stored."""

    @extend_schema(operation_id="screening_evaluate", parameters=[CODE], request=EvaluateRequestSerializer,
                   responses={200: EvaluationSerializer})
    def post(self, request, code):
        framework = queries.framework_for(actor_for(request), code)
        if framework.kind != FrameworkKind.INDICATORS:
            raise ValidationError({"code": ["A checklist has no outcome rule: evaluate an indicator set."]})
        body = EvaluateRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            explanation = explain(framework, body.validated_data["answers"], body.validated_data["act"])
        except ValueError as error:
            raise ValidationError({"answers": [str(error)]}) from None
        return Response(EvaluationSerializer(explanation).data)


def _service_error(error: DjangoValidationError) -> ValidationError:
    return ValidationError(error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages})


@extend_schema(tags=["screening"])
class ScreeningList(generics.ListAPIView):
    """The screenings of the organisation the caller acts for, newest first (no labels, notes or answers)."""

    serializer_class = ScreeningSerializer
    permission_classes = [HasPermission.of(READ)]

    def get_queryset(self):
        return queries.screenings_visible_to(actor_for(self.request))

    @extend_schema(operation_id="screening_start", request=ScreeningStartSerializer,
                   responses={201: ScreeningSerializer})
    def post(self, request):
        actor = actor_for(request)
        queries.require_run(actor)
        body = ScreeningStartSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        code = data.pop("framework", "")
        case_id = data.pop("case", None)
        case = get_case_for(actor, case_id) if case_id else None
        framework = None
        if code:
            framework = queries.current_frameworks(FrameworkKind.INDICATORS).filter(code=code).first()
            if framework is None:
                raise ValidationError({"framework": ["No current indicator set has this code."]})
        try:
            screening = services.start_screening(actor, framework=framework, case=case, request=request._request,
                                                 **data)
        except DjangoValidationError as error:
            raise _service_error(error) from None
        return Response(ScreeningSerializer(screening).data, status=201)


def _detail_response(actor, screening, request) -> Response:
    answers = queries.answers_of(actor, screening, request._request)
    return Response(ScreeningDetailSerializer(screening, context={"answers": answers}).data)


@extend_schema(tags=["screening"])
class ScreeningDetail(APIView):
    """One screening with its answers and evaluation. Each read is recorded in the audit trail."""

    permission_classes = [HasPermission.of(READ)]

    @extend_schema(operation_id="screening_read", responses={200: ScreeningDetailSerializer})
    def get(self, request, screening_id):
        actor = actor_for(request)
        return _detail_response(actor, queries.screening_for(actor, screening_id), request)


@extend_schema(tags=["screening"])
class ScreeningAnswers(APIView):
    """Record answers of her own draft: indicator code → value, source, note; and the act (children)."""

    permission_classes = [HasPermission.of(RUN)]

    @extend_schema(operation_id="screening_answer", request=AnswersRequestSerializer,
                   responses={200: ScreeningDetailSerializer})
    def post(self, request, screening_id):
        actor = actor_for(request)
        screening = queries.screening_to_continue(actor, screening_id)
        body = AnswersRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        answers = {code: (a["value"], a["source"], a["note"]) for code, a in body.validated_data["answers"].items()}
        act = body.validated_data.get("act")
        try:
            services.save_answers(actor, screening, answers=answers, request=request._request,
                                  act=(act["value"], act["source"], act["note"]) if act else None)
        except DjangoValidationError as error:
            raise _service_error(error) from None
        return _detail_response(actor, screening, request)


@extend_schema(tags=["screening"])
class ScreeningComplete(APIView):
    """Complete her own draft: the outcome is stored; the answers can no longer change."""

    permission_classes = [HasPermission.of(RUN)]

    @extend_schema(operation_id="screening_complete", request=None, responses={200: ScreeningDetailSerializer})
    def post(self, request, screening_id):
        actor = actor_for(request)
        screening = queries.screening_to_continue(actor, screening_id)
        services.complete_screening(actor, screening, request=request._request)
        return _detail_response(actor, screening, request)


@extend_schema(tags=["screening"])
class ScreeningAttach(APIView):
    """Attach one of her organisation's screenings without a case to a case she may change."""

    permission_classes = [HasPermission.of(READ)]

    @extend_schema(operation_id="screening_attach", request=AttachSerializer, responses={200: ScreeningSerializer})
    def post(self, request, screening_id):
        actor = actor_for(request)
        screening = queries.screening_for(actor, screening_id)
        body = AttachSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = get_case_for(actor, body.validated_data["case"])
        try:
            screening = services.attach_to_case(actor, screening, case, request=request._request)
        except DjangoValidationError as error:
            raise _service_error(error) from None
        return Response(ScreeningSerializer(screening).data)


def urlpatterns():
    return [
        path("v1/screening/frameworks/", FrameworkList.as_view(), name="api_screening_frameworks"),
        path("v1/screening/frameworks/<slug:code>/", FrameworkDetail.as_view(), name="api_screening_framework"),
        path("v1/screening/frameworks/<slug:code>/evaluate", Evaluate.as_view(), name="api_screening_evaluate"),
        path("v1/screening/screenings/", ScreeningList.as_view(), name="api_screenings"),
        path("v1/screening/screenings/<uuid:screening_id>/", ScreeningDetail.as_view(), name="api_screening"),
        path("v1/screening/screenings/<uuid:screening_id>/answers", ScreeningAnswers.as_view(),
             name="api_screening_answers"),
        path("v1/screening/screenings/<uuid:screening_id>/attach", ScreeningAttach.as_view(),
             name="api_screening_attach"),
        path("v1/screening/screenings/<uuid:screening_id>/complete", ScreeningComplete.as_view(),
             name="api_screening_complete"),
    ]
