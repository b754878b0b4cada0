"""Many writers at once still give one gapless, verifiable chain (PostgreSQL's advisory lock)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction

from strom.audit.chain import verify_chain
from strom.audit.models import AuditEvent, AuditHead
from strom.audit.services import record

THREADS, PER_THREAD = 20, 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_are_gapless_and_chained():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers itself and its test database is in memory")
    start = threading.Barrier(THREADS)

    def writer(number: int) -> int:
        try:
            start.wait(timeout=30)  # all threads race for the first append together
            for i in range(PER_THREAD):
                with transaction.atomic():  # as a service would: the event inside a longer transaction
                    record("personal_data.viewed", target_type="cases.person", target_id=f"{number}-{i}",
                           fields=["name"], detail={"thread": number, "i": i})
            return PER_THREAD
        finally:
            connections.close_all()

    writing = threading.Event()
    writing.set()

    def verifier() -> list:
        # Verifying while others append must never report a break that is not there.
        results = []
        try:
            while writing.is_set():
                results.append(verify_chain(batch_size=7))
            return results
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS + 1) as pool:
        checks = pool.submit(verifier)
        written = sum(pool.map(writer, range(THREADS)))
        writing.clear()
        during = checks.result()

    total = THREADS * PER_THREAD
    assert written == total
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True)) == list(range(1, total + 1))
    assert len(set(AuditEvent.objects.values_list("target_id", flat=True))) == total
    assert AuditHead.objects.get().seq == total
    assert during and all(check.ok for check in during), [c for c in during if not c.ok][:1]
    result = verify_chain(batch_size=37)
    assert (result.ok, result.checked) == (True, total)
