"""Sentence splitting with character offsets into the paragraph text.

Cables abbreviate heavily ("U.S.", "Amb.", "FM", "No. 3/10-P(IS)") and list
objectives and talking points as ``--`` bullets, so a bullet is a sentence of
its own and a period after a known abbreviation or an initial is not an end.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "amb",
        "gen",
        "sen",
        "rep",
        "gov",
        "govt",
        "pres",
        "min",
        "dep",
        "asst",
        "sec",
        "lt",
        "col",
        "maj",
        "capt",
        "adm",
        "cmdr",
        "sgt",
        "jr",
        "sr",
        "no",
        "nos",
        "vs",
        "approx",
        "para",
        "paras",
        "ref",
        "refs",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "a.m",
        "p.m",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "inc",
        "co",
        "corp",
        "ltd",
        "dept",
        "est",
        "fig",
        "vol",
        "art",
        "messrs",
        "h.e",
    ]
)

# A candidate end: terminal punctuation, optional closing quotes/brackets, then space.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[A-Z0-9\"“'(\[-])")
# A bullet: "--" after the start of the text or after a line end, colon, semicolon or full stop.
_BULLET = re.compile(r"(?:(?<=[:;.\n])|(?<=^))\s*--\s+", re.M)
_NEWLINE_BREAK = re.compile(r"\n\s*\n|\n(?=\s*--)")


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot
    floor = max(0, dot - 20)
    while start > floor and not text[start - 1].isspace() and text[start - 1] not in '("“':
        start -= 1
    word = text[start:dot].lower().rstrip(".")
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "Bradford J. Bell"
    return word in ABBREVIATIONS


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text``, whitespace trimmed."""
    cuts = {0, len(text)}
    for match in _END.finditer(text):
        end = match.end()
        nxt = end
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt >= len(text):
            continue
        following = text[nxt]
        if not (following.isupper() or following.isdigit() or following in "\"“'(-["):
            continue
        dot = match.start()
        if text[dot] == "." and _is_abbreviation(text, dot):
            # "U.S. Ambassador" keeps going; an abbreviation before a new capitalised sentence
            # is indistinguishable, and keeping the two together loses nothing.
            continue
        cuts.add(end)
    for match in _BULLET.finditer(text):
        cuts.add(match.start())
    for match in _NEWLINE_BREAK.finditer(text):
        cuts.add(match.start())
    spans = []
    ordered = sorted(cuts)
    for start, end in zip(ordered, ordered[1:], strict=False):
        while start < end and (text[start].isspace() or text[start] == "-" and text[start : start + 2] == "--"):
            start += 2 if text[start] == "-" else 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans
