"""Hotline contacts through the API: /api/v1/hotline/… under the same rules as the pages (operators
and coordinators of the hotline organisation the caller acts for; 404 for other organisations'
contacts, a recorded 403 for members without `hotline.record`).

- `GET /api/v1/hotline/contacts/`: the log, newest first, a keyset page (`after`: opaque cursor).
- `POST /api/v1/hotline/contacts/`: record a contact (anonymous: there is no identity field);
  `caller_reference` links a repeat caller; the answer carries the reference to read out.
- `GET /api/v1/hotline/contacts/{id}/`, `PATCH` the same: read, correct (own contact, or coordinator).
- `GET /api/v1/hotline/figures/?since=&until=`: counts (coordinators), no small-number suppression yet.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django_countries import countries
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.policies import actor_for
from strom.audit.services import record
from strom.hotline import queries, services
from strom.hotline.models import CallerType, Channel, Outcome, Topic, Urgency
from strom.hotline.policies import require_coordinating, require_editing, require_recording
from strom.hotline.reference import display_reference
from strom.network.models import Municipality, Service
from strom.network.vocabularies import ExploitationForm


class HotlineContactSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    started_at = serializers.DateTimeField()
    channel = serializers.CharField()
    topic = serializers.CharField()
    caller_type = serializers.CharField()
    urgency = serializers.CharField()
    outcome = serializers.CharField()
    caller_reference = serializers.SerializerMethodField()
    operator = serializers.CharField(source="operator.display_name", default="")

    def get_caller_reference(self, contact) -> str:
        return display_reference(contact.caller.reference)


class HotlineContactSerializer(HotlineContactSummarySerializer):
    duration_minutes = serializers.IntegerField(allow_null=True)
    language = serializers.CharField()
    exploitation_forms = serializers.ListField(child=serializers.CharField())
    municipality = serializers.UUIDField(source="municipality_id", allow_null=True)
    country = serializers.CharField()
    destination_country = serializers.CharField()
    referred_to = serializers.UUIDField(source="referred_to_id", allow_null=True)
    police_reason = serializers.CharField()
    notes = serializers.CharField()
    campaign_code = serializers.CharField()
    escalated = serializers.SerializerMethodField()

    def get_escalated(self, contact) -> bool:
        return contact.escalated_at is not None


class HotlineContactPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    results = HotlineContactSummarySerializer(many=True)


class HotlineContactInputSerializer(serializers.Serializer):
    """What an operator records; no field for a name, phone number or e-mail address exists."""

    topic = serializers.ChoiceField(choices=Topic.choices)
    caller_type = serializers.ChoiceField(choices=CallerType.choices, default=CallerType.UNKNOWN)
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.PHONE)
    started_at = serializers.DateTimeField(required=False)
    duration_minutes = serializers.IntegerField(min_value=0, max_value=600, required=False, allow_null=True)
    language = serializers.CharField(max_length=8, required=False, allow_blank=True, default="")
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.ROUTINE)
    exploitation_forms = serializers.ListField(child=serializers.ChoiceField(choices=ExploitationForm.choices),
                                               required=False, default=list)
    municipality = serializers.PrimaryKeyRelatedField(queryset=Municipality.objects.all(), required=False,
                                                      allow_null=True)
    country = serializers.CharField(max_length=2, required=False, allow_blank=True, default="",
                                    help_text="ISO 3166-1 alpha-2 code.")
    destination_country = serializers.CharField(max_length=2, required=False, allow_blank=True, default="",
                                                help_text="ISO 3166-1 alpha-2 code (working abroad).")
    outcome = serializers.ChoiceField(choices=Outcome.choices, default=Outcome.INFORMATION)
    referred_to = serializers.PrimaryKeyRelatedField(queryset=Service.objects.filter(is_active=True), required=False,
                                                     allow_null=True)
    police_reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    campaign_code = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    caller_reference = serializers.CharField(max_length=20, required=False, allow_blank=True, default="",
                                             help_text="The reference a repeat caller read back; empty: a new caller.")

    def _country(self, code: str) -> str:
        code = (code or "").upper()
        if code and code not in dict(countries):
            raise serializers.ValidationError("Not an ISO 3166-1 alpha-2 country code.")
        return code

    def validate_country(self, code):
        return self._country(code)

    def validate_destination_country(self, code):
        return self._country(code)


def _refused(error: DjangoValidationError):
    return ValidationError(error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages})


class ContactList(APIView):
    @extend_schema(parameters=[OpenApiParameter("after", str, description="Opaque cursor.")],
                   responses=HotlineContactPageSerializer, operation_id="hotline_contacts_list")
    def get(self, request):
        actor = actor_for(request._request)
        after = request.query_params.get("after") or None
        if after and queries.decode_cursor(after) is None:
            raise ValidationError({"after": ["The cursor is not valid; start again from the first page."]})
        page = queries.contact_page(actor, after)
        next_url = None
        if page.next_cursor:
            query = request.query_params.copy()
            query["after"] = page.next_cursor
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return Response({"next": next_url, "results": HotlineContactSummarySerializer(page.contacts, many=True).data})

    @extend_schema(request=HotlineContactInputSerializer, responses={201: HotlineContactSerializer},
                   operation_id="hotline_contacts_create")
    def post(self, request):
        actor = actor_for(request._request)
        require_recording(actor)
        given = HotlineContactInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        values = dict(given.validated_data)
        reference = values.pop("caller_reference")
        try:
            contact = services.record_contact(actor, caller_reference=reference, request=request._request, **values)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(HotlineContactSerializer(contact).data, status=201)


class ContactDetail(APIView):
    @extend_schema(responses=HotlineContactSerializer, operation_id="hotline_contacts_retrieve")
    def get(self, request, contact_id):
        actor = actor_for(request._request)
        contact = queries.contact_for(actor, contact_id, request=request._request)
        return Response(HotlineContactSerializer(contact).data)

    @extend_schema(request=HotlineContactInputSerializer(partial=True), responses=HotlineContactSerializer,
                   operation_id="hotline_contacts_partial_update")
    def patch(self, request, contact_id):
        actor = actor_for(request._request)
        contact = queries.contact_for(actor, contact_id, request=request._request)
        require_editing(actor, contact)
        given = HotlineContactInputSerializer(data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        values = {name: value for name, value in given.validated_data.items() if name != "caller_reference"}
        try:
            services.change_contact(actor, contact, request=request._request, **values)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(HotlineContactSerializer(contact).data)


class HotlineFigureRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True)


class HotlineFiguresSerializer(serializers.Serializer):
    since = serializers.DateField()
    until = serializers.DateField()
    channel = HotlineFigureRowSerializer(many=True)
    topic = HotlineFigureRowSerializer(many=True)
    caller_type = HotlineFigureRowSerializer(many=True)
    outcome = HotlineFigureRowSerializer(many=True)
    month = HotlineFigureRowSerializer(many=True)
    destination_country = HotlineFigureRowSerializer(many=True)
    campaign_code = HotlineFigureRowSerializer(many=True)


class HotlinePeriodSerializer(serializers.Serializer):
    since = serializers.DateField()
    until = serializers.DateField()

    def validate(self, data):
        if data["since"] > data["until"]:
            raise serializers.ValidationError({"until": "The end comes before the start."})
        if (data["until"] - data["since"]).days > 3 * 366:
            raise serializers.ValidationError({"since": "Choose at most three years."})
        return data


class Figures(APIView):
    @extend_schema(parameters=[OpenApiParameter("since", str, description="YYYY-MM-DD", required=True),
                               OpenApiParameter("until", str, description="YYYY-MM-DD (inclusive)", required=True)],
                   responses=HotlineFiguresSerializer, operation_id="hotline_figures")
    def get(self, request):
        actor = actor_for(request._request)
        require_coordinating(actor)
        given = HotlinePeriodSerializer(data=request.query_params)
        given.is_valid(raise_exception=True)
        since, until = given.validated_data["since"], given.validated_data["until"]
        tables = queries.figures(actor, since, until)
        record("hotline.figures_viewed", actor=actor.user, organisation=actor.organisation, detail={"api": True},
               request=request._request)
        rows = {name: HotlineFigureRowSerializer(table, many=True).data for name, table in tables.items()}
        return Response({"since": since, "until": until, **rows})


def urlpatterns() -> list:
    return [
        path("v1/hotline/contacts/", ContactList.as_view(), name="api_hotline_contacts"),
        path("v1/hotline/contacts/<uuid:contact_id>/", ContactDetail.as_view(), name="api_hotline_contact"),
        path("v1/hotline/figures/", Figures.as_view(), name="api_hotline_figures"),
    ]
