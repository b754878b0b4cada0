"""Statistics through pages, downloads, the API and the command, seen by the personas."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from strom.accounts.policies import actor_for_user
from strom.accounts.roles import Role
from strom.audit.models import AuditEvent
from strom.cases.models import DecisionLevel, DecisionOutcome, IdentificationDecision
from strom.network.models import Service, ServiceType
from strom.stats import dashboards, queries, reports
from strom.stats.disclosure import TOTAL
from strom.stats.tests.data import add_cases, add_delivered, add_referrals, many_small_cells
from strom.stats.tests.test_disclosure import assert_safe
from strom.testing import make_user, sign_in

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def cases(network):
    """Riga, 2025: the shelter leads 12 presumed Latvian women and 3 identified Ukrainian boys; the social
    service leads 2 presumed; one signal and one person found not to be a victim."""
    add_cases(network.shelter, network.riga, n=12)
    add_cases(network.shelter, network.riga, n=3, stage="identified", gender="Masculine", age="child",
              citizenships=("UA",), forms=("labour",))
    add_cases(network.social, network.riga, n=2, forms=("begging",))
    add_cases(network.shelter, network.riga, stage="signal")
    add_cases(network.shelter, network.riga, stage="not_a_victim", passed=("presumed_victim",))
    return network


def api(client, user, **params):
    sign_in(client, user)
    return client.get("/api/v1/stats/registered-victims/", {"year": YEAR, **params})


def table(body, name):
    return next(t for t in body["tables"] if t["name"] == name)


def cell(table_dict, **values):
    for entry in [*table_dict["rows"], *table_dict["totals"]]:
        if {k: v for k, v in entry["values"].items()} == {d: values.get(d) for d in table_dict["dimensions"]}:
            return entry
    raise KeyError(values)


# Who sees what --------------------------------------------------------------------------------------------

def test_the_case_manager_sees_her_organisations_figures_exact(client, cases):
    body = api(client, cases.case_manager, organisation=str(cases.shelter.pk)).json()
    assert body["exact"] is True and body["scope"]["kind"] == "organisation"
    status = table(body, "status")
    assert cell(status, status="identified") == {"values": {"status": "identified"}, "count": 3, "suppressed": False}
    assert cell(status)["count"] == 15  # the social service's cases, the signal and "not a victim" left out
    people = table(body, "citizenship")
    assert cell(people, citizenship="UA", citizenship_group="non_eu")["count"] == 3
    assert cell(people, citizenship_group="own_country")["count"] == 12
    assert cell(table(body, "exploitation"), form="labour")["count"] == 3
    assert cell(table(body, "sex_by_age"), sex="male", age="child")["count"] == 3


def test_the_national_coordinator_sees_only_protected_figures(client, cases):
    body = api(client, cases.national_coordinator, country="lv").json()
    assert body["exact"] is False
    status = table(body, "status")
    assert cell(status)["count"] == 17
    identified = cell(status, status="identified")
    assert identified["suppressed"] is True and identified["count"] is None
    assert all(t["exact"] is False for t in body["tables"])
    board = client.get("/api/v1/stats/dashboard/", {"year": YEAR, "country": "LV"}).json()
    assert [section["key"] for section in board["sections"]] == ["victims", "referrals", "services", "hotline"]
    assert table(board["sections"][0], "status") == status  # the same protected table as the report's


def test_an_administrator_without_case_access_sees_her_organisation_protected(cases):
    actor = actor_for_user(cases.org_admin)
    scope = queries.scope_for(actor, "organisation")
    assert not queries.sees_every_case(actor, scope)


def test_exact_only_when_every_case_of_the_scope_is_readable(network):
    both = make_user("both_roles", (network.social, Role.CASE_MANAGER), (network.social, Role.LOCAL_COORDINATOR))
    actor = actor_for_user(both)
    riga = queries.scope_for(actor, "municipality")
    add_cases(network.social, network.riga, n=2)
    assert queries.sees_every_case(actor, riga)
    add_cases(network.shelter, network.riga)  # a case she cannot read
    assert not queries.sees_every_case(actor, riga)


@pytest.mark.parametrize("params", [{"municipality": "riga"}, {"country": "LV"}, {"organisation": "shelter"}])
def test_another_scope_is_a_404(client, cases, params):
    key = {"riga": str(cases.riga.pk), "shelter": str(cases.shelter.pk)}
    given = {name: key.get(value, value) for name, value in params.items()}
    assert api(client, cases.outsider_case_manager, **given).status_code == 404


def test_own_scope_without_the_right_is_a_recorded_403(client, cases):
    assert api(client, cases.social_worker, organisation=str(cases.social.pk)).status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied", detail__permission="stats.organisation").exists()
    assert api(client, cases.outsider_case_manager, municipality=str(cases.vilnius.pk)).status_code == 403


@pytest.mark.parametrize("params", [{}, {"organisation": "x"}, {"country": "LV", "municipality": "x"},
                                    {"country": "LV", "year": 1999}, {"country": "LV", "year": 2999}])
def test_bad_parameters_are_a_400_naming_the_problem(client, cases, params):
    sign_in(client, cases.national_coordinator)
    response = client.get("/api/v1/stats/registered-victims/", params)
    assert response.status_code == 400 and response.json()


@pytest.mark.parametrize(("persona", "url", "status"), [
    ("no_role", "/stats/", 404), ("no_role", "/stats/organisation/", 404),
    ("social_worker", "/stats/", 403), ("social_worker", "/stats/organisation/report/", 403),
    ("outsider_case_manager", "/stats/country/", 403), ("national_coordinator", "/stats/municipality/", 404),
    ("case_manager", "/stats/elsewhere/", 404), ("case_manager", "/stats/organisation/report/download.pdf", 404),
])
def test_pages_refuse_outsiders_and_members_without_the_right(client, network, persona, url, status):
    sign_in(client, getattr(network, persona))
    assert client.get(url).status_code == status


def test_statistics_lead_to_the_first_scope_and_sit_in_the_navigation(client, network):
    sign_in(client, network.local_coordinator)
    response = client.get("/stats/")
    assert response.status_code == 302 and response.url == "/stats/municipality/"
    page = client.get(response.url)
    assert b'href="/stats/"' in page.content


# What the pages and downloads show ------------------------------------------------------------------------

def test_the_dashboard_shows_protected_figures_with_the_mark_and_records_the_view(client, cases):
    sign_in(client, cases.national_coordinator)
    page = client.get("/stats/country/", {"year": YEAR}).content.decode()
    assert "Referrals between organisations" in page and "Services delivered by type" in page
    assert '<abbr title="suppressed">c</abbr>' in page and "<svg" in page
    event = AuditEvent.objects.filter(action="stats.viewed", detail__scope="country").get()
    assert event.detail == {"page": "dashboard", "scope": "country", "year": YEAR, "exact": False}


def test_a_wrong_year_is_explained_and_the_current_year_shown(client, network):
    sign_in(client, network.case_manager)
    page = client.get("/stats/organisation/report/", {"year": "2999"}).content.decode()
    assert "ds-error-summary" in page and "Choose a year up to" in page
    page = client.get("/stats/organisation/report/").content.decode()  # no year: the current one, in the field
    assert f'value="{timezone.localdate().year}"' in page and "ds-error-summary" not in page


def test_downloads_hold_exactly_the_protected_figures(client, cases):
    sign_in(client, cases.national_coordinator)
    text = client.get("/stats/country/report/download.csv", {"year": YEAR}).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    status_at = lines.index(["Registered victims by status"])
    assert lines[status_at + 1:status_at + 5] == [["Status", "Number"], ["Identified", "c"], ["Presumed", "c"],
                                                  ["Total", "17"]]
    assert "3" not in {value for line in lines for value in line}
    book = load_workbook(io.BytesIO(client.get("/stats/country/report/download.xlsx", {"year": YEAR}).content))
    rows = [[value for value in row if value is not None] for row in book.active.iter_rows(values_only=True)]
    assert rows[status_at + 2:status_at + 5] == [["Identified", "c"], ["Presumed", "c"], ["Total", 17]]
    board = client.get("/stats/country/dashboard/download.xlsx", {"year": YEAR})
    assert board["Content-Disposition"] == f'attachment; filename="strom-dashboard-country-{YEAR}.xlsx"'
    titles = [row[0] for row in load_workbook(io.BytesIO(board.content)).active.iter_rows(values_only=True)]
    assert "Referrals between organisations" in titles and "Services delivered by payer" in titles


# How cases are counted ------------------------------------------------------------------------------------

def test_identified_and_presumed_are_what_the_case_went_through(network):
    add_cases(network.shelter, network.riga, stage="closed", passed=("presumed_victim", "identified", "closed"))
    add_cases(network.shelter, network.riga, stage="transferred", passed=("presumed_victim", "transferred"))
    decided = add_cases(network.shelter, network.riga, stage="short_term_assistance")[0]
    IdentificationDecision.objects.create(case=decided, authority="State Police", level=DecisionLevel.FORMAL,
                                          decided_on=date(YEAR, 7, 1), outcome=DecisionOutcome.POSITIVE)
    add_cases(network.shelter, network.riga, stage="screening")
    add_cases(network.shelter, network.riga, year=YEAR - 1)
    scope = queries.Scope("organisation", str(network.shelter.pk), "", "LV")
    report = reports.registered_victims(scope, YEAR, exact=True)
    status = report.figures[0].protected
    assert (status.cell("identified").value, status.cell("presumed").value) == (2, 1)
    signals = dashboards.build(scope, YEAR, exact=True).sections[0][1][1].protected
    assert signals.cell(str(YEAR)).value == 1


def test_referrals_and_services_are_counted_for_the_organisation(network):
    kind = ServiceType.objects.get_or_create(code="safe_accommodation", defaults={"name": "Safe accommodation"})[0]
    beds = Service.objects.create(organisation=network.social, type=kind, name="Beds", consent="verbal",
                                  answer_time=24, answer_unit="hours")
    add_referrals(network.shelter, beds, answered_after_hours=(2, 30, 100), unanswered=1)
    add_referrals(network.outsider, beds, answered_after_hours=(5,), state="declined")
    case = add_cases(network.shelter, network.riga)[0]
    add_delivered(case, network.case_manager, service=beds, n=2)
    add_delivered(case, network.case_manager, provider="A private clinic", payer="ngo")
    social = queries.Scope("organisation", str(network.social.pk), "", "LV")
    _victims, referrals, services, _hotline = (figures for _s, figures in
                                               dashboards.build(social, YEAR, exact=True).sections)
    flows, states = (figure.protected for figure in referrals)
    assert flows.cell("Riga Safe House", "Riga Social Service").value == 4
    assert flows.cell("Vilnius Outsider NGO", "Riga Social Service").value == 1
    assert [states.cell(state, TOTAL).value for state in ("accepted", "declined", "sent")] == [3, 1, 1]
    assert [states.cell(TOTAL, band).value for band in dashboards.BANDS] == [2, 1, 1, 1]
    assert states.cell("sent", "unanswered").value == 1 and states.cell("declined", "within_1_day").value == 1
    by_type, by_payer = (figure.protected for figure in services)
    assert by_type.cell("safe_accommodation").value == 2  # delivered by the social service itself
    assert by_type.cell("outside_directory").value == 0  # the clinic is not the social service
    riga = queries.Scope("municipality", str(network.riga.pk), "", "LV")
    by_payer = dashboards.services_section(riga, YEAR, exact=True)[1].protected
    # Beyond one organisation flows and services are protected even for a viewer of every case.
    assert not by_payer.exact and by_payer.cell("municipality").suppressed and by_payer.cell("ngo").suppressed
    assert not dashboards.referrals_section(riga, YEAR, exact=True)[0].protected.exact


def test_query_count_stays_the_same_as_cases_grow(network):
    scope = queries.Scope("country", "LV", "Latvia", "LV")

    def statements():
        with CaptureQueriesContext(connection) as captured:
            dashboards.build(scope, YEAR, exact=False)
            reports.registered_victims(scope, YEAR, exact=False)
        return len(captured)

    add_cases(network.shelter, network.riga, n=2)
    few = statements()
    many_small_cells(network.shelter, network.riga, cases=40)
    assert statements() == few


# The command ----------------------------------------------------------------------------------------------

def test_the_command_prints_the_apis_report(client, cases):
    out = io.StringIO()
    call_command("stats_report", "--year", str(YEAR), "--organisation", "riga safe house", "--format", "json",
                 stdout=out)
    printed = json.loads(out.getvalue())
    from_api = api(client, cases.org_admin, organisation=str(cases.shelter.pk)).json()
    assert printed == from_api  # both protected: the administrator has no case access
    out = io.StringIO()
    call_command("stats_report", "--year", str(YEAR), "--organisation", str(cases.shelter.pk), "--format", "csv",
                 stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["table", "dimension_1", "value_1", "dimension_2", "value_2", "count", "suppressed"]
    assert ["status", "status", TOTAL, "", "", "15", "no"] in rows
    assert ["status", "status", "identified", "", "", "", "yes"] in rows


def test_the_command_refuses_an_unknown_organisation_and_a_future_year(cases):
    with pytest.raises(CommandError):
        call_command("stats_report", "--year", str(YEAR), "--organisation", "Nobody", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("stats_report", "--year", "2999", "--country", "LV", stdout=io.StringIO())


# Disclosure over the actual tables ------------------------------------------------------------------------

def test_no_suppressed_figure_of_the_generated_report_can_be_recomputed(network):
    """Many small cells: each protected table survives the linear-programme attacker, and the tables share
    nothing but a grand total that all of them publish alike (so attacking them together adds nothing)."""
    many_small_cells(network.shelter, network.riga, cases=70)
    many_small_cells(network.social, network.riga, cases=40, year=YEAR - 1, seed=3)
    kind = ServiceType.objects.get_or_create(code="safe_accommodation", defaults={"name": "Safe accommodation"})[0]
    for n, receiver in enumerate((network.social, network.shelter)):
        beds = Service.objects.create(organisation=receiver, type=kind, name="Beds", consent="verbal",
                                      answer_time=24, answer_unit="hours")
        for sender in (network.police, network.hotline, network.outsider):
            add_referrals(sender, beds, answered_after_hours=(1, 50, 90)[n:], unanswered=n * 2)
    scope = queries.Scope("municipality", str(network.riga.pk), "Rīga", "LV")
    board = dashboards.build(scope, YEAR, exact=False)
    protected = [figure.protected for figure in board.figures() if figure.name != "registered_by_year"]
    assert sum(table.suppressed_count for table in protected) > 20
    for table in protected:
        if all(table.table.categories):
            assert_safe(table)
    report = [figure.protected for figure in reports.registered_victims(scope, YEAR, exact=False).figures]
    totals = {(table.grand_total.value, table.grand_total.suppressed) for table in report}
    assert len(totals) == 1
    over_time = board.figures()[0].protected
    assert over_time.cell(str(YEAR)).value == report[0].grand_total.value
    assert over_time.grand_total.suppressed  # no total over the years to subtract from
