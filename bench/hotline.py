"""Bench of the hotline (`python -m bench hotline`): the contact log and the figures at volume.

A hotline with HOTLINE_CONTACTS contacts over two years, beside another hotline with as many (so the
organisation filter must use its index). Measured: queries.contact_page, the first page and nine pages
after it through the keyset cursor, for a coordinator; then queries.figures over twelve months.
Floors: the same page statements through a bare cursor; one plain COUNT(*) per figure table.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from bench.cases import Result, compare, limit

HOTLINE_CONTACTS = 20_000
PAGES_READ = 10
TOPICS = ["working_abroad"] * 5 + ["information", "tip", "crisis", "missing_person", "unrelated"]


def seed_contacts(organisation, operator, rng) -> None:
    from strom.hotline.models import Caller, Contact

    now = timezone.now()
    callers = Caller.objects.bulk_create([Caller(organisation=organisation, reference=f"B{i:05d}", created=now)
                                          for i in range(1000)])
    batch = []
    for i in range(HOTLINE_CONTACTS):
        topic = TOPICS[i % len(TOPICS)]
        batch.append(Contact(organisation=organisation, operator=operator, caller=callers[i % len(callers)],
                             started_at=now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60)), topic=topic,
                             channel=rng.choice(["phone", "chat", "email"]), language="et",
                             destination_country=rng.choice(["FI", "NO", "DE"]) if topic == "working_abroad" else "",
                             campaign_code=rng.choice(["", "", "SAFE-26"])))
        if len(batch) == 2000:
            Contact.objects.bulk_create(batch)
            batch = []
    Contact.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _log_work(actor, organisation):
    """The measured page reads and a maker of their floor (the same statements through a bare cursor)."""
    from django.db.models import F
    from django.db.models.fields.tuple_lookups import Tuple, TupleLessThan

    from strom.hotline import queries
    from strom.hotline.models import Contact

    def pages():
        cursor = None
        for _ in range(PAGES_READ):
            page = queries.contact_page(actor, cursor)
            assert len(page.contacts) == queries.PAGE_SIZE and page.next_cursor
            cursor = page.next_cursor

    def bare():
        sqls, cursor = [], None
        base = Contact.objects.filter(organisation=organisation).select_related("operator", "caller")
        for _ in range(PAGES_READ):
            statement, after = base, queries.decode_cursor(cursor)
            if after is not None:
                statement = statement.filter(TupleLessThan(Tuple(F("started_at"), F("id")), after),
                                             started_at__lte=after[0])
            sqls.append(statement.order_by("-started_at", "-id")[: queries.PAGE_SIZE + 1].query.sql_with_params())
            cursor = queries.contact_page(actor, cursor).next_cursor

        def run():
            with connection.cursor() as db:
                for sql, params in sqls:
                    db.execute(sql, params)
                    assert len(db.fetchall()) == queries.PAGE_SIZE + 1
        return run

    return pages, bare


def _figures_work(actor, organisation):
    from strom.hotline import queries

    today = timezone.localdate()

    def figures():
        tables = queries.figures(actor, today - timedelta(days=365), today)
        assert sum(row.count for row in tables["topic"]) > HOTLINE_CONTACTS / 3

    month = "substr(started_at, 1, 7)" if connection.vendor == "sqlite" else "date_trunc('month', started_at)"
    groups = ["channel", "topic", "caller_type", "outcome", "destination_country", "campaign_code", month]

    def bare():
        start = timezone.now() - timedelta(days=366)
        key = organisation.pk.hex if connection.vendor == "sqlite" else organisation.pk
        with connection.cursor() as db:
            for group in groups:  # the same GROUP BYs, written by hand, no labels or Python around them
                db.execute(f"SELECT {group}, COUNT(*) FROM hotline_contact WHERE organisation_id = %s "  # noqa: S608
                           f"AND started_at >= %s GROUP BY {group}", [key, start])
                assert db.fetchall()

    return figures, bare


def hotline_log() -> list[Result]:
    from strom.accounts.policies import actor_for_user
    from strom.accounts.roles import Role
    from strom.network.models import Organisation, OrganisationType
    from strom.testing import make_user

    rng = random.Random(11)  # noqa: S311 — bench data
    ours, theirs = Organisation.objects.bulk_create([
        Organisation(name=f"Bench hotline {i}", type=OrganisationType.HOTLINE, country="EE") for i in range(2)])
    coordinator = make_user("bench_hotline_coordinator", (ours, Role.HOTLINE_COORDINATOR))
    seed_contacts(ours, coordinator, rng)
    seed_contacts(theirs, make_user("bench_hotline_other", (theirs, Role.HOTLINE_OPERATOR)), rng)
    actor = actor_for_user(coordinator)
    pages, bare_pages = _log_work(actor, ours)
    figures, bare_counts = _figures_work(actor, ours)
    pages()
    log = compare(f"hotline log, {PAGES_READ} pages of {HOTLINE_CONTACTS:,} contacts vs bare SQL",
                  limit("hotline_log"), pages, bare_pages())
    figures()
    sums = compare(f"hotline figures, 12 months of {HOTLINE_CONTACTS:,} contacts vs bare GROUP BYs",
                   limit("hotline_figures"), figures, bare_counts)
    return [log, sums]
