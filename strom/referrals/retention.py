"""Erasure of a case's referrals at the end of retention (registered with strom.cases.retention): the free
text of each referral and of its events goes; who referred to which service, when, the states and answer
times stay for the network's figures."""

from __future__ import annotations

from strom.cases.retention import blank_fields


def erase_referrals(case) -> None:
    from strom.referrals.models import Referral, ReferralEvent

    blank_fields(Referral.objects.filter(case=case), "reason", "needs", "summary")
    blank_fields(ReferralEvent.objects.filter(referral__case=case), "note")
