"""The search vector becomes a plain column the ingest service fills; long texts use lz4.

As a generated column (0002) PostgreSQL computed the vector inside every
insert, bulk COPY included, which cost 2-3 ms of server time a cable, more
than all the rest of a bulk load. Now `cables.search` fills it: in the same
transaction for one cable, after the load in parallel slices for bulk mode.
SQLite has no tsvector; there this migration does nothing.
"""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('english', coalesce(subject, '')), 'A') || "
    "setweight(to_tsvector('english', raw_text), 'B')"
)

FORWARD = [
    "ALTER TABLE cables_cable DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE cables_cable ADD COLUMN search_vector tsvector",
    f"UPDATE cables_cable SET search_vector = {VECTOR}",
    "CREATE INDEX cables_cable_search_vector_gin ON cables_cable USING gin (search_vector)",
    # lz4 compresses the long texts several times faster than the default pglz (PostgreSQL 14+).
    "ALTER TABLE cables_cable ALTER COLUMN raw_text SET COMPRESSION lz4",
    "ALTER TABLE cables_paragraph ALTER COLUMN text SET COMPRESSION lz4",
]
BACKWARD = [
    "ALTER TABLE cables_cable ALTER COLUMN raw_text SET COMPRESSION pglz",
    "ALTER TABLE cables_paragraph ALTER COLUMN text SET COMPRESSION pglz",
    "ALTER TABLE cables_cable DROP COLUMN IF EXISTS search_vector",
    f"ALTER TABLE cables_cable ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED",
    "CREATE INDEX cables_cable_search_vector_gin ON cables_cable USING gin (search_vector)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
            row = cursor.fetchone()
        lz4 = bool(row and row[0])
        for statement in statements:
            if "lz4" in statement and not lz4:
                continue  # a server built without lz4 keeps pglz
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cables", "0003_facts")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
