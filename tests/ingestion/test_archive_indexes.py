"""Every index on the tables a bulk load fills costs each new row a write; none may repeat another."""

import pytest
from django.db import connection

from cables.bulk_write import ARCHIVE_TABLES

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def archive_indexes() -> list[tuple[str, str, tuple[str, ...], bool, bool, list[str]]]:
    """(table, index, columns, unique, whole table, operator classes) of each index on the archive tables."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT t.relname, i.relname, x.indisunique, x.indpred IS NULL,
                   array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n)
                         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n),
                   array(SELECT o.opcname FROM unnest(x.indclass) c(oid) JOIN pg_opclass o ON o.oid = c.oid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = ANY(%s)
            """,
            [list(ARCHIVE_TABLES)],
        )
        return [(table, name, tuple(columns), unique, whole, opclasses)
                for table, name, unique, whole, columns, opclasses in cursor.fetchall()]


def test_no_index_on_the_archive_tables_is_covered_by_another():
    """Covered: its columns lead a wider index, or it is partial and a whole index has its columns."""
    indexes = archive_indexes()
    covered = [
        (name, other)
        for table, name, columns, unique, whole, _ in indexes if not unique
        for other_table, other, other_columns, _, other_whole, _ in indexes
        if other_table == table and other != name and other_whole and other_columns[: len(columns)] == columns
        and (len(other_columns) > len(columns) or not whole)
    ]
    assert covered == []
    assert {name for table, name, *_ in indexes if table == "cables_cable_tags"} >= {"cables_cable_tags_pkey"}


def test_reference_ids_are_indexed_for_whole_lookups_only():
    references = [(columns, opclasses) for table, _, columns, _, whole, opclasses in archive_indexes()
                  if table == "cables_cablereference" and whole and columns == ("reference_id",)]
    assert len(references) == 1
    assert not any(opclass.endswith("_pattern_ops") for opclass in references[0][1])
