"""Writes to screenings: start, answer step by step, complete.

Each function checks its policy before the transaction (`strom.lib.services.service`), validates,
changes the data and appends its audit event in one transaction: bad input raises ValidationError
and changes nothing. django-simple-history keeps every version of a screening and of its answers.
A screening without identity (frontline or hotline pre-screening) can later be attached to a case
(`attach_to_case`); one started from a case belongs to it from the start.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.lib.services import service
from strom.network.vocabularies import ExploitationForm
from strom.screening import rules
from strom.screening.explain import rules_framework
from strom.screening.models import (
    AgeGroup,
    Answer,
    AnswerSource,
    Framework,
    FrameworkKind,
    Screening,
    ScreeningAnswer,
    ScreeningStatus,
)
from strom.screening.policies import require_attach, require_continue, require_run_for_case

MAX_NOTE = 4000
MAX_LABEL = 100


def population_for(age_group: str) -> str:
    """A person of uncertain age is presumed to be a child (CoE Convention Art. 10(3))."""
    return rules.ADULT if age_group == AgeGroup.ADULT else rules.CHILD


def infer_framework(age_group: str, exploitation_forms) -> Framework | None:
    """The current set for the age and the suspected exploitation: sexual when sexual exploitation is
    suspected, else labour (the labour sets cover begging, crime, domestic servitude and the rest)."""
    exploitation = "sexual" if ExploitationForm.SEXUAL in (exploitation_forms or []) else "labour"
    return (Framework.objects.filter(kind=FrameworkKind.INDICATORS, superseded_at__isnull=True,
                                     population=population_for(age_group), exploitation=exploitation)
            .order_by("-version").first())


def _check_framework(framework: Framework | None, age_group: str) -> Framework:
    if framework is None:
        raise ValidationError({"framework": _("No indicator set fits; ask an administrator to load the frameworks.")})
    if framework.kind != FrameworkKind.INDICATORS or not framework.is_current:
        raise ValidationError({"framework": _("Choose one of the current indicator sets.")})
    if framework.population != population_for(age_group):
        if age_group == AgeGroup.UNCERTAIN:
            raise ValidationError({"framework": _("A person whose age is uncertain is presumed to be a child: "
                                                  "choose a children's set.")})
        raise ValidationError({"framework": _("The indicator set is not for this age group.")})
    return framework


@service(require_run_for_case)
def start_screening(actor: Actor, *, age_group: str, exploitation_forms=(), framework: Framework | None = None,
                    age: int | None = None, label: str = "", case=None, request=None) -> Screening:
    """A new draft for the organisation she acts for (and for `case`, when given); without `framework`
    the set is inferred."""
    if age_group not in AgeGroup.values:
        raise ValidationError({"age_group": _("Choose an age group.")})
    forms = list(dict.fromkeys(exploitation_forms or []))
    if any(form not in ExploitationForm.values for form in forms):
        raise ValidationError({"exploitation_forms": _("Choose from the list.")})
    if age is not None and not 0 <= age <= 120:
        raise ValidationError({"age": _("Give an age between 0 and 120, or leave it empty.")})
    if age is not None and (age >= 18) != (age_group == AgeGroup.ADULT) and age_group != AgeGroup.UNCERTAIN:
        raise ValidationError({"age": _("The age does not fit the age group.")})
    label = (label or "").strip()
    if len(label) > MAX_LABEL:
        raise ValidationError({"label": _("Keep the label under %(max)d characters.") % {"max": MAX_LABEL}})
    framework = _check_framework(framework or infer_framework(age_group, forms), age_group)
    screening = Screening(organisation=actor.organisation, screener=actor.user, framework=framework, label=label,
                          age_group=age_group, age=age, exploitation_forms=forms, case=case)
    screening._history_user = actor.user
    screening.save()
    record("screening.started", actor=actor.user, organisation=screening.organisation, target=screening,
           fields=["framework", "label", "age_group", "age", "exploitation_forms"],
           detail={"framework": framework.code, "version": framework.version,
                   **({"case": str(case.pk)} if case is not None else {})}, request=request)
    return screening


def _checked_answer(code: str, value: str, source: str, note: str) -> tuple[str, str, str]:
    if value not in Answer.values:
        raise ValidationError({code: _("Answer present, absent or not known.")})
    if source and source not in AnswerSource.values:
        raise ValidationError({code: _("Choose where the answer comes from.")})
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError({code: _("Keep the note under %(max)d characters.") % {"max": MAX_NOTE}})
    return value, source or "", note


@service(require_continue)
def save_answers(actor: Actor, screening: Screening, *, answers: dict, act: tuple | None = None,
                 request=None) -> list[str]:
    """Record answers: `answers` maps indicator codes of the screening's framework to (value, source,
    note); `act` is (value, source, note) for the children's act question. Returns the codes changed."""
    indicators = {i.code: i for dimension in screening.framework.dimensions.prefetch_related("indicators")
                  for i in dimension.indicators.all()}
    unknown = set(answers) - set(indicators)
    if unknown:
        raise ValidationError(_("Not indicators of this screening's set: %(codes)s")
                              % {"codes": ", ".join(sorted(unknown))})
    checked = {code: _checked_answer(code, *answers[code]) for code in answers}
    if act is not None:
        if screening.framework.population != rules.CHILD:
            raise ValidationError(_("The act question belongs to the children's sets."))
        checked_act = _checked_answer(rules.ACT, *act)
    # One save of a screening at a time: a double-submitted step must not insert its answers twice.
    Screening.objects.select_for_update().filter(pk=screening.pk).first()
    existing = {a.indicator.code: a for a in screening.answers.select_related("indicator")
                .filter(indicator__code__in=list(checked))}
    changed = []
    for code, (value, source, note) in checked.items():
        if code not in existing and (value, source, note) == (rules.UNKNOWN, "", ""):
            continue  # an indicator without a row is unknown already
        row = existing.get(code) or ScreeningAnswer(screening=screening, indicator=indicators[code])
        if code in existing and (row.value, row.source, row.note) == (value, source, note):
            continue
        row.value, row.source, row.note = value, source, note
        row._history_user = actor.user
        row.save()
        changed.append(code)
    if act is not None and (screening.act, screening.act_source, screening.act_note) != checked_act:
        screening.act, screening.act_source, screening.act_note = checked_act
        changed.append(rules.ACT)
    if changed:
        screening._history_user = actor.user
        screening.save()  # `updated` (the list shows when she last worked on it), and the act
        record("screening.answered", actor=actor.user, organisation=screening.organisation, target=screening,
               fields=["answers"], detail={"changed": len(changed)}, request=request)
    return changed


def evaluation_of(screening: Screening) -> rules.Evaluation:
    values = {a.indicator.code: a.value for a in screening.answers.select_related("indicator")}
    return rules.evaluate(rules_framework(screening.framework), values, screening.act)


@service(require_continue)
def complete_screening(actor: Actor, screening: Screening, request=None) -> rules.Evaluation:
    """Close the draft: its outcome is stored for lists and the case timeline; the answers stay as they are."""
    result = evaluation_of(screening)
    screening.status = ScreeningStatus.COMPLETED
    screening.outcome, screening.partial = result.outcome, result.partial
    screening.completed = timezone.now()
    screening._history_user = actor.user
    screening.save()
    record("screening.completed", actor=actor.user, organisation=screening.organisation, target=screening,
           fields=["status", "outcome"], request=request)
    return result


@service(require_attach)
def attach_to_case(actor: Actor, screening: Screening, case, request=None) -> Screening:
    """Attach a screening made without identity to a case. Once attached it stays there: a screening
    documents what was known when; moving it would rewrite a case's history."""
    current = Screening.objects.select_for_update().get(pk=screening.pk)
    if current.case_id == case.pk:
        return current
    if current.case_id is not None:
        raise ValidationError(_("This screening already belongs to another case."))
    current.case = case
    current._history_user = actor.user
    current.save(update_fields=["case", "updated"])
    record("screening.attached", actor=actor.user, organisation=current.organisation, target=current,
           fields=["case"], detail={"case": str(case.pk)}, request=request)
    return current
