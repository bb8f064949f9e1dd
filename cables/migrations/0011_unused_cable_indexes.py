"""Two cable indexes that no query could use and every new cable wrote.

The date filters cut days with `created >= midnight` (see
`CableQuerySet.sent_on_or_after`), which the current-revision indexes of 0005
serve with the list"s own order; the origin filter looks for a part of the FM
line (`icontains`), which a B-tree cannot serve.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("cables", "0010_reference_and_tag_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="cable",
            name="cables_cabl_created_9851fa_idx",
        ),
        migrations.RemoveIndex(
            model_name="cable",
            name="cables_cabl_origin_38ff83_idx",
        ),
    ]
