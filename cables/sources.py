"""Reading what users hand in: files, archives and pasted text, into the texts of single cables.

Limits are checked here, before anything is stored: the size of an upload
(`CABLE_UPLOAD_MAX_BYTES`), the size a compressed file unpacks to
(`CABLE_UNPACKED_MAX_BYTES`, and a ratio no text reaches: a zip bomb), the
number of files in an archive, names that try to leave the archive's folder,
and bytes that are not text. Text is read as UTF-8, then Latin-1, and a note
says which. Archives and CSV files are streamed, never read whole.
"""

from __future__ import annotations

import codecs
import gzip
import io
import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from django.conf import settings

from cables.parsing.csvrows import iter_rows, looks_like_csv, row_to_cable
from cables.parsing.html import looks_like_html
from cables.parsing.sources import merge_sections, split_cables

TOO_BIG = "{name} is {size:,} bytes; the limit is {limit:,} bytes"
TOO_BIG_UNPACKED = "{name} unpacks to more than {limit:,} bytes; the limit is {limit:,} bytes"
ZIP_BOMB = "{name} is compressed {ratio:,}:1, more than any text file: refused as a zip bomb"
TOO_MANY_FILES = "{name} holds {count:,} files; the limit is {limit:,}"
UNSAFE_NAME = "{name}: the name leaves the archive's folder ({member!r}); refused"
NOT_TEXT = "{name} is not text (binary bytes at offset {offset:,})"
EMPTY = "{name} is empty"
BAD_ARCHIVE = "{name} is not a readable archive: {error}"
NESTED_ARCHIVE = "{name}: archives inside archives are not opened"
LATIN1 = "{name} is not valid UTF-8 (byte {offset:,}); read as Latin-1"

#: Compressed text reaches 10-20:1; a ratio past this is a bomb, not a cable archive.
MAX_RATIO = 200
#: Sniffing window for binary bytes and the CSV escape style.
SAMPLE = 1 << 16
#: Bytes that never appear in a text cable.
_BINARY = set(range(0, 9)) | {11, 12} | set(range(14, 32)) - {27}


class SourceRejected(Exception):
    """A file (or an archive member) refused whole, with the message shown to the user."""

    def __init__(self, message: str, source: str):
        super().__init__(message)
        self.message = message
        self.source = source


@dataclass
class CableText:
    """The text of one cable as handed in, and how to read it."""

    source: str
    text: str
    form: str = "text"  # "text" (telegram or scraped copy), "html" (WikiLeaks page), "csv" (a cables.csv row)
    line: int | None = None
    hints: dict = field(default_factory=dict)

    def as_item(self) -> dict:
        return {"source": self.source, "text": self.text, "form": self.form, "line": self.line, "hints": self.hints}


def max_upload() -> int:
    return settings.CABLE_UPLOAD_MAX_BYTES


def max_unpacked() -> int:
    return settings.CABLE_UNPACKED_MAX_BYTES


def check_size(name: str, size: int | None) -> None:
    if size is not None and size > max_upload():
        raise SourceRejected(TOO_BIG.format(name=name, size=size, limit=max_upload()), name)


class _Capped(io.RawIOBase):
    """A stream that refuses to deliver more than `limit` bytes: the unpacked size of an archive."""

    def __init__(self, stream: BinaryIO, limit: int, name: str):
        self._stream, self._limit, self._name, self.count = stream, limit, name, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self._stream.read(len(buffer))
        self.count += len(data)
        if self.count > self._limit:
            raise SourceRejected(TOO_BIG_UNPACKED.format(name=self._name, limit=self._limit), self._name)
        buffer[: len(data)] = data
        return len(data)


def read_source(name: str, opener: Callable[[], BinaryIO], notes: list[str]) -> Iterator[CableText | SourceRejected]:
    """Every cable text in a file, or a SourceRejected for each part that cannot be read.

    `opener` returns a fresh binary stream each call (a file can be read twice:
    once as UTF-8 and, if that fails, as Latin-1).
    """
    try:
        with opener() as stream:
            head = stream.read(4)
    except OSError as exc:
        yield SourceRejected(f"{name} cannot be read: {exc}", name)
        return
    if not head:
        yield SourceRejected(EMPTY.format(name=name), name)
        return
    try:
        if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
            yield from _read_zip(name, opener, notes)
        elif head.startswith(b"\x1f\x8b"):
            inner = name[:-3] if name.lower().endswith(".gz") else name
            yield from _read_text(inner, lambda: _gunzip(opener, name), notes)
        else:
            yield from _read_text(name, opener, notes)
    except SourceRejected as exc:
        yield exc


def _gunzip(opener, name) -> BinaryIO:
    return io.BufferedReader(_Capped(gzip.GzipFile(fileobj=opener(), mode="rb"), max_unpacked(), name))


def _read_zip(name: str, opener, notes: list[str]) -> Iterator[CableText | SourceRejected]:
    with opener() as stream:
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise SourceRejected(BAD_ARCHIVE.format(name=name, error=exc), name) from None
        members = [m for m in archive.infolist() if not m.is_dir()]
        limit = settings.CABLE_ARCHIVE_MAX_FILES
        if len(members) > limit:
            raise SourceRejected(TOO_MANY_FILES.format(name=name, count=len(members), limit=limit), name)
        declared = sum(m.file_size for m in members)
        if declared > max_unpacked():
            raise SourceRejected(TOO_BIG_UNPACKED.format(name=name, limit=max_unpacked()), name)
        budget = max_unpacked()
        for member in members:
            member_name = f"{name}:{member.filename}"
            if not _safe_member_name(member.filename):
                yield SourceRejected(UNSAFE_NAME.format(name=name, member=member.filename), member_name)
                continue
            if member.compress_size and member.file_size / member.compress_size > MAX_RATIO \
                    and member.file_size > 1 << 20:
                raise SourceRejected(
                    ZIP_BOMB.format(name=name, ratio=member.file_size // member.compress_size), name
                )
            if member.filename.lower().endswith((".zip", ".gz")):
                yield SourceRejected(NESTED_ARCHIVE.format(name=member_name), member_name)
                continue
            capped = _member_opener(archive, member, min(budget, max_unpacked()), member_name)
            try:
                yield from _read_text(member_name, capped, notes)
            except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError) as exc:
                yield SourceRejected(BAD_ARCHIVE.format(name=member_name, error=exc), member_name)
            budget -= member.file_size


def _member_opener(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int, name: str):
    def opener():
        return io.BufferedReader(_Capped(archive.open(member), limit, name))

    return opener


def _safe_member_name(member: str) -> bool:
    """A member name that stays inside the archive's folder: no `..`, no absolute path, no drive."""
    if "\x00" in member or "\\" in member or member.startswith("/") or (len(member) > 1 and member[1] == ":"):
        return False
    normal = posixpath.normpath(member)
    return not (normal.startswith("..") or normal.startswith("/"))


def _read_text(name: str, opener, notes: list[str]) -> Iterator[CableText | SourceRejected]:
    with opener() as stream:
        sample = stream.read(SAMPLE)
    if not sample.strip():
        yield SourceRejected(EMPTY.format(name=name), name)
        return
    offset = _binary_offset(sample)
    if offset is not None:
        yield SourceRejected(NOT_TEXT.format(name=name, offset=offset), name)
        return
    encoding = "utf-8"
    try:
        with opener() as stream:
            _check_utf8(stream)
    except UnicodeDecodeError as exc:
        encoding = "latin-1"
        notes.append(LATIN1.format(name=name, offset=exc.start))
    sample_text = sample.decode(encoding, errors="replace")
    if sample_text.startswith("\ufeff"):
        sample_text = sample_text[1:]
    if name.lower().endswith(".csv") or looks_like_csv(sample_text):
        yield from _read_csv(name, opener, encoding, sample_text)
        return
    with opener() as stream:
        text = stream.read().decode(encoding)
    if "\x00" in text:
        yield SourceRejected(NOT_TEXT.format(name=name, offset=text.index("\x00")), name)
        return
    text = text.removeprefix("\ufeff")
    if name.lower().endswith((".html", ".htm")) or looks_like_html(text):
        yield CableText(source=name, text=text, form="html")
        return
    telegrams = list(merge_sections(split_cables(text)))
    if len(telegrams) == 1:
        yield CableText(source=name, text=text)
        return
    for line, telegram in telegrams:  # several cables in one file, each stored with its own text
        yield CableText(source=f"{name} line {line}", text=telegram, line=line)


def _check_utf8(stream: BinaryIO) -> None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    consumed = 0
    while True:
        block = stream.read(1 << 20)
        try:
            decoder.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            raise UnicodeDecodeError(exc.encoding, exc.object, consumed + exc.start, consumed + exc.end,
                                     exc.reason) from None
        consumed += len(block)
        if not block:
            return


def _binary_offset(data: bytes) -> int | None:
    for offset, byte in enumerate(data[:SAMPLE]):
        if byte in _BINARY:
            return offset
    if b"\x00" in data:
        return data.index(b"\x00")
    return None


def _read_csv(name: str, opener, encoding: str, sample_text: str) -> Iterator[CableText | SourceRejected]:
    from cables.parsing.errors import CableParseError

    with opener() as stream:
        lines = io.TextIOWrapper(stream, encoding=encoding, newline="")
        for line, row in iter_rows(lines, name, sample=sample_text):
            if isinstance(row, CableParseError):
                yield SourceRejected(f"{name} line {line}: {row.message}", f"{name} line {line}")
                return
            try:
                text, hints = row_to_cable(row, line, name)
            except CableParseError as exc:
                yield SourceRejected(f"{name} line {line}: {exc.message}", f"{name} line {line}")
                continue
            yield CableText(source=f"{name} line {line}", text=text, form="csv", line=line, hints=hints)


def pasted_text(text: str, notes: list[str]) -> Iterator[CableText | SourceRejected]:
    """Text pasted into the upload form or sent as `text` to the API."""
    data = text.encode("utf-8")
    check_size("the pasted text", len(data))
    yield from read_source("pasted text", lambda: io.BytesIO(data), notes)
