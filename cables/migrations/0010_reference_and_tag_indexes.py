"""Two indexes that every bulk load wrote and no query read.

A REF's reference id is looked up whole: the pattern (LIKE) index that
`db_index` adds beside the plain one on PostgreSQL goes, and so does the
partial index of unresolved REFs from 0002, since the plain index finds a
reference id's few REFs as fast. A cable's tags are found through the
(cable, tag) unique index, whose first column is the cable: the table's own
index on the cable alone repeats it.
"""

from django.db import migrations, models

TAGS_TABLE = "cables_cable_tags"
#: The name the index gets back if the migration is reversed.
TAGS_CABLE_INDEX = "cables_cable_tags_cable_id_4519c77c"


def _cable_alone_indexes(schema_editor) -> list[str]:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TAGS_TABLE)
    return [
        name for name, info in constraints.items()
        if info["index"] and not info["unique"] and not info["primary_key"] and info["columns"] == ["cable_id"]
    ]


def drop_tags_cable_index(apps, schema_editor):
    for name in _cable_alone_indexes(schema_editor):
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def create_tags_cable_index(apps, schema_editor):
    if not _cable_alone_indexes(schema_editor):
        schema_editor.execute(
            f"CREATE INDEX {schema_editor.quote_name(TAGS_CABLE_INDEX)} ON {TAGS_TABLE} (cable_id)"
        )


def drop_unresolved_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS cables_cablereference_unresolved")


def create_unresolved_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS cables_cablereference_unresolved "
                              "ON cables_cablereference (reference_id) WHERE cited_id IS NULL")


class Migration(migrations.Migration):

    dependencies = [
        ("cables", "0009_paragraph_index_and_vector_lz4"),
    ]

    operations = [
        migrations.RunPython(drop_unresolved_index, create_unresolved_index),
        migrations.AlterField(
            model_name="cablereference",
            name="reference_id",
            field=models.CharField(max_length=40),
        ),
        migrations.AddIndex(
            model_name="cablereference",
            index=models.Index(fields=["reference_id"], name="cables_reference_cited_ref"),
        ),
        migrations.RunPython(drop_tags_cable_index, create_tags_cable_index),
    ]
