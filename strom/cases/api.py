"""Cases through the API: /api/v1/cases/… under the same policies as the pages.

- `GET /api/v1/cases/`: the case list of the organisation the caller acts for (pseudonyms, never
  identity), filters `stage`, `municipality`, `mine`, keyset pages: `next` carries an opaque `after`
  cursor (a row-value comparison on (created, id), no OFFSET, no COUNT).
- `GET /api/v1/cases/{id}/`: the case with its person's identity; recorded like the case page
  (`person.identity_viewed` with the field names).
- `GET /api/v1/cases/{id}/timeline/`: the stage changes, oldest first.
- `POST /api/v1/cases/{id}/stage/`: move the case (`services.change_stage`).
- `POST /api/v1/cases/`: open a case. Duplicates are looked for first (`duplicates.check_before_opening`):
  with possible matches the answer is 409 with what the caller may know of them and a `confirmation`
  token; sending the same person again with that token opens the case anyway.
- `PATCH /api/v1/cases/{id}/` (the case's facts, team, places) and `PATCH /api/v1/cases/{id}/person/`
  (the person; the answer lists possible duplicates as the person page shows them).
- `POST /api/v1/cases/{id}/decisions/`, `POST /api/v1/cases/{id}/consents/`: identification decisions
  and lines of the consent ledger.
- `POST /api/v1/cases/{id}/emergency-access/`: break-glass with a written reason (callers without
  `case.break_glass` get 404, as on the page).

404 for cases the caller may not see, a recorded 403 for members without the right, 400 with the
field's message for input the services refuse.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.models import User
from strom.accounts.policies import actor_for
from strom.audit.services import record
from strom.cases import consent, duplicates, queries, services
from strom.cases.models import IDENTITY_FIELDS, DecisionLevel, DecisionOutcome
from strom.cases.policies import BREAK_GLASS, require_case_opening
from strom.cases.stages import ClosureReason, Stage
from strom.cases.vocabularies import (
    ContactSafety,
    ControlMeans,
    DocumentsStatus,
    ExploitationForm,
    Gender,
    Industry,
    PlaceKind,
    RiskFlag,
)
from strom.network.models import Municipality, Organisation


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


# --- Writes ---------------------------------------------------------------------------------------


def _text(max_length: int = 200):
    return serializers.CharField(required=False, allow_blank=True, max_length=max_length)


class PersonWriteSerializer(serializers.Serializer):
    given_names = _text()
    family_names = _text()
    other_names = _text(500)
    exploitation_name = _text()
    birth_date = serializers.DateField(required=False, allow_null=True)
    estimated_age = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=120)
    age_disputed = serializers.BooleanField(required=False)
    gender = serializers.ChoiceField(choices=Gender.choices, required=False)
    citizenships = serializers.ListField(child=serializers.CharField(max_length=2), required=False, max_length=20,
                                         help_text="ISO 3166 alpha-2 codes")
    languages = serializers.ListField(child=serializers.CharField(max_length=3), required=False, max_length=20,
                                      help_text="ISO 639-1 codes")
    interpreter_needed = serializers.BooleanField(required=False)
    contact = _text(500)
    contact_safety = serializers.ChoiceField(choices=ContactSafety.choices, required=False)
    safe_contact_instructions = _text(1000)
    documents_status = serializers.ChoiceField(choices=DocumentsStatus.choices, required=False)
    documents_note = _text(1000)

    def to_service(self) -> dict:
        return person_for_service(self.validated_data)


def person_for_service(validated: dict) -> dict:
    data = dict(validated)
    if "birth_date" in data:
        data["birth_date"] = data["birth_date"].isoformat() if data["birth_date"] else ""
    return data


class PlaceWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PlaceKind.choices)
    country = serializers.CharField(max_length=2)
    place = _text()
    date_from = serializers.DateField(required=False, allow_null=True)
    date_to = serializers.DateField(required=False, allow_null=True)


class CaseWriteSerializer(serializers.Serializer):
    municipality = serializers.UUIDField(required=False)
    team = serializers.ListField(child=serializers.UUIDField(), required=False, max_length=50,
                                 help_text="User ids of members of the lead organisation.")
    exploitation_forms = serializers.ListField(child=serializers.ChoiceField(choices=ExploitationForm.choices),
                                               required=False)
    industry = serializers.ChoiceField(choices=Industry.choices, required=False, allow_blank=True)
    means_of_control = serializers.ListField(child=serializers.ChoiceField(choices=ControlMeans.choices),
                                             required=False)
    risk_flags = serializers.ListField(child=serializers.ChoiceField(choices=RiskFlag.choices), required=False)
    places = PlaceWriteSerializer(many=True, required=False, help_text="Replaces every place of the case.")

    def to_service(self) -> dict:
        data = dict(self.validated_data)
        if "municipality" in data:
            municipality = Municipality.objects.filter(pk=data["municipality"]).first()
            if municipality is None:
                raise ValidationError({"municipality": ["No such municipality."]})
            data["municipality"] = municipality
        if "team" in data:
            users = {user.pk: user for user in User.objects.filter(pk__in=data["team"])}
            if len(users) != len(set(data["team"])):
                raise ValidationError({"team": ["The team are people of the lead organisation."]})
            data["team"] = list(users.values())
        if "places" in data:
            data["places"] = [dict(place) for place in data["places"]]
        return data


class CaseOpenSerializer(CaseWriteSerializer):
    municipality = serializers.UUIDField()
    person = PersonWriteSerializer()
    confirmation = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                         help_text="The token of a 409 answer: open the case despite the "
                                                   "possible duplicates it listed.")


class VisibleMatchSerializer(serializers.Serializer):
    case = serializers.UUIDField()
    pseudonym = serializers.CharField()
    organisation = serializers.CharField()


class OrganisationMatchSerializer(serializers.Serializer):
    organisation = serializers.UUIDField()
    name = serializers.CharField()
    country = serializers.CharField()


class DuplicatesSerializer(serializers.Serializer):
    visible = VisibleMatchSerializer(many=True, help_text="Matching cases the caller may read.")
    elsewhere = OrganisationMatchSerializer(many=True, help_text="Organisations holding a possible match: "
                                                                 "contact them.")


class DuplicatesConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    possible_duplicates = DuplicatesSerializer()
    confirmation = serializers.CharField(help_text="Send it back with the same person to open the case anyway.")


class CaseOpenedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    pseudonym = serializers.CharField(source="person.pseudonym")
    stage = serializers.CharField()
    age_group = serializers.CharField()


class CaseChangedSerializer(serializers.Serializer):
    changed = serializers.ListField(child=serializers.CharField())


class PersonChangedSerializer(CaseChangedSerializer):
    possible_duplicates = DuplicatesSerializer()


class DecisionWriteSerializer(serializers.Serializer):
    authority = serializers.CharField(max_length=250)
    level = serializers.ChoiceField(choices=DecisionLevel.choices)
    decided_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices)
    note = _text(2000)


class ConsentWriteSerializer(serializers.Serializer):
    purpose = serializers.ChoiceField(choices=consent.Purpose.choices)
    state = serializers.ChoiceField(choices=consent.State.choices)
    how = serializers.ChoiceField(choices=consent.How.choices, required=False, allow_blank=True)
    legal_basis = serializers.ChoiceField(choices=consent.LegalBasis.choices, required=False, allow_blank=True)
    recipient_organisation = serializers.UUIDField(required=False, allow_null=True)
    recipient_text = _text(250)
    note = _text(2000)

    def to_service(self) -> dict:
        data = dict(self.validated_data)
        if data.get("recipient_organisation"):
            organisation = Organisation.objects.filter(pk=data["recipient_organisation"], is_active=True).first()
            if organisation is None:
                raise ValidationError({"recipient_organisation": ["No such organisation."]})
            data["recipient_organisation"] = organisation
        else:
            data["recipient_organisation"] = None
        return data


class ConsentEntrySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    purpose = serializers.CharField()
    state = serializers.CharField()
    how = serializers.CharField()
    legal_basis = serializers.CharField()
    recipient_organisation = serializers.UUIDField(source="recipient_organisation_id", allow_null=True)
    recipient_text = serializers.CharField()
    recorded_at = serializers.DateTimeField()


class BreakGlassWriteSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="Why you need this case now (at least a sentence).")


class BreakGlassSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    case = serializers.UUIDField(source="case_id")
    granted_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()


def _refused(error: DjangoValidationError) -> ValidationError:
    """A service's refusal as a 400 naming the field (or `detail` when it names none)."""
    if hasattr(error, "error_dict"):
        return ValidationError(error.message_dict)
    return ValidationError({"detail": error.messages})


def _valid(serializer_class, data, **kwargs):
    given = serializer_class(data=data, **kwargs)
    given.is_valid(raise_exception=True)
    return given


class CaseOpen:
    @extend_schema(request=CaseOpenSerializer, responses={201: CaseOpenedSerializer, 409: DuplicatesConflictSerializer},
                   operation_id="cases_open")
    def post(self, request):
        actor = actor_for(request._request)
        require_case_opening(actor)
        fields = _valid(CaseOpenSerializer, request.data).to_service()
        person = person_for_service(fields.pop("person"))
        confirmation = fields.pop("confirmation", "")
        try:
            answer = duplicates.check_before_opening(actor, person, confirmation, request=request._request)
            case = services.open_case(actor, person=person, request=request._request,
                                      possible_duplicates=answer.count, **fields)
        except duplicates.PossibleDuplicates as stopped:
            return Response({"detail": str(duplicates.confirmation_error().messages[0]),
                             "possible_duplicates": stopped.answer.as_data(), "confirmation": stopped.token},
                            status=409)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(CaseOpenedSerializer(case).data, status=201)


class CaseUpdate:
    @extend_schema(request=CaseWriteSerializer, responses=CaseChangedSerializer, operation_id="cases_update")
    def patch(self, request, case_id):
        actor = actor_for(request._request)
        case = queries.case_to_write(actor, case_id)
        changes = _valid(CaseWriteSerializer, request.data).to_service()
        try:
            changed = services.update_case(actor, case, request=request._request, **changes)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response({"changed": changed})


class CasePersonUpdate(APIView):
    @extend_schema(request=PersonWriteSerializer, responses=PersonChangedSerializer, operation_id="cases_person_update")
    def patch(self, request, case_id):
        actor = actor_for(request._request)
        case = queries.case_to_write(actor, case_id)
        changes = _valid(PersonWriteSerializer, request.data).to_service()
        try:
            changed = services.update_person(actor, case, request=request._request, **changes)
        except DjangoValidationError as error:
            raise _refused(error) from None
        person = case.person
        answer = duplicates.find_possible_duplicates(actor, duplicates.fields_of(person), exclude_person=person,
                                                     request=request._request)
        return Response({"changed": changed, "possible_duplicates": answer.as_data()})


class CaseDecisions(APIView):
    @extend_schema(request=DecisionWriteSerializer, responses={201: DecisionSerializer},
                   operation_id="cases_decisions_create")
    def post(self, request, case_id):
        actor = actor_for(request._request)
        case = queries.case_to_write(actor, case_id)
        given = _valid(DecisionWriteSerializer, request.data)
        try:
            decision = services.record_decision(actor, case, request=request._request, **given.validated_data)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(DecisionSerializer(decision).data, status=201)


class CaseConsents(APIView):
    @extend_schema(request=ConsentWriteSerializer, responses={201: ConsentEntrySerializer},
                   operation_id="cases_consents_create")
    def post(self, request, case_id):
        actor = actor_for(request._request)
        case = queries.case_to_write(actor, case_id)
        fields = _valid(ConsentWriteSerializer, request.data).to_service()
        try:
            entry = services.record_consent(actor, case, request=request._request, **fields)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(ConsentEntrySerializer(entry).data, status=201)


class CaseEmergencyAccess(APIView):
    @extend_schema(request=BreakGlassWriteSerializer, responses={201: BreakGlassSerializer},
                   operation_id="cases_emergency_access")
    def post(self, request, case_id):
        actor = actor_for(request._request)
        if not actor.can(BREAK_GLASS):
            raise Http404  # as on the page: without the right, nothing is learnt about the case
        case = queries.case_for_break_glass(case_id)
        given = _valid(BreakGlassWriteSerializer, request.data)
        try:
            grant = services.break_glass(actor, case, reason=given.validated_data["reason"], request=request._request)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(BreakGlassSerializer(grant).data, status=201)


class CaseCollection(CaseOpen, CaseList):
    """GET lists, POST opens."""


class CaseResource(CaseUpdate, CaseDetail):
    """GET reads, PATCH changes the case's facts."""


def urlpatterns() -> list:
    return [
        path("v1/cases/", CaseCollection.as_view(), name="api_cases"),
        path("v1/cases/<uuid:case_id>/", CaseResource.as_view(), name="api_case"),
        path("v1/cases/<uuid:case_id>/timeline/", CaseTimeline.as_view(), name="api_case_timeline"),
        path("v1/cases/<uuid:case_id>/stage/", CaseStage.as_view(), name="api_case_stage"),
        path("v1/cases/<uuid:case_id>/person/", CasePersonUpdate.as_view(), name="api_case_person"),
        path("v1/cases/<uuid:case_id>/decisions/", CaseDecisions.as_view(), name="api_case_decisions"),
        path("v1/cases/<uuid:case_id>/consents/", CaseConsents.as_view(), name="api_case_consents"),
        path("v1/cases/<uuid:case_id>/emergency-access/", CaseEmergencyAccess.as_view(),
             name="api_case_emergency_access"),
    ]

