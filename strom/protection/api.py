"""Protection through the API: `GET /api/v1/cases/{id}/protection/` — the running reflection period
with its computed last day and notices, the current residence permit, the latest risk assessment,
guardians and tasks. The case rules apply as on the page (404 to outsiders, a recorded 403 to members
without `case.read`, break-glass reads) and the read is recorded like the page's (field names only)."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.policies import actor_for
from strom.protection import queries


class ExtensionSerializer(serializers.Serializer):
    granted_on = serializers.DateField()
    amount = serializers.IntegerField()
    unit = serializers.CharField()
    granted_by = serializers.CharField()


class PeriodSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="period.id")
    start = serializers.DateField(source="period.start")
    authority = serializers.CharField(source="period.authority")
    child = serializers.BooleanField(source="period.child")
    last_day = serializers.DateField(source="terms.end", help_text="The last day the person is protected.")
    planned_end = serializers.DateField(source="terms.planned_end")
    working_days_left = serializers.IntegerField()
    rule_country = serializers.CharField(source="period.rule_country")
    rule_valid_from = serializers.DateField(source="period.rule_valid_from", allow_null=True,
                                            help_text="The rule version used; null: the Council of Europe minimum.")
    notices = serializers.ListField(child=serializers.CharField())
    extensions = ExtensionSerializer(many=True, source="period.extensions.all")


class PermitSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="permit.id")
    ground = serializers.CharField(source="permit.ground")
    valid_from = serializers.DateField(source="permit.valid_from")
    authority = serializers.CharField(source="permit.authority")
    expires = serializers.DateField(source="terms.expires", allow_null=True)
    renewals = serializers.IntegerField(source="terms.renewals")
    notices = serializers.ListField(child=serializers.CharField())


class RiskSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    assessed_on = serializers.DateField()
    level = serializers.CharField()
    risks = serializers.CharField()
    measures = serializers.CharField()
    next_review = serializers.DateField(allow_null=True)


class GuardianSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    appointed_on = serializers.DateField()
    authority = serializers.CharField()
    guardian = serializers.CharField()


class TaskSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    due_on = serializers.DateField(allow_null=True)
    assignee = serializers.UUIDField(source="assignee_id", allow_null=True)
    done_at = serializers.DateTimeField(allow_null=True)


class ProtectionSerializer(serializers.Serializer):
    period = PeriodSerializer(allow_null=True)
    permit = PermitSerializer(allow_null=True)
    risk = RiskSerializer(allow_null=True)
    guardians = GuardianSerializer(many=True)
    tasks = TaskSerializer(many=True)


class CaseProtection(APIView):
    @extend_schema(responses=ProtectionSerializer, operation_id="cases_protection")
    def get(self, request, case_id):
        actor = actor_for(request._request)
        overview = queries.overview_of(actor, case_id, request=request._request)
        return Response(ProtectionSerializer(overview).data)


def urlpatterns() -> list:
    return [path("v1/cases/<uuid:case_id>/protection/", CaseProtection.as_view(), name="api_case_protection")]
