"""Full-text search on PostgreSQL: a stored, generated tsvector column with a GIN index.

A generated column is filled by PostgreSQL itself on every insert, including
bulk COPY, so no write path can forget it. SQLite has no tsvector; there the
migration does nothing and `CableQuerySet.search` falls back to plain matching.
"""

from django.db import migrations

FORWARD = [
    """
    ALTER TABLE cables_cable ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(subject, '')), 'A')
        || setweight(to_tsvector('english', raw_text), 'B')
    ) STORED
    """,
    "CREATE INDEX cables_cable_search_vector_gin ON cables_cable USING gin (search_vector)",
    "CREATE INDEX cables_cablereference_unresolved ON cables_cablereference (reference_id) WHERE cited_id IS NULL",
]
BACKWARD = [
    "DROP INDEX IF EXISTS cables_cablereference_unresolved",
    "DROP INDEX IF EXISTS cables_cable_search_vector_gin",
    "ALTER TABLE cables_cable DROP COLUMN IF EXISTS search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cables", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
