"""The demo referrals: made once, through the services, answered by crisis.worker."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from strom.accounts.models import User
from strom.accounts.policies import actor_for_user
from strom.referrals.models import Referral
from strom.referrals.queries import inbox

pytestmark = pytest.mark.django_db


def test_load_demo_makes_the_demo_referrals_once():
    out = StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=StringIO())
    assert "crisis.worker" in out.getvalue()
    referrals = Referral.objects.exclude(sender_organisation__type="hotline")  # the hotline demo makes its own
    assert referrals.count() == 2
    assert {referral.case.person.pseudonym if referral.case else None for referral in referrals} == {
        "Amber-Heron-1001",
        None,
    }
    worker = actor_for_user(User.objects.get(username="crisis.worker"))
    assert len(inbox(worker)["received"]) == 2
