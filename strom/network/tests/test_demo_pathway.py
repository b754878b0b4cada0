"""The demo network's services (load_demo) give every demo city a working pathway."""

from __future__ import annotations

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from strom.accounts.management.commands.load_demo import parse_hours
from strom.network.finder import find_services
from strom.network.models import HoursException, Municipality, OpeningHours, Service
from strom.network.pathway import Need

pytestmark = pytest.mark.django_db
TUESDAY_NOON_UTC = datetime(2026, 3, 3, 12, tzinfo=UTC)


def load_demo():
    call_command("load_demo", stdout=StringIO())


def counts():
    return Service.objects.count(), OpeningHours.objects.count(), HoursException.objects.count()


def test_load_demo_is_idempotent_and_sets_time_zones():
    load_demo()
    first = counts()
    load_demo()
    assert counts() == first and first[0] >= 30
    zones = dict(Municipality.objects.values_list("name", "time_zone"))
    assert zones["Rīga"] == "Europe/Riga" and zones["Berlin"] == "Europe/Berlin" and zones["Oslo"] == "Europe/Oslo"


@pytest.mark.parametrize("city, language, expected", [
    ("Rīga", "ru", "Safe accommodation for survivors of trafficking"),
    ("Vilnius", "pl", "Caritas shelter for survivors of trafficking"),
    ("Tallinn", "ru", "Shelter for women and their children"),
    ("Berlin", "ro", "Protected housing"),
])
def test_each_demo_city_has_a_shelter_that_fits_a_woman_with_children(city, language, expected):
    load_demo()
    need = Need(municipality_id=Municipality.objects.get(name=city).pk, age=30, sex="female",
                languages=(language,), accompanied_children=True, service_types=("safe_accommodation",), urgent=True)
    with translation.override("en"):
        results = find_services(need, now=TUESDAY_NOON_UTC, include_misfits=False)
    assert results and results[0].service.name == expected
    assert results[0].reachable_now


def test_parse_hours():
    assert [(d, o.hour, c.hour) for d, o, c in parse_hours("Mon-Wed 09:00-17:00; Fri, Sun 20:00-02:00")] == [
        (0, 9, 17), (1, 9, 17), (2, 9, 17), (4, 20, 2), (6, 20, 2)]
    with pytest.raises(ValueError):
        parse_hours("weekdays 9 to 5")


def test_the_demo_has_rigas_working_group_with_work_for_its_members():
    from strom.accounts.models import User
    from strom.accounts.policies import actor_for_user
    from strom.network.models import Partnership
    from strom.web.work import work_for

    load_demo()
    load_demo()  # still one group, not two
    group = Partnership.objects.get(municipality__name="Rīga")
    assert group.members.count() == 6 and group.meetings.count() == 2 and group.agreements.count() == 1
    social_worker = work_for(actor_for_user(User.objects.get(username="social.worker")))
    assert any("school social workers" in item.title and "Overdue" in item.description for item in social_worker)
    case_manager = work_for(actor_for_user(User.objects.get(username="case.manager")))
    assert any("checklist" in item.title for item in case_manager)
