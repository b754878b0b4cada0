"""Writes of protection: periods, permits, risk assessments, a child's guardian and best-interests
assessments, tasks.

Each function checks the case's write policy before the transaction (`strom.lib.services.service`;
only the lead organisation's members with `case.write`), validates, saves, keeps the Deadline index
(deadlines.py) and appends its audit event in the same transaction: bad input raises ValidationError
and changes nothing. Audit events name the fields written, never their values.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from strom.accounts.models import Membership
from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.cases.age import treated_as_child
from strom.cases.policies import require_case_writing
from strom.lib.services import service
from strom.protection import terms
from strom.protection.deadlines import track, untrack
from strom.protection.models import (
    BestInterests,
    CaseTask,
    DeadlineKind,
    EndReason,
    Guardian,
    LengthUnit,
    PeriodExtension,
    PermitGround,
    PermitRenewal,
    ReflectionPeriod,
    ResidencePermit,
    RiskAssessment,
    RiskLevel,
)

MAX_AUTHORITY = 250
MAX_TEXT = 4000
MAX_TITLE = 200
MAX_LENGTH_DAYS = 3660  # ten years: anything longer is a typing error, not a decision
FAR_AHEAD = timedelta(days=366 * 10)


# --- validation -------------------------------------------------------------------------------------


def _required_text(value, field: str, limit: int = MAX_AUTHORITY) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > limit:
        raise ValidationError({field: _("Keep it under %(max)d characters.") % {"max": limit}})
    return value


def _optional_text(value, field: str, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise ValidationError({field: _("Keep it under %(max)d characters.") % {"max": limit}})
    return value


def _date(value, field: str) -> date:
    if not isinstance(value, date):
        raise ValidationError({field: _("Give a date.")})
    if abs(value - timezone.localdate()) > FAR_AHEAD:
        raise ValidationError({field: _("The date is more than ten years away: check it.")})
    return value


def _length(amount, unit, field: str) -> tuple[int, str]:
    if unit not in LengthUnit.values:
        raise ValidationError({field: _("Choose days, working days or months.")})
    days = amount * (31 if unit == LengthUnit.MONTHS else 1) if isinstance(amount, int) else 0
    if not isinstance(amount, int) or amount < 1 or days > MAX_LENGTH_DAYS:
        raise ValidationError({field: _("Give a length of at least 1 and at most ten years.")})
    return amount, unit


def _birth_date(person) -> date | None:
    try:
        return date.fromisoformat(person.birth_date) if person.birth_date else None
    except ValueError:
        return None


def is_child(case, on: date | None = None) -> bool | None:
    """Is the case's person treated as a child (a disputed age counts as a child)? None: age unknown."""
    person = case.person
    return treated_as_child(on or timezone.localdate(), age_disputed=person.age_disputed,
                            birth_date=_birth_date(person), estimated_age=person.estimated_age,
                            estimated_on=person.age_estimated_on)


def _require_child(case) -> None:
    child = is_child(case)
    if child is False:
        raise ValidationError(_("The person is an adult: a guardian and a best-interests assessment are for "
                                "children and for people whose age is disputed."))
    if child is None:
        raise ValidationError(_("The person's age is not known: record the date of birth or an estimated age, "
                                "or mark the age as disputed, first."))


def _audit(action: str, actor: Actor, target, case, fields, request) -> None:
    record(action, actor=actor.user, organisation=actor.organisation, target=target, fields=sorted(fields),
           detail={"case": str(case.pk)}, request=request)


def _saved(instance, actor: Actor):
    instance.recorded_by = actor.user
    instance._history_user = actor.user
    instance.save()
    return instance


# --- reflection period ------------------------------------------------------------------------------


def active_period(case) -> ReflectionPeriod | None:
    return case.reflection_periods.filter(ended_on__isnull=True).first()


def _refresh_period(period: ReflectionPeriod) -> None:
    """Compute the last day, store it and keep the index: an ended period holds the case to nothing."""
    computed = terms.period_terms(period)
    period.last_day = computed.end
    period.save(update_fields=["last_day"])
    track(period.case, DeadlineKind.REFLECTION_END, None if period.ended_on else computed.end, period)


@service(require_case_writing)
def start_period(actor: Actor, case, *, start: date, authority: str, granted_amount: int | None = None,
                 granted_unit: str = "", request=None) -> ReflectionPeriod:
    """A new reflection period under the country rule in force on its first day."""
    start = _date(start, "start")
    authority = _required_text(authority, "authority")
    if granted_amount is not None:
        granted_amount, granted_unit = _length(granted_amount, granted_unit or LengthUnit.DAYS, "granted_amount")
    else:
        granted_unit = ""
    if active_period(case) is not None:
        raise ValidationError(_("A reflection period is already running: record how it ended first."))
    country = terms.country_of(case)
    period = ReflectionPeriod(case=case, start=start, authority=authority, granted_amount=granted_amount,
                              granted_unit=granted_unit, child=is_child(case, start) is True,
                              rule_country=country, rule_valid_from=terms.stored_version(country, start))
    period.last_day = terms.period_terms(period, extensions=[]).end
    _saved(period, actor)
    _refresh_period(period)
    _audit("protection.period_started", actor, period, case,
           ["start", "authority", *(["granted_amount", "granted_unit"] if granted_amount else [])], request)
    return period


@service(require_case_writing)
def extend_period(actor: Actor, period: ReflectionPeriod, *, granted_on: date, amount: int, unit: str,
                  granted_by: str, why: str = "", request=None) -> PeriodExtension:
    if period.ended_on:
        raise ValidationError(_("The period has ended: an extension cannot be added."))
    granted_on = _date(granted_on, "granted_on")
    if granted_on < period.start:
        raise ValidationError({"granted_on": _("An extension cannot be granted before the period started.")})
    amount, unit = _length(amount, unit, "amount")
    extension = PeriodExtension(period=period, granted_on=granted_on, amount=amount, unit=unit,
                                granted_by=_required_text(granted_by, "granted_by"), why=_optional_text(why, "why"))
    _saved(extension, actor)
    _refresh_period(period)
    _audit("protection.period_extended", actor, extension, period.case,
           ["granted_on", "amount", "unit", "granted_by", *(["why"] if extension.why else [])], request)
    return extension


@service(require_case_writing)
def end_period(actor: Actor, period: ReflectionPeriod, *, ended_on: date, reason: str, ended_by: str = "",
               request=None) -> ReflectionPeriod:
    """Record how the period ended; the period stays in the history and no longer holds a deadline."""
    if period.ended_on:
        raise ValidationError(_("The period's end is already recorded."))
    ended_on = _date(ended_on, "ended_on")
    if ended_on < period.start:
        raise ValidationError({"ended_on": _("A period cannot end before it starts.")})
    if reason not in EndReason.values:
        raise ValidationError({"reason": _("Choose why the period ended.")})
    period.ended_on, period.end_reason = ended_on, reason
    period.ended_by = _optional_text(ended_by, "ended_by", MAX_AUTHORITY)
    period._history_user = actor.user
    period.save(update_fields=["ended_on", "end_reason", "ended_by"])
    _refresh_period(period)
    _audit("protection.period_ended", actor, period, period.case, ["ended_on", "end_reason", "ended_by"], request)
    return period


# --- residence permit -------------------------------------------------------------------------------


def current_permit(case) -> ResidencePermit | None:
    return case.residence_permits.order_by("-valid_from", "-recorded_at").first()


def _refresh_permit(permit: ResidencePermit) -> None:
    permit.expires = terms.permit_terms(permit).expires
    permit.save(update_fields=["expires"])
    for older in permit.case.residence_permits.exclude(pk=permit.pk):
        untrack(older)  # only the current permit's expiry is a deadline
    track(permit.case, DeadlineKind.PERMIT_EXPIRY, permit.expires, permit)


@service(require_case_writing)
def record_permit(actor: Actor, case, *, ground: str, valid_from: date, authority: str,
                  valid_until: date | None = None, request=None) -> ResidencePermit:
    if ground not in PermitGround.values:
        raise ValidationError({"ground": _("Choose the ground of the permit.")})
    valid_from = _date(valid_from, "valid_from")
    if valid_until is not None and _date(valid_until, "valid_until") < valid_from:
        raise ValidationError({"valid_until": _("A permit cannot expire before it is valid.")})
    country = terms.country_of(case)
    permit = ResidencePermit(case=case, ground=ground, valid_from=valid_from, valid_until=valid_until,
                             authority=_required_text(authority, "authority"), rule_country=country,
                             rule_valid_from=terms.stored_version(country, valid_from))
    _saved(permit, actor)
    _refresh_permit(permit)
    _audit("protection.permit_recorded", actor, permit, case,
           ["ground", "valid_from", "authority", *(["valid_until"] if valid_until else [])], request)
    return permit


@service(require_case_writing)
def renew_permit(actor: Actor, permit: ResidencePermit, *, granted_on: date, authority: str,
                 valid_until: date | None = None, request=None) -> PermitRenewal:
    granted_on = _date(granted_on, "granted_on")
    if granted_on < permit.valid_from:
        raise ValidationError({"granted_on": _("A renewal cannot be granted before the permit was valid.")})
    if valid_until is not None and _date(valid_until, "valid_until") < granted_on:
        raise ValidationError({"valid_until": _("The new expiry is before the renewal.")})
    renewal = PermitRenewal(permit=permit, granted_on=granted_on, valid_until=valid_until,
                            authority=_required_text(authority, "authority"))
    _saved(renewal, actor)
    _refresh_permit(permit)
    _audit("protection.permit_renewed", actor, renewal, permit.case,
           ["granted_on", "authority", *(["valid_until"] if valid_until else [])], request)
    return renewal


# --- risk and safety --------------------------------------------------------------------------------


@service(require_case_writing)
def assess_risk(actor: Actor, case, *, assessed_on: date, level: str, risks: str = "", measures: str = "",
                next_review: date | None = None, request=None) -> RiskAssessment:
    assessed_on = _date(assessed_on, "assessed_on")
    if level not in RiskLevel.values:
        raise ValidationError({"level": _("Choose the risk level.")})
    if next_review is not None and _date(next_review, "next_review") < assessed_on:
        raise ValidationError({"next_review": _("The next review is before the assessment.")})
    assessment = RiskAssessment(case=case, assessed_on=assessed_on, assessed_by=actor.user, level=level,
                                risks=_optional_text(risks, "risks"), measures=_optional_text(measures, "measures"),
                                next_review=next_review)
    _saved(assessment, actor)
    for older in case.risk_assessments.exclude(pk=assessment.pk):
        untrack(older)  # the newest assessment says when to look again
    track(case, DeadlineKind.RISK_REVIEW, next_review, assessment)
    fields = ["assessed_on", "level", *[name for name in ("risks", "measures", "next_review")
                                       if getattr(assessment, name)]]
    _audit("protection.risk_assessed", actor, assessment, case, fields, request)
    return assessment


# --- a child: guardian and best interests -----------------------------------------------------------


@service(require_case_writing)
def appoint_guardian(actor: Actor, case, *, appointed_on: date, authority: str, guardian: str,
                     request=None) -> Guardian:
    _require_child(case)
    appointment = Guardian(case=case, appointed_on=_date(appointed_on, "appointed_on"),
                           authority=_required_text(authority, "authority"),
                           guardian=_required_text(guardian, "guardian", MAX_AUTHORITY))
    _saved(appointment, actor)
    _audit("protection.guardian_appointed", actor, appointment, case, ["appointed_on", "authority", "guardian"],
           request)
    return appointment


@service(require_case_writing)
def assess_best_interests(actor: Actor, case, *, assessed_on: date, assessed_by: str, conclusion: str,
                          request=None) -> BestInterests:
    _require_child(case)
    assessment = BestInterests(case=case, assessed_on=_date(assessed_on, "assessed_on"),
                               assessed_by=_required_text(assessed_by, "assessed_by"),
                               conclusion=_required_text(conclusion, "conclusion", MAX_TEXT))
    _saved(assessment, actor)
    _audit("protection.best_interests_assessed", actor, assessment, case,
           ["assessed_on", "assessed_by", "conclusion"], request)
    return assessment


# --- tasks ------------------------------------------------------------------------------------------


def _check_assignee(case, assignee):
    if assignee is None:
        return None
    if not Membership.objects.filter(organisation_id=case.lead_organisation_id, user=assignee, is_active=True,
                                     user__is_active=True).exists():
        raise ValidationError({"assignee": _("Assign the task to someone of the lead organisation.")})
    return assignee


@service(require_case_writing)
def add_task(actor: Actor, case, *, title: str, due_on: date | None = None, assignee=None,
             request=None) -> CaseTask:
    task = CaseTask(case=case, title=_required_text(title, "title", MAX_TITLE),
                    due_on=_date(due_on, "due_on") if due_on is not None else None,
                    assignee=_check_assignee(case, assignee))
    _saved(task, actor)
    track(case, DeadlineKind.TASK_DUE, task.due_on, task)
    _audit("protection.task_added", actor, task, case,
           ["title", *[name for name in ("due_on", "assignee") if getattr(task, name)]], request)
    return task


@service(require_case_writing)
def complete_task(actor: Actor, task: CaseTask, *, request=None) -> CaseTask:
    if task.done_at is not None:
        raise ValidationError(_("The task is already done."))
    task.done_at = timezone.now()
    task._history_user = actor.user
    task.save(update_fields=["done_at"])
    untrack(task)
    _audit("protection.task_done", actor, task, task.case, ["done_at"], request)
    return task
