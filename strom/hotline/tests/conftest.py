"""Hotline fixtures: a member of the hotline without the right to record (for the 403 checks) and a
small helper that records a routine contact through the service."""

import pytest
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.accounts.roles import Role
from strom.hotline import services
from strom.testing import make_user


@pytest.fixture
def hotline_admin(network):
    """A member of the hotline organisation whose role gives no hotline right."""
    return make_user("hotline_admin", (network.hotline, Role.ORG_ADMIN))


def record(user, **values):
    values.setdefault("topic", "working_abroad")
    values.setdefault("started_at", timezone.now())
    return services.record_contact(actor_for_user(user), **values)


@pytest.fixture
def contact(network):
    return record(network.hotline_operator, destination_country="DE", notes="Offer from a cleaning agency")
