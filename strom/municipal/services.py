"""Writes of the municipal toolkit: assessments, their answers and action plan, the local mapping.

Each function checks its policy before the transaction (`strom.lib.services.service`; who may:
policies.py), validates, changes the data and appends its audit event in that transaction: bad input
raises ValidationError and changes nothing. Events name the record and the fields, never their values.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as _noop

from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.lib.services import service
from strom.municipal import scoring
from strom.municipal.checklist import current_checklist
from strom.municipal.evidence import evidence_for
from strom.municipal.models import Action, Answer, Assessment, ChecklistItem, LocalMapping
from strom.municipal.policies import (
    require_keeper,
    require_keeper_of_action,
    require_keeper_of_assessment,
    require_status_change,
)
from strom.municipal.queries import possible_owners
from strom.network.models import Municipality

TRAINED_SHARE = "trained_share"


def _event(action: str, actor: Actor, target, *, fields=(), request=None, detail=None) -> None:
    record(action, actor=actor.user, organisation=actor.organisation, target=target, fields=list(fields),
           detail=detail, request=request)


def _require_draft(assessment: Assessment) -> None:
    if assessment.status != Assessment.Status.DRAFT:
        raise ValidationError(_("This self-assessment is completed and can no longer be changed."))


NO_STAFF_FIGURES = _noop("Give the number of frontline staff and of those trained for a suggestion; Strom holds "
                         "no training records.")


def _fill_evidence(answer: Answer, municipality: Municipality, as_of: date) -> None:
    if answer.item.input == TRAINED_SHARE:
        answer.evidence_summary = _(NO_STAFF_FIGURES)
        return
    found = evidence_for(answer.item.code, municipality, as_of)
    if found is not None:
        answer.evidence_found, answer.evidence_summary = found.found, found.summary
        answer.evidence_links = [list(link) for link in found.links]
        answer.suggested_score = found.suggested_score


# --- Assessments ----------------------------------------------------------------------------------------


@service(require_keeper)
def start_assessment(actor: Actor, municipality: Municipality, *, as_of: date | None = None,
                     request=None) -> Assessment:
    """A draft against the current checklist, every item pre-filled with the evidence Strom holds."""
    checklist = current_checklist()
    if checklist is None:
        raise ValidationError(_("No checklist is loaded yet: run manage.py load_checklist."))
    as_of = as_of or timezone.localdate()
    if as_of > timezone.localdate():
        raise ValidationError({"as_of": _("The date of an assessment cannot be in the future.")})
    if Assessment.objects.filter(municipality=municipality, status=Assessment.Status.DRAFT).exists():
        raise ValidationError(_("A draft self-assessment exists already: finish it first."))
    assessment = Assessment.objects.create(municipality=municipality, checklist=checklist, as_of=as_of,
                                           organisation=actor.organisation, started_by=actor.user)
    answers = []
    for item in ChecklistItem.objects.filter(area__checklist=checklist).select_related("area"):
        answer = Answer(assessment=assessment, item=item)
        _fill_evidence(answer, municipality, as_of)
        answers.append(answer)
    Answer.objects.bulk_create(answers)
    _event("municipal.assessment_started", actor, assessment, fields=["as_of"], request=request)
    return assessment


def _clean_staff(frontline: int | None, trained: int | None) -> None:
    if trained is not None and frontline is None:
        raise ValidationError({"frontline_staff": _("Give the number of frontline staff too.")})
    try:
        scoring.trained_share(trained, frontline)
    except ValueError:
        raise ValidationError({"trained_staff": _("There cannot be more trained people than frontline staff.")})\
            from None


@service(require_keeper_of_assessment)
def save_answers(actor: Actor, assessment: Assessment, *, answers: dict, frontline_staff: int | None = None,
                 trained_staff: int | None = None, request=None) -> list[str]:
    """answers: {answer id: {"score": 0–3 or None, "evidence": text, "comment": text}}."""
    _require_draft(assessment)
    _clean_staff(frontline_staff, trained_staff)
    changed_items = []
    rows = {answer.pk: answer for answer in Answer.objects.filter(assessment=assessment).select_related("item")}
    for answer_id, values in answers.items():
        answer = rows.get(answer_id)
        if answer is None:
            raise ValidationError(_("An answer does not belong to this self-assessment."))
        scoring.check_score(values.get("score"))
        new = (values.get("score"), (values.get("evidence") or "").strip(), (values.get("comment") or "").strip())
        if new != (answer.score, answer.evidence, answer.comment):
            answer.score, answer.evidence, answer.comment = new
            answer.save(update_fields=["score", "evidence", "comment"])
            changed_items.append(answer.item.code)
    staff = (frontline_staff, trained_staff) != (assessment.frontline_staff, assessment.trained_staff)
    if staff:
        assessment.frontline_staff, assessment.trained_staff = frontline_staff, trained_staff
        assessment.save(update_fields=["frontline_staff", "trained_staff"])
        _suggest_from_staff(assessment, rows.values())
    if changed_items or staff:
        _event("municipal.assessment_saved", actor, assessment,
               fields=["score", "evidence", "comment"] + (["frontline_staff", "trained_staff"] if staff else []),
               detail={"items": changed_items}, request=request)
    return changed_items


def _suggest_from_staff(assessment: Assessment, answers) -> None:
    """Strom holds no training records: the share comes from the figures the coordinator gave."""
    share = scoring.trained_share(assessment.trained_staff, assessment.frontline_staff)
    for answer in answers:
        if answer.item.input != TRAINED_SHARE:
            continue
        answer.suggested_score = scoring.score_for_trained_share(share)
        answer.evidence_found = share is not None
        answer.evidence_summary = (
            _("%(trained)d of %(staff)d frontline staff trained (%(percent)d%%), as given in this assessment; "
              "Strom holds no training records.") % {
                "trained": assessment.trained_staff, "staff": assessment.frontline_staff,
                "percent": round(share * 100)} if share is not None
            else _(NO_STAFF_FIGURES))
        answer.save(update_fields=["suggested_score", "evidence_found", "evidence_summary"])


@service(require_keeper_of_assessment)
def complete_assessment(actor: Actor, assessment: Assessment, *, request=None) -> Assessment:
    _require_draft(assessment)
    missing = Answer.objects.filter(assessment=assessment, score__isnull=True).count()
    if missing:
        raise ValidationError(_("Every item needs a score before the self-assessment is completed "
                                "(%(count)d without one).") % {"count": missing})
    assessment.status, assessment.completed_at = Assessment.Status.COMPLETED, timezone.now()
    assessment.save(update_fields=["status", "completed_at"])
    _event("municipal.assessment_completed", actor, assessment, request=request)
    return assessment


# --- The action plan ------------------------------------------------------------------------------------


def _clean_action(assessment: Assessment, *, item, text: str, owner, due) -> str:
    text = (text or "").strip()
    errors = {}
    if not text:
        errors["text"] = _("Say what is to be done.")
    if item is not None and item.area.checklist_id != assessment.checklist_id:
        errors["item"] = _("This item is not part of the self-assessment.")
    if owner is None or not possible_owners(assessment.municipality).filter(pk=owner.pk).exists():
        errors["owner"] = _("Choose someone who works for an organisation of the municipality.")
    if due is None:
        errors["due"] = _("Give a due date.")
    if errors:
        raise ValidationError(errors)
    return text


@service(require_keeper_of_assessment)
def add_action(actor: Actor, assessment: Assessment, *, item=None, text: str, owner, due: date,
               request=None) -> Action:
    text = _clean_action(assessment, item=item, text=text, owner=owner, due=due)
    action = Action.objects.create(assessment=assessment, item=item, text=text, owner=owner, due=due)
    _event("municipal.action_added", actor, action, fields=["item", "text", "owner", "due"], request=request)
    return action


@service(require_keeper_of_action)
def update_action(actor: Actor, action: Action, *, item=None, text: str, owner, due: date, status: str,
                  request=None) -> Action:
    text = _clean_action(action.assessment, item=item, text=text, owner=owner, due=due)
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    action.item, action.text, action.owner, action.due, action.status = item, text, owner, due, status
    action.save()
    _event("municipal.action_updated", actor, action, fields=["item", "text", "owner", "due", "status"],
           request=request)
    return action


@service(require_status_change)
def set_action_status(actor: Actor, action: Action, *, status: str, request=None) -> Action:
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    if action.status != status:
        action.status = status
        action.save(update_fields=["status", "updated"])
        _event("municipal.action_status", actor, action, fields=["status"], request=request)
    return action


# --- The local mapping ----------------------------------------------------------------------------------


@service(require_keeper)
def save_mapping(actor: Actor, municipality: Municipality, *, as_of: date, populations: str = "", trends: str = "",
                 places: str = "", actors: str = "", services_note: str = "", services=(),
                 request=None) -> LocalMapping:
    """A new version of the local mapping; earlier versions stay as they were (the history)."""
    from strom.municipal.queries import latest_mapping
    from strom.network.queries import services_serving

    if as_of is None or as_of > timezone.localdate():
        raise ValidationError({"as_of": _("Give the date of the mapping; it cannot be in the future.")})
    parts = {"populations": populations, "trends": trends, "places": places, "actors": actors,
             "services_note": services_note}
    parts = {name: (value or "").strip() for name, value in parts.items()}
    if not any(parts.values()) and not services:
        raise ValidationError(_("Write at least one part of the mapping."))
    allowed = set(services_serving(municipality).values_list("pk", flat=True))
    if any(service.pk not in allowed for service in services):
        raise ValidationError({"services": _("Link only services that serve the municipality.")})
    latest = latest_mapping(municipality)
    mapping = LocalMapping.objects.create(
        municipality=municipality, partnership=municipality.partnerships.first(), as_of=as_of,
        version=latest.version + 1 if latest else 1, author=actor.user, **parts)
    mapping.services.set(services)
    _event("municipal.mapping_saved", actor, mapping, fields=[*parts, "services", "as_of"], request=request)
    return mapping
