from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

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


def sql(statement: str, params=()) -> None:
    """Tamper the way someone with database access would: past the ORM and its guards."""
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def verify_command() -> tuple[int, str, str]:
    """Run verify_audit; return (exit status, stdout, stderr)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue(), err.getvalue()
