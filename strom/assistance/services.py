"""Writes of assistance: each checks the case's write policy before its transaction and records its
audit event inside it (field names and ids only, never values). A ValidationError names the field.

Plan versions: changes go to the case's one draft; `approve_plan` freezes it and the next change opens
a new draft that starts as a copy of the last approved version, which stays as it was (read-only).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from strom.accounts.policies import Actor
from strom.assistance import money
from strom.assistance.models import (
    AssistancePlan,
    CompensationClaim,
    DeliveredService,
    Goal,
    NeedsAssessment,
    PlannedService,
    PlanReview,
    Proceeding,
    ReturnPlan,
)
from strom.assistance.vocabularies import PlanStatus
from strom.audit.services import record
from strom.cases.models import Case
from strom.cases.policies import require_case_writing
from strom.cases.stages import Stage
from strom.lib.services import service
from strom.protection.deadlines import track, untrack


def _record(action: str, actor: Actor, case: Case, *, fields=(), request=None, **detail) -> None:
    record(action, actor=actor.user, organisation=actor.organisation, target=case, fields=list(fields),
           detail={key: str(value) for key, value in detail.items()}, request=request)


def _check_dates(start: date | None, end: date | None, field: str = "date_to") -> None:
    if start and end and end < start:
        raise ValidationError({field: _("The end date is before the start date.")})


def _check_currency(code: str, field: str = "currency") -> str:
    code = (code or "").strip().upper()
    if not money.is_currency(code):
        raise ValidationError({field: _("Unknown currency code: use a three-letter ISO 4217 code such as EUR.")})
    return code


def _check_not_negative(value: Decimal | None, field: str, message: str) -> None:
    if value is not None and value < 0:
        raise ValidationError({field: message})


def _check_not_future(value: date, field: str) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: _("This date is in the future.")})


# --- Needs ------------------------------------------------------------------------------------------


@service(require_case_writing)
def assess_needs(actor: Actor, case: Case, *, assessed_on: date, needs, urgency: str, note: str = "",
                 request=None) -> NeedsAssessment:
    if not needs:
        raise ValidationError({"needs": _("Choose at least one need.")})
    _check_not_future(assessed_on, "assessed_on")
    assessment = NeedsAssessment(case=case, assessed_on=assessed_on, assessed_by=actor.user,
                                 organisation=actor.organisation, urgency=urgency, note=(note or "").strip())
    assessment.full_clean(exclude=["case", "assessed_by", "organisation"])
    assessment.save()
    assessment.needs.set(needs)
    _record("assistance.needs_assessed", actor, case, fields=["assessed_on", "needs", "urgency", "note"],
            request=request, assessment=assessment.pk)
    return assessment


# --- The plan ---------------------------------------------------------------------------------------


class PlanApproved(ValidationError):
    """A change to an approved plan version, which never changes."""


def _refuse_if_approved(plan: AssistancePlan) -> None:
    if plan.status == PlanStatus.APPROVED:
        raise PlanApproved(_("This version of the plan is approved and can no longer change; "
                             "changes go to a new version."))


def _new_draft(actor: Actor, case: Case) -> AssistancePlan:
    """A new draft version, starting as a copy of the latest approved version (kept as it was)."""
    latest = AssistancePlan.objects.filter(case=case).order_by("-version").first()
    version = (AssistancePlan.objects.filter(case=case).aggregate(top=Max("version"))["top"] or 0) + 1
    draft = AssistancePlan.objects.create(case=case, version=version, created_by=actor.user,
                                          next_review_on=latest.next_review_on if latest else None)
    if latest is not None:
        Goal.objects.bulk_create(Goal(plan=draft, text=goal.text, target_date=goal.target_date,
                                      status=goal.status) for goal in latest.goals.all())
        PlannedService.objects.bulk_create(
            PlannedService(plan=draft, service_id=planned.service_id, date_from=planned.date_from,
                           date_to=planned.date_to) for planned in latest.planned_services.all())
    return draft


def _draft_of(actor: Actor, case: Case) -> AssistancePlan:
    locked = Case.objects.select_for_update().get(pk=case.pk)  # one draft at a time, even under races
    draft = AssistancePlan.objects.filter(case=locked, status=PlanStatus.DRAFT).first()
    return draft or _new_draft(actor, locked)


@service(require_case_writing)
def add_goal(actor: Actor, case: Case, *, text: str, target_date: date | None = None, status: str = "open",
             request=None) -> Goal:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the goal.")})
    plan = _draft_of(actor, case)
    goal = Goal(plan=plan, text=text, target_date=target_date, status=status)
    goal.full_clean(exclude=["plan"])
    goal.save()
    _record("assistance.plan_changed", actor, case, fields=["goals"], request=request, plan=plan.pk,
            version=plan.version)
    return goal


@service(require_case_writing)
def set_goal_status(actor: Actor, case: Case, goal: Goal, *, status: str, request=None) -> Goal:
    if goal.plan.case_id != case.pk:
        raise ValidationError(_("This goal belongs to another case."))
    _refuse_if_approved(goal.plan)
    goal.status = status
    goal.full_clean(exclude=["plan"])
    goal.save(update_fields=["status"])
    _record("assistance.plan_changed", actor, case, fields=["goals.status"], request=request, plan=goal.plan_id)
    return goal


@service(require_case_writing)
def plan_service(actor: Actor, case: Case, *, service, date_from: date, date_to: date | None = None,
                 request=None) -> PlannedService:
    if service is None or not service.is_active:
        raise ValidationError({"service": _("Choose an active service from the directory.")})
    _check_dates(date_from, date_to)
    plan = _draft_of(actor, case)
    planned = PlannedService.objects.create(plan=plan, service=service, date_from=date_from, date_to=date_to)
    _record("assistance.plan_changed", actor, case, fields=["planned_services"], request=request, plan=plan.pk,
            version=plan.version)
    return planned


def _refresh_next_review(plan: AssistancePlan) -> None:
    """Hand the plan's next review to the case's deadlines (the protection app's index, which the case
    list's "deadline soon" filter and My work read); only the newest approved version holds one."""
    for older in AssistancePlan.objects.filter(case_id=plan.case_id).exclude(pk=plan.pk):
        untrack(older)
    track(plan.case, "plan_review", plan.next_review_on, plan)


@service(require_case_writing)
def approve_plan(actor: Actor, case: Case, plan: AssistancePlan, *, next_review_on: date, request=None):
    if plan.case_id != case.pk:
        raise ValidationError(_("This plan belongs to another case."))
    _refuse_if_approved(plan)
    if not plan.goals.exists():
        raise ValidationError(_("A plan needs at least one goal before it is approved."))
    today = timezone.localdate()
    if next_review_on is None or next_review_on <= today:
        raise ValidationError({"next_review_on": _("Set the next review on a day after today.")})
    plan.status, plan.approved_on, plan.approved_by = PlanStatus.APPROVED, today, actor.user
    plan.next_review_on = next_review_on
    plan.save(update_fields=["status", "approved_on", "approved_by", "next_review_on"])
    _refresh_next_review(plan)
    _record("assistance.plan_approved", actor, case, request=request, plan=plan.pk, version=plan.version)
    return plan


@service(require_case_writing)
def review_plan(actor: Actor, case: Case, plan: AssistancePlan, *, reviewed_on: date, outcome: str,
                next_review_on: date | None = None, note: str = "", request=None) -> PlanReview:
    """A review of an approved version; it moves the plan's next review (the only field that moves)."""
    if plan.case_id != case.pk:
        raise ValidationError(_("This plan belongs to another case."))
    if not plan.is_approved:
        raise ValidationError(_("Only an approved plan is reviewed; approve the draft first."))
    _check_not_future(reviewed_on, "reviewed_on")
    if next_review_on is not None and next_review_on <= reviewed_on:
        raise ValidationError({"next_review_on": _("The next review comes after this one.")})
    review = PlanReview(plan=plan, reviewed_on=reviewed_on, reviewed_by=actor.user, outcome=outcome,
                        note=(note or "").strip())
    review.full_clean(exclude=["plan", "reviewed_by"])
    review.save()
    plan.next_review_on = next_review_on
    plan.save(update_fields=["next_review_on"])
    _refresh_next_review(plan)
    _record("assistance.plan_reviewed", actor, case, fields=["outcome", "note", "next_review_on"],
            request=request, plan=plan.pk, outcome=outcome)
    return review


# --- Services delivered -----------------------------------------------------------------------------


@service(require_case_writing)
def record_delivered(actor: Actor, case: Case, *, date_from: date, date_to: date, units: Decimal, unit: str,
                     unit_cost: Decimal, currency: str, payer: str, service=None, provider_name: str = "",
                     request=None) -> DeliveredService:
    provider_name = (provider_name or "").strip()
    if service is None and not provider_name:
        raise ValidationError({"service": _("Choose a service from the directory or name the provider.")})
    if service is not None and provider_name:
        raise ValidationError({"provider_name": _("Either a service from the directory or another provider, "
                                                  "not both.")})
    # Every problem at once, so that a form shows them all in one go.
    problems: dict[str, list] = {}
    for check in (lambda: _check_not_negative(units, "units", _("The number of units cannot be negative.")),
                  lambda: _check_not_negative(unit_cost, "unit_cost", _("The cost per unit cannot be negative.")),
                  lambda: _check_dates(date_from, date_to), lambda: _check_currency(currency)):
        try:
            check()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                problems.setdefault(field, []).extend(messages)
    if problems:
        raise ValidationError(problems)
    currency = _check_currency(currency)
    delivered = DeliveredService(case=case, service=service, provider_name=provider_name, date_from=date_from,
                                 date_to=date_to, units=units, unit=unit, unit_cost=unit_cost, currency=currency,
                                 payer=payer, recorded_by=actor.user)
    delivered.full_clean(exclude=["case", "recorded_by"])
    delivered._history_user = actor.user
    delivered.save()
    _record("assistance.service_delivered", actor, case, request=request, delivered=delivered.pk,
            currency=currency, payer=payer)
    return delivered


# --- Proceedings ------------------------------------------------------------------------------------


@service(require_case_writing)
def record_proceeding(actor: Actor, case: Case, *, kind: str, stage: str, role: str, legal_aid: bool = False,
                      legal_aid_by: str = "", protection_measures: str = "", request=None) -> Proceeding:
    legal_aid_by = (legal_aid_by or "").strip()
    if legal_aid_by and not legal_aid:
        raise ValidationError({"legal_aid_by": _("Tick legal aid, or leave who gives it empty.")})
    proceeding = Proceeding(case=case, kind=kind, stage=stage, role=role, legal_aid=legal_aid,
                            legal_aid_by=legal_aid_by, protection_measures=(protection_measures or "").strip(),
                            recorded_by=actor.user)
    proceeding.full_clean(exclude=["case", "recorded_by"])
    proceeding._history_user = actor.user
    proceeding.save()
    _record("assistance.proceeding_recorded", actor, case, fields=["protection_measures"], request=request,
            proceeding=proceeding.pk, kind=kind)
    return proceeding


@service(require_case_writing)
def add_claim(actor: Actor, case: Case, proceeding: Proceeding, *, amount: Decimal, currency: str, against: str,
              status: str, request=None) -> CompensationClaim:
    if proceeding.case_id != case.pk:
        raise ValidationError(_("This proceeding belongs to another case."))
    _check_not_negative(amount, "amount", _("The amount cannot be negative."))
    currency = _check_currency(currency)
    claim = CompensationClaim(proceeding=proceeding, amount=amount, currency=currency,
                              against=(against or "").strip(), status=status)
    claim.full_clean(exclude=["proceeding"])
    claim.save()
    _record("assistance.claim_recorded", actor, case, fields=["against"], request=request,
            proceeding=proceeding.pk, claim=claim.pk)
    return claim


# --- Return -----------------------------------------------------------------------------------------


@service(require_case_writing)
def save_return_plan(actor: Actor, case: Case, *, destination_country: str, assisting_organisation: str,
                     planned_on: date | None = None, risk_assessment_done: bool = False,
                     receiving_contact: str = "", status: str = "preparing", request=None) -> ReturnPlan:
    existing = ReturnPlan.objects.filter(case=case).first()
    if existing is None and case.stage != Stage.RETURN:
        raise ValidationError(_("A return plan is made once the case has moved to the return stage."))
    plan = existing or ReturnPlan(case=case)
    plan.destination_country, plan.assisting_organisation = destination_country, (assisting_organisation or "").strip()
    plan.planned_on, plan.risk_assessment_done = planned_on, risk_assessment_done
    plan.receiving_contact, plan.status, plan.updated_by = (receiving_contact or "").strip(), status, actor.user
    plan.full_clean(exclude=["case", "updated_by"])
    plan._history_user = actor.user
    plan.save()
    _record("assistance.return_plan_saved", actor, case, request=request, status=status)
    return plan
