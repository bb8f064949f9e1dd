"""cables.csv rows are read by string searches where they can be, and always as the csv module
reads them: the same rows, the same line numbers, the same errors."""

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from cables.parsing import CableParseError, csvrows, iter_cables
from cables.parsing.csvrows import iter_rows

from .helpers import BULK_SAMPLE

PIECES = st.sampled_from(
    ['"', "\\", ",", "\n", "\r", "\r\n", "a", " ", '""', '\\"', '","', '"\n"', "é", "\x00", "\\\\"]
)


def _csv_module(text, backslash):
    """(line, row or error message) as the csv module reads `text`, line by line."""
    if backslash:
        reader = csv.reader(io.StringIO(text, newline=""), escapechar="\\", doublequote=False, strict=False)
    else:
        reader = csv.reader(io.StringIO(text, newline=""), doublequote=True, strict=False)
    rows = []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error as exc:
            rows.append((start, f"unreadable CSV: {exc}"))
            return rows
        if row and (len(row) > 1 or row[0].strip()):
            rows.append((start, row))


def _ours(rows):
    return [(line, row.message if isinstance(row, CableParseError) else row) for line, row in rows]


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join), st.booleans(), st.integers(min_value=1, max_value=9))
def test_rows_as_the_csv_module_reads_them(text, backslash, chunk):
    expected = _csv_module(text, backslash)
    assert _ours(csvrows._rows_of_text(text, "t", backslash)) == expected
    original = csvrows.STREAM_CHUNK
    csvrows.STREAM_CHUNK = chunk  # a stream read a few characters at a time
    try:
        assert _ours(csvrows._rows_of_stream(io.StringIO(text, newline=""), "t", backslash)) == expected
    finally:
        csvrows.STREAM_CHUNK = original


def test_dump_escapes_are_read():
    text = '"1","2/25/1972 9:09","72TEHRAN1164","a \\"b\\" c\\\\","d\\\'s","",""\n'
    ((line, row),) = iter_rows(text, "t")
    assert line == 1
    assert row[3:5] == ['a "b" c\\', "d's"]


def test_a_row_the_quick_reader_cannot_read_goes_to_the_csv_module_with_its_line_number():
    text = '"1","a"\n"2","b\nc"\n"3","x"y"\n"4","d"\n'
    rows = list(iter_rows(text, "t"))
    assert [line for line, _ in rows] == [1, 2, 4, 5]
    assert [row[1] for _, row in rows] == ["a", "b\nc", 'xy"', "d"]


def test_bulk_sample_reads_the_same_from_text_and_from_a_stream():
    data = BULK_SAMPLE.read_bytes()
    from_text = list(iter_cables(data.decode("utf-8"), "sample"))
    from_stream = list(iter_cables(io.BytesIO(data), "sample"))
    assert from_text == from_stream
    assert len(from_text) > 5


def test_nul_and_backslashes_across_fields_read_as_the_csv_module_reads_them():
    text = (
        '"1","a\\\\","b\x00c","\\"d\\"",e\x00f,"","x\\\\\\"y","z"\n'
        '"2","","","","","","\\\\","\\\'s\x00"\n'
        '"3","no backslash here","","","","","",""\n'
    )
    expected = _csv_module(text, True)
    assert _ours(csvrows._rows_of_text(text, "t", True)) == expected
    assert _ours(csvrows._rows_of_stream(io.StringIO(text, newline=""), "t", True)) == expected
    assert [len(row) for _, row in expected] == [8, 8, 8]


SNIFF_PIECES = st.sampled_from(['\\"', "\\'", '""', ',"",', ',""\n', ',""\r', "a", ","])


@settings(max_examples=2000, deadline=None)
@given(st.lists(SNIFF_PIECES, max_size=30).map("".join))
def test_escape_style_told_as_by_every_count(sample):
    backslashed = sample.count('\\"') + sample.count("\\'")
    doubled = sample.count('""') - sample.count(',"",') - sample.count(',""\n') - sample.count(',""\r')
    assert csvrows.uses_backslash_escapes(sample) == (backslashed > max(doubled, 0))


FIELD_PIECES = st.sampled_from(["a", " ", ",", "\n", '"', "\\", "'", "é", "\u2019", "\x00"])
PLAIN_PIECES = st.sampled_from(["a", " ", ",", "\n", "\r", "'", "é", "\u2019", "\x00"])
FIELD = st.tuples(st.lists(FIELD_PIECES, max_size=6).map("".join), st.booleans())
QUOTED_FIELD = st.one_of(
    st.tuples(st.lists(PLAIN_PIECES, max_size=4).map("".join), st.just(True)),
    st.tuples(st.lists(FIELD_PIECES, max_size=3).map("".join), st.just(True)),
)
#: A row of the dump: six short quoted columns, most without quotes or backslashes, then any fields.
DUMP_ROW = st.tuples(st.lists(QUOTED_FIELD, min_size=6, max_size=6), st.lists(FIELD, max_size=3)).map(
    lambda parts: parts[0] + parts[1]
)


def _dump_field(value, quoted):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' if quoted else value


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.one_of(DUMP_ROW, st.lists(FIELD, min_size=1, max_size=9)), max_size=4),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_dump_rows_read_as_the_csv_module_reads_them(rows, ending, backslash):
    """Rows shaped as the dump's, many with the six short quoted columns the quick reader takes at once."""
    text = "".join(",".join(_dump_field(value, quoted) for value, quoted in row) + ending for row in rows)
    expected = _csv_module(text, backslash)
    assert _ours(csvrows._rows_of_text(text, "t", backslash)) == expected
    assert _ours(csvrows._rows_of_stream(io.StringIO(text, newline=""), "t", backslash)) == expected
