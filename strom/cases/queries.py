"""Scoped reads of cases (who sees what: policies.py).

`get_case_for(actor, id)` returns the case or raises 404 when the actor may not see it at all, 403
(recorded) to a member of the lead organisation without `case.read`. `identity_of` is the only way
to a person's identity fields and records which fields were seen (never their values).

The case list is a keyset page (architecture rule 7): newest first on (created, id), the next page
after a row-value comparison `(created, id) < (…)`, never an OFFSET or a COUNT(*); each filter leads
an index of Case.Meta.indexes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import F
from django.db.models.fields.tuple_lookups import Tuple, TupleLessThan
from django.http import Http404

from strom.accounts.policies import Actor, deny
from strom.audit.services import record
from strom.cases.models import IDENTITY_FIELDS, BreakGlass, Case, StageChange
from strom.cases.policies import READ, Access, access_to, require_case_writing, visibility_q
from strom.cases.stages import Stage

PAGE_SIZE = 50


def cases_visible_to(actor: Actor):
    """Every case the actor's organisation sees; a recorded 403 without `case.read`."""
    if actor.organisation is None:
        return Case.objects.none()
    if not actor.can(READ):
        deny(actor, READ)
    return Case.objects.filter(visibility_q(actor.organisation))


@dataclass(frozen=True)
class ListFilters:
    stage: str = ""
    municipality_id: uuid.UUID | None = None
    mine: bool = False
    deadline_within: int | None = None  # days: a protection deadline (strom.protection) falls within them


@dataclass(frozen=True)
class Page:
    cases: list
    next_cursor: str | None


def encode_cursor(case) -> str:
    return f"{case.created.isoformat()}_{case.pk}"


def decode_cursor(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    """A mangled cursor shows the first page: it is navigation, not data."""
    if not cursor:
        return None
    try:
        created, pk = cursor.rsplit("_", 1)
        return datetime.fromisoformat(created), uuid.UUID(pk)
    except ValueError:
        return None


def filtered_cases(actor: Actor, filters: ListFilters):
    cases = cases_visible_to(actor)
    if filters.stage:
        cases = cases.filter(stage=filters.stage)
    if filters.municipality_id:
        cases = cases.filter(municipality_id=filters.municipality_id)
    if filters.mine:
        cases = cases.filter(team=actor.user)
    if filters.deadline_within:
        from strom.protection.queries import deadline_within

        cases = cases.filter(deadline_within(filters.deadline_within))
    return cases


@dataclass(frozen=True)
class CaseRow:
    """What a list row shows; read as plain values, never as models (no identity can ride along, and
    building three model instances per row cost more than the indexed query itself)."""

    pk: uuid.UUID
    created: datetime
    stage: str
    municipality_id: uuid.UUID
    municipality: str
    pseudonym: str

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label


LIST_COLUMNS = ("id", "created", "stage", "municipality_id", "municipality__name", "person__pseudonym")


def page_queryset(actor: Actor, filters: ListFilters, cursor: str | None, size: int):
    """The statement of one page: one row more than shown tells whether there is a next page."""
    cases = filtered_cases(actor, filters)
    after = decode_cursor(cursor)
    if after is not None:
        # The row value `(created, id) < (…)`; Django spells it as an OR on SQLite, so the plain range
        # on `created` beside it keeps that backend on the index too (PostgreSQL needs no help).
        cases = cases.filter(TupleLessThan(Tuple(F("created"), F("id")), after), created__lte=after[0])
    return cases.order_by("-created", "-id").values_list(*LIST_COLUMNS)[: size + 1]


def case_page(actor: Actor, filters: ListFilters, cursor: str | None = None, size: int | None = None) -> Page:
    """One page of the case list, newest first."""
    size = size or PAGE_SIZE
    rows = [CaseRow(*row) for row in page_queryset(actor, filters, cursor, size)]
    shown = rows[:size]
    return Page(shown, encode_cursor(shown[-1]) if len(rows) > size else None)


def get_case_for(actor: Actor, case_id) -> Case:
    case = (Case.objects.filter(pk=case_id).select_related("person", "municipality", "lead_organisation")
            .first())
    if case is None:
        raise Http404
    access = access_to(actor, case)
    if access == Access.NONE:
        raise Http404
    if access == Access.LEAD and not actor.can(READ):
        deny(actor, READ, case)
    return case


def case_to_write(actor: Actor, case_id) -> Case:
    """The case for a form that changes it: 404 to outsiders, a recorded 403 to others who see it."""
    case = get_case_for(actor, case_id)
    require_case_writing(actor, case)
    return case


def case_for_break_glass(case_id) -> Case:
    """Break-glass starts from a case id the person was given; nothing about the case is shown."""
    case = Case.objects.filter(pk=case_id).select_related("lead_organisation").first()
    if case is None:
        raise Http404
    return case


def identity_of(actor: Actor, case: Case, *, fields=IDENTITY_FIELDS, request=None):
    """The person of a case the actor sees, with a record that she saw `fields` (names only)."""
    access = access_to(actor, case)
    if access == Access.NONE:
        raise Http404
    record("person.identity_viewed", actor=actor.user, organisation=actor.organisation, target=case.person,
           fields=list(fields), detail={"case": str(case.pk), "access": access.name.lower()}, request=request)
    return case.person


def timeline_of(case: Case) -> list[StageChange]:
    return list(StageChange.objects.filter(case=case).select_related("by", "by_organisation").order_by("at", "id"))


def consent_ledger_of(case: Case) -> list:
    return list(case.consents.select_related("recipient_organisation", "recorded_by").order_by("recorded_at", "id"))


def open_break_glasses(organisation):
    """Emergency accesses to the organisation's cases that nobody there has acknowledged yet."""
    return (BreakGlass.objects.filter(case__lead_organisation=organisation, acknowledged_at__isnull=True)
            .select_related("case__person", "organisation").order_by("-granted_at"))
