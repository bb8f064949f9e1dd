"""Whole inputs to cables: files, bytes, streams; plain or gzip; a page, CSV rows or telegrams,
several cables in one text and one cable's sections sent as separate telegrams."""

from __future__ import annotations

import gzip
import io
import itertools
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from typing import IO

from .cable import NEXT_CABLE_RE, parse_cable
from .csvrows import (
    LineNumbers,
    iter_rows,
    looks_like_csv,
    placed_rows_of_text,
    row_to_cable,
    uses_backslash_escapes,
)
from .dtg import DTG_RE
from .errors import CableParseError
from .header import find_classification_line
from .html import looks_like_html, page_metadata, page_text

GZIP_MAGIC = b"\x1f\x8b"
_SNIFF = 1 << 16

#: A classification line that names its cable (`... SECTION 02 OF 02 STATE 039345`), at a line start.
_NAMED_CLASS_LINE_RE = re.compile(
    r"\n[ \t]*(?:C[ \t]?O[ \t]?N[ \t]?F[ \t]?I[ \t]?D[ \t]?E[ \t]?N[ \t]?T[ \t]?I[ \t]?A[ \t]?L"
    r"|S[ \t]?E[ \t]?C[ \t]?R[ \t]?E[ \t]?T"
    r"|UNCLAS(?:SIFIED)?)[ \t]+(?:E[ \t]?F[ \t]?T[ \t]?O[ \t]+)?(?:SECTION[ \t]+(\d{1,3})[ \t]+OF[ \t]+\d{1,3}[ \t]+)?"
    r"([A-Z][A-Z .'-]{1,40}?)[ \t]+0*(\d{1,7})[ \t]*(?=\n|\Z)"
)
_ROUTING_LINE_RE = re.compile(r"^[ \t]*(?:FM|TO|INFO|XMT|DE|ZNY|ZNR)\b|^[ \t]*[A-Z0-9]{4,8}/", re.M)
_CAPTION_LINE_RE = re.compile(
    r"^[ \t]*(?:SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|SENSITIVE|STADIS|CORRECTED COPY.*)?[ \t]*$", re.M
)
#: A line that ends a transmission: `BT`, the serial, `NNNN`.
_TRAILER_LINE_RE = re.compile(r"[ \t]*(?:BT|#\d{1,6}|NNNN)?[ \t]*")
_FIELD_LINE_RE = re.compile(r"^[ \t]*(?:E\.?[ \t]?O\.?[ \t]?1[23]\d{3}|TAGS\b|SUBJECT:)", re.I)


def decode(data: bytes) -> str:
    """Bytes to text: gunzipped if gzip, UTF-8 if it reads, else Windows-1252."""
    if data[:2] == GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise CableParseError(f"damaged gzip data: {exc}", line=None) from None
    if data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def iter_cables(text_or_stream: str | bytes | IO, source: str | None = None) -> Iterator[dict | CableParseError]:
    """A record, or a CableParseError, for each cable in the input, in order.

    Recognises a WikiLeaks page, `cables.csv` rows (backslash escapes or RFC 4180), and
    plain text holding one or more telegrams (scraped, raw, alx/cablegate form). The
    sections of one cable sent as separate telegrams are read as one cable.
    """
    if isinstance(text_or_stream, bytes):
        try:
            text_or_stream = decode(text_or_stream)
        except CableParseError as error:
            error.source = source
            yield error
            return
    if isinstance(text_or_stream, str):
        yield from _iter_text(text_or_stream, source)
        return
    yield from _iter_stream(text_or_stream, source)


def parse_file(path_or_bytes: str | os.PathLike | bytes, source: str | None = None) -> Iterator[dict | CableParseError]:
    """Every cable in a file (plain or gzip), or in a file's bytes, as `iter_cables` reads it."""
    if isinstance(path_or_bytes, bytes | bytearray):
        yield from iter_cables(bytes(path_or_bytes), source)
        return
    source = source or os.fspath(path_or_bytes)
    with open(path_or_bytes, "rb") as stream:
        yield from _iter_stream(stream, source)


def _iter_stream(stream: IO, source: str | None) -> Iterator[dict | CableParseError]:
    head = stream.read(_SNIFF)
    if isinstance(head, str):
        if looks_like_csv(head):
            lines = itertools.chain(io.StringIO(head + stream.readline(), newline=""), stream)
            yield from _iter_csv(lines, source, head)
            return
        yield from _iter_text(head + stream.read(), source)
        return
    if head[:2] == GZIP_MAGIC:
        raw = gzip.GzipFile(fileobj=_Prefixed(head, stream))
        try:
            head = raw.read(_SNIFF)
        except (OSError, EOFError, zlib.error) as exc:
            yield CableParseError(f"damaged gzip data: {exc}", source=source)
            return
        stream = raw
    sample = _decode_sample(head)
    if looks_like_csv(sample):
        text_stream = io.TextIOWrapper(_Prefixed(head, stream), encoding="utf-8", errors="replace", newline="")
        yield from _iter_csv(text_stream, source, sample)
        return
    try:
        rest = stream.read()
    except (OSError, EOFError, zlib.error) as exc:
        yield CableParseError(f"damaged gzip data: {exc}", source=source)
        return
    yield from _iter_text(decode(head + rest), source)


def _decode_sample(head: bytes) -> str:
    if head[:3] == b"\xef\xbb\xbf":
        head = head[3:]
    return head.decode("utf-8", errors="ignore")


class _Prefixed(io.RawIOBase):
    """A binary stream whose first bytes were already read for sniffing."""

    def __init__(self, prefix: bytes, stream: IO):
        self._prefix = prefix
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        chunk = self._stream.read(len(buffer))
        n = len(chunk)
        buffer[:n] = chunk
        return n


def _iter_csv(lines: Iterable[str], source: str | None, sample: str) -> Iterator[dict | CableParseError]:
    for line, row in iter_rows(lines, source, sample):
        if isinstance(row, CableParseError):
            yield row
            return
        result = _csv_cable(row, source)
        if isinstance(result, CableParseError):
            _place_error(result, line)
        yield result


def _iter_csv_text(text: str, source: str | None) -> Iterator[dict | CableParseError]:
    """`_iter_csv` for a text, numbering a row's line only for an error: counting the lines
    of every row is a pass over the whole text."""
    numbers = LineNumbers(text)
    for line, offset, row in placed_rows_of_text(text, source, uses_backslash_escapes(text, 1_000_000)):
        if isinstance(row, CableParseError):
            yield row
            return
        result = _csv_cable(row, source)
        if isinstance(result, CableParseError):
            _place_error(result, line or numbers.at(offset))
        yield result


def _csv_cable(row: list[str], source: str | None) -> dict | CableParseError:
    """The record of one cables.csv row, or its error, its line counted from the row's first line."""
    try:
        text, hints = row_to_cable(row, None, source)
        return parse_cable(text, source, hints=hints)
    except CableParseError as error:
        error.source = source
        return error


def _place_error(error: CableParseError, line: int) -> None:
    """A row's error placed in the input: its line counted from the input's first line."""
    error.line = line if error.line is None else line + error.line - 1


def _iter_text(text: str, source: str | None) -> Iterator[dict | CableParseError]:
    if looks_like_csv(text):
        yield from _iter_csv_text(text, source)
        return
    hints: dict = {}
    if looks_like_html(text):
        hints = page_metadata(text)
        text = page_text(text)
        chunks = [(1, text)]
    else:
        chunks = split_cables(text)
    for line, chunk in merge_sections(chunks):
        try:
            yield parse_cable(chunk, source, hints=hints if len(chunks) == 1 else None)
        except CableParseError as error:
            error.source = source
            error.line = line if error.line is None else line + error.line - 1
            yield error


def split_cables(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each telegram in a text holding one or more.

    A telegram starts at a `VZCZC` transmission id or a dumped database record; without
    those, at a classification line naming another cable (or another section), together
    with the DTG and address lines just above it.
    """
    starts = []
    if "VZCZC" in text or "\t" in text:
        starts = [m.start() for m in NEXT_CABLE_RE.finditer("\n" + text)]
    if len(starts) < 2:
        starts = _starts_by_classification(text)
    if len(starts) < 2:
        return [(1, text)]
    starts[0] = 0
    pieces = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        pieces.append((text.count("\n", 0, start) + 1, text[start:end]))
    return pieces


def _starts_by_classification(text: str) -> list[int]:
    if not any(word in text for word in ("C O N F", "CONFIDENTIAL", "S E C R E T", "SECRET", "UNCLAS")):
        return [0]
    lines = list(_NAMED_CLASS_LINE_RE.finditer("\n" + text))
    if len(lines) < 2:
        return [0]
    starts = [0]
    previous = (lines[0].group(2).strip(), lines[0].group(3), lines[0].group(1))
    for match in lines[1:]:
        current = (match.group(2).strip(), match.group(3), match.group(1))
        if current == previous:
            continue
        previous = current
        starts.append(_telegram_start(text, match.start(), starts[-1]))  # prefixed offset = line start
    return starts


def _telegram_start(text: str, class_start: int, floor: int) -> int:
    """Back from a classification line over its DTG and address lines, if it has them."""
    window_start = max(floor, class_start - 20_000)
    window = text[window_start:class_start]
    dtg = None
    for match in DTG_RE.finditer("\n" + window):
        dtg = match
    if dtg is None:
        return class_start
    between = window[dtg.end() - 1:]
    lines = [line for line in between.split("\n") if line.strip()]
    if all(_ROUTING_LINE_RE.match(line) or line.strip().isupper() for line in lines):
        line_start = dtg.start()
        previous = window.rfind("\n", 0, max(line_start - 1, 0)) + 1
        for candidate in (previous,):
            above = window[candidate:line_start].strip()
            if re.fullmatch(r"(?:[A-Z]{2}[ \t]+[A-Z0-9 \t]+|VZCZC\w*|DE .*|ZNY.*|ZNR.*)", above or "-"):
                return window_start + candidate
        return window_start + line_start
    return class_start


def merge_sections(chunks: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Consecutive telegrams that are sections 1, 2, ... of one cable, joined into one text."""
    pending: tuple[int, str] | None = None
    pending_key: tuple | None = None
    for line, chunk in chunks:
        key = _section_key(chunk)
        if (
            pending is not None
            and key is not None
            and pending_key is not None
            and key[:2] == pending_key[:2]
            and key[2] == pending_key[2] + 1
        ):
            pending = (pending[0], strip_trailer(pending[1]) + "\n\n" + _section_body(chunk))
            pending_key = key
            continue
        if pending is not None:
            yield pending
        pending, pending_key = (line, chunk), key
    if pending is not None:
        yield pending


def strip_trailer(text: str) -> str:
    """A telegram without the `BT` / `#9345` / `NNNN` lines that close it."""
    lines = text.rstrip().split("\n")
    while lines and _TRAILER_LINE_RE.fullmatch(lines[-1]):
        lines.pop()
    return "\n".join(lines)


def _section_key(chunk: str) -> tuple | None:
    cls = find_classification_line(chunk, 80_000)
    if cls is None or cls.station is None or cls.section is None:
        return None
    return (cls.station, int(cls.serial), cls.section)


def _section_body(chunk: str) -> str:
    """A later section without its routing, its classification line and the captions repeated under it."""
    cls = find_classification_line(chunk, 80_000)
    after = chunk[cls.line_end:] if cls is not None else chunk
    lines = after.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if _CAPTION_LINE_RE.fullmatch(line):
            index += 1
            continue
        if _FIELD_LINE_RE.match(line):
            index += 1
            if line.strip().upper().startswith("SUBJECT"):
                while index < len(lines) and lines[index].strip():
                    index += 1
            continue
        break
    return "\n".join(lines[index:])
