"""Every real cable in the corpus agrees field by field with the hand-checked index.json.

index.json has one entry per cable (a CSV file holding two cables has two, told apart
by `csv_row`); `paragraph_count` counts numbered paragraphs (1 for a single unnumbered
one); `signer` compares without case. A null in the index means the copy does not say:
the parser must then give null too, never a guess.
"""

import json
from functools import cache

import pytest

from cables.parsing import CableParseError, parse_file

from .helpers import CORPUS

INDEX = json.loads((CORPUS / "index.json").read_text(encoding="utf-8"))
FIELDS = ("reference_id", "created", "origin", "classification", "tags", "subject", "references", "signer")


@cache
def _records(file_name: str) -> tuple:
    return tuple(parse_file(CORPUS / file_name))


def _record(entry: dict) -> dict:
    records = _records(entry["file"])
    record = records[entry.get("csv_row", 1) - 1]
    assert not isinstance(record, CableParseError), record
    return record


def _entry_id(entry: dict) -> str:
    return entry["reference_id"]


def test_index_covers_every_cable_file():
    files = {p.name for p in CORPUS.iterdir() if p.suffix in (".html", ".txt", ".csv")}
    assert files == {entry["file"] for entry in INDEX}


@pytest.mark.parametrize("entry", INDEX, ids=_entry_id)
@pytest.mark.parametrize("field", FIELDS)
def test_field_agrees_with_index(entry, field):
    record = _record(entry)
    expected, got = entry[field], record[field]
    if field == "signer" and expected is not None and got is not None:
        expected, got = expected.lower(), got.lower()
    if field == "subject" and expected is not None:
        expected = " ".join(expected.split())
    assert got == expected


@pytest.mark.parametrize("entry", INDEX, ids=_entry_id)
def test_paragraph_count_agrees_with_index(entry):
    record = _record(entry)
    count = len(record["paragraphs"])
    if entry["paragraph_count"] is None:
        assert count == 0 or any("paragraph" in w for w in record["warnings"]), record["warnings"]
    else:
        assert count == entry["paragraph_count"]


@pytest.mark.parametrize("entry", INDEX, ids=_entry_id)
def test_unread_fields_are_explained(entry):
    record = _record(entry)
    for field in ("created", "origin", "subject", "signer"):
        if record[field] is None:
            assert record["warnings"], field


def test_paragraph_markings_carry_noforn():
    record = _records("07REYKJAVIK334.html")[0]
    assert [p["marking"] for p in record["paragraphs"]] == ["C/NF"]
    record = _records("07THEHAGUE1994.html")[0]
    assert "C/NF" in [p["marking"] for p in record["paragraphs"]]
    assert record["classification"] == "CONFIDENTIAL"


def test_glued_record_of_another_cable_is_left_out():
    record = _records("07BERN881.html")[0]
    assert record["signer"] == "CARTER"
    assert [p["marking"] for p in record["paragraphs"]] == ["S", "S", "S", "C"]
    assert any("another cable" in w for w in record["warnings"])


def test_metadata_only_copy_reads_what_it_has():
    record = _records("08MANAMA125.txt")[0]
    assert record["reference_id"] == "08MANAMA125"
    assert record["classification"] == "CONFIDENTIAL"
    assert record["paragraphs"] == []
    assert record["created"] is None


def test_year_less_reference_too_high_for_the_date_is_not_guessed():
    record = _records("04RANGOON88.html")[0]
    assert record["references"] is None
    assert any("too high" in w for w in record["warnings"])
