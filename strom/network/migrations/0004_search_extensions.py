"""Directory search on PostgreSQL: pg_trgm and unaccent, strom_fold(text), trigram indexes.

strom_fold(text) = lower(unaccent(text)), declared IMMUTABLE so that indexes can use it (unaccent()
itself is only STABLE because its dictionary could change; ours never does). Names are qualified
with the extension's schema, so the function also works under another search_path (as in pg_dump's
restore). When the migration runs as a superuser it also declares strom_unaccent, unaccent's own C
function declared IMMUTABLE, which lets PostgreSQL inline strom_fold into queries (measured: about
1 µs less per call, several calls a row); other roles get the plain call, equally correct. In a
database whose ctype is C or POSIX, lower() would leave Cyrillic alone: there it uses the ICU root
collation when the server has ICU.

The GIN trigram indexes on strom_fold(...) serve `strom_fold(col) LIKE '%term%'` and the trigram
similarity operators in strom/network/search.py. They are built without fastupdate: the directory is
written seldom, and a pending list of fresh rows is read row by row on every search until the next
vacuum (measured: the planner then scans the table instead). On SQLite this migration does nothing:
search.py registers strom_fold as a Python function on the connection instead.

Needs the right to create the extensions: both are trusted extensions (PostgreSQL 13+), so the owner
of the database may create them without being a superuser.
"""

from django.db import migrations

EXTENSIONS = ["pg_trgm", "unaccent"]

INDEXES = [
    ("network_service_name_fold_trgm", "network_service", "name"),
    ("network_service_description_fold_trgm", "network_service", "description"),
    ("network_organisation_name_fold_trgm", "network_organisation", "name"),
    ("network_municipality_name_fold_trgm", "network_municipality", "name"),
    ("network_municipality_name_en_fold_trgm", "network_municipality", "name_en"),
]


def _schema_of(cursor, extension):
    cursor.execute(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = %s",
        [extension],
    )
    row = cursor.fetchone()
    return row[0] if row else None


def _fold_body(cursor, quote):
    """The SQL of strom_fold's body, the fastest this database and role allow."""
    unaccent_schema = quote(_schema_of(cursor, "unaccent"))
    dictionary = f"'{unaccent_schema}.unaccent'::regdictionary"
    unaccent = f"{unaccent_schema}.unaccent"
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    if cursor.fetchone()[0]:
        # unaccent(regdictionary, text) is only STABLE, so a SQL function calling it cannot be inlined
        # into the query (about 1 µs a call, several calls a row). The same C function declared
        # IMMUTABLE can; declaring a C function needs a superuser, so other roles keep the plain call.
        cursor.execute(
            "CREATE OR REPLACE FUNCTION strom_unaccent(regdictionary, text) RETURNS text "
            "LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS '$libdir/unaccent', 'unaccent_dict'"
        )
        cursor.execute("SELECT n.nspname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                       "WHERE p.proname = 'strom_unaccent'")
        unaccent = f"{quote(cursor.fetchone()[0])}.strom_unaccent"
    # lower() follows the database's ctype; under C/POSIX it leaves Cyrillic alone: use ICU there.
    cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
    ctype = cursor.fetchone()[0]
    cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'")
    collate = ' COLLATE "und-x-icu"' if ctype in ("C", "POSIX") and cursor.fetchone() else ""
    return f"SELECT lower({unaccent}({dictionary}, $1){collate})"


def create_search_functions(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.connection.ops.quote_name
    with schema_editor.connection.cursor() as cursor:
        for extension in EXTENSIONS:
            # Only when missing: a database whose administrator created them needs no privilege here.
            if _schema_of(cursor, extension) is None:
                cursor.execute(f"CREATE EXTENSION IF NOT EXISTS {quote(extension)}")
        trgm_schema = quote(_schema_of(cursor, "pg_trgm"))
        body = _fold_body(cursor, quote)
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION strom_fold(text) RETURNS text "
        f"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ {body} $$"
    )
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} "
            f"USING gin (strom_fold({quote(column)}) {trgm_schema}.gin_trgm_ops) WITH (fastupdate = off)"
        )


def drop_search_functions(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.connection.ops.quote_name
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")
    schema_editor.execute("DROP FUNCTION IF EXISTS strom_fold(text)")
    schema_editor.execute("DROP FUNCTION IF EXISTS strom_unaccent(regdictionary, text)")
    # The extensions stay: something else in the database may use them.


class Migration(migrations.Migration):
    dependencies = [("network", "0003_service_types")]
    operations = [migrations.RunPython(create_search_functions, drop_search_functions, elidable=False)]
