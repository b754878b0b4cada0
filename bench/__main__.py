"""`make bench`: set up a throw-away database, run the cases, print the table, fail on a breach.

`python -m bench pathway home_page` runs only the cases named (see cases.CASES).

SQLite in a temporary file by default; PostgreSQL when BENCH_DATABASE_URL is given. That database
is created here and dropped at the end, so the bench refuses to start if it already exists: never
point BENCH_DATABASE_URL at a database you keep.
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile


def configure() -> str | None:
    """Settings for the bench, before Django starts; returns the temporary directory (SQLite)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "strom.settings"
    os.environ["STROM_ENV"] = "test"
    os.environ.pop("REDIS_URL", None)  # the single-server set-up, and nobody's shared cache touched
    workdir = None
    if os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    else:
        workdir = tempfile.mkdtemp(prefix="strom-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"

    import django
    from django.conf import settings

    # The test-only app with Note, the one model that uses EncryptedTextField so far.
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "strom.lib.tests.testapp"]
    django.setup()
    return workdir


def create_database() -> str | None:
    """Migrate a fresh database; on PostgreSQL create it first and return its name (to drop it).

    run_syncdb also makes the tables of the test app, which has no migrations (as create_test_db
    does on PostgreSQL; strom/lib/tests/conftest.py uses schema_editor for the same reason).
    """
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        call_command("migrate", verbosity=0, interactive=False, run_syncdb=True)
        return None
    name = connection.settings_dict["NAME"]
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone():
            sys.exit(f"Database {name!r} already exists. The bench creates and drops its own database; "
                     f"drop it (dropdb {name}) or name another in BENCH_DATABASE_URL.")
    connection.settings_dict["TEST"]["NAME"] = name  # exactly the name given, not test_<name>
    connection.creation.create_test_db(verbosity=0, autoclobber=False, serialize=False)  # migrates
    return name


def print_table(results) -> None:
    rows = [("case", "measured", "floor", "ratio", "limit", "result")]
    rows += [r.cells() for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)]
        print("  ".join(cells))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def main() -> int:
    workdir = configure()
    from django import get_version
    from django.db import connection

    from bench import cases

    only = sys.argv[1:]
    unknown = set(only) - set(cases.CASES)
    if unknown:
        sys.exit(f"Unknown case(s): {', '.join(sorted(unknown))}. Cases: {', '.join(cases.CASES)}")
    print(f"Strom bench: {connection.vendor}, Django {get_version()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs; best of {cases.REPEAT} runs each (the pathway finder: the median over "
          f"{cases.NEEDS} needs of each need's best)")
    created = None
    try:
        created = create_database()
        results = cases.run_all(only)
    finally:
        if created:
            connection.creation.destroy_test_db(created, verbosity=0)
        if workdir:
            connection.close()
            shutil.rmtree(workdir, ignore_errors=True)
    print_table(results)
    failed = [r.name for r in results if not r.passed]
    print(f"FAILED: {', '.join(failed)}" if failed else "All within limits.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
