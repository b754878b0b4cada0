"""The pathway finder against the database (strom/network/finder.py), with the persona network."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from strom.network.finder import candidate_services, find_services, is_public_holiday
from strom.network.models import HoursException, Municipality, OpeningHours, Organisation, Service, ServiceType
from strom.network.pathway import Need

pytestmark = pytest.mark.django_db

MONDAY_10 = datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Europe/Riga")).astimezone(UTC)
OFFICE = [(weekday, time(9), time(17)) for weekday in range(5)]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def add_service(organisation, type_code, name, *, areas=(), hours=OFFICE, **fields) -> Service:
    service = Service.objects.create(organisation=organisation, type=ServiceType.objects.get(code=type_code),
                                     name=name, **fields)
    service.areas.set(areas)
    OpeningHours.objects.bulk_create(OpeningHours(service=service, weekday=w, opens=o, closes=c) for w, o, c in hours)
    return service


def found(results) -> list[str]:
    return [result.service.name for result in results]


@pytest.fixture
def services(network):
    n = network
    return {
        "shelter": add_service(n.shelter, "safe_accommodation", "Riga shelter", areas=[n.riga], always_open=True,
                               hours=(), languages=["lv", "ru"], sexes=["female"], capacity_total=8,
                               capacity_free=2, capacity_updated_at=MONDAY_10 - timedelta(hours=3)),
        "counselling": add_service(n.social, "psychological", "Riga counselling", areas=[n.riga],
                                   languages=["lv", "ru", "en"]),
        "police": add_service(n.police, "police_report", "Police duty desk", whole_country=True, hours=(),
                              phone_24_7="112"),
        "vilnius": add_service(n.hotline, "psychological", "Vilnius counselling", areas=[n.vilnius]),
        "inactive": add_service(n.social, "psychological", "Closed-down counselling", areas=[n.riga],
                                is_active=False),
    }


def test_finds_the_needed_types_that_serve_the_municipality(network, services):
    need = Need(municipality_id=network.riga.pk, service_types=("psychological", "police_report"))
    results = find_services(need, now=MONDAY_10)
    assert found(results) == ["Riga counselling", "Police duty desk"]
    assert results[0].fits and results[0].open_now
    assert "Serves the whole country" in [reason.text for reason in results[1].reasons]


def test_whole_country_stays_in_its_country(network, services):
    need = Need(municipality_id=network.vilnius.pk, service_types=("psychological", "police_report"))
    assert found(find_services(need, now=MONDAY_10)) == ["Vilnius counselling"]


def test_inactive_organisations_are_left_out(network, services):
    Organisation.objects.filter(pk=network.social.pk).update(is_active=False)
    need = Need(municipality_id=network.riga.pk, service_types=("psychological",))
    assert found(find_services(need, now=MONDAY_10)) == []


def test_misfits_come_last_with_why_or_are_left_out(network, services):
    add_service(network.shelter, "safe_accommodation", "Riga men's shelter", areas=[network.riga],
                sexes=["male"], always_open=True, hours=(), capacity_free=5, capacity_updated_at=MONDAY_10)
    need = Need(municipality_id=network.riga.pk, sex="female", service_types=("safe_accommodation",))
    results = find_services(need, now=MONDAY_10)
    assert [(r.service.name, r.fits) for r in results] == [("Riga shelter", True), ("Riga men's shelter", False)]
    assert "Does not take women and girls" in [reason.text for reason in results[1].reasons]
    assert found(find_services(need, now=MONDAY_10, include_misfits=False)) == ["Riga shelter"]


def test_urgent_puts_what_can_be_reached_now_first(network, services):
    night = datetime(2026, 3, 2, 23, tzinfo=ZoneInfo("Europe/Riga")).astimezone(UTC)
    need = Need(municipality_id=network.riga.pk, service_types=("psychological", "police_report"), urgent=True)
    results = find_services(need, now=night)
    assert found(results) == ["Police duty desk", "Riga counselling"]
    assert [r.reachable_now for r in results] == [True, False]


def test_public_holidays_come_from_the_country_calendar(network, services):
    assert is_public_holiday("LV", date(2026, 5, 4))  # Restoration of Independence Day, a Monday
    assert not is_public_holiday("LT", date(2026, 5, 4))
    assert not is_public_holiday("", date(2026, 5, 4))
    assert not is_public_holiday("XX", date(2026, 5, 4))  # a country the package does not know
    holiday_10 = datetime(2026, 5, 4, 10, tzinfo=ZoneInfo("Europe/Riga")).astimezone(UTC)
    need = Need(municipality_id=network.riga.pk, service_types=("psychological",))
    [counselling] = find_services(need, now=holiday_10)
    assert not counselling.open_now
    assert "Closed today: public holiday" in [reason.text for reason in counselling.reasons]
    Service.objects.filter(pk=services["counselling"].pk).update(open_on_public_holidays=True)
    assert find_services(need, now=holiday_10)[0].open_now


def test_exceptions_in_the_coming_days_are_read(network, services):
    HoursException.objects.create(service=services["counselling"], date=date(2026, 3, 2), note="Training day")
    need = Need(municipality_id=network.riga.pk, service_types=("psychological",))
    [counselling] = find_services(need, now=MONDAY_10)
    assert not counselling.open_now
    assert "Closed now; opens tomorrow at 09:00" in [reason.text for reason in counselling.reasons]


def test_special_hours_and_nights_past_midnight_come_through_the_database(network, services):
    HoursException.objects.create(service=services["counselling"], date=date(2026, 3, 2), opens=time(12, 30),
                                  closes=time(14, 15))
    services["vilnius"].areas.add(network.riga)
    services["vilnius"].hours.create(weekday=4, opens=time(22), closes=time(2))
    need = Need(municipality_id=network.riga.pk, service_types=("psychological",))
    one_pm = datetime(2026, 3, 2, 13, tzinfo=ZoneInfo("Europe/Riga")).astimezone(UTC)
    texts = [r.text for r in find_services(need, now=one_pm)[0].reasons]
    assert "Open now until 14:15" in texts
    saturday_night = datetime(2026, 3, 7, 1, 30, tzinfo=ZoneInfo("Europe/Riga")).astimezone(UTC)
    results = {r.service.name: r for r in find_services(need, now=saturday_night)}
    assert results["Vilnius counselling"].open_now  # Friday 22:00-02:00 (the persona network: Riga's zone)
    assert not results["Riga counselling"].open_now


def test_hours_are_in_the_local_time_of_the_organisation_else_of_the_person(network, services):
    Municipality.objects.filter(pk=network.vilnius.pk).update(time_zone="Europe/Vilnius")
    berlin = Municipality.objects.create(country="LT", name="Berlin-time test town", time_zone="Europe/Berlin")
    Organisation.objects.filter(pk=network.hotline.pk).update(municipality=berlin)
    services["vilnius"].areas.add(network.riga)
    services["police"].hours.create(weekday=0, opens=time(9), closes=time(10))
    nine_thirty_riga = datetime(2026, 3, 2, 9, 30, tzinfo=ZoneInfo("Europe/Riga")).astimezone(UTC)
    need = Need(municipality_id=network.riga.pk, service_types=("psychological", "police_report"))
    results = {r.service.name: r for r in find_services(need, now=nine_thirty_riga)}
    assert results["Riga counselling"].open_now
    assert not results["Vilnius counselling"].open_now  # 08:30 where its organisation is
    assert results["Police duty desk"].open_now  # a national body: the person's local time


def test_public_only(network, services):
    Service.objects.filter(pk=services["counselling"].pk).update(is_public=True)
    need = Need(municipality_id=network.riga.pk, service_types=("psychological", "police_report"))
    assert found(find_services(need, now=MONDAY_10, public_only=True)) == ["Riga counselling"]


def test_no_types_means_every_type(network, services):
    need = Need(municipality_id=network.riga.pk)
    assert set(found(find_services(need, now=MONDAY_10))) == {"Riga shelter", "Riga counselling", "Police duty desk"}


def test_an_unknown_municipality_finds_nothing(db):
    assert find_services(Need(municipality_id=uuid.uuid4()), now=MONDAY_10) == []


@pytest.mark.parametrize("extra", [0, 25])
def test_constant_number_of_queries(network, services, extra, django_assert_max_num_queries):
    for i in range(extra):
        service = add_service(network.social, "psychological", f"Extra {i}", areas=[network.riga])
        HoursException.objects.create(service=service, date=date(2026, 3, 3))
    need = Need(municipality_id=network.riga.pk, service_types=("psychological", "safe_accommodation",
                                                                "police_report"), languages=("ru",))
    with django_assert_max_num_queries(1):
        results = find_services(need, now=MONDAY_10)
        for result in results:  # what a results page shows: no query per row
            str(result.service.organisation), str(result.service.type), [r.text for r in result.reasons]
    assert len(results) == 3 + extra


def test_the_floor_query_selects_the_same_services(network, services):
    need = Need(municipality_id=network.riga.pk, service_types=("psychological", "police_report"))
    floor = {s.pk for s in candidate_services(need.municipality_id, need.service_types)}
    assert floor == {r.service.pk for r in find_services(need, now=MONDAY_10)}
