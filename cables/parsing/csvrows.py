"""Rows of the archive's `cables.csv`: id, date, reference id, origin, classification,
references, header, content; no header row; the dump's backslash escapes or RFC 4180."""

from __future__ import annotations

import csv
import io
import itertools
import re
import sys
import zlib
from collections.abc import Iterable, Iterator

from .errors import CableParseError

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

#: The start of a row: `"1","12/28/1966 18:48","66BUENOSAIRES2481",`.
ROW_START_RE = re.compile(r'\A\s*"?\d{1,7}"?,"?\d{1,4}[/-]\d{1,2}[/-]\d{1,4}')
_DATE_RE = re.compile(r"(\d{1,4})[/-](\d{1,2})[/-](\d{1,4})")
COLUMNS = ("id", "date", "reference_id", "origin", "classification", "references", "header", "content")


def looks_like_csv(text: str) -> bool:
    return ROW_START_RE.match(text) is not None


def uses_backslash_escapes(sample: str, end: int | None = None) -> bool:
    """The dump writes `\\"` and `\\'` inside a field; RFC 4180 doubles the quote and leaves the rest.

    Only `sample[:end]` is looked at, without copying it out of a long text."""
    end = len(sample) if end is None else end
    doubled = sample.count('""', 0, end)
    backslashed = sample.count('\\"', 0, end)
    if backslashed <= doubled:
        backslashed += sample.count("\\'", 0, end)
    if backslashed > doubled:  # the empty fields taken off below only lower `doubled`
        return True
    doubled -= sample.count(',"",', 0, end) + sample.count(',""\n', 0, end) + sample.count(',""\r', 0, end)
    return backslashed > max(doubled, 0)


def read_rows(lines: Iterable[str], backslash: bool) -> Iterator[list[str]]:
    if backslash:
        return csv.reader(lines, escapechar="\\", doublequote=False, strict=False)
    return csv.reader(lines, doublequote=True, strict=False)


def row_year(date_value: str) -> int | None:
    """The year of the archive's date column (`12/28/1966 18:48` or `2009-04-21 13:43`)."""
    match = _DATE_RE.search(date_value or "")
    if match is None:
        return None
    first, _, last = match.groups()
    if len(first) == 4:
        return int(first)
    if len(last) == 4:
        return int(last)
    return None


def row_to_cable(row: list[str], line: int | None, source: str | None) -> tuple[str, dict]:
    """(text, hints) of one row, or a CableParseError naming what is wrong with it."""
    if len(row) < len(COLUMNS):
        raise CableParseError(f"a cables.csv row has {len(row)} columns, expected 8", line=line, source=source)
    _, date, reference_id, origin, classification, _, header, content = row[:8]
    hints = {
        "reference_id": reference_id.strip() or None,
        "classification": classification.strip() or None,
        "origin": origin.strip() or None,
        "origin_fallback": True,
        "year": row_year(date),
    }
    return header + "\n\n" + content, hints


def iter_rows(text_or_lines: str | Iterable[str], source: str | None, sample: str | None = None):
    """(line number, row) for every row; the escape style is told from the first part of the input.

    A text, or a stream with `read`, is read by `quick_rows`, which takes the rows of the
    dump and of RFC 4180 exports with a few string searches each; from the first row it
    cannot read exactly as the `csv` module would, the `csv` module reads the rest.
    Other iterables of lines go to the `csv` module.
    """
    if isinstance(text_or_lines, str):
        yield from _rows_of_text(text_or_lines, source, uses_backslash_escapes(text_or_lines, 1_000_000))
        return
    backslash = uses_backslash_escapes(sample or "")
    if hasattr(text_or_lines, "read"):
        yield from _rows_of_stream(text_or_lines, source, backslash)
    else:
        yield from _csv_rows(text_or_lines, source, backslash, 0)


def _csv_rows(lines: Iterable[str], source: str | None, backslash: bool, lines_before: int):
    reader = read_rows(lines, backslash)
    while True:
        start = lines_before + reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, CableParseError(f"unreadable CSV: {exc}", line=start, source=source)
            return
        except (OSError, EOFError, zlib.error) as exc:
            yield start, CableParseError(f"damaged compressed data: {exc}", line=start, source=source)
            return
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        yield start, row


def _rows_of_text(text: str, source: str | None, backslash: bool):
    numbers = LineNumbers(text)
    for line, offset, row in placed_rows_of_text(text, source, backslash):
        yield (numbers.at(offset) if line is None else line), row


def placed_rows_of_text(text: str, source: str | None, backslash: bool):
    """(line, offset, row) for every row of a text: the rows read by string searches come
    with their offset (and line None), for `LineNumbers` to number only when asked; the rows
    after them, read by the `csv` module, with their line number (and offset None)."""
    position = 0
    for start, end, row in quick_rows(text, True, backslash):
        if row is None:
            break
        if len(row) > 1 or row[0].strip():
            yield None, start, row
        position = end
    if position < len(text):
        line = line_ends(text, 0, position, "\r" in text)
        for number, row in _csv_rows(io.StringIO(text[position:], newline=""), source, backslash, line):
            yield number, None, row


class LineNumbers:
    """The line of an offset in a text, as the `csv` module counts lines, counted from the
    offset asked before: numbering rows in order reads the text once, and a text whose
    lines nobody asks for is not read at all."""

    def __init__(self, text: str):
        self._text = text
        self._returns: bool | None = None
        self._offset = 0
        self._line = 1

    def at(self, offset: int) -> int:
        if self._returns is None:
            self._returns = "\r" in self._text
        if offset < self._offset:
            self._offset, self._line = 0, 1
        self._line += line_ends(self._text, self._offset, offset, self._returns)
        self._offset = offset
        return self._line


#: Characters read from a stream at a time; a row longer than this is read in larger steps.
STREAM_CHUNK = 1 << 16


def _rows_of_stream(stream, source: str | None, backslash: bool):
    buffer = ""
    line = 0
    want = STREAM_CHUNK
    while True:
        try:
            chunk = stream.read(want)
        except (OSError, EOFError, zlib.error) as exc:
            yield line + 1, CableParseError(f"damaged compressed data: {exc}", line=line + 1, source=source)
            return
        final = not chunk
        buffer += chunk
        position = 0
        unreadable = False
        returns = "\r" in buffer
        for start, end, row in quick_rows(buffer, final, backslash):
            if row is None:
                unreadable = end < 0
                break
            ends = line_ends(buffer, start, end, returns)
            if len(row) > 1 or row[0].strip():
                yield line + 1, row
            line += ends
            position = end
        buffer = buffer[position:]
        if final or unreadable:
            break
        want = max(STREAM_CHUNK, len(buffer))
    if final:
        if buffer:
            yield from _csv_rows(io.StringIO(buffer, newline=""), source, backslash, line)
        return
    try:
        buffer += stream.readline()  # the csv module reads whole lines
    except (OSError, EOFError, zlib.error) as exc:
        yield line + 1, CableParseError(f"damaged compressed data: {exc}", line=line + 1, source=source)
        return
    yield from _csv_rows(itertools.chain(io.StringIO(buffer, newline=""), stream), source, backslash, line)


def line_ends(text: str, start: int, end: int, returns: bool = True) -> int:
    """Lines ended in `text[start:end]`, counted as the `csv` module counts them (`\\r\\n`, `\\r` or
    `\\n`); `returns` is False when the caller knows `text` holds no `\\r`."""
    count = text.count("\n", start, end)
    if returns:
        count += text.count("\r", start, end) - text.count("\r\n", start, end)
    return count


_UNQUOTED_RE = re.compile(r'[^,\r\n"\\]*')
_UNQUOTED_RFC_RE = re.compile(r'[^,\r\n"]*')
#: The six short columns a row opens with, quoted, without a quote or backslash inside: read
#: by one match, where reading them one field at a time costs more than the fields themselves.
_PLAIN_OPENING_RE = re.compile(r'"([^"\\]*)",' * 6)


def _quoted_escaped(text: str, position: int, slash: int) -> tuple[str | None, int, int]:
    """(value, closing quote, next backslash) of the dump's quoted field whose value starts
    at `position`; `slash` is the first backslash at or after `position` (-1: none), so
    that a field without one costs no search for it. (None, -1, slash) when `text` holds no
    closing quote."""
    find = text.find
    close = find('"', position)
    if close < 0:
        return None, -1, slash
    if not 0 <= slash < close:
        return text[position:close], close, slash
    pieces = []
    start = position
    while 0 <= slash < close:
        pieces.append(text[start:slash])
        start = slash + 1
        if start == close:
            close = find('"', start + 1)
        slash = find("\\", slash + 2)
    if close < 0:
        return None, -1, slash
    pieces.append(text[start:close])
    return "".join(pieces), close, slash


def _quoted_doubled(text: str, position: int) -> tuple[str | None, int]:
    """(value, closing quote) of an RFC 4180 quoted field, whose quotes are written twice."""
    find = text.find
    close = find('"', position)
    while 0 < close < len(text) - 1 and text[close + 1] == '"':
        close = find('"', close + 2)
    if close < 0:
        return None, -1
    value = text[position:close]
    if '""' in value:
        value = value.replace('""', '"')
    return value, close


def quick_rows(text: str, final: bool, backslash: bool):
    """(start, end, row) of each row of `text`, as the `csv` module reads it, with a few string searches.

    Reads the forms the archive and spreadsheet exports write: quoted fields with `\\"`
    escapes (or doubled quotes for RFC 4180), unquoted fields without quotes or
    backslashes, rows ended by `\\n`, `\\r\\n` or `\\r`. Stops with `(start, -1, None)` at a
    row it cannot read so, and, unless `final`, with `(start, start, None)` at a row that
    `text` does not hold to its end.
    """
    length = len(text)
    unquoted = _UNQUOTED_RE if backslash else _UNQUOTED_RFC_RE
    slash = text.find("\\") if backslash else -1
    position = 0
    while position < length:
        start = position
        opening = _PLAIN_OPENING_RE.match(text, position)
        if opening is not None:
            row = list(opening.groups())
            position = opening.end()
        else:
            row = []
        while True:
            if position < length and text[position] == '"':
                if backslash:
                    value, close, slash = _quoted_escaped(text, position + 1, slash)
                else:
                    value, close = _quoted_doubled(text, position + 1)
                if close < 0:
                    yield start, (start if not final else -1), None
                    return
                position = close + 1
            else:
                field_start = position
                position = unquoted.match(text, position).end()
                value = text[field_start:position]
            row.append(value)
            if position >= length:
                if not final:
                    yield start, start, None
                    return
                break
            char = text[position]
            if char == ",":
                position += 1
            elif char == "\n":
                position += 1
                break
            elif char == "\r":
                if position + 1 == length and not final:
                    yield start, start, None
                    return
                position += 2 if text.startswith("\n", position + 1) else 1
                break
            else:
                yield start, -1, None
                return
        yield start, position, row
