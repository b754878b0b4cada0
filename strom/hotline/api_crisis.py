"""The crisis part through the API, under the same rules as its pages (the hotline organisation's people
with `hotline.record`; another organisation's contact is a 404, a member without the right a recorded 403;
the escalation target's own right is checked by its service).

- `GET /api/v1/hotline/crisis/?municipality=&country=&language=&exploitation_forms=&child=`: who to call now.
- `GET /api/v1/hotline/job-offer/checklist/`: the current checklist (questions, country contacts, flags).
- `GET|PUT /api/v1/hotline/contacts/{id}/job-offer/`: the contact's answers and the caller's summary.
- `GET /api/v1/hotline/contacts/{id}/escalations/`: what the contact was escalated to.
- `POST /api/v1/hotline/contacts/{id}/escalate/screening/|referral/|case/`: escalate; what is not given
  is taken from the contact (forms, urgency, language, reason, place, notes).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import QueryDict
from django.urls import path
from django_countries import countries
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.policies import actor_for
from strom.cases.consent import How, LegalBasis
from strom.hotline import escalation, joboffer
from strom.hotline.api import _refused
from strom.hotline.crisis_forms import CrisisForm
from strom.hotline.models import JobOfferCheck
from strom.hotline.policies import require_recording
from strom.hotline.queries import contact_for
from strom.hotline.reference import display_reference
from strom.hotline.views_crisis import crisis_context, hotline_phone, referral_initial
from strom.network.models import Municipality, Service
from strom.network.vocabularies import ExploitationForm
from strom.referrals.forms import AGE_GROUP_CHOICES
from strom.referrals.models import Urgency as ReferralUrgency
from strom.screening.models import AgeGroup

# --- Crisis -------------------------------------------------------------------------------------------------


class CrisisLineSerializer(serializers.Serializer):
    service = serializers.UUIDField(source="entry.service_id")
    name = serializers.CharField(source="entry.name")
    organisation = serializers.CharField(source="entry.organisation")
    type = serializers.CharField(source="entry.type_code")
    number_now = serializers.CharField(source="number", help_text="Empty when no line answers now.")
    fits = serializers.BooleanField(source="entry.fits")


class CrisisStepSerializer(serializers.Serializer):
    type = serializers.CharField(source="step.type_code")
    name = serializers.CharField()
    first = CrisisLineSerializer(allow_null=True)
    alternatives = CrisisLineSerializer(many=True)


class CrisisSerializer(serializers.Serializer):
    municipality = serializers.UUIDField(source="municipality.pk", allow_null=True, default=None)
    country = serializers.CharField()
    emergency_number = serializers.CharField(source="emergency")
    round_the_clock = CrisisLineSerializer(many=True)
    pathway = CrisisStepSerializer(many=True, source="steps")
    gaps = serializers.ListField(child=serializers.CharField())


class CrisisView(APIView):
    @extend_schema(parameters=[
        OpenApiParameter("municipality", str, description="Municipality id."),
        OpenApiParameter("country", str, description="ISO 3166-1 alpha-2, when no municipality is known."),
        OpenApiParameter("language", str, description="ISO 639-1."),
        OpenApiParameter("exploitation_forms", str, many=True),
        OpenApiParameter("child", bool),
    ], responses=CrisisSerializer, operation_id="hotline_crisis")
    def get(self, request):
        require_recording(actor_for(request._request))
        query = request.query_params.copy()
        if query.get("child") in ("false", "0"):
            query.pop("child")
        form = CrisisForm(query if isinstance(query, QueryDict) else None)
        if not form.is_valid() or not form.has_place():
            raise ValidationError(form.errors or {"municipality": ["Give a municipality or a country."]})
        return Response(CrisisSerializer(crisis_context(form.cleaned_data)).data)


# --- Job-offer check -----------------------------------------------------------------------------------------


class ChecklistItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    question = serializers.CharField()
    advice = serializers.CharField()


class CountryContactsSerializer(serializers.Serializer):
    country = serializers.CharField()
    values = serializers.DictField(child=serializers.CharField())
    needs_verification = serializers.ListField(child=serializers.CharField())


class ChecklistSerializer(serializers.Serializer):
    version = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    source = serializers.CharField()
    items = ChecklistItemSerializer(many=True)
    countries = CountryContactsSerializer(many=True)


class ChecklistView(APIView):
    @extend_schema(responses=ChecklistSerializer, operation_id="hotline_job_offer_checklist")
    def get(self, request):
        require_recording(actor_for(request._request))
        checklist = joboffer.load()
        return Response(ChecklistSerializer({
            **checklist.__dict__,
            "countries": [{"country": c.country, "values": c.values, "needs_verification": sorted(c.needs_verification)}
                          for c in checklist.countries.values()]}).data)


class JobOfferCheckSerializer(serializers.Serializer):
    checklist_version = serializers.CharField(read_only=True)
    destination_country = serializers.CharField(max_length=2, allow_blank=True, default="",
                                                help_text="ISO 3166-1 alpha-2 code.")
    language = serializers.ChoiceField(choices=[code for code, _name in settings.LANGUAGES], default="en",
                                       help_text="The language of the caller's summary.")
    answers = serializers.DictField(child=serializers.ChoiceField(choices=joboffer.ANSWERS),
                                    help_text="Question code → yes, no or unsure; questions not asked are left out.")
    summary = serializers.CharField(read_only=True)

    def validate_destination_country(self, code):
        code = (code or "").upper()
        if code and code not in dict(countries):
            raise serializers.ValidationError("Not an ISO 3166-1 alpha-2 country code.")
        return code


def _check_data(contact, check) -> dict:
    checklist = joboffer.load()
    return {"checklist_version": check.checklist_version, "destination_country": str(check.destination_country),
            "language": check.language, "answers": check.answers,
            "summary": joboffer.summary_text(checklist, check.answers, country=str(check.destination_country),
                                             language=check.language,
                                             reference=display_reference(contact.caller.reference),
                                             hotline_phone=hotline_phone(contact))}


class JobOfferView(APIView):
    @extend_schema(responses=JobOfferCheckSerializer, operation_id="hotline_job_offer_read")
    def get(self, request, contact_id):
        contact = contact_for(actor_for(request._request), contact_id, request=request._request)
        check = JobOfferCheck.objects.filter(contact=contact).first()
        if check is None:
            raise NotFound("No job-offer check was made for this contact.")
        return Response(JobOfferCheckSerializer(_check_data(contact, check)).data)

    @extend_schema(request=JobOfferCheckSerializer, responses=JobOfferCheckSerializer,
                   operation_id="hotline_job_offer_save")
    def put(self, request, contact_id):
        actor = actor_for(request._request)
        contact = contact_for(actor, contact_id, request=request._request)
        given = JobOfferCheckSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            check = escalation.save_job_offer_check(actor, contact, request=request._request, **given.validated_data)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(JobOfferCheckSerializer(_check_data(contact, check)).data)


# --- Escalation ---------------------------------------------------------------------------------------------


class EscalationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    at = serializers.DateTimeField()
    screening = serializers.UUIDField(source="screening_id", allow_null=True)
    referral = serializers.UUIDField(source="referral_id", allow_null=True)
    case = serializers.UUIDField(source="case_id", allow_null=True)


class EscalationList(APIView):
    @extend_schema(responses=EscalationSerializer(many=True), operation_id="hotline_escalations_list")
    def get(self, request, contact_id):
        contact = contact_for(actor_for(request._request), contact_id, request=request._request)
        return Response(EscalationSerializer(contact.escalations.all(), many=True).data)


class ScreeningEscalationSerializer(serializers.Serializer):
    age_group = serializers.ChoiceField(choices=AgeGroup.choices)
    exploitation_forms = serializers.ListField(child=serializers.ChoiceField(choices=ExploitationForm.choices),
                                               required=False, help_text="Default: the contact's.")


class ReferralEscalationSerializer(serializers.Serializer):
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.filter(is_active=True))
    reason = serializers.CharField(max_length=2000, required=False, help_text="Default: from the contact's topic.")
    urgency = serializers.ChoiceField(choices=ReferralUrgency.choices, required=False,
                                      help_text="Default: from the contact's urgency.")
    needs = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True,
                                    help_text="Default: the contact's notes. No names.")
    languages = serializers.ListField(child=serializers.CharField(max_length=2), required=False)
    age_group = serializers.CharField(required=False, allow_blank=True, default="",
                                      help_text="An age band as referrals share it (e.g. 18-20), or empty.")
    consent_how = serializers.ChoiceField(choices=How.choices, required=False, default="")
    legal_basis = serializers.ChoiceField(choices=LegalBasis.choices, required=False, default="")


    def validate_age_group(self, value):
        if value not in {code for code, _label in AGE_GROUP_CHOICES}:
            raise serializers.ValidationError("Not an age group of referrals.")
        return value


class CaseEscalationSerializer(serializers.Serializer):
    consent_given = serializers.BooleanField(help_text="The caller agrees that a case keeps her identity.")
    consent_how = serializers.ChoiceField(choices=How.choices, required=False, default="")
    given_names = serializers.CharField(max_length=200)
    family_names = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    birth_date = serializers.DateField(required=False)
    municipality = serializers.PrimaryKeyRelatedField(queryset=Municipality.objects.all(), required=False,
                                                      allow_null=True, help_text="Default: the contact's.")


def _referral_values(contact, data: dict) -> dict:
    initial = referral_initial(contact)
    languages = data.pop("languages", None)
    values = {"reason": initial["reason"], "urgency": initial["urgency"], "needs": initial["needs"],
              "summary": initial["summary"], **data}
    values["languages"] = languages if languages is not None else ([contact.language] if contact.language else [])
    return values


def _case_values(contact, data: dict) -> dict:
    person = {"given_names": data["given_names"], "family_names": data["family_names"]}
    if data.get("birth_date"):
        person["birth_date"] = data["birth_date"]
    municipality = data["municipality"] if "municipality" in data else contact.municipality
    return {"person": person, "municipality": municipality, "consent_given": data["consent_given"],
            "consent_how": data["consent_how"]}


class Escalate(APIView):
    kind = ""
    serializer = serializers.Serializer

    def post(self, request, contact_id):
        actor = actor_for(request._request)
        contact = contact_for(actor, contact_id, request=request._request)
        given = self.serializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        try:
            if self.kind == "screening":
                made = escalation.escalate_to_screening(actor, contact, request=request._request, **data)
            elif self.kind == "referral":
                made = escalation.escalate_to_referral(actor, contact, request=request._request,
                                                       **_referral_values(contact, data))
            else:
                made = escalation.escalate_to_case(actor, contact, request=request._request,
                                                   **_case_values(contact, data))
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(EscalationSerializer(made).data, status=201)


def _escalate_view(kind: str, serializer):
    def post(self, request, contact_id):
        return Escalate.post(self, request, contact_id)

    post = extend_schema(request=serializer, responses={201: EscalationSerializer},
                         operation_id=f"hotline_escalate_{kind}")(post)
    return type(f"Escalate_{kind}", (Escalate,), {"kind": kind, "serializer": serializer, "post": post})


def urlpatterns():
    base = "v1/hotline/contacts/<uuid:contact_id>/"
    return [
        path("v1/hotline/crisis/", CrisisView.as_view(), name="api_hotline_crisis"),
        path("v1/hotline/job-offer/checklist/", ChecklistView.as_view(), name="api_hotline_checklist"),
        path(f"{base}job-offer/", JobOfferView.as_view(), name="api_hotline_job_offer"),
        path(f"{base}escalations/", EscalationList.as_view(), name="api_hotline_escalations"),
        path(f"{base}escalate/screening/", _escalate_view("screening", ScreeningEscalationSerializer).as_view(),
             name="api_hotline_escalate_screening"),
        path(f"{base}escalate/referral/", _escalate_view("referral", ReferralEscalationSerializer).as_view(),
             name="api_hotline_escalate_referral"),
        path(f"{base}escalate/case/", _escalate_view("case", CaseEscalationSerializer).as_view(),
             name="api_hotline_escalate_case"),
    ]
