"""Writes on the privacy-loss ledger: set a budget, release a table to the public.

``release`` locks the budget row, refuses (a translated message, nothing stored) when what is spent
plus the new epsilon would pass the budget, and otherwise draws the noisy counts, records the loss
and keeps the released figures, with an audit event, all in one transaction. A table already
released for that dataset and year is returned as it was: asking again never spends twice.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.lib.services import service
from strom.stats.disclosure import Table
from strom.stats.models import Dataset, PrivacyBudget, PrivacyLoss, PublicRelease
from strom.stats.privacy import release_counts
from strom.stats.release_policies import require_publishing

MAX_EPSILON = Decimal("10")  # beyond this, "privacy" would be a word only
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _refuse(field: str, message) -> None:
    raise ValidationError({field: str(message)})


def _epsilon(value, field: str) -> Decimal:
    try:
        epsilon = Decimal(str(value))
        ok = epsilon.is_finite() and Decimal("0") < epsilon.quantize(Decimal("0.001")) <= MAX_EPSILON
    except (InvalidOperation, ValueError):
        _refuse(field, _("Give epsilon as a number, e.g. 0.5."))
    if not ok:
        _refuse(field, _("Epsilon must be more than 0 and at most %(max)s.") % {"max": MAX_EPSILON})
    return epsilon.quantize(Decimal("0.001"))


def _check_dataset_year(dataset: str, year) -> None:
    if dataset not in Dataset.values:
        _refuse("dataset", _("Choose a dataset from the list."))
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        _refuse("year", _("Give a year between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR})


@service(require_publishing)
def set_budget(actor: Actor, *, dataset: str, year: int, epsilon_total, request=None) -> PrivacyBudget:
    """Create or change the budget of a dataset and year; never below what is already spent."""
    _check_dataset_year(dataset, year)
    total = _epsilon(epsilon_total, "epsilon_total")
    budget = (PrivacyBudget.objects.select_for_update()
              .filter(organisation=actor.organisation, dataset=dataset, year=year).first())
    if budget is None:
        budget = PrivacyBudget(organisation=actor.organisation, dataset=dataset, year=year)
        before = None
    else:
        before = str(budget.epsilon_total)
        spent = budget.spent()
        if total < spent:
            _refuse("epsilon_total", _("%(spent)s of this budget is already spent; it cannot be lower.")
                    % {"spent": spent})
    budget.epsilon_total, budget.set_by, budget.set_at = total, actor.user, timezone.now()
    budget.save()
    record("stats.budget_set", actor=actor.user, organisation=actor.organisation, target=budget,
           detail={"dataset": dataset, "year": year, "epsilon_total": str(total), "before": before},
           request=request)
    return budget


@service(require_publishing)
def release(actor: Actor, dataset: str, year: int, table: Table, epsilon, *, sensitivity: int = 1,
            description: str = "", request=None) -> PublicRelease:
    """Release ``table`` (exact counts) with differential privacy, spending ``epsilon`` of the budget;
    ``sensitivity``: in how many cells one person can count (privacy.py)."""
    _check_dataset_year(dataset, year)
    epsilon = _epsilon(epsilon, "epsilon")
    budget = (PrivacyBudget.objects.select_for_update()
              .filter(organisation=actor.organisation, dataset=dataset, year=year).first())
    if budget is None:
        _refuse("epsilon", _("No privacy budget is set for this dataset and year. Set one first."))
    existing = PublicRelease.objects.filter(budget=budget, table_name=table.name).first()
    if existing is not None:
        return existing
    spent = budget.spent()
    if spent + epsilon > budget.epsilon_total:
        _refuse("epsilon", _("This release would spend %(epsilon)s, but only %(left)s of the budget of "
                             "%(total)s is left for this dataset and year.")
                % {"epsilon": epsilon, "left": budget.epsilon_total - spent, "total": budget.epsilon_total})
    now = timezone.now()
    noisy = release_counts(table, float(epsilon), sensitivity)
    loss = PrivacyLoss.objects.create(budget=budget, epsilon=epsilon, table_name=table.name,
                                      description=(description or "").strip()[:300], released_at=now,
                                      by=actor.user)
    published = PublicRelease.objects.create(budget=budget, loss=loss, table_name=table.name,
                                             figures=noisy.to_json(), released_at=now, by=actor.user)
    record("stats.released", actor=actor.user, organisation=actor.organisation, target=published,
           detail={"dataset": dataset, "year": year, "table": table.name, "epsilon": str(epsilon),
                   "spent_after": str(spent + epsilon), "budget": str(budget.epsilon_total)},
           request=request)
    return published
