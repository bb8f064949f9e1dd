"""Full-text search on PostgreSQL: a stored tsvector column with a GIN index; lz4 for long texts.

The ingest service fills it (`cables.search.search_vectors_update`): in the
same transaction for one cable, and after the load, in parallel slices, for
bulk mode, where computing it row by row during COPY would cost more than
all the rest of the load. SQLite has no tsvector; there the migration does
nothing and `CableQuerySet.search` falls back to plain matching.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE cables_cable ADD COLUMN search_vector tsvector",
    "CREATE INDEX cables_cable_search_vector_gin ON cables_cable USING gin (search_vector)",
    # lz4 compresses the long texts several times faster than the default pglz (PostgreSQL 14+).
    "ALTER TABLE cables_cable ALTER COLUMN raw_text SET COMPRESSION lz4",
    "ALTER TABLE cables_paragraph ALTER COLUMN text SET COMPRESSION lz4",
    "CREATE INDEX cables_cablereference_unresolved ON cables_cablereference (reference_id) WHERE cited_id IS NULL",
]
BACKWARD = [
    "ALTER TABLE cables_cable ALTER COLUMN raw_text SET COMPRESSION pglz",
    "ALTER TABLE cables_paragraph ALTER COLUMN text SET COMPRESSION pglz",
    "DROP INDEX IF EXISTS cables_cablereference_unresolved",
    "DROP INDEX IF EXISTS cables_cable_search_vector_gin",
    "ALTER TABLE cables_cable DROP COLUMN IF EXISTS search_vector",
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
    dependencies = [("cables", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
