"""The standard report's tables offered for public release: the same exact counts the report has for the
releasing organisation's country, and every declared category released."""

import pytest

from strom.accounts.policies import actor_for_user
from strom.stats import release_services, reports
from strom.stats.models import Dataset
from strom.stats.queries import COUNTRY, Scope
from strom.stats.release_tables import public_table
from strom.stats.tests.data import add_cases

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def cases(network):
    add_cases(network.shelter, network.riga, n=12)
    add_cases(network.shelter, network.riga, n=3, stage="identified", gender="Masculine", age="child",
              citizenships=("UA",), forms=("labour",))
    add_cases(network.outsider, network.vilnius, n=4)  # another country: not in Latvia's tables
    return network


@pytest.mark.parametrize("name", ["status", "sex_by_age", "citizenship", "exploitation"])
def test_a_public_table_counts_what_the_countrys_report_counts(cases, name):
    table = public_table(Dataset.CASES, name).build(cases.coordinator, YEAR)
    report = reports.registered_victims(Scope(COUNTRY, "LV", "Latvia", "LV"), YEAR, exact=True)
    [shown] = [figure.protected.table for figure in report.figures if figure.name == name]
    assert table == shown
    assert sum(table.counts.values()) == 15


def test_the_national_coordinator_releases_every_category_of_a_report_table(cases):
    coordinator = actor_for_user(cases.national_coordinator)
    release_services.set_budget(coordinator, dataset=Dataset.CASES, year=YEAR, epsilon_total="1.0")
    table = public_table(Dataset.CASES, "sex_by_age").build(cases.coordinator, YEAR)
    noisy = release_services.release(coordinator, Dataset.CASES, YEAR, table, "0.5").noisy_table()
    declared = {(sex, age) for sex in table.categories[0] for age in table.categories[1]}
    assert set(noisy.values) == declared and all(value >= 0 for value in noisy.values.values())


def test_the_release_pages_speak_in_words_and_a_mangled_cursor_shows_the_first_page(client, cases):
    from strom.testing import sign_in

    coordinator = actor_for_user(cases.national_coordinator)
    release_services.set_budget(coordinator, dataset=Dataset.CASES, year=YEAR, epsilon_total="1.0")
    table = public_table(Dataset.CASES, "sex_by_age").build(cases.coordinator, YEAR)
    published = release_services.release(coordinator, Dataset.CASES, YEAR, table, "0.5")
    sign_in(client, cases.national_coordinator)
    index = client.get("/stats/public/releases/", {"after": "not-a-cursor"})
    assert index.status_code == 200 and "Registered victims by sex and age" in index.content.decode()
    detail = client.get(f"/stats/public/releases/{published.pk}/").content.decode()
    assert '<th scope="col">Sex</th><th scope="col">Age</th>' in detail and "Female" in detail
    assert '<th scope="col">sex</th>' not in detail
