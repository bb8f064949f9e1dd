"""Bulk mode: a cables.csv archive streamed, parsed in worker processes, written in batches."""

import csv
import gzip

import pytest
from django.core.management import call_command

from cables.models import Cable, CableRecipient, CableReference, IngestionJob, Paragraph
from cables.parsing import parse_file
from tests.ingestion.records import telegram


def write_archive(path, rows, gz=False):
    opener = gzip.open if gz else open
    with opener(path, "wt", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, quoting=csv.QUOTE_ALL, escapechar="\\", doublequote=False, lineterminator="\n")
        for n, (serial, classification, body, *ref) in enumerate(rows, start=1):
            text = telegram(serial, classification=classification, body=body, ref=ref[0] if ref else None)
            header, _, content = text.partition("BT\n")
            writer.writerow([n, "4/21/2009 13:43", f"09STATE{serial}", "Secretary of State", "", "", header,
                             content])
    return path


def bulk(*paths, batch=3):
    call_command("ingest_cables", "--bulk", *map(str, paths), "--no-progress", "--processes", "2",
                 "--batch", str(batch))


@pytest.mark.django_db(transaction=True)
def test_bulk_load_stores_every_cable_once_and_skips_them_the_second_time(tmp_path, capsys):
    rows = [(n, "C O N F I D E N T I A L", f"1. (C) Paragraph of cable {n}.") for n in
            range(500, 510)]
    archive = write_archive(tmp_path / "cables.csv.gz", rows, gz=True)
    bulk(archive)
    out = capsys.readouterr().out
    assert "10 seen, 10 new, 0 updated, 0 unchanged, 0 rejected" in out
    assert Cable.objects.count() == 10
    assert Paragraph.objects.count() == 20
    assert set(Cable.objects.values_list("classification_level", flat=True)) == {2}
    assert Cable.objects.get(reference_id="09STATE505").tags.count() == 2

    bulk(archive)
    assert "10 seen, 0 new, 0 updated, 10 unchanged, 0 rejected" in capsys.readouterr().out
    assert Cable.objects.count() == 10


@pytest.mark.django_db(transaction=True)
def test_bulk_revisions_and_bad_rows(tmp_path, capsys):
    write_archive(tmp_path / "a.csv", [(600, "UNCLASSIFIED", "1. (U) First text.")])
    bulk(tmp_path / "a.csv")
    archive = tmp_path / "b.csv"
    write_archive(archive, [(600, "UNCLASSIFIED", "1. (U) Corrected text."), (601, "UNCLASSIFIED", "1. (U) New.")])
    with open(archive, "a", encoding="utf-8") as stream:
        stream.write('"3","4/21/2009","x","y"\n')
    bulk(archive)
    out = capsys.readouterr().out
    assert "3 seen, 1 new, 1 updated, 0 unchanged, 1 rejected" in out
    assert Cable.objects.filter(reference_id="09STATE600").count() == 2
    assert Cable.objects.current().get(reference_id="09STATE600").revision == 2
    job = IngestionJob.objects.latest("pk")
    assert job.errors[0]["error"] == "a cables.csv row has 4 columns, expected 8"


@pytest.mark.django_db(transaction=True)
def test_bulk_stores_paragraphs_addressees_and_refs_as_the_parser_read_them(tmp_path):
    body = ("1. (C) A share at \\\\POST\\DRAFTS\\kosovo.doc,\tthen a tab;\r\nand a line break.\n\n"
            "2. (U) Quotes \" and ' and a backslash-n \\n that is not a line break.")
    archive = write_archive(tmp_path / "g.csv", [(950, "C O N F I D E N T I A L", body, "STATE 949")])
    bulk(archive)
    record = next(iter(parse_file(archive)))
    cable = Cable.objects.get(reference_id="09STATE950")
    stored = list(cable.paragraphs.order_by("number").values_list("number", "portion_marking", "text"))
    assert stored == [(p["number"], p["marking"], p["text"]) for p in record["paragraphs"]]
    assert "POST\\" in stored[0][2] and "\\n" in stored[1][2]
    lines = CableRecipient.objects.filter(cable=cable).order_by("kind", "position")
    assert [(line.kind, line.post_name) for line in lines] == [("to", "AMEMBASSY BELGRADE")]
    assert list(cable.references_made.values_list("reference_id", flat=True)) == record["references"] == ["09STATE949"]


@pytest.mark.django_db(transaction=True)
def test_bulk_stores_every_column_of_the_cable_as_read(tmp_path, monkeypatch):
    from cables import bulk as bulk_module
    from cables.bulk import _parse_batch, iter_archive_rows

    def one_by_one(*args, **kwargs):
        raise AssertionError("the batch was refused and stored one cable at a time")

    monkeypatch.setattr(bulk_module, "cable_ingest", one_by_one)
    body = "1. (C) A path \\\\POST\\DRAFTS,\ta tab, \"quotes\", a \\N and a line\r\nbreak in Gen\u00e8ve."
    archive = write_archive(tmp_path / "k.csv", [(990, "C O N F I D E N T I A L", body)])
    bulk(archive)
    [(_, fields, *_rest)] = _parse_batch(list(iter_archive_rows([archive], [])))
    cable = Cable.objects.get(reference_id="09STATE990")
    assert {name: getattr(cable, name) for name in fields} == fields
    assert fields["created"] and fields["declassify_on"] and fields["sections"] == 1 and fields["handling"]
    assert "\\\\POST\\DRAFTS,\ta tab" in cable.raw_text


@pytest.mark.django_db(transaction=True)
def test_bulk_references_resolve_after_the_load(tmp_path):
    write_archive(tmp_path / "c.csv", [(700, "UNCLASSIFIED", "1. (U) Text."),
                                       (701, "UNCLASSIFIED", "1. (U) Text.", "STATE 700")])
    bulk(tmp_path / "c.csv")
    resolved = CableReference.objects.filter(cited__isnull=False)
    assert [(r.citing.reference_id, r.cited.reference_id) for r in resolved] == [("09STATE701", "09STATE700")]


@pytest.mark.django_db(transaction=True)
def test_bulk_announces_new_cables_unless_told_not_to(tmp_path):
    from cables.signals import cable_stored

    heard = []

    def listener(sender, reference_id, **kwargs):
        heard.append(reference_id)

    cable_stored.connect(listener, dispatch_uid="test-bulk-listener")
    try:
        write_archive(tmp_path / "d.csv", [(800, "UNCLASSIFIED", "1. (U) Text.")])
        call_command("ingest_cables", "--bulk", str(tmp_path / "d.csv"), "--no-progress", "--no-facts")
        write_archive(tmp_path / "e.csv", [(801, "UNCLASSIFIED", "1. (U) Text.")])
        call_command("ingest_cables", "--bulk", str(tmp_path / "e.csv"), "--no-progress")
    finally:
        cable_stored.disconnect(dispatch_uid="test-bulk-listener")
    assert heard == ["09STATE801"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_cable_the_database_refuses_costs_only_itself(tmp_path, capsys):
    rows = [(n, "UNCLASSIFIED", f"1. (U) Text {n}.") for n in range(900, 904)]
    rows[2] = (902, "UNCLASSIFIED", "1. (U) Text with a NUL\x00 byte, which PostgreSQL cannot store.")
    bulk(write_archive(tmp_path / "f.csv", rows), batch=10)
    out = capsys.readouterr().out
    assert "4 seen, 3 new, 0 updated, 0 unchanged, 1 rejected" in out
    assert sorted(Cable.objects.values_list("reference_id", flat=True)) == ["09STATE900", "09STATE901", "09STATE903"]
    job = IngestionJob.objects.latest("pk")
    assert job.errors and "not stored" in job.errors[0]["error"]


def _archive_bytes(rows: list[tuple[str, str]]) -> bytes:
    """cables.csv rows, each (content, encoding), padded so that they span many read blocks."""
    data = b""
    for n, (content, encoding) in enumerate(rows, start=1):
        data += (f'"{n}","4/21/2009 13:43","09STATE{n}","Embassy","","","HEADER","{content} ' + "x" * 40_000
                 + '"\n').encode(encoding)
    return data


@pytest.mark.parametrize(("rows", "note"), [
    ([("plain ASCII", "ascii"), ("Gen\u00e8ve and \u201cquotes\u201d", "utf-8")], None),
    ([("plain ASCII", "ascii")] * 3 + [("Gen\u00e8ve", "latin-1"), ("after", "ascii")], "read as Latin-1"),
    ([("Caf\u00e9", "utf-8"), ("plain", "ascii"), ("Gen\u00e8ve", "latin-1")], "before read as UTF-8"),
])
def test_an_archive_is_read_as_utf8_until_bytes_that_are_not_and_every_row_comes_once(tmp_path, rows, note):
    from cables.bulk import iter_archive_rows

    path = tmp_path / "cables.csv"
    path.write_bytes(_archive_bytes(rows))
    notes = []
    read = list(iter_archive_rows([path], notes))
    assert [row[2] for _, _, row in read] == [f"09STATE{n}" for n in range(1, len(rows) + 1)]
    assert [row[7].split(" x")[0] for _, _, row in read] == [content for content, _ in rows]
    assert [line for _, line, _ in read] == list(range(1, len(rows) + 1))
    assert (notes == []) if note is None else (len(notes) == 1 and note in notes[0])


def test_an_archive_cut_short_inside_a_character_is_read_as_latin1(tmp_path):
    from cables.bulk import iter_archive_rows

    path = tmp_path / "cables.csv.gz"
    with gzip.open(path, "wb") as stream:
        stream.write(_archive_bytes([("plain", "ascii")]) + "Gen\u00e8".encode()[:-1])
    notes = []
    read = list(iter_archive_rows([path], notes))
    assert read[0][2][2] == "09STATE1" and notes == [f"{path} is not valid UTF-8; read as Latin-1"]


def _autovacuum_options():
    from django.db import connection

    from cables.bulk_write import ARCHIVE_TABLES

    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s)", [list(ARCHIVE_TABLES)])
        return {table: tuple(options or ()) for table, options in cursor.fetchall()}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_autovacuum_waits_for_the_load_and_comes_back_even_when_it_fails(tmp_path, monkeypatch):
    from cables import bulk as bulk_module

    during = []

    def resolve_then_fail():
        during.append(_autovacuum_options())
        raise RuntimeError("the load broke off")

    archive = write_archive(tmp_path / "h.csv", [(960, "UNCLASSIFIED", "1. (U) Text.")])
    monkeypatch.setattr(bulk_module, "references_resolve", resolve_then_fail)
    with pytest.raises(RuntimeError):
        bulk(archive)
    assert set(during[0].values()) == {("autovacuum_enabled=off",)}
    assert set(_autovacuum_options().values()) == {()}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_load_goes_on_where_it_may_not_tune_the_tables_or_the_search_index(tmp_path, monkeypatch, capsys):
    from cables import bulk_write

    # PostgreSQL refuses both changes, as it does to a database user that does not own the tables.
    monkeypatch.setattr(bulk_write, "ARCHIVE_TABLES", ("cables_cable", "no_such_table"))
    monkeypatch.setattr(bulk_write, "SEARCH_INDEX", "no_such_index")
    bulk(write_archive(tmp_path / "i.csv", [(970, "UNCLASSIFIED", "1. (U) Text.")]))
    assert "1 seen, 1 new" in capsys.readouterr().out
    assert _autovacuum_options()["cables_cable"] == ()


@pytest.mark.django_db(transaction=True)
def test_the_collector_sees_every_object_again_after_a_load_even_a_failed_one(tmp_path, monkeypatch):
    import gc

    from cables import bulk as bulk_module

    frozen_during = []
    thresholds = gc.get_threshold()

    def resolve_then_fail():
        frozen_during.append((gc.get_freeze_count(), gc.get_threshold()))
        raise RuntimeError("the load broke off")

    archive = write_archive(tmp_path / "g.csv", [(980, "UNCLASSIFIED", "1. (U) Text.")])
    bulk(archive)
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == thresholds
    monkeypatch.setattr(bulk_module, "references_resolve", resolve_then_fail)
    with pytest.raises(RuntimeError):
        bulk(archive)
    assert frozen_during[0][0] > 0 and frozen_during[0][1] != thresholds
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == thresholds
