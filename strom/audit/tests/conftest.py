from __future__ import annotations

import pytest

from strom.audit.services import record


@pytest.fixture
def trail(db):
    """Five events written the normal way; returns them in seq order."""
    return [
        record("auth.login", detail={"n": 1}),
        record("personal_data.viewed", target_type="cases.person", target_id="p-1",
               fields=["name", "birth_date"]),
        record("permission.denied", outcome="denied", detail={"permission": "case.read"}),
        record("membership.added", target_type="accounts.membership", target_id="m-1",
               detail={"role": "auditor"}),
        record("auth.logout"),
    ]
