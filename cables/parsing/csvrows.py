"""Rows of the archive's `cables.csv`: id, date, reference id, origin, classification,
references, header, content; no header row; the dump's backslash escapes or RFC 4180."""

from __future__ import annotations

import csv
import io
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


def uses_backslash_escapes(sample: str) -> bool:
    """The dump writes `\\"` and `\\'` inside a field; RFC 4180 doubles the quote and leaves the rest."""
    backslashed = sample.count('\\"') + sample.count("\\'")
    doubled = sample.count('""') - sample.count(',"",') - sample.count(',""\n') - sample.count(',""\r')
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


def row_to_cable(row: list[str], line: int, source: str | None) -> tuple[str, dict]:
    """(text, hints) of one row, or a CableParseError naming what is wrong with it."""
    if len(row) < len(COLUMNS):
        raise CableParseError(f"a cables.csv row has {len(row)} columns, expected 8", line=line, source=source)
    values = dict(zip(COLUMNS, row, strict=False))
    hints = {
        "reference_id": values["reference_id"].strip() or None,
        "classification": values["classification"].strip() or None,
        "origin": values["origin"].strip() or None,
        "origin_fallback": True,
        "year": row_year(values["date"]),
    }
    text = values["header"] + "\n\n" + values["content"]
    return text, hints


def iter_rows(text_or_lines: str | Iterable[str], source: str | None, sample: str | None = None):
    """(line number, row) for every row; the escape style is told from the first part of the input."""
    if isinstance(text_or_lines, str):
        sample = text_or_lines[:1_000_000]
        lines: Iterable[str] = io.StringIO(text_or_lines, newline="")
    else:
        lines = text_or_lines
    backslash = uses_backslash_escapes(sample or "")
    reader = read_rows(lines, backslash)
    while True:
        start = reader.line_num + 1
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
