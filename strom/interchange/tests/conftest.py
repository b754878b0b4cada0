"""A receiving organisation with an accepted referral, as the referrals app's tests build it."""

from strom.referrals.tests.conftest import (  # noqa: F401 — fixtures used by test_pages.py
    case,
    consented,
    receiver,
    service,
    shelter_worker,
)
