"""Helpers for the audit tests: tampering past the ORM, and running verify_audit."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.db import connection


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
