"""The cost pages, persona by persona: a case's cost and staff time, the figures of a municipality and
year (disclosure control, CSV), and the rates a local coordinator keeps."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.cases.tests.helpers import open_shelter_case
from strom.costs import queries, services
from strom.costs.models import StaffTime, UnitCost
from strom.costs.tests.conftest import DAY, deliver
from strom.testing import sign_in

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def known_case(network, case, directory):
    """state 14 × 35.00 = 490.00; NGO 3 × 45.00 = 135.00; municipality 2 × 60.50 (unit cost) + staff
    2.5 h × 28.40 = 71.00 + 15 % overhead 10.65 = 202.65; 827.65 in all."""
    deliver(network, case, directory["shelter"], units="14", unit="night", unit_cost="35.00", payer="state",
            end=date(2026, 3, 14))
    deliver(network, case, directory["counselling"], units="3", unit="session", unit_cost="45.00", payer="ngo",
            end=date(2026, 3, 20))
    deliver(network, case, directory["medical"], units="2", unit="item", unit_cost="0", payer="municipality")
    services.record_staff_time(actor_for_user(network.case_manager), case, on=date(2026, 3, 2),
                               hours=Decimal("2.5"), profession="social worker", payer="municipality")


# --- A case's cost ----------------------------------------------------------------------------------


def test_a_case_with_known_services_gives_the_exact_totals_by_payer(network, case, directory, rates):
    known_case(network, case, directory)
    cost = queries.cost_of(case).cost
    assert cost.by_payer() == {("state", "EUR"): Decimal("490.00"), ("ngo", "EUR"): Decimal("135.00"),
                               ("municipality", "EUR"): Decimal("202.65")}
    assert cost.totals() == {"EUR": Decimal("827.65")} and cost.days() == 20


def test_the_cost_tab_shows_the_lines_and_totals_and_is_recorded(client, network, case, directory, rates):
    known_case(network, case, directory)
    sign_in(client, network.case_manager)
    page = body(client.get(reverse("costs:case", args=[case.pk])))
    assert "827.65 EUR" in page and "202.65 EUR" in page and "10.65 EUR" in page and "20 days" in page
    assert "unit cost of the municipality" in page
    assert AuditEvent.objects.filter(action="costs.viewed", target_id=str(case.pk)).exists()
    assert reverse("costs:case", args=[case.pk]) in body(client.get(reverse("cases:detail", args=[case.pk])))


@pytest.mark.parametrize("name", ["costs:case", "costs:staff_time_add"])
def test_outsiders_get_404_and_members_without_the_right_403(client, network, case, name):
    url = reverse(name, args=[case.pk])
    sign_in(client, network.outsider_case_manager)
    assert client.get(url).status_code == 404
    sign_in(client, network.org_admin)  # a member of the lead organisation without case.read
    assert client.get(url).status_code == 403


def test_staff_time_is_recorded_by_the_case_writer(client, network, case, rates):
    sign_in(client, network.case_manager)
    url = reverse("costs:staff_time_add", args=[case.pk])
    response = client.post(url, {"on": "2026-03-02", "hours": "1.50", "profession": "social worker",
                                 "payer": "municipality"})
    assert response.status_code == 302
    entry = StaffTime.objects.get(case=case)
    assert entry.hours == Decimal("1.50") and entry.recorded_by == network.case_manager
    assert AuditEvent.objects.filter(action="costs.staff_time_recorded", target_id=str(case.pk)).exists()


def test_bad_staff_time_gets_a_message_and_changes_nothing(client, network, case, rates):
    sign_in(client, network.case_manager)
    response = client.post(reverse("costs:staff_time_add", args=[case.pk]),
                           {"on": "2026-03-02", "hours": "30", "profession": "social worker", "payer": "state"})
    assert response.status_code == 200 and "at most 24" in body(response)
    assert not StaffTime.objects.exists()


def test_the_forecast_of_the_plan_is_on_the_cost_tab(client, network, case, directory):
    from strom.assistance import services as assistance

    UnitCost.objects.create(service_type=directory["shelter"].type, payer="state", unit="night",
                            amount=Decimal("35.00"), currency="EUR", country="LV", municipality=network.riga,
                            valid_from=date(2025, 1, 1), source="test", created_by=network.local_coordinator)
    assistance.plan_service(actor_for_user(network.case_manager), case, service=directory["shelter"],
                            date_from=date(2026, 6, 1), date_to=date(2026, 6, 30))
    sign_in(client, network.case_manager)
    page = body(client.get(reverse("costs:case", args=[case.pk])))
    assert "1050.00 EUR" in page and "one night per day of the planned period" in page


# --- The figures of a municipality and a year -------------------------------------------------------


def riga_cases(network, directory, n, *, ngo_for=0):
    made = []
    for i in range(n):
        case = open_shelter_case(network)
        deliver(network, case, directory["shelter"], units="10", unit="night", unit_cost="30.00", payer="state",
                end=date(2026, 3, 10))
        if i < ngo_for:
            deliver(network, case, directory["counselling"], units="1", unit="session", unit_cost="40.00",
                    payer="ngo")
        made.append(case)
    return made


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_local_coordinator_sees_her_municipality_with_small_cells_suppressed(client, network, directory,
                                                                                 settings):
    settings.DISCLOSURE_THRESHOLD = 3
    services.save_basket(None, country="LV", days=180, source="test")
    riga_cases(network, directory, 3, ngo_for=1)
    sign_in(client, network.local_coordinator)
    page = body(client.get(reverse("costs:report"), {"year": "2026"}))
    assert "suppressed (too few cases)" in page
    rows = csv_rows(client.get(reverse("costs:report_csv"), {"year": "2026"}))
    by_payer = {row[1]: row for row in rows if row[0] == "By payer"}
    assert by_payer["NGO own funds"][3:5] == ["suppressed", "suppressed"]
    assert by_payer["State"][3:5] == ["suppressed", "suppressed"]  # else NGO = total − State
    assert by_payer["Total"][3:5] == ["3", "940.00"]  # three cases: 3 × 300.00 + 40.00
    overall = next(row for row in rows if row[0] == "All cases")
    # 313.33 per person: (340 + 300 + 300) / 3; per day 340/10 = 34, 30, 30 → mean 31.33, median 30.
    assert overall[3:] == ["3", "940.00", "313.33", "300.00", "31.33", "30.00"]
    basket = {row[1]: row[4] for row in rows if row[0] == "Compared with the national basket"}
    # (10 + 10 + 10) / 3 days; 180 days × the median 30.00 per day
    assert basket == {"Days of the national basket": "180", "Mean days of assistance": "10.00",
                      "The basket's days at the median cost per day": "5400.00"}


def test_fewer_cases_than_the_threshold_withhold_the_figures(client, network, directory, settings):
    settings.DISCLOSURE_THRESHOLD = 3
    riga_cases(network, directory, 2)
    sign_in(client, network.local_coordinator)
    page = body(client.get(reverse("costs:report"), {"year": "2026"}))
    assert "the figures are withheld" in page and "600.00" not in page
    assert all("600.00" not in cell for row in csv_rows(client.get(reverse("costs:report_csv"), {"year": "2026"}))
               for cell in row)


def test_the_figures_are_exact_only_for_a_viewer_who_may_read_every_case(network, directory):
    cases = riga_cases(network, directory, 2)
    ids = [str(c.pk) for c in cases]
    assert queries.sees_every_case(actor_for_user(network.case_manager), ids)
    assert not queries.sees_every_case(actor_for_user(network.local_coordinator), ids)
    assert not queries.sees_every_case(actor_for_user(network.outsider_case_manager), ids)


def test_the_national_coordinator_sees_every_municipality_of_her_country(client, network, directory, settings):
    settings.DISCLOSURE_THRESHOLD = 2
    riga_cases(network, directory, 2)
    sign_in(client, network.national_coordinator)
    page = body(client.get(reverse("costs:report"), {"year": "2026"}))
    assert "By municipality" in page and "Rīga" in page and "Vilnius" not in page
    assert client.get(reverse("costs:report"), {"municipality": network.riga.pk}).status_code == 200
    assert client.get(reverse("costs:report"), {"municipality": network.vilnius.pk}).status_code == 404


@pytest.mark.parametrize("name", ["costs:report", "costs:report_csv"])
def test_the_figures_need_a_statistics_right_and_her_own_municipality(client, network, name):
    sign_in(client, network.case_manager)
    assert client.get(reverse(name)).status_code == 403
    sign_in(client, network.local_coordinator)
    assert client.get(reverse(name), {"municipality": network.vilnius.pk}).status_code == 404
    assert client.get(reverse(name), {"year": "not a year"}).status_code == 200


def test_the_report_costs_the_same_statements_for_more_cases(client, network, directory):
    riga_cases(network, directory, 1)
    sign_in(client, network.national_coordinator)
    url = reverse("costs:report")
    client.get(url, {"year": "2026"})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"year": "2026"})
    riga_cases(network, directory, 4, ngo_for=2)
    with CaptureQueriesContext(connection) as more:
        client.get(url, {"year": "2026"})
    assert len(more) == len(few)


# --- Rates ------------------------------------------------------------------------------------------


def add_unit_cost(client, directory, **changes):
    data = {"service_type": directory["shelter"].type.pk, "payer": "state", "unit": "night", "amount": "35.00",
            "currency": "EUR", "valid_from": "2026-01-01", "valid_to": "", "source": "Council decision 12/2025",
            **changes}
    return client.post(reverse("costs:rate_add", args=["unit-cost"]), data)


def test_the_local_coordinator_keeps_her_municipality_s_rates_versioned(client, network, directory):
    sign_in(client, network.local_coordinator)
    assert client.get(reverse("costs:rates")).status_code == 200
    assert add_unit_cost(client, directory).status_code == 302
    assert add_unit_cost(client, directory, amount="38.00", valid_from="2026-07-01").status_code == 302
    first, second = UnitCost.objects.order_by("valid_from")
    assert first.municipality == network.riga and first.valid_to == date(2026, 6, 30)
    assert second.amount == Decimal("38.00") and second.valid_to is None
    assert first.history.count() == 2  # created, then ended
    assert AuditEvent.objects.filter(action="costs.unit_cost_added").count() == 2


def test_a_rate_that_would_overlap_a_later_one_is_refused_with_a_message(client, network, directory):
    sign_in(client, network.local_coordinator)
    add_unit_cost(client, directory, valid_from="2026-07-01")
    response = add_unit_cost(client, directory, valid_from="2026-01-01")
    assert response.status_code == 200 and "already starts on" in body(response)
    assert UnitCost.objects.count() == 1
    response = add_unit_cost(client, directory, valid_from="2026-01-01", amount="-1")
    assert response.status_code == 200 and UnitCost.objects.count() == 1


@pytest.mark.parametrize("kind", ["staff-rate", "overhead"])
def test_staff_rates_and_overhead_are_added_too(client, network, kind):
    sign_in(client, network.local_coordinator)
    data = {"profession": "Social  Worker", "hourly": "28.40", "currency": "EUR", "percent": "15",
            "valid_from": "2026-01-01", "source": "Pay scale 2026"}
    assert client.post(reverse("costs:rate_add", args=[kind]), data).status_code == 302
    rates = queries.rates_of(network.riga)
    assert len(rates["staff_rates"] if kind == "staff-rate" else rates["overheads"]) == 1
    if kind == "staff-rate":
        assert queries.professions_for(network.riga) == ["social worker"]


def test_a_rate_is_ended_by_its_municipality_only(client, network, directory):
    sign_in(client, network.local_coordinator)
    add_unit_cost(client, directory)
    rate = UnitCost.objects.get()
    url = reverse("costs:rate_end", args=["unit-cost", rate.pk])
    assert client.post(url, {"valid_to": "2025-12-31"}).status_code == 200  # before it starts: refused
    assert client.post(url, {"valid_to": "2026-12-31"}).status_code == 302
    rate.refresh_from_db()
    assert rate.valid_to == date(2026, 12, 31)
    UnitCost.objects.filter(pk=rate.pk).update(municipality=network.vilnius, country="LT")
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("name,args", [("costs:rates", []), ("costs:rate_add", ["unit-cost"])])
def test_rates_need_costs_manage(client, network, name, args):
    sign_in(client, network.national_coordinator)
    assert client.get(reverse(name, args=args)).status_code == 403


def test_the_navigation_offers_the_costs_to_local_and_national_statistics_readers(client, network):
    link = f'href="{reverse("costs:report")}"'
    for reader in (network.local_coordinator, network.national_coordinator):
        sign_in(client, reader)
        assert link in body(client.get(reverse("home")))
    sign_in(client, network.case_manager)
    assert link not in body(client.get(reverse("home")))


def test_a_day_in_the_future_is_refused_for_staff_time(network, case):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.record_staff_time(actor_for_user(network.case_manager), case, on=date(2999, 1, 1),
                                   hours=Decimal("1"), profession="x", payer="state")
    assert DAY.year == 2026


def test_a_rate_cannot_be_ended_into_its_newer_version(client, network, directory):
    sign_in(client, network.local_coordinator)
    add_unit_cost(client, directory)
    add_unit_cost(client, directory, amount="38.00", valid_from="2026-07-01")
    first = UnitCost.objects.get(valid_from=date(2026, 1, 1))
    response = client.post(reverse("costs:rate_end", args=["unit-cost", first.pk]), {"valid_to": "2026-12-31"})
    assert response.status_code == 200 and "A newer version of this rate starts on" in body(response)
    first.refresh_from_db()
    assert first.valid_to == date(2026, 6, 30)


def test_staff_time_needs_a_profession_with_a_rate(network, case, rates):
    from django.core.exceptions import ValidationError

    actor = actor_for_user(network.case_manager)
    with pytest.raises(ValidationError) as refused:
        services.record_staff_time(actor, case, on=DAY, hours=Decimal("1"), profession="astrologer", payer="state")
    assert "profession" in refused.value.message_dict and not StaffTime.objects.exists()
    entry = services.record_staff_time(actor, case, on=DAY, hours=Decimal("1"), profession=" Social  Worker ",
                                       payer="state")
    assert entry.profession == "social worker"


def test_a_case_is_priced_by_its_municipality_then_its_country_never_by_another_place(network, case, directory):
    keep = {"service_type": directory["medical"].type, "payer": "state", "unit": "item", "currency": "EUR",
            "valid_from": date(2025, 1, 1), "source": "test", "created_by": network.local_coordinator}
    UnitCost.objects.create(country="LT", municipality=network.vilnius, amount=Decimal("99.00"), **keep)
    deliver(network, case, directory["medical"], units="1", unit="item", unit_cost="0", payer="state")
    assert queries.cost_of(case).cost.totals() == {}  # Vilnius's price is not Riga's
    UnitCost.objects.create(country="LV", municipality=None, amount=Decimal("50.00"), **keep)
    assert queries.cost_of(case).cost.totals() == {"EUR": Decimal("50.00")}
    UnitCost.objects.create(country="LV", municipality=network.riga, amount=Decimal("45.00"), **keep)
    assert queries.cost_of(case).cost.totals() == {"EUR": Decimal("45.00")}
    tariffs = queries.tariffs_by_municipality([network.riga, network.vilnius])
    assert len(tariffs[network.riga.pk].unit_costs) == 2 and len(tariffs[network.vilnius.pk].unit_costs) == 1
