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
    if "]" in text and "](#" in text:
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


#: Whitespace other than the space and the newline, as `str.split` sees it.
_OTHER_ASCII_SPACES = ("\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
_OTHER_UNICODE_SPACES = tuple(
    "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


def squeeze(text: str) -> str:
    """Wrapped lines joined, runs of spaces made one.

    The same as `" ".join(text.split())`, which makes a string of every word; a text whose
    only blanks are spaces and newlines (nearly every cable) is squeezed by a few passes of
    `str.replace` instead.
    """
    if has_odd_spaces(text):
        return " ".join(text.split())
    return join_lines(text)


def has_odd_spaces(text: str) -> bool:
    """Whether `text` holds a blank other than the space and the newline.

    The ASCII blanks (`_OTHER_ASCII_SPACES`) are tested one after the other in a single
    expression, where a loop over them costs more than most of the tests: the text is
    mostly a short field, and each test a search for one character.
    """
    if (
        "\t" in text
        or "\r" in text
        or "\x0b" in text
        or "\x0c" in text
        or "\x1c" in text
        or "\x1d" in text
        or "\x1e" in text
        or "\x1f" in text
    ):
        return True
    if not text.isascii():
        for space in _OTHER_UNICODE_SPACES:
            if space in text:
                return True
    return False


def join_lines(text: str) -> str:
    """`squeeze` for a text whose only blanks are spaces and newlines.

    Cut at every double space, the pieces hold single spaces inside and at most one at
    either end: stripped and joined with one space, they are the squeezed text. One
    search for a literal, where a pattern for runs of spaces stops at every space; the
    pieces are stripped by `map`, with no bytecode for each, and `str.strip` strips
    spaces alone from a text whose only other blank, the newline, is gone.
    """
    text = text.replace("\n", " ")
    pieces = text.split("  ")
    if len(pieces) == 1:
        return text.strip(" ")
    return " ".join(filter(None, map(str.strip, pieces)))
