"""Reads of the privacy-loss ledger and public releases: scoped to the budget's organisation
(404 to everyone else), a recorded 403 for its members without the right."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from strom.accounts.policies import Actor
from strom.stats.models import PrivacyBudget, PublicRelease
from strom.stats.release_policies import may_read_releases, require_reading


@dataclass(frozen=True)
class BudgetRow:
    budget: PrivacyBudget
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget.epsilon_total - self.spent


def budgets_visible_to(actor: Actor):
    if not may_read_releases(actor):
        return PrivacyBudget.objects.none()
    return PrivacyBudget.objects.filter(organisation=actor.organisation)


def budget_rows(actor: Actor) -> list[BudgetRow]:
    """Every budget with what it has spent, in one query (a handful of datasets a year)."""
    zero = Value(Decimal("0"), output_field=DecimalField(max_digits=9, decimal_places=3))
    rows = budgets_visible_to(actor).annotate(spent_total=Coalesce(Sum("losses__epsilon"), zero))
    return [BudgetRow(budget=b, spent=Decimal(b.spent_total)) for b in rows]


def releases_visible_to(actor: Actor):
    if not may_read_releases(actor):
        return PublicRelease.objects.none()
    return (PublicRelease.objects.filter(budget__organisation=actor.organisation)
            .select_related("budget", "loss", "by"))


def _release_id(value) -> uuid.UUID | None:
    """A mangled cursor shows the first page: it is navigation, not data."""
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def release_page(actor: Actor, *, after=None, size: int = 50) -> tuple[list[PublicRelease], str | None]:
    """Newest first, keyset-paginated on (released_at, id); returns the page and the next cursor."""
    rows = releases_visible_to(actor).order_by("-released_at", "-id")
    after = _release_id(after)
    if after is not None:
        anchor = releases_visible_to(actor).filter(pk=after).first()
        if anchor is not None:
            rows = rows.filter(released_at__lte=anchor.released_at).exclude(
                released_at=anchor.released_at, id__gte=anchor.id)
    page = list(rows[:size + 1])
    return page[:size], (str(page[size - 1].id) if len(page) > size else None)


def release_for(actor: Actor, release_id) -> PublicRelease:
    release = (PublicRelease.objects.select_related("budget", "loss", "by")
               .filter(pk=release_id).first())
    if release is None or actor.organisation is None or release.budget.organisation_id != actor.organisation.pk:
        raise Http404
    require_reading(actor)
    return release
