"""Personas around one case of the Riga shelter: its author (on the team), a team colleague, another
reader of the case (the shelter, not on the team), an outsider and someone with emergency access."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from strom.accounts.policies import actor_for_user
from strom.accounts.roles import Role
from strom.cases import services as case_services
from strom.cases.tests.helpers import open_shelter_case
from strom.testing import make_user


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def people(network):
    colleague = make_user("team_colleague", (network.shelter, Role.CASE_MANAGER))
    other_reader = make_user("other_reader", (network.shelter, Role.CASE_MANAGER))
    emergency = make_user("emergency_reader", (network.outsider, Role.CASE_MANAGER))
    case = open_shelter_case(network, team=[network.case_manager, colleague])
    case_services.break_glass(actor_for_user(emergency), case, reason="Hospital called at night, urgent")
    return SimpleNamespace(case=case, author=network.case_manager, colleague=colleague, other_reader=other_reader,
                           outsider=network.outsider_case_manager, emergency=emergency)
