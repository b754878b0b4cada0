"""The referrals part of the case summary (registered in apps.py): the disclosure log, for readers in
the lead organisation only (others get no section, as the case tab gives them a 404)."""

from __future__ import annotations

from django.http import Http404

from strom.referrals import sharing
from strom.referrals.queries import disclosure_log


def summary_context(actor, case, request=None) -> dict | None:
    try:
        referrals = disclosure_log(actor, case)
    except Http404:
        return None
    for referral in referrals:
        referral.shared_labels = [str(sharing.LABELS[name]) for name in referral.shared_fields]
    return {"referrals": referrals}
