"""Bench case `stats_report`: the yearly report of registered victims (strom.stats.reports) for a country
over CASE_VOLUMES' large volume (1,000,000 cases on PostgreSQL, 200,000 on SQLite), against the same
aggregation run directly in SQL in the same run.

Measured: reports.registered_victims(scope, year, exact=False): the one aggregating statement (status
from the stage, the stages passed and the decisions; first citizenship and form from the JSON columns),
the standard tables built from its rows and each one protected (disclosure.protect). Floor: that statement,
taken from the ORM, through a bare cursor. Seeded with bench/cases.py's seed_cases (continuing after the
rows the case list bench may already have seeded in the same database); the year measured is last year,
a full year of about a fifth of the rows.

A second line times the whole dashboard (dashboards.build: five years of statuses, the report, referrals,
services) against its statements as logged by Django, replayed through a bare cursor.
"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.cases import CASE_MUNICIPALITIES, CASE_ORGANISATIONS, CASE_VOLUMES, Result, compare, limit, seed_cases


def _seed_to(large: int) -> None:
    from strom.accounts.roles import Role
    from strom.cases.models import Case
    from strom.network.models import Municipality, Organisation, OrganisationType
    from strom.testing import make_user

    existing = Case.objects.count()
    if existing >= large:
        return
    places = Municipality.objects.bulk_create([Municipality(country="LV", name=f"Stats town {i}")
                                               for i in range(CASE_MUNICIPALITIES)])
    organisations = Organisation.objects.bulk_create([
        Organisation(name=f"Stats organisation {i}", type=OrganisationType.SHELTER, country="LV",
                     municipality=places[i % CASE_MUNICIPALITIES]) for i in range(CASE_ORGANISATIONS)])
    user = make_user("bench_stats", (organisations[0], Role.CASE_MANAGER))
    seed_cases(existing, large - 1, organisations, places, user)


def stats_report() -> list[Result]:
    from strom.stats import queries, reports

    large = CASE_VOLUMES[connection.vendor == "postgresql"][1]
    _seed_to(large)
    scope = queries.Scope(queries.COUNTRY, "LV", "Latvia", "LV")
    year = timezone.localdate().year - 1
    sql, params = queries.victim_cube_queryset(scope, year).query.sql_with_params()
    expected = sum(row["n"] for row in queries.victim_cube(scope, year))
    assert expected > large // 20, expected  # the year holds a real share of the rows

    def report():
        figures = reports.registered_victims(scope, year, exact=False).figures
        assert figures[0].protected.grand_total.value == expected

    def bare():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            assert sum(row[-1] for row in cursor.fetchall()) == expected

    report()  # warm up
    result = compare("stats report", limit("stats_report"), report, bare)
    result.name = f"yearly report over {large:,} cases ({expected:,} in {year}) vs its bare SQL"
    return [result, _dashboard(scope, year)]


def _dashboard(scope, year: int) -> Result:
    from strom.stats import dashboards

    with CaptureQueriesContext(connection) as captured:
        dashboards.build(scope, year, exact=False)
    statements = [query["sql"] for query in captured.captured_queries]

    def board():
        dashboards.build(scope, year, exact=False)

    def bare():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()

    result = compare("stats dashboard", limit("stats_report"), board, bare)
    result.name = f"dashboard of a country ({len(statements)} statements) vs its statements replayed"
    return result
