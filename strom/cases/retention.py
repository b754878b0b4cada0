"""Retention: erase the identity of closed cases at the end of the country's retention period.

A case closed on day D (its last move to "closed") keeps its identity data until
`strom.lib.deadlines.retention_erase_from(D, rule)`, the rule being the country's (its municipality's)
in force on D. Then its identity is erased and the pseudonymous case stays for statistics: stage,
timeline stages, dates, forms of exploitation, age group, places by country and town.

**What is erased** (`erase_case`): the free text of the case (why a stage changed, notes of decisions
and consent, reasons of emergency accesses) and, once every case of the person is erased, the person's
identity (every encrypted field blanked, `identity_erased_at` set) and her name keys (no duplicate
warning points to her any more). History rows (simple-history) are blanked the same way, so no older
version keeps what the current one lost. Other areas erase their own data through **erasers**:
`register_eraser("notes", function(case))`, called in the same transaction, before the person goes.

**Unverified periods.** No country's retention period has been verified (country_rules.toml), so every
erasure today is under an unverified period. `apply_retention` erases such cases only when told
(`confirm_unverified=True`, `--confirm-unverified`); otherwise it counts them and stops. Erasure cannot
be undone: a dry run lists counts only, and every erasure is an audit event (`case.identity_erased`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from strom.audit.services import record
from strom.lib.country_rules import rule_for
from strom.lib.deadlines import retention_erase_from

Eraser = Callable[[object], None]
ERASERS: dict[str, Eraser] = {}


def register_eraser(name: str, function: Eraser) -> None:
    """Let another area erase its data of a case at the end of retention (call from AppConfig.ready()).

    `function(case)` runs in the erasure's transaction for every case erased (and again for every
    erased case with `apply_retention(include_erased=True)`, so it must be idempotent). It must blank
    or delete identifying data of that case and keep what statistics need; raising stops that erasure.
    """
    ERASERS[name] = function


@dataclass
class RetentionReport:
    """Counts only: a report never names a case or a person."""

    due: int = 0  # closed cases past their retention period
    unverified: int = 0  # of them, under a period that needs verification
    erased: int = 0
    refused_unverified: int = 0  # not erased: unverified period, not confirmed
    not_yet: int = 0  # closed cases still within their period
    erasers: list[str] = field(default_factory=list)
    by_country: dict[str, int] = field(default_factory=dict)  # due cases per country code


def closed_on(case) -> date:
    """The local day of the case's (last) closure: the stage cannot leave "closed", so it is stage_changed."""
    return timezone.localdate(case.stage_changed)


def erase_from(case):
    """The retention date of a closed case (deadlines.RetentionDate: the first day and whether verified)."""
    day = closed_on(case)
    return retention_erase_from(day, rule_for(case.municipality.country.code, on=day))


def _case_text_models():
    """(model, its encrypted free-text field) for the rows of a case in the cases app."""
    from strom.cases.models import BreakGlass, ConsentEntry, IdentificationDecision, StageChange

    return [(StageChange, "why"), (IdentificationDecision, "note"), (ConsentEntry, "note"), (BreakGlass, "reason")]


def blank_fields(rows, *names: str) -> None:
    """Blank these (encrypted free-text) fields of the rows and of their history rows (simple-history),
    so no older version keeps what the current one lost. For erasers of other areas too."""
    model = rows.model
    ids = list(rows.values_list("pk", flat=True))
    blanks = dict.fromkeys(names, "")
    model.objects.filter(pk__in=ids).update(**blanks)
    if hasattr(model, "history"):
        model.history.filter(id__in=ids).update(**blanks)


def _blank_case_text(case) -> None:
    for model, name in _case_text_models():
        blank_fields(model.objects.filter(case=case), name)


def _erase_person(person, now) -> list[str]:
    from strom.cases.models import IDENTITY_FIELDS, Person, PersonNameKey

    blanks = dict.fromkeys(IDENTITY_FIELDS, "")
    Person.objects.filter(pk=person.pk).update(identity_erased_at=now, **blanks)
    Person.history.filter(id=person.pk).update(**blanks)
    PersonNameKey.objects.filter(person=person).delete()
    return list(IDENTITY_FIELDS)


def _every_case_due(person, today: date) -> bool:
    """Whether all of the person's cases are closed and past their retention: only then does she go."""
    from strom.cases.models import Case
    from strom.cases.stages import Stage

    return all(case.stage == Stage.CLOSED and erase_from(case).erase_from <= today
               for case in Case.objects.filter(person=person).select_related("municipality"))


@transaction.atomic
def erase_case(case, *, unverified_confirmed: bool, today: date | None = None) -> list[str]:
    """Erase the identity of one case (see the module docstring); returns the erasers that ran."""
    today = today or timezone.localdate()
    ran = []
    for name, eraser in ERASERS.items():
        eraser(case)
        ran.append(name)
    _blank_case_text(case)
    person = case.person
    fields = []
    if person.identity_erased_at is None and _every_case_due(person, today):
        fields = _erase_person(person, timezone.now())
    record("case.identity_erased", target=case, fields=fields,
           detail={"person": str(person.pk), "erasers": ran, "unverified_period_confirmed": unverified_confirmed})
    return ran


def apply_retention(*, today: date | None = None, dry_run: bool = False, confirm_unverified: bool = False,
                    include_erased: bool = False) -> RetentionReport:
    """Erase what is due (see the module docstring). `include_erased` runs the erasers again on cases
    whose person was erased before (for erasers registered since); a dry run changes nothing."""
    from strom.cases.models import Case
    from strom.cases.stages import Stage

    today = today or timezone.localdate()
    report = RetentionReport(erasers=sorted(ERASERS))
    cases = Case.objects.filter(stage=Stage.CLOSED).select_related("person", "municipality").order_by("stage_changed")
    if not include_erased:
        cases = cases.filter(person__identity_erased_at__isnull=True)
    for case in cases.iterator(chunk_size=500):
        due = erase_from(case)
        if due.erase_from > today:
            report.not_yet += 1
            continue
        report.due += 1
        country = case.municipality.country.code
        report.by_country[country] = report.by_country.get(country, 0) + 1
        report.unverified += not due.verified
        if not due.verified and not confirm_unverified:
            report.refused_unverified += 1
            continue
        if not dry_run:
            erase_case(case, unverified_confirmed=not due.verified, today=today)
            report.erased += 1
    return report
