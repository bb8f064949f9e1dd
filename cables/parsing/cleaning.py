"""Damage left by the copies a cable comes in, undone before reading: markdown and HTML remnants,
escaped line ends, Windows newlines."""

from __future__ import annotations

import re

_MD_LINK_RE = re.compile(r"\[([^\[\]\n]{0,40})\]\(#[^()\n]{0,80}\)")
_TAG_RE = re.compile(
    r"</?(?:a|code|pre|br|strong|em|b|i|p|td|tr|th|table|tbody|span|div|font|tt|u)\b[^<>\n]{0,300}>", re.I
)
#: A line end written as ` \` (records dumped with escaped newlines, 07BERN881).
_LINE_END_BACKSLASH_RE = re.compile(r"\\[ \t]*(?=\n|\Z)")
#: Markdown escapes of the scraped copies (`\$1.9 billion` in 09STATE39345).
_MD_ESCAPE_RE = re.compile(r"\\([$*_#\[\]()`>])")
_ODD_SPACES = ("\u00a0", "\u2007", "\u202f", "\u200b", "\ufeff")


def clean_text(text: str) -> str:
    """The cable's own text, with every copy's additions removed and `¶` kept as a hint."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "](#" in text:
        text = _MD_LINK_RE.sub(r"\1", text)
    if "<" in text:
        text = _TAG_RE.sub("", text)
    if "\\" in text:
        text = _LINE_END_BACKSLASH_RE.sub("", text)
        text = _MD_ESCAPE_RE.sub(r"\1", text)
    if not text.isascii():
        for odd in _ODD_SPACES:
            if odd in text:
                text = text.replace(odd, " ")
    if "\x00" in text:
        text = text.replace("\x00", "")
    return text


def squeeze(text: str) -> str:
    """Wrapped lines joined, runs of spaces made one."""
    return " ".join(text.split())
