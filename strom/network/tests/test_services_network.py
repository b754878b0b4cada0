"""Write services for the network's services: who may, what they validate, what they record."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from strom.accounts.models import Membership
from strom.accounts.policies import actor_for_user
from strom.accounts.roles import Role
from strom.audit.models import AuditEvent
from strom.network import services
from strom.network.models import OpeningHours, Service, ServiceType

pytestmark = pytest.mark.django_db


def service_type(code: str) -> ServiceType:
    return ServiceType.objects.get(code=code)


def add_service(organisation, type_code="safe_accommodation", name="Riga shelter", *, areas=(), hours=(),
                **fields) -> Service:
    """A service straight into the database (the write services are tested below)."""
    fields.setdefault("languages", ["lv", "ru"])
    service = Service.objects.create(organisation=organisation, type=service_type(type_code), name=name, **fields)
    service.areas.set(areas)
    OpeningHours.objects.bulk_create(OpeningHours(service=service, weekday=w, opens=o, closes=c) for w, o, c in hours)
    return service


OFFICE = [(weekday, time(9), time(17)) for weekday in range(5)]


@pytest.fixture
def shelter_service(network):
    return add_service(network.shelter, areas=[network.riga], capacity_total=8, capacity_free=2, hours=OFFICE,
                       phone="+371 6700 0000", how_to_refer="Call the duty manager first.")


def actor(user):
    return actor_for_user(user)


def events(action: str):
    return AuditEvent.objects.filter(action=action)


def test_org_admin_creates_a_service_with_an_audit_event(network):
    created = services.create_service(
        actor(network.org_admin), network.shelter, type=service_type("psychological"), name="  Counselling ",
        languages=["LV", "uk", "lv"], sexes=["female"], areas=[network.riga], consent="written",
        answer_time=24, answer_unit="hours")
    assert created.name == "Counselling"
    assert created.languages == ["lv", "uk"]
    assert list(created.areas.all()) == [network.riga]
    event = events("service.created").get()
    assert event.target_id == str(created.pk) and event.actor_id == network.org_admin.pk
    assert event.organisation_id == network.shelter.pk
    history = list(created.history.all())  # the row, then its areas (simple-history records m2m changes)
    assert history and all(row.history_user == network.org_admin for row in history)


@pytest.mark.parametrize("bad, field", [
    ({"languages": ["xx"]}, "languages"),
    ({"sexes": ["robot"]}, "sexes"),
    ({"min_age": 30, "max_age": 18}, None),
    ({"areas": []}, "areas"),
    ({"email": "not an address"}, "email"),
])
def test_bad_service_input_changes_nothing(network, bad, field):
    fields = {"type": service_type("psychological"), "name": "Counselling", "areas": [network.riga], **bad}
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.create_service(actor(network.org_admin), network.shelter, **fields)
    if field:
        assert field in error.value.message_dict
    assert not Service.objects.exists()
    assert AuditEvent.objects.count() == before


def test_unknown_fields_are_a_programming_error(network):
    with pytest.raises(TypeError):
        services.create_service(actor(network.org_admin), network.shelter, type=service_type("psychological"),
                                name="x", areas=[network.riga], capacity_free=3)


def test_only_the_organisations_administrator_creates_its_services(network):
    for user in (network.case_manager, network.outsider_case_manager, network.local_coordinator):
        with pytest.raises(PermissionDenied):
            services.create_service(actor(user), network.shelter, type=service_type("psychological"), name="x",
                                    areas=[network.riga])
    assert not Service.objects.exists()
    assert events("permission.denied").count() == 3  # the refusals survive the rollback


def test_administrator_of_another_organisation_is_refused(network, shelter_service):
    Membership.objects.create(user=network.outsider_case_manager, organisation=network.outsider, role=Role.ORG_ADMIN)
    with pytest.raises(PermissionDenied):
        services.update_service(actor(network.outsider_case_manager), shelter_service, name="Taken over")
    shelter_service.refresh_from_db()
    assert shelter_service.name == "Riga shelter"


def test_update_records_the_changed_fields_and_areas(network, shelter_service):
    changed = services.update_service(actor(network.org_admin), shelter_service, name="Riga safe house",
                                      phone="+371 6700 0000", areas=[network.riga, network.vilnius])
    assert changed == ["name", "areas"]
    event = events("service.updated").get()
    assert event.fields == ["name", "areas"]
    assert set(shelter_service.areas.all()) == {network.riga, network.vilnius}
    assert shelter_service.history.count() >= 2


def test_update_without_changes_records_nothing(network, shelter_service):
    assert services.update_service(actor(network.org_admin), shelter_service, name="Riga shelter",
                                   areas=[network.riga]) == []
    assert not events("service.updated").exists()


def test_refused_update_leaves_the_object_in_memory_as_it_was(network, shelter_service):
    with pytest.raises(ValidationError):
        services.update_service(actor(network.org_admin), shelter_service, name="New", capacity_total=1)
    assert shelter_service.name == "Riga shelter" and shelter_service.capacity_total == 8
    shelter_service.refresh_from_db()
    assert shelter_service.name == "Riga shelter"


def test_set_hours_replaces_the_week(network, shelter_service):
    services.set_hours(actor(network.org_admin), shelter_service, always_open=False,
                       hours=[(0, time(8), time(12)), (0, time(13), time(17)), (5, time(22), time(2))])
    rows = list(shelter_service.hours.values_list("weekday", "opens", "closes"))
    assert rows == [(0, time(8), time(12)), (0, time(13), time(17)), (5, time(22), time(2))]
    services.set_hours(actor(network.org_admin), shelter_service, always_open=True, hours=[])
    shelter_service.refresh_from_db()
    assert shelter_service.always_open and not shelter_service.hours.exists()
    assert events("service.hours_set").count() == 2


def test_set_hours_refuses_a_bad_week(network, shelter_service):
    with pytest.raises(ValidationError):
        services.set_hours(actor(network.org_admin), shelter_service, always_open=False,
                           hours=[(7, time(8), time(12))])
    assert shelter_service.hours.count() == len(OFFICE)


def test_exceptions_are_added_and_removed(network, shelter_service):
    admin = actor(network.org_admin)
    closed = services.add_exception(admin, shelter_service, date=date(2026, 12, 24), note="Christmas Eve")
    assert closed.opens is None
    with pytest.raises(ValidationError):
        services.add_exception(admin, shelter_service, date=date(2026, 12, 24), opens=time(9), closes=time(12))
    with pytest.raises(ValidationError):
        services.add_exception(admin, shelter_service, date=date(2026, 12, 31), opens=time(9))
    services.remove_exception(admin, closed)
    assert not shelter_service.exceptions.exists()
    assert events("service.exception_added").count() == 1
    assert events("service.exception_removed").count() == 1


def test_locations_are_confidential_unless_said_otherwise(network, shelter_service):
    admin = actor(network.org_admin)
    location = services.add_location(admin, shelter_service, municipality=network.riga, address="Secret street 1")
    assert location.confidential
    with pytest.raises(ValidationError):
        services.add_location(admin, shelter_service, municipality=network.riga)
    services.remove_location(admin, location)
    assert not shelter_service.locations.exists()
    assert events("service.location_added").count() == events("service.location_removed").count() == 1


def test_case_workers_of_the_organisation_update_free_places(network, shelter_service):
    services.update_capacity(actor(network.case_manager), shelter_service, free=5)
    shelter_service.refresh_from_db()
    assert shelter_service.capacity_free == 5
    assert shelter_service.capacity_updated_by == network.case_manager
    assert timezone.now() - shelter_service.capacity_updated_at < timedelta(minutes=1)
    event = events("service.capacity_updated").get()
    assert event.fields == ["capacity_free"]
    # …but not anything else of the service.
    with pytest.raises(PermissionDenied):
        services.update_service(actor(network.case_manager), shelter_service, name="x")


def test_free_places_elsewhere_or_out_of_range_are_refused(network, shelter_service):
    with pytest.raises(PermissionDenied):
        services.update_capacity(actor(network.social_worker), shelter_service, free=1)
    with pytest.raises(ValidationError):
        services.update_capacity(actor(network.org_admin), shelter_service, free=9)
    with pytest.raises(ValidationError):
        services.update_capacity(actor(network.org_admin), shelter_service, free=-1)
    shelter_service.refresh_from_db()
    assert shelter_service.capacity_free == 2


def test_mark_verified(network, shelter_service):
    services.mark_verified(actor(network.org_admin), shelter_service)
    shelter_service.refresh_from_db()
    assert shelter_service.last_verified == timezone.localdate()
    assert shelter_service.verified_by == network.org_admin
    assert events("service.verified").count() == 1
    with pytest.raises(PermissionDenied):
        services.mark_verified(actor(network.case_manager), shelter_service)
