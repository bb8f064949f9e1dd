"""Rows of the archive's cables.csv: a committed sample, every quoting and compression, and
(marked slow) the whole bulk corpus from the shared data when it is there."""

import csv
import gzip
import io

import pytest

from cables.parsing import CableParseError, iter_cables, parse_file
from cables.parsing.csvrows import row_year
from cables.parsing.markings import normalise_archive_classification

from .helpers import BULK_SAMPLE, SEEDS, shared_bulk


def _sample_rows():
    with open(BULK_SAMPLE, encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream, escapechar="\\", doublequote=False))


def _rfc4180(rows) -> str:
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _agreement(records, rows):
    """(rows, reference ids agreeing, classifications agreeing, disagreements without a warning)."""
    ids = classifications = unexplained = 0
    for record, row in zip(records, rows, strict=True):
        assert not isinstance(record, CableParseError), record
        if record["reference_id"] == row[2]:
            ids += 1
        if record["classification"] == normalise_archive_classification(row[4]):
            classifications += 1
        elif not any("classification" in w for w in record["warnings"]):
            unexplained += 1
    return len(rows), ids, classifications, unexplained


def test_sample_rows_parse_and_agree_with_their_columns():
    rows = _sample_rows()
    records = list(parse_file(BULK_SAMPLE))
    count, ids, classifications, unexplained = _agreement(records, rows)
    assert count == len(rows) >= 50
    assert ids == count
    assert unexplained == 0
    assert classifications >= count - 2


def test_rfc4180_and_gzip_give_the_same_records(tmp_path):
    rows = _sample_rows()
    expected = list(parse_file(BULK_SAMPLE))
    rfc_path = tmp_path / "rfc.csv"
    rfc_path.write_text(_rfc4180(rows), encoding="utf-8", newline="")
    gz_path = tmp_path / "cables.csv.gz"
    gz_path.write_bytes(gzip.compress(BULK_SAMPLE.read_bytes()))
    assert list(parse_file(rfc_path)) == expected
    assert list(parse_file(gz_path)) == expected
    assert list(iter_cables(gzip.compress(rfc_path.read_bytes()), "bytes")) == expected
    with open(gz_path, "rb") as stream:
        assert list(iter_cables(stream, "stream")) == expected


def test_csv_row_columns_fill_what_the_text_lacks():
    row = ["7", "3/3/2008 7:07", "08MANAMA126", "Embassy Manama", "CONFIDENTIAL", "", "null",
           "Poloff discussed reftel points with the MFA. ERELI"]
    (record,) = iter_cables(_rfc4180([row]), "row")
    assert record["reference_id"] == "08MANAMA126"
    assert record["classification"] == "CONFIDENTIAL"
    assert record["origin"] == "AMEMBASSY MANAMA"
    assert record["created"] is None
    assert any("container" in w for w in record["warnings"])
    assert any("origin" in w for w in record["warnings"])


def test_cable_classification_wins_over_the_column_with_a_warning():
    text = (SEEDS / "09STATE39345.csv").read_text(encoding="utf-8").replace('"CONFIDENTIAL"', '"SECRET//NOFORN"', 1)
    (record,) = iter_cables(text, "row")
    assert record["classification"] == "CONFIDENTIAL"
    assert any("SECRET//NOFORN" in w for w in record["warnings"])


def test_wrong_minutes_of_the_date_column_are_not_used():
    (record,) = parse_file(SEEDS / "09STATE39345.csv")
    assert record["created"] == "2009-04-21T13:43:00Z"
    assert row_year("4/21/2009 13:01") == 2009


def test_a_short_row_is_an_error_with_its_line():
    text = (SEEDS / "09STATE39345.csv").read_text(encoding="utf-8") + '"2","4/21/2009 13:01","09STATE1"\n'
    results = list(iter_cables(text, "rows.csv"))
    assert isinstance(results[0], dict)
    error = results[1]
    assert isinstance(error, CableParseError)
    assert error.line == text.count("\n")
    assert "columns" in error.message


@pytest.mark.slow
def test_whole_bulk_corpus_parses_and_agrees_with_its_columns():
    path = shared_bulk()
    if path is None:
        pytest.skip("the bulk corpus ../shared/cables/bulk/cables.csv.gz is not beside this checkout")
    with gzip.open(path, "rt", encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, escapechar="\\", doublequote=False))
    records = list(parse_file(path))
    count, ids, classifications, unexplained = _agreement(records, rows)
    assert count == 5354
    assert ids == count
    assert unexplained == 0
    assert classifications / count > 0.98


def test_truncated_gzip_gives_the_rows_before_the_damage_then_an_error(tmp_path):
    data = gzip.compress(BULK_SAMPLE.read_bytes())
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    results = list(parse_file(path))
    assert isinstance(results[-1], CableParseError)
    assert "damaged" in results[-1].message or "CSV" in results[-1].message
    assert all(isinstance(r, dict) for r in results[:-1]) and len(results) > 5


def test_parse_file_takes_a_files_bytes_too():
    data = gzip.compress((SEEDS / "08STATE22377.csv").read_bytes())
    (record,) = parse_file(data, "upload.csv.gz")
    assert record["reference_id"] == "08STATE22377"
