"""Lists of cables newest or oldest first, undated cables last, read from an index on PostgreSQL.

The partial indexes on the current revisions hold the lists' exact order, so
the first page of the browser, the dashboard's newest cables and a search for
a common word read a few rows instead of sorting the archive. SQLite cannot
put NULLS LAST in an index; there the migration only changes the order.
"""

from django.db import migrations, models

FORWARD = [
    "CREATE INDEX IF NOT EXISTS cables_current_newest ON cables_cable (created DESC NULLS LAST, reference_id) "
    "WHERE is_current",
    "CREATE INDEX IF NOT EXISTS cables_current_oldest ON cables_cable (created ASC NULLS LAST, reference_id) "
    "WHERE is_current",
]
BACKWARD = [
    "DROP INDEX IF EXISTS cables_current_oldest",
    "DROP INDEX IF EXISTS cables_current_newest",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cables", "0004_search_vector_filled_by_service")]

    operations = [
        migrations.AlterModelOptions(
            name="cable",
            options={"ordering": [models.OrderBy(models.F("created"), descending=True, nulls_last=True),
                                  models.OrderBy(models.F("reference_id"))]},
        ),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
