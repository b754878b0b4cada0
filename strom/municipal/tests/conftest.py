from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from strom.accounts.roles import Role
from strom.municipal.checklist import load_checklists
from strom.network.models import Service, ServiceType
from strom.testing import make_user


@pytest.fixture
def checklist(db):
    load_checklists()
    from strom.municipal.checklist import current_checklist

    return current_checklist()


@pytest.fixture
def vilnius_coordinator(network):
    """A local coordinator of another municipality: an outsider to Riga's assessments."""
    return make_user("vilnius_coordinator", (network.outsider, Role.LOCAL_COORDINATOR))


def add_service(organisation, type_code: str, *, areas=(), verified_days: int | None = 10, **fields) -> Service:
    # get_or_create: transactional (browser) tests flush the types the migration made.
    service_type, _ = ServiceType.objects.get_or_create(code=type_code, defaults={"name": type_code.replace("_", " ")})
    service = Service.objects.create(
        organisation=organisation, type=service_type, name=f"{type_code} service",
        last_verified=timezone.localdate() - timedelta(days=verified_days) if verified_days is not None else None,
        **fields)
    service.areas.set(areas)
    return service
