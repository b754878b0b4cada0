"""The cases. Each times the code under test and a floor doing the bare version of the same work,
alternately in the same run, and compares the best times as a ratio: absolute timings depend on the
machine, ratios much less. Every run also checks that it did the work (a fast wrong answer is no
result). Limits carry about 2x headroom over what we measured (see LIMITS), so that noise does not
fail the bench but a real regression (an extra query per row, a lost index) does.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

REPEAT = 3
AUDIT_APPENDS = 2000
CHAIN_EVENTS = 20_000
NOTES = 5000
PAGES = 300

# Measured ratios (SQLite / PostgreSQL, 2 cores) and the limits set from them.
LIMITS = {
    "audit_append": 100,
    "verify_audit": 100,
    "encrypted_read": 100,
    "home_page": 100,
    "home_queries": 100,
}


@dataclass
class Result:
    name: str
    value: float  # the ratio, or the count itself when there is no floor
    limit: float
    measured: float | None = None
    floor: float | None = None

    @property
    def passed(self) -> bool:
        return self.value <= self.limit

    def cells(self) -> tuple[str, ...]:
        if self.floor is None:  # a count, not a timing
            return (self.name, f"{self.value:.0f}", "-", "-", f"{self.limit:.0f}", _verdict(self.passed))
        return (self.name, f"{self.measured:.3f} s", f"{self.floor:.3f} s", f"{self.value:.2f}x",
                f"{self.limit:.1f}x", _verdict(self.passed))


def _verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def _timed(work: Callable[[], None]) -> float:
    gc.collect()
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def compare(name: str, limit: float, measured: Callable[[], None], floor: Callable[[], None]) -> Result:
    """Best of REPEAT runs each, alternating, so that drift (warm caches, other load) hits both alike."""
    floors, measures = [], []
    for _ in range(REPEAT):
        floors.append(_timed(floor))
        measures.append(_timed(measured))
    best, base = min(measures), min(floors)
    return Result(name, best / base, limit, best, base)


_serial = count()


def _record_one() -> None:
    from strom.audit.services import record

    i = next(_serial)
    record("bench.event", target_type="bench.row", target_id=str(i), fields=["name"], detail={"i": i})


def audit_append() -> Result:
    """record() in its own transaction vs a plain ORM insert in its own transaction.

    record() reads and checks the head, inserts the event (six indexes) and moves the head; the floor
    is one row into an ordinary table, so the ratio is the price of the chain per append.
    """
    from strom.network.models import Municipality

    def appends():
        for _ in range(AUDIT_APPENDS):
            _record_one()

    def inserts():
        for _ in range(AUDIT_APPENDS):
            i = next(_serial)
            with transaction.atomic():
                Municipality.objects.create(country="LV", name=f"Bench {i}", name_en=f"Bench {i}", region="Bench")

    return compare(f"audit append x{AUDIT_APPENDS}, own transactions", LIMITS["audit_append"], appends, inserts)


def verify_audit() -> Result:
    """verify_chain() vs reading the same rows and SHA-256 over each one's canonical JSON."""
    from strom.audit import chain
    from strom.audit.models import AuditEvent

    missing = CHAIN_EVENTS - AuditEvent.objects.count()
    while missing > 0:  # seeded in batches, one transaction each
        with transaction.atomic():
            for _ in range(min(missing, 1000)):
                _record_one()
        missing = CHAIN_EVENTS - AuditEvent.objects.count()

    def verify():
        result = chain.verify_chain()
        assert result.ok and result.checked == CHAIN_EVENTS, result

    def read_and_hash():
        rows = AuditEvent.objects.order_by("seq").values("id", "hash", *chain.COLUMNS)
        hashed = 0
        for row in rows.iterator(chunk_size=5000):
            hashlib.sha256(row["prev_hash"].encode() + chain.canonical(row)).digest()
            hashed += 1
        assert hashed == CHAIN_EVENTS

    return compare(f"verify_audit, {CHAIN_EVENTS} events", LIMITS["verify_audit"], verify, read_and_hash)


def encrypted_read() -> Result:
    """Loading Notes and opening their encrypted name vs reading the stored tokens with values_list."""
    from strom.lib.tests.testapp.models import Note

    # No migrations for the test app: the table is made as strom/lib/tests/conftest.py makes it.
    with connection.schema_editor() as editor:
        editor.create_model(Note)
    Note.objects.bulk_create([Note(name=f"Person {i}") for i in range(NOTES)], batch_size=500)

    def decrypt():
        names = [note.name for note in Note.objects.all()]
        assert len(names) == NOTES and all(name.startswith("Person ") for name in names)

    def raw():
        assert len(list(Note.objects.values_list("name", flat=True))) == NOTES

    return compare(f"encrypted field read, {NOTES} rows", LIMITS["encrypted_read"], decrypt, raw)


def home_page() -> list[Result]:
    """"My work" for the case manager vs the same URL requested anonymously.

    The floor goes through the whole middleware stack and URL resolution and is turned away by
    login_required (a redirect): Django's own per-request cost. The ratio is what being signed in
    and rendering the page adds: session and user, memberships, second factor, navigation, templates.
    """
    from strom.testing import make_network, sign_in

    network = make_network()
    signed_in, anonymous = Client(), Client()
    sign_in(signed_in, network.case_manager)

    def pages():
        for _ in range(PAGES):
            response = signed_in.get("/")
            assert response.status_code == 200 and b"My work" in response.content, response.status_code

    def redirects():
        for _ in range(PAGES):
            assert anonymous.get("/").status_code == 302

    signed_in.get("/")  # the first request after sign-in stamps the session; count a steady one
    with CaptureQueriesContext(connection) as queries:
        assert signed_in.get("/").status_code == 200
    return [
        compare(f"home page x{PAGES}, case manager", LIMITS["home_page"], pages, redirects),
        Result("home page SQL queries", len(queries), LIMITS["home_queries"]),
    ], queries


def run_all() -> list[Result]:
    results = [audit_append(), verify_audit(), encrypted_read()]
    home, queries = home_page()
    for q in queries.captured_queries:
        print(q["sql"][:200])
    return results + home
