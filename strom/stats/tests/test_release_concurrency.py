"""Releases racing for the same budget never spend more than it (the budget row lock; PostgreSQL)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from strom.accounts.policies import actor_for_user
from strom.stats import release_services
from strom.stats.disclosure import Table
from strom.stats.models import Dataset, PrivacyBudget, PrivacyLoss

THREADS = 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_releases_stay_within_the_budget(network):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers itself")
    coordinator = actor_for_user(network.national_coordinator)
    release_services.set_budget(coordinator, dataset=Dataset.CASES, year=2025, epsilon_total="1.0")
    start = threading.Barrier(THREADS)

    def releaser(number: int) -> bool:
        try:
            actor = actor_for_user(network.national_coordinator)
            start.wait(timeout=30)
            table = Table(f"table_{number}", ("k",), (("a", "b"),), {("a",): number})
            try:
                release_services.release(actor, Dataset.CASES, 2025, table, "0.3")
            except ValidationError:
                return False
            return True
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(releaser, range(THREADS)))
    assert outcomes.count(True) == 3  # 3 × 0.3 fits into 1.0, a fourth would not
    assert PrivacyLoss.objects.count() == 3
    budget = PrivacyBudget.objects.get()
    assert budget.spent() <= budget.epsilon_total
