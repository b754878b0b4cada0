"""Protection through the API: `GET /api/v1/cases/{id}/protection/` — the running reflection period
with its computed last day and notices, the current residence permit, the latest risk assessment,
guardians, best-interests assessments and tasks. The case rules apply as on the page (404 to outsiders,
a recorded 403 to members without `case.read`, break-glass reads) and the read is recorded like the
page's (field names only).

Writes (POST, each through the same service as the page's form, so the same policy and audit):
`period/`, `period/{id}/extend/`, `period/{id}/end/`, `permit/` and `permit/{id}/renew/` answer 201 with
the refreshed overview; `risk/`, `guardian/`, `best-interests/`, `tasks/` and `tasks/{id}/done/` with the
record made or changed. 404 to outsiders (and for a period, permit or task of another case), a recorded
403 to those who may not write, 400 with the field's message for input the services refuse.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.models import User
from strom.accounts.policies import actor_for
from strom.cases.queries import case_to_write
from strom.protection import queries, services
from strom.protection.models import EndReason, LengthUnit, PermitGround, RiskLevel


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


class BestInterestsSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    assessed_on = serializers.DateField()
    assessed_by = serializers.CharField()
    conclusion = serializers.CharField()


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
    best_interests = BestInterestsSerializer(many=True)
    tasks = TaskSerializer(many=True)


class CaseProtection(APIView):
    @extend_schema(responses=ProtectionSerializer, operation_id="cases_protection")
    def get(self, request, case_id):
        actor = actor_for(request._request)
        overview = queries.overview_of(actor, case_id, request=request._request)
        return Response(ProtectionSerializer(overview).data)


# --- writes -------------------------------------------------------------------------------------------
# The bodies only shape input (types, choices, lengths); the services validate and decide.


class PeriodStartInput(serializers.Serializer):
    start = serializers.DateField()
    authority = serializers.CharField(max_length=services.MAX_AUTHORITY)
    granted_amount = serializers.IntegerField(required=False, allow_null=True,
                                              help_text="Only when the decision states a length; else the "
                                                        "country's rule applies.")
    granted_unit = serializers.ChoiceField(choices=LengthUnit.choices, required=False, allow_blank=True)


class ExtensionInput(serializers.Serializer):
    granted_on = serializers.DateField()
    amount = serializers.IntegerField()
    unit = serializers.ChoiceField(choices=LengthUnit.choices)
    granted_by = serializers.CharField(max_length=services.MAX_AUTHORITY)
    why = serializers.CharField(required=False, allow_blank=True, max_length=services.MAX_TEXT)


class EndInput(serializers.Serializer):
    ended_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=EndReason.choices)
    ended_by = serializers.CharField(required=False, allow_blank=True, max_length=services.MAX_AUTHORITY,
                                     help_text="The authority, or “the person”; never a name.")


class PermitInput(serializers.Serializer):
    ground = serializers.ChoiceField(choices=PermitGround.choices)
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True,
                                        help_text="Leave out to use the country's usual length.")
    authority = serializers.CharField(max_length=services.MAX_AUTHORITY)


class RenewalInput(serializers.Serializer):
    granted_on = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True,
                                        help_text="Leave out to use the country's usual renewal length.")
    authority = serializers.CharField(max_length=services.MAX_AUTHORITY)


class RiskInput(serializers.Serializer):
    assessed_on = serializers.DateField()
    level = serializers.ChoiceField(choices=RiskLevel.choices)
    risks = serializers.CharField(required=False, allow_blank=True, max_length=services.MAX_TEXT)
    measures = serializers.CharField(required=False, allow_blank=True, max_length=services.MAX_TEXT)
    next_review = serializers.DateField(required=False, allow_null=True)


class GuardianInput(serializers.Serializer):
    appointed_on = serializers.DateField()
    authority = serializers.CharField(max_length=services.MAX_AUTHORITY)
    guardian = serializers.CharField(max_length=services.MAX_AUTHORITY)


class BestInterestsInput(serializers.Serializer):
    assessed_on = serializers.DateField()
    assessed_by = serializers.CharField(max_length=services.MAX_AUTHORITY)
    conclusion = serializers.CharField(max_length=services.MAX_TEXT)


class TaskInput(serializers.Serializer):
    title = serializers.CharField(max_length=services.MAX_TITLE)
    due_on = serializers.DateField(required=False, allow_null=True)
    assignee = serializers.UUIDField(required=False, allow_null=True,
                                     help_text="A member of the case's lead organisation.")


def _refused(error: DjangoValidationError) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError(error.message_dict)
    return ValidationError({"non_field_errors": error.messages})


def _writer(request, case_id):
    actor = actor_for(request._request)
    return actor, case_to_write(actor, case_id)


def _input(request, serializer_class) -> dict:
    given = serializer_class(data=request.data)
    given.is_valid(raise_exception=True)
    return dict(given.validated_data)


def _run(write):
    try:
        return write()
    except DjangoValidationError as error:
        raise _refused(error) from None


def _overview(request, actor, case):
    overview = queries.overview_of(actor, case.pk, request=request._request)
    return Response(ProtectionSerializer(overview).data, status=201)


class PeriodStart(APIView):
    @extend_schema(request=PeriodStartInput, responses={201: ProtectionSerializer},
                   operation_id="cases_protection_period_start")
    def post(self, request, case_id):
        actor, case = _writer(request, case_id)
        data = _input(request, PeriodStartInput)
        _run(lambda: services.start_period(actor, case, request=request._request, **data))
        return _overview(request, actor, case)


class PeriodExtend(APIView):
    @extend_schema(request=ExtensionInput, responses={201: ProtectionSerializer},
                   operation_id="cases_protection_period_extend")
    def post(self, request, case_id, period_id):
        actor, case = _writer(request, case_id)
        period = get_object_or_404(case.reflection_periods, pk=period_id)
        data = _input(request, ExtensionInput)
        _run(lambda: services.extend_period(actor, period, request=request._request, **data))
        return _overview(request, actor, case)


class PeriodEnd(APIView):
    @extend_schema(request=EndInput, responses={201: ProtectionSerializer},
                   operation_id="cases_protection_period_end")
    def post(self, request, case_id, period_id):
        actor, case = _writer(request, case_id)
        period = get_object_or_404(case.reflection_periods, pk=period_id)
        data = _input(request, EndInput)
        _run(lambda: services.end_period(actor, period, request=request._request, **data))
        return _overview(request, actor, case)


class PermitRecord(APIView):
    @extend_schema(request=PermitInput, responses={201: ProtectionSerializer},
                   operation_id="cases_protection_permit_record")
    def post(self, request, case_id):
        actor, case = _writer(request, case_id)
        data = _input(request, PermitInput)
        _run(lambda: services.record_permit(actor, case, request=request._request, **data))
        return _overview(request, actor, case)


class PermitRenew(APIView):
    @extend_schema(request=RenewalInput, responses={201: ProtectionSerializer},
                   operation_id="cases_protection_permit_renew")
    def post(self, request, case_id, permit_id):
        actor, case = _writer(request, case_id)
        permit = get_object_or_404(case.residence_permits, pk=permit_id)
        data = _input(request, RenewalInput)
        _run(lambda: services.renew_permit(actor, permit, request=request._request, **data))
        return _overview(request, actor, case)


class RiskAssess(APIView):
    @extend_schema(request=RiskInput, responses={201: RiskSerializer}, operation_id="cases_protection_risk_assess")
    def post(self, request, case_id):
        actor, case = _writer(request, case_id)
        data = _input(request, RiskInput)
        made = _run(lambda: services.assess_risk(actor, case, request=request._request, **data))
        return Response(RiskSerializer(made).data, status=201)


class GuardianAppoint(APIView):
    @extend_schema(request=GuardianInput, responses={201: GuardianSerializer},
                   operation_id="cases_protection_guardian_appoint")
    def post(self, request, case_id):
        actor, case = _writer(request, case_id)
        data = _input(request, GuardianInput)
        made = _run(lambda: services.appoint_guardian(actor, case, request=request._request, **data))
        return Response(GuardianSerializer(made).data, status=201)


class BestInterestsAssess(APIView):
    @extend_schema(request=BestInterestsInput, responses={201: BestInterestsSerializer},
                   operation_id="cases_protection_best_interests_assess")
    def post(self, request, case_id):
        actor, case = _writer(request, case_id)
        data = _input(request, BestInterestsInput)
        made = _run(lambda: services.assess_best_interests(actor, case, request=request._request, **data))
        return Response(BestInterestsSerializer(made).data, status=201)


def _assignee(user_id):
    """The user the id names, for the service to check against the lead organisation (the same message
    whether the id is unknown or names someone else: ids of other organisations' people do not leak)."""
    if user_id is None:
        return None
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise ValidationError({"assignee": [_("Assign the task to someone of the lead organisation.")]})
    return user


class TaskAdd(APIView):
    @extend_schema(request=TaskInput, responses={201: TaskSerializer}, operation_id="cases_protection_task_add")
    def post(self, request, case_id):
        actor, case = _writer(request, case_id)
        data = _input(request, TaskInput)
        data["assignee"] = _assignee(data.get("assignee"))
        made = _run(lambda: services.add_task(actor, case, request=request._request, **data))
        return Response(TaskSerializer(made).data, status=201)


class TaskDone(APIView):
    @extend_schema(request=None, responses={201: TaskSerializer}, operation_id="cases_protection_task_done")
    def post(self, request, case_id, task_id):
        actor, case = _writer(request, case_id)
        task = get_object_or_404(case.tasks, pk=task_id)
        made = _run(lambda: services.complete_task(actor, task, request=request._request))
        return Response(TaskSerializer(made).data, status=201)


def urlpatterns() -> list:
    base = "v1/cases/<uuid:case_id>/protection/"
    return [
        path(base, CaseProtection.as_view(), name="api_case_protection"),
        path(f"{base}period/", PeriodStart.as_view(), name="api_protection_period"),
        path(f"{base}period/<uuid:period_id>/extend/", PeriodExtend.as_view(), name="api_protection_period_extend"),
        path(f"{base}period/<uuid:period_id>/end/", PeriodEnd.as_view(), name="api_protection_period_end"),
        path(f"{base}permit/", PermitRecord.as_view(), name="api_protection_permit"),
        path(f"{base}permit/<uuid:permit_id>/renew/", PermitRenew.as_view(), name="api_protection_permit_renew"),
        path(f"{base}risk/", RiskAssess.as_view(), name="api_protection_risk"),
        path(f"{base}guardian/", GuardianAppoint.as_view(), name="api_protection_guardian"),
        path(f"{base}best-interests/", BestInterestsAssess.as_view(), name="api_protection_best_interests"),
        path(f"{base}tasks/", TaskAdd.as_view(), name="api_protection_tasks"),
        path(f"{base}tasks/<uuid:task_id>/done/", TaskDone.as_view(), name="api_protection_task_done"),
    ]
