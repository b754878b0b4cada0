from datetime import timedelta

import pytest
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.prevention import services


def new_campaign(user, **overrides):
    fields = {"title": "Safe work abroad", "starts_on": timezone.localdate() - timedelta(days=30),
              "target_groups": ["work_abroad"], "channels": ["posters"]}
    return services.create_campaign(actor_for_user(user), **{**fields, **overrides})


@pytest.fixture
def campaign(network):
    """A campaign of Riga's social service (the local coordinator's organisation)."""
    return new_campaign(network.local_coordinator, code="RIGA-SAFE", municipality=network.riga)
