"""Fixtures of the crisis part's tests: a crisis contact of the Vilnius hotline about a person in Riga,
and Riga services of the crisis pathway (a 24/7 shelter, a clinic open on weekdays only)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from strom.accounts.models import Membership
from strom.accounts.roles import Role
from strom.hotline.models import Caller, Contact
from strom.network.models import Service, ServiceType


def service_type(code: str) -> ServiceType:
    # get_or_create: a transactional (browser) test may run after another one flushed the migration's rows.
    return ServiceType.objects.get_or_create(code=code, defaults={"name": code.replace("_", " ").capitalize()})[0]


def make_contact(network, **fields) -> Contact:
    now = timezone.now()
    caller = Caller.objects.create(organisation=network.hotline, reference=fields.pop("reference", "K7M4PX"),
                                   created=now)
    values = {"organisation": network.hotline, "operator": network.hotline_operator, "caller": caller,
              "started_at": now, "language": "uk", "topic": "crisis", "exploitation_forms": ["labour"],
              "municipality": network.riga, "urgency": "emergency",
              "notes": "Calls from a farm near the city; sleeps in a container."}
    values.update(fields)
    return Contact.objects.create(**values)


@pytest.fixture
def contact(network):
    return make_contact(network)


@pytest.fixture
def shelter_24_7(network):
    service = Service.objects.create(organisation=network.shelter, type=service_type("safe_accommodation"),
                                     name="Crisis beds", always_open=True, phone="+371 6700 0000",
                                     phone_24_7="+371 2000 0247", consent="verbal", answer_time=2)
    service.areas.set([network.riga])
    return service


@pytest.fixture
def weekday_clinic(network):
    service = Service.objects.create(organisation=network.social, type=service_type("emergency_medical"),
                                     name="Weekday clinic", phone="+371 6700 1111", consent="verbal")
    service.areas.set([network.riga])
    return service


@pytest.fixture
def operator_with_cases(network):
    """The hotline operator, who also manages cases at the hotline (case.write there)."""
    Membership.objects.create(user=network.hotline_operator, organisation=network.hotline, role=Role.CASE_MANAGER)
    return network.hotline_operator


@pytest.fixture
def frameworks(db):
    """The screening frameworks, as `manage.py load_frameworks` loads them."""
    from strom.screening.loader import load_frameworks

    load_frameworks()
