"""The self-assessment's prevention items, suggested from the campaigns kept in Strom: a municipality
with and without each piece."""

from datetime import timedelta

import pytest
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.municipal.evidence import evidence_for
from strom.prevention import services
from strom.prevention.tests.conftest import new_campaign

pytestmark = pytest.mark.django_db
ITEMS = ("prevention.risk_groups", "prevention.schools", "prevention.hotline")


def _evidence(municipality):
    today = timezone.localdate()
    return {code: evidence_for(code, municipality, today) for code in ITEMS}


def _reach(user, campaign, people=30):
    services.add_activity(actor_for_user(user), campaign, held_on=campaign.starts_on, channel="school_sessions",
                          people_reached=people)


def test_no_campaign_no_evidence(network):
    for evidence in _evidence(network.riga).values():
        assert (evidence.found, evidence.suggested_score) == (False, 0)


def test_school_sessions_for_pupils_count_for_risk_groups_and_schools(network):
    campaign = new_campaign(network.local_coordinator, municipality=network.riga, target_groups=["students"],
                            channels=["school_sessions"])
    found = _evidence(network.riga)
    assert (found["prevention.risk_groups"].suggested_score, found["prevention.schools"].suggested_score) == (1, 1)
    assert not found["prevention.hotline"].found
    _reach(network.local_coordinator, campaign)
    found = _evidence(network.riga)
    assert (found["prevention.risk_groups"].suggested_score, found["prevention.schools"].suggested_score) == (2, 2)
    assert campaign.title in found["prevention.schools"].links[0][0]
    assert not any(e.found for e in _evidence(network.vilnius).values())  # another municipality's campaign


def test_posters_for_the_public_are_not_school_or_risk_group_work(network):
    new_campaign(network.local_coordinator, municipality=network.riga, target_groups=["general_public"],
                 channels=["posters"])
    assert not any(e.found for e in _evidence(network.riga).values())


def test_a_campaign_over_a_year_ago_does_not_count(network):
    long_ago = timezone.localdate() - timedelta(days=800)
    new_campaign(network.local_coordinator, municipality=network.riga, target_groups=["students"],
                 channels=["school_sessions"], starts_on=long_ago, ends_on=long_ago + timedelta(days=30))
    assert not any(e.found for e in _evidence(network.riga).values())


def test_the_hotline_is_promoted_and_heard(network):
    from strom.hotline import services as hotline

    campaign = new_campaign(network.hotline_coordinator, municipality=network.vilnius, code="HEAR-US-26")
    assert _evidence(network.vilnius)["prevention.hotline"].suggested_score == 1  # promoted
    hotline.record_contact(actor_for_user(network.hotline_operator), topic="working_abroad",
                           campaign_code=campaign.code)
    assert _evidence(network.vilnius)["prevention.hotline"].suggested_score == 2  # and heard
