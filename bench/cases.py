"""The cases. Each times the code under test and a floor doing the bare version of the same work,
alternately in the same run, and compares the best times as a ratio: absolute timings depend on the
machine, ratios much less. Every run also checks that it did the work (a fast wrong answer is no
result). Limits carry about 2x headroom over what we measured (see LIMITS), so that noise does not
fail the bench but a real regression (a query per row, a lost index, a slower cipher path) does.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

REPEAT = 3
AUDIT_APPENDS = 2000
CHAIN_EVENTS = 20_000
NOTES = 5000
PAGES = 300

# Limits per backend (SQLite, PostgreSQL), about 2x over the ratios measured on 2 cores
# (SQLite / PostgreSQL, worst of several runs):
# - audit append 5.8 / 4.1: three statements (head, event, head; PostgreSQL adds its advisory lock)
#   and two HMACs, against one INSERT.
#   Commits are cheap on SQLite (WAL, synchronous=NORMAL), so Python work dominates and the ratio
#   is higher there; on PostgreSQL the commit (fsync) of both sides dominates.
# - verify_audit 1.2 / 1.3: HMAC and keyset paging over the bare read-and-hash. Limit 3.
# - encrypted read 19.6 / 16.9: the floor builds no model instances. Model instances (with two
#   post_init receivers) are about half the measured time, AES-GCM and the descriptor the rest.
# - home page 2.1 / 2.5 (PostgreSQL's commit latency makes it noisier).
# - home page statements: 3 on both since session activity is written once a minute (transaction
#   control not counted); no headroom: a new query on every page must be a decision, so raise it in
#   the change that adds one.
LIMITS = {
    "audit_append": (12, 8),
    "verify_audit": (3, 3),
    "encrypted_read": (40, 40),
    "home_page": (5, 5),
    "home_queries": (3, 3),
}


def limit(case: str) -> float:
    return LIMITS[case][connection.vendor == "postgresql"]


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
# BEGIN/COMMIT appear in SQLite's query log only; leave them out so that both backends count alike.
TRANSACTION_CONTROL = re.compile(r"(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b", re.IGNORECASE)


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

    return compare(f"audit append x{AUDIT_APPENDS}, own transactions", limit("audit_append"), appends, inserts)


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

    return compare(f"verify_audit, {CHAIN_EVENTS} events", limit("verify_audit"), verify, read_and_hash)


def encrypted_read() -> Result:
    """Loading Notes and opening their encrypted name vs reading the stored tokens with values_list."""
    from strom.lib.tests.testapp.models import Note

    # The test app has no migrations; its table comes from migrate's run_syncdb (see __main__).
    Note.objects.bulk_create([Note(name=f"Person {i}") for i in range(NOTES)], batch_size=500)

    def decrypt():
        names = [note.name for note in Note.objects.all()]
        assert len(names) == NOTES and all(name.startswith("Person ") for name in names)

    def raw():
        assert len(list(Note.objects.values_list("name", flat=True))) == NOTES

    return compare(f"encrypted field read, {NOTES} rows", limit("encrypted_read"), decrypt, raw)


def home_page() -> list[Result]:
    """"My work" for the case manager vs an empty page (bench/urls.py) for the same session.

    Both requests go through the whole middleware stack, so the ratio is what the view adds: the
    actor and her memberships, "My work", the navigation and the templates. What the middleware
    costs per request (the session and allauth's activity tracking, each a write transaction) is in
    both; the statement count below keeps that in check instead.
    """
    from strom.testing import make_network, sign_in

    network = make_network()
    client = Client()
    sign_in(client, network.case_manager)

    def pages():
        for _ in range(PAGES):
            response = client.get("/")
            assert response.status_code == 200 and b"My work" in response.content, response.status_code

    def empty_pages():
        for _ in range(PAGES):
            assert client.get("/bench/empty/").status_code == 200

    client.get("/")  # the first request after sign-in stamps the session; count a steady one
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    # Read at once: every request (the timed ones too) empties the connection's query log.
    statements = [q["sql"] for q in captured.captured_queries if not TRANSACTION_CONTROL.match(q["sql"])]
    counted = Result("home page SQL statements", len(statements), limit("home_queries"))
    if not counted.passed:
        print("Statements of one home page:", *(f"  {sql[:150]}" for sql in statements), sep="\n")
    return [compare(f"home page x{PAGES}, case manager", limit("home_page"), pages, empty_pages), counted]


def run_all() -> list[Result]:
    logging.getLogger("axes").setLevel(logging.WARNING)  # sign_in() would log a login per client
    with override_settings(ROOT_URLCONF="bench.urls"):
        return [audit_append(), verify_audit(), encrypted_read(), *home_page()]
