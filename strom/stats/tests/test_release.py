"""The privacy-loss ledger and public releases: the budget refuses a release past it, nothing is
stored then, re-asking never spends twice; pages and API under the same rules (404 outsiders, 403
members without the right)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from strom.accounts.policies import actor_for_user
from strom.api.tokens import create_token
from strom.audit.models import AuditEvent
from strom.stats import release_services, release_tables
from strom.stats.disclosure import TOTAL, Table
from strom.stats.models import Dataset, PrivacyLoss, PublicRelease
from strom.stats.release_tables import PublicTable
from strom.testing import sign_in

YEAR = 2025


def by_sex(organisation, year) -> Table:
    # What the statistics area will build from cases; here the exact counts are given.
    return Table("victims_by_sex", ("sex",), (("female", "male", "other"),),
                 {("female",): 14, ("male",): 3})


def by_age(organisation, year) -> Table:
    return Table("victims_by_age", ("age",), (("child", "adult"),), {("adult",): 20, ("child",): 2})


@pytest.fixture(autouse=True)
def public_tables():
    for build, label in ((by_sex, "Victims by sex"), (by_age, "Victims by age")):
        release_tables.register(PublicTable(Dataset.CASES, build(None, YEAR).name, label, build))
    yield
    release_tables.unregister(Dataset.CASES, "victims_by_sex")
    release_tables.unregister(Dataset.CASES, "victims_by_age")


@pytest.fixture
def coordinator(network):
    return actor_for_user(network.national_coordinator)


@pytest.fixture
def budget(coordinator):
    return release_services.set_budget(coordinator, dataset=Dataset.CASES, year=YEAR, epsilon_total="1.0")


def bearer(user) -> dict:
    _token, raw = create_token(user, name="stats", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_a_release_within_the_budget_is_recorded_with_its_loss(coordinator, budget):
    published = release_services.release(coordinator, Dataset.CASES, YEAR, by_sex(None, YEAR), "0.4",
                                         description="Annual report")
    noisy = published.noisy_table()
    assert set(noisy.values) == {("female",), ("male",), ("other",)}
    assert noisy.epsilon == 0.4 and published.loss.epsilon == Decimal("0.400")
    assert budget.spent() == Decimal("0.400")
    event = AuditEvent.objects.get(action="stats.released")
    assert event.detail["epsilon"] == "0.400" and event.target_id == str(published.pk)


def test_the_ledger_refuses_a_release_past_its_budget_and_stores_nothing(coordinator, budget):
    release_services.release(coordinator, Dataset.CASES, YEAR, by_sex(None, YEAR), "0.7")
    with pytest.raises(ValidationError) as refused:
        release_services.release(coordinator, Dataset.CASES, YEAR, by_age(None, YEAR), "0.4")
    assert "only 0.300" in refused.value.message_dict["epsilon"][0]
    assert PrivacyLoss.objects.count() == PublicRelease.objects.count() == 1
    assert AuditEvent.objects.filter(action="stats.released").count() == 1
    # Exactly what is left is still allowed.
    release_services.release(coordinator, Dataset.CASES, YEAR, by_age(None, YEAR), "0.3")
    assert budget.spent() == budget.epsilon_total


def test_asking_again_returns_the_same_release_without_spending(coordinator, budget):
    first = release_services.release(coordinator, Dataset.CASES, YEAR, by_sex(None, YEAR), "0.5")
    again = release_services.release(coordinator, Dataset.CASES, YEAR, by_sex(None, YEAR), "0.5")
    assert again.pk == first.pk and again.figures == first.figures
    assert budget.spent() == Decimal("0.500")


def test_no_budget_no_release(coordinator):
    with pytest.raises(ValidationError):
        release_services.release(coordinator, Dataset.CASES, YEAR, by_sex(None, YEAR), "0.1")
    assert not PrivacyLoss.objects.exists()


def test_a_budget_cannot_go_below_what_is_spent(coordinator, budget):
    release_services.release(coordinator, Dataset.CASES, YEAR, by_sex(None, YEAR), "0.6")
    with pytest.raises(ValidationError):
        release_services.set_budget(coordinator, dataset=Dataset.CASES, year=YEAR, epsilon_total="0.5")
    raised = release_services.set_budget(coordinator, dataset=Dataset.CASES, year=YEAR, epsilon_total="2")
    assert raised.pk == budget.pk and raised.epsilon_total == Decimal("2.000")


@pytest.mark.parametrize("epsilon", ["0", "0.0001", "-0.1", "11", "many", "NaN", "Infinity", "1e400", None])
def test_a_meaningless_epsilon_is_refused(coordinator, budget, epsilon):
    with pytest.raises(ValidationError):
        release_services.release(coordinator, Dataset.CASES, YEAR, by_sex(None, YEAR), epsilon)
    assert not PrivacyLoss.objects.exists()


def test_only_stats_publish_may_set_budgets_and_release(network, budget):
    for persona in (network.case_manager, network.auditor, network.local_coordinator):
        actor = actor_for_user(persona)
        with pytest.raises(PermissionDenied):
            release_services.release(actor, Dataset.CASES, YEAR, by_sex(None, YEAR), "0.1")
        with pytest.raises(PermissionDenied):
            release_services.set_budget(actor, dataset=Dataset.CASES, year=YEAR, epsilon_total="5")
    assert not PrivacyLoss.objects.exists()


def test_pages_prepare_preview_and_release(client, network, budget):
    sign_in(client, network.national_coordinator)
    assert client.get(reverse("stats:releases")).status_code == 200
    form = {"table": "cases:victims_by_sex", "year": YEAR, "epsilon": "0.5", "description": "Report"}
    preview = client.post(reverse("stats:release_prepare"), form)
    assert preview.status_code == 200 and b"Female" in preview.content  # the categories, in words
    assert not PrivacyLoss.objects.exists()  # a preview draws no noise and spends nothing
    done = client.post(reverse("stats:release_prepare"), {**form, "confirm": "1"})
    published = PublicRelease.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("stats:release", args=[published.pk])
    page = client.get(done["Location"])
    assert page.status_code == 200 and b"discrete Laplace" in page.content
    csv = client.get(reverse("stats:release_csv", args=[published.pk])).content.decode()
    assert csv.splitlines()[0].startswith("sex,count,mechanism")
    assert len(csv.splitlines()) == 5  # header, three categories, the total


def test_the_page_shows_a_refusal_past_the_budget_and_spends_nothing(client, network, budget):
    sign_in(client, network.national_coordinator)
    form = {"table": "cases:victims_by_age", "year": YEAR, "epsilon": "1.5", "confirm": "1"}
    response = client.post(reverse("stats:release_prepare"), form)
    assert response.status_code == 200 and b"ds-error-summary" in response.content
    assert not PrivacyLoss.objects.exists()


def test_the_budget_form_sets_a_budget(client, network):
    sign_in(client, network.national_coordinator)
    response = client.post(reverse("stats:release_budget"), {"dataset": "hotline", "year": YEAR, "epsilon_total": "2"})
    assert response.status_code == 302
    bad = client.post(reverse("stats:release_budget"), {"dataset": "hotline", "year": YEAR, "epsilon_total": "0"})
    assert bad.status_code == 200 and b"ds-error-summary" in bad.content


def test_outsiders_get_404_and_members_without_the_right_403(client, network, coordinator, budget):
    published = release_services.release(coordinator, Dataset.CASES, YEAR, by_sex(None, YEAR), "0.2")
    pages = [reverse("stats:release", args=[published.pk]), reverse("stats:release_csv", args=[published.pk])]
    api = reverse("api_stats_release", args=[published.pk])
    for outsider in (network.case_manager, network.outsider_case_manager, network.no_role):
        sign_in(client, outsider)
        assert [client.get(url).status_code for url in pages] == [404, 404]
        assert client.get(api, **bearer(outsider)).status_code == 404
    sign_in(client, network.auditor)  # a member of the coordinator's office without stats rights
    assert [client.get(url).status_code for url in pages] == [403, 403]
    assert client.get(api, **bearer(network.auditor)).status_code == 403
    for persona in (network.auditor, network.case_manager, network.no_role):
        sign_in(client, persona)
        assert client.get(reverse("stats:releases")).status_code == 403
        assert client.get(reverse("stats:release_prepare")).status_code == 403
        assert client.get(reverse("api_stats_releases"), **bearer(persona)).status_code == 403
        post = client.post(reverse("api_stats_releases"), {"dataset": "cases", "table": "victims_by_age",
                                                           "year": YEAR, "epsilon": "0.1"}, **bearer(persona))
        assert post.status_code == 403
    assert PrivacyLoss.objects.count() == 1


def test_api_creates_lists_and_reads_releases(client, network, budget):
    auth = bearer(network.national_coordinator)
    body = {"dataset": "cases", "table": "victims_by_sex", "year": YEAR, "epsilon": "0.6"}
    created = client.post(reverse("api_stats_releases"), body, content_type="application/json", **auth)
    assert created.status_code == 201
    data = created.json()
    assert [cell["key"] for cell in data["cells"]] == [["female"], ["male"], ["other"], [TOTAL]]
    assert data["epsilon"] == "0.600" and data["error_bound_95"] > 0 and data["sensitivity"] == 1
    refused = client.post(reverse("api_stats_releases"), {**body, "table": "victims_by_age"},
                          content_type="application/json", **auth)
    assert refused.status_code == 400 and "epsilon" in refused.json()
    unknown = client.post(reverse("api_stats_releases"), {**body, "table": "nope"},
                          content_type="application/json", **auth)
    assert unknown.status_code == 400
    listed = client.get(reverse("api_stats_releases"), **auth).json()
    assert [r["id"] for r in listed["results"]] == [data["id"]] and listed["next"] is None
    assert client.get(reverse("api_stats_release", args=[data["id"]]), **auth).json()["cells"] == data["cells"]
    assert PrivacyLoss.objects.count() == 1


def test_the_release_list_is_keyset_paginated_in_constant_queries(network, coordinator):
    from strom.stats import release_queries

    release_services.set_budget(coordinator, dataset=Dataset.CASES, year=YEAR, epsilon_total="10")
    for name in ("a", "b", "c"):
        release_services.release(coordinator, Dataset.CASES, YEAR, Table(name, ("k",), (("x",),)), "0.1")
    with CaptureQueriesContext(connection) as queries:
        first, cursor = release_queries.release_page(coordinator, size=2)
        [(r.budget.dataset, r.loss.epsilon, r.by_id) for r in first]
    assert len(queries) == 1
    second, last = release_queries.release_page(coordinator, after=cursor, size=2)
    assert len(first) == 2 and len(second) == 1 and last is None
    assert {r.table_name for r in first + second} == {"a", "b", "c"}


def test_the_demo_budgets_are_set_once(network):
    from strom.accounts.roles import Role
    from strom.stats.release_demo import load_demo_releases
    from strom.testing import make_user

    make_user("national.coordinator", (network.coordinator, Role.NATIONAL_COORDINATOR))
    assert load_demo_releases() == 2
    assert load_demo_releases() == 0
    assert AuditEvent.objects.filter(action="stats.budget_set").count() == 2
