"""Scoped reads of frameworks and screenings.

- Frameworks hold no personal data: the current versions for anyone who may screen; a screening
  keeps the version it was made with.
- Screenings: those of the organisation the actor acts for (`screening.read`). Another
  organisation's screening is a 404 (outsiders learn nothing), a member without the right a recorded
  403. Every read of a screening's answers, notes or label is an audit event (`answers_of`).
"""

from __future__ import annotations

from django.db.models import F
from django.http import Http404

from strom.accounts.policies import Actor, deny
from strom.audit.services import record
from strom.screening import rules
from strom.screening.models import Framework, FrameworkKind, Screening, ScreeningAnswer
from strom.screening.policies import require_continue, require_read, require_run

# What a read of a screening shows, for the audit trail (names, never values).
READ_FIELDS = ["label", "age_group", "age", "exploitation_forms", "act", "answers", "notes", "outcome"]


def current_frameworks(kind: str | None = None):
    frameworks = Framework.objects.filter(superseded_at__isnull=True)
    if kind:
        frameworks = frameworks.filter(kind=kind)
    return frameworks.order_by("kind", "population", "exploitation", "code")


def frameworks_for(actor: Actor, kind: str | None = None):
    require_run(actor)
    return current_frameworks(kind)


def framework_for(actor: Actor, code: str, version: int | None = None) -> Framework:
    """The current version of `code` (or the given version), with its dimensions and indicators."""
    require_run(actor)
    frameworks = Framework.objects.filter(code=code).prefetch_related("dimensions__indicators")
    framework = (frameworks.filter(version=version) if version else
                 frameworks.filter(superseded_at__isnull=True)).first()
    if framework is None:
        raise Http404
    return framework


def checklist_for(actor: Actor) -> Framework | None:
    return frameworks_for(actor, FrameworkKind.CHECKLIST).prefetch_related("dimensions__indicators").first()


def screenings_visible_to(actor: Actor):
    require_read(actor)
    return (Screening.objects.filter(organisation=actor.organisation)
            .select_related("framework", "screener").annotate(case_pseudonym=F("case__person__pseudonym"))
            .order_by("-created", "-id"))


def _screening(actor: Actor, screening_id) -> Screening:
    if actor.organisation is None:
        raise Http404
    screening = (Screening.objects.filter(pk=screening_id, organisation=actor.organisation)
                 .select_related("framework", "screener", "organisation").first())
    if screening is None:
        raise Http404
    return screening


def screening_for(actor: Actor, screening_id) -> Screening:
    """A screening to read: one of her organisation (403 without `screening.read`), or one attached to
    a case she may read (the case's rules: lead organisation, break-glass). 404 for everyone else."""
    screening = (Screening.objects.filter(pk=screening_id)
                 .select_related("framework", "screener", "organisation", "case").first())
    if screening is None or actor.organisation is None:
        raise Http404
    if screening.organisation_id == actor.organisation.pk:
        require_read(actor, screening)
        return screening
    if screening.case_id is not None and _reads_case(actor, screening.case):
        return screening
    raise Http404


def _reads_case(actor: Actor, case) -> bool:
    """As `cases.queries.get_case_for`: no access is a 404; a lead member without `case.read` a 403."""
    from strom.cases.policies import READ as CASE_READ
    from strom.cases.policies import Access, access_to

    access = access_to(actor, case)
    if access == Access.LEAD and not actor.can(CASE_READ):
        deny(actor, CASE_READ, case)
    return access != Access.NONE


def case_pseudonym(screening: Screening) -> str:
    """The pseudonym of the screening's case (without loading, and decrypting, the person's identity)."""
    if screening.case_id is None:
        return ""
    from strom.cases.models import Person

    return Person.objects.filter(cases__pk=screening.case_id).values_list("pseudonym", flat=True).first() or ""


def screenings_of_case(case) -> list[Screening]:
    """The screenings attached to a case, oldest first, for its timeline (outcomes, never answers).
    Callers have already checked that the actor may read the case."""
    return list(Screening.objects.filter(case=case).select_related("framework", "screener", "organisation")
                .order_by("created", "id"))


def attachable_screenings(actor: Actor, limit: int = 50):
    """Her organisation's screenings that belong to no case yet, newest first (to attach one)."""
    return screenings_visible_to(actor).filter(case__isnull=True)[:limit]


def screening_to_continue(actor: Actor, screening_id) -> Screening:
    """Her own draft, to answer further (404 outside the organisation, 403 for anyone else)."""
    screening = _screening(actor, screening_id)
    require_continue(actor, screening)
    return screening


def answers_of(actor: Actor, screening: Screening, request=None) -> dict[str, ScreeningAnswer]:
    """The recorded answers by indicator code; the read is recorded in the audit trail."""
    answers = {a.indicator.code: a for a in screening.answers.select_related("indicator")}
    record("screening.viewed", actor=actor.user, organisation=screening.organisation, target=screening,
           fields=READ_FIELDS, request=request)
    return answers


def answer_values(answers: dict[str, ScreeningAnswer]) -> dict[str, str]:
    return {code: answer.value for code, answer in answers.items() if answer.value != rules.UNKNOWN}
