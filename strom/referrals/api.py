"""Referrals through the API: /api/v1/referrals/… under the same rules as the pages.

- `GET /api/v1/referrals/`: sent and received referrals of the organisation the caller acts for
  (no person's data: service, organisations, state, urgency, times).
- `GET /api/v1/referrals/{id}/`: the referral document (document.py): exactly the shared fields the
  caller may open now; audited like the referral page.
- `POST /api/v1/referrals/{id}/{action}/`: withdraw, complete, request_info, reply, decline (with `note`).
- `GET /api/v1/referrals/figures/`: answer times and acceptance rates (coordinators, administrators).
404 for referrals the caller may not see, a recorded 403 for members without the right.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.policies import actor_for
from strom.audit.services import record
from strom.referrals import queries, services
from strom.referrals.document import referral_document


class ReferralSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    state = serializers.CharField()
    urgency = serializers.CharField()
    service = serializers.CharField(source="service.name")
    sender_organisation = serializers.CharField(source="sender_organisation.name")
    receiver_organisation = serializers.CharField(source="receiver_organisation.name")
    sent_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    sent = serializers.IntegerField()
    answered = serializers.IntegerField()
    accepted = serializers.IntegerField()
    acceptance_rate = serializers.FloatField(allow_null=True)
    median_hours = serializers.FloatField(allow_null=True)


class InboxSerializer(serializers.Serializer):
    received = ReferralSummarySerializer(many=True)
    sent = ReferralSummarySerializer(many=True)


class FiguresSerializer(serializers.Serializer):
    services = FigureSerializer(many=True)
    municipalities = FigureSerializer(many=True)


class ReferralNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReferralList(APIView):
    @extend_schema(responses=InboxSerializer, operation_id="referrals_list")
    def get(self, request):
        actor = actor_for(request._request)
        boxes = queries.inbox(actor)
        record(
            "referral.inbox_viewed",
            actor=actor.user,
            organisation=actor.organisation,
            detail={"api": True},
            request=request._request,
        )
        return Response({side: ReferralSummarySerializer(rows, many=True).data for side, rows in boxes.items()})


class ReferralDetail(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="referrals_retrieve")
    def get(self, request, referral_id):
        actor = actor_for(request._request)
        referral = queries.referral_for(actor, referral_id)
        queries.shared_view(actor, referral, request=request._request)  # the audit record of what is opened
        return Response(referral_document(referral))


ACTIONS = {
    "withdraw": lambda actor, referral, note, request: services.withdraw(actor, referral, note=note, request=request),
    "complete": lambda actor, referral, note, request: services.complete(actor, referral, note=note, request=request),
    "request_info": lambda actor, referral, note, request: services.request_info(
        actor, referral, question=note, request=request
    ),
    "reply": lambda actor, referral, note, request: services.reply(actor, referral, answer=note, request=request),
    "decline": lambda actor, referral, note, request: services.decline(actor, referral, reason=note, request=request),
}


class ReferralAction(APIView):
    @extend_schema(request=ReferralNoteSerializer, responses=ReferralSummarySerializer, operation_id="referrals_action")
    def post(self, request, referral_id, action):
        if action not in ACTIONS:
            raise Http404
        actor = actor_for(request._request)
        referral = queries.referral_for(actor, referral_id)
        given = ReferralNoteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            ACTIONS[action](actor, referral, given.validated_data["note"], request._request)
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from None
        return Response(ReferralSummarySerializer(referral).data)


class ReferralFigures(APIView):
    @extend_schema(responses=FiguresSerializer, operation_id="referrals_figures")
    def get(self, request):
        actor = actor_for(request._request)
        tables = queries.figures(actor)
        record(
            "referral.figures_viewed",
            actor=actor.user,
            organisation=actor.organisation,
            detail={"api": True},
            request=request._request,
        )
        return Response({name: FigureSerializer(rows, many=True).data for name, rows in tables.items()})


def urlpatterns() -> list:
    return [
        path("v1/referrals/", ReferralList.as_view(), name="api_referrals"),
        path("v1/referrals/figures/", ReferralFigures.as_view(), name="api_referral_figures"),
        path("v1/referrals/<uuid:referral_id>/", ReferralDetail.as_view(), name="api_referral"),
        path("v1/referrals/<uuid:referral_id>/<str:action>/", ReferralAction.as_view(), name="api_referral_action"),
    ]
