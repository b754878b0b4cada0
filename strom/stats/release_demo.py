"""Demo privacy budgets (`manage.py load_demo`): the Latvian demo national coordinator may spend
epsilon 1 on each dataset's figures of last year. Written through the ordinary service.
Idempotent: a budget that exists is left as it is."""

from __future__ import annotations

from django.utils import timezone

from strom.accounts.models import User
from strom.accounts.policies import actor_for_user
from strom.stats import release_services
from strom.stats.models import Dataset, PrivacyBudget


def load_demo_releases() -> int:
    """Set the demo budgets that are missing; returns how many it set."""
    user = User.objects.filter(username="national.coordinator").first()
    if user is None:
        return 0
    actor = actor_for_user(user)
    year = timezone.localdate().year - 1
    made = 0
    for dataset in (Dataset.CASES, Dataset.HOTLINE):
        if not PrivacyBudget.objects.filter(organisation=actor.organisation, dataset=dataset, year=year).exists():
            release_services.set_budget(actor, dataset=dataset, year=year, epsilon_total="1")
            made += 1
    return made
