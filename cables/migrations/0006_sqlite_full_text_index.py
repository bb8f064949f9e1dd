"""Full-text search on SQLite: an FTS5 index over the cables' subject and text (see `cables.fts`).

Only SQLite gets it; PostgreSQL has its stored vector (0002, 0004). Every
later `migrate` checks the triggers are still there and refills the index
if it lost step (the app's post_migrate handler).
"""

from django.db import migrations


def forward(apps, schema_editor):
    from cables import fts

    fts.install(schema_editor.connection)


def backward(apps, schema_editor):
    from cables import fts

    fts.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("cables", "0005_current_cables_newest_and_oldest")]

    operations = [migrations.RunPython(forward, backward)]
