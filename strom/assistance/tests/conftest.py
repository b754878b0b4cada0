import pytest

from strom.cases.tests.helpers import open_shelter_case
from strom.network.models import Service, ServiceType


def directory_service(organisation, code: str, name: str, *, municipality=None, **fields) -> Service:
    service_type, _ = ServiceType.objects.get_or_create(code=code, defaults={"name": code.replace("_", " ")})
    service = Service.objects.create(organisation=organisation, type=service_type, name=name, **fields)
    if municipality is not None:
        service.areas.add(municipality)
    return service


@pytest.fixture
def case(network):
    return open_shelter_case(network)


@pytest.fixture
def directory(network):
    """Services in Riga, elsewhere in Latvia, and in Vilnius."""
    return {
        "shelter": directory_service(network.shelter, "safe_accommodation", "Safe Flat", municipality=network.riga),
        "counselling": directory_service(network.social, "psychological", "Counselling Rooms",
                                         municipality=network.riga),
        "police": directory_service(network.police, "police_report", "Victim Desk", whole_country=True),
        "vilnius": directory_service(network.hotline, "psychological", "Vilnius Talks", municipality=network.vilnius),
    }
