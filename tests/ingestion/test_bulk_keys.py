"""A large bulk load sets the archive's foreign keys aside and puts every one back, validated."""

import pytest
from django.db import connection

from cables.bulk_keys import (
    _drop,
    archive_foreign_keys,
    foreign_keys_restore,
    worth_setting_aside,
)
from cables.models import Cable, Paragraph
from tests.ingestion.test_bulk import bulk, write_archive


@pytest.mark.parametrize(("stored", "files", "worth"), [
    (0, [(80_000, False)], True),  # ten cables into an empty archive
    (0, [(500, False)], False),  # less than a cable
    (250_000, [(80_000_000, False)], False),  # 10,000 cables into 250,000: the validation would cost more
    (250_000, [(300_000_000, False)], True),  # 37,500 cables: 13% of what the archive will hold
    (250_000, [(75_000_000, True)], True),  # the same, gzip-compressed
    (250_000, [], False),
])
def test_keys_are_set_aside_only_for_a_load_large_for_the_archive(stored, files, worth):
    assert worth_setting_aside(stored, files) is worth


def test_every_foreign_key_of_the_archive_tables_is_known():
    keys = {(key.table, key.column): key.target_table for key in archive_foreign_keys()}
    assert keys == {
        ("cables_cable", "job_id"): "cables_ingestionjob",
        ("cables_paragraph", "cable_id"): "cables_cable",
        ("cables_cablerecipient", "cable_id"): "cables_cable",
        ("cables_cablerecipient", "post_id"): "recognitions_post",
        ("cables_cablereference", "citing_id"): "cables_cable",
        ("cables_cablereference", "cited_id"): "cables_cable",
        ("cables_cable_tags", "cable_id"): "cables_cable",
        ("cables_cable_tags", "tag_id"): "cables_tag",
    }


def foreign_keys() -> dict[tuple[str, str], tuple[str, bool, bool, bool]]:
    """(table, column): (name, validated, deferrable, initially deferred) of the archive tables' foreign keys."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.conrelid::regclass::text, a.attname, c.conname, c.convalidated, c.condeferrable, "
            "c.condeferred FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid "
            "AND a.attnum = c.conkey[1] WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)",
            [sorted({key.table for key in archive_foreign_keys()})],
        )
        return {(table, column): tuple(rest) for table, column, *rest in cursor.fetchall()}


@pytest.fixture
def keys_during_load(monkeypatch) -> list:
    """The foreign keys as a load's last step (resolving REFs) finds them, once for each load."""
    from cables import bulk as bulk_module

    seen = []
    resolve = bulk_module.references_resolve

    def resolve_and_look():
        seen.append(foreign_keys())
        return resolve()

    monkeypatch.setattr(bulk_module, "references_resolve", resolve_and_look)
    return seen


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_large_load_runs_without_the_keys_and_ends_with_each_back_and_validated(tmp_path, keys_during_load):
    before = foreign_keys()
    assert len(before) == 8 and all(validated for _, validated, _, _ in before.values())
    rows = [(n, "UNCLASSIFIED", f"1. (U) Text {n}. " + "word " * 400, "09STATE1001") for n in range(1000, 1012)]
    bulk(write_archive(tmp_path / "large.csv", rows))
    assert keys_during_load == [{}]
    assert foreign_keys() == before
    assert Cable.objects.count() == 12 and not Cable.objects.filter(paragraphs__isnull=True).exists()
    assert Paragraph.objects.filter(text__startswith="Text 1011.").count() == 1
    assert Cable.objects.get(reference_id="09STATE1000").references_made.get().cited.reference_id == "09STATE1001"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_keys_left_off_by_a_killed_load_come_back_before_the_next_one(tmp_path):
    before = foreign_keys()
    assert _drop() and foreign_keys() == {}
    bulk(write_archive(tmp_path / "small.csv", [(1100, "UNCLASSIFIED", "1. (U) Short.")]))
    # Put back under names of their own: nothing looks a foreign key up by name.
    assert {where: rest for where, (_, *rest) in foreign_keys().items()} == {
        where: rest for where, (_, *rest) in before.items()}
    assert Cable.objects.filter(reference_id="09STATE1100").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_key_that_does_not_hold_is_reported_and_still_checks_new_rows():
    assert _drop()
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO cables_paragraph (cable_id, number, portion_marking, marking_level, noforn, text) "
                       "VALUES (987654321, 1, '', 0, false, 'orphan')")
    try:
        problems = foreign_keys_restore()
        assert len(problems) == 1 and "cables_paragraph.cable_id" in problems[0]
        keys = foreign_keys()
        assert len(keys) == 8 and keys[("cables_paragraph", "cable_id")][1] is False
        assert all(validated for (table, _), (_, validated, _, _) in keys.items() if table != "cables_paragraph")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM cables_paragraph WHERE cable_id = 987654321")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_load_keeps_the_keys_when_a_reader_holds_the_tables(tmp_path, monkeypatch, keys_during_load):
    import psycopg
    from django.conf import settings

    from cables import bulk_keys

    monkeypatch.setattr(bulk_keys, "LOCK_WAIT", "200ms")
    before = foreign_keys()
    db = settings.DATABASES["default"]
    with psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"],
                         dbname=db["NAME"]) as reader:
        reader.execute("SELECT count(*) FROM cables_paragraph")  # its transaction stays open, holding the table
        rows = [(n, "UNCLASSIFIED", f"1. (U) Text {n}. " + "word " * 400) for n in range(1200, 1212)]
        bulk(write_archive(tmp_path / "busy.csv", rows))
    assert keys_during_load == [before] and foreign_keys() == before
    assert Cable.objects.count() == 12
