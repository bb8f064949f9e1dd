"""Reading uploads: limits, encodings, archives; what a user is told when a file is refused."""

import gzip
import io
import zipfile

import pytest

from cables.sources import CableText, SourceRejected, pasted_text, read_source
from tests.ingestion.records import seed_text, telegram


def read(name, data: bytes, notes=None):
    return list(read_source(name, lambda: io.BytesIO(data), notes if notes is not None else []))


def zipped(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_text_file_is_one_cable_text():
    [item] = read("09STATE39345.txt", seed_text().encode())
    assert isinstance(item, CableText) and item.form == "text" and item.text == seed_text()


def test_latin1_text_is_read_and_the_user_is_told():
    notes = []
    data = telegram(subject="CAFÉ TALKS").encode("latin-1")
    [item] = read("cable.txt", data, notes)
    assert "CAFÉ TALKS" in item.text
    offset = data.index("É".encode("latin-1"))
    assert notes == [f"cable.txt is not valid UTF-8 (byte {offset}); read as Latin-1"]


def test_binary_bytes_are_refused_as_not_text():
    [refusal] = read("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert isinstance(refusal, SourceRejected)
    assert refusal.message == "photo.txt is not text (binary bytes at offset 6)"


def test_an_empty_file_is_refused():
    [refusal] = read("empty.txt", b"  \n")
    assert refusal.message == "empty.txt is empty"


def test_a_zip_yields_each_member_and_refuses_names_that_leave_the_folder():
    data = zipped({"a/one.txt": telegram(1).encode(), "../../etc/passwd": b"x", "/abs.txt": b"y",
                   "two.html": b"<html><pre>" + telegram(2).encode() + b"</pre></html>"})
    items = read("batch.zip", data)
    texts = [i for i in items if isinstance(i, CableText)]
    refusals = [i for i in items if isinstance(i, SourceRejected)]
    assert [t.source for t in texts] == ["batch.zip:a/one.txt", "batch.zip:two.html"]
    assert texts[1].form == "html"
    assert sorted(r.message for r in refusals) == [
        "batch.zip: the name leaves the archive's folder ('../../etc/passwd'); refused",
        "batch.zip: the name leaves the archive's folder ('/abs.txt'); refused",
    ]


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    data = zipped({"bomb.txt": b"A" * (20 << 20)})
    assert len(data) < 100_000
    [refusal] = read("bomb.zip", data)
    assert "zip bomb" in refusal.message


def test_a_zip_with_too_many_files_is_refused(settings):
    settings.CABLE_ARCHIVE_MAX_FILES = 5
    [refusal] = read("many.zip", zipped({f"{n}.txt": b"x" for n in range(6)}))
    assert refusal.message == "many.zip holds 6 files; the limit is 5"


def test_a_gzip_that_unpacks_past_the_limit_is_refused(settings):
    settings.CABLE_UNPACKED_MAX_BYTES = 1000
    [refusal] = read("big.txt.gz", gzip.compress(telegram().encode() * 10))
    assert refusal.message == "big.txt.gz unpacks to more than 1,000 bytes; the limit is 1,000 bytes"


def test_a_gzipped_csv_is_streamed_row_by_row():
    rows = (
        '"1","4/21/2009 13:43","09STATE39345","Secretary of State","CONFIDENTIAL","","VZCZC header",'
        '"body one"\n'
        '"2","4/22/2009 13:43","09STATE39346","Secretary of State","UNCLASSIFIED","","VZCZC header",'
        '"body two"\n'
    )
    items = read("cables.csv.gz", gzip.compress(rows.encode()))
    assert [(i.source, i.form, i.hints["reference_id"]) for i in items] == [
        ("cables.csv line 1", "csv", "09STATE39345"),
        ("cables.csv line 2", "csv", "09STATE39346"),
    ]


def test_pasted_text_past_the_size_limit_is_refused(settings):
    settings.CABLE_UPLOAD_MAX_BYTES = 100
    with pytest.raises(SourceRejected, match="the pasted text is 5,000 bytes; the limit is 100 bytes"):
        list(pasted_text("x" * 5000, []))


def test_several_telegrams_in_one_file_are_several_cables():
    items = read("three.txt", (telegram(11) + "\n" + telegram(12) + "\n" + telegram(13)).encode())
    assert [item.source for item in items] == ["three.txt line 1", "three.txt line 24", "three.txt line 47"]
    assert all(item.text.startswith("VZCZC") for item in items)
