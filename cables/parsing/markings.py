"""Classification lines, captions and portion markings, read into the archive's vocabulary.

This module keeps its own reading of markings because the parser imports no Django;
`cables.clearance` orders the values it produces.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .tables import PORTION_LEVELS

#: The classification word that opens a classification line, spaced out or not.
#: Some copies lost the line's first letter (`O N F I D E N T I A L`, `E C R E T` in the bulk
#: corpus); those spaced-out remains count only on a line that names its cable.
CLASS_WORD = (
    r"(?P<word>C[ \t]?O[ \t]?N[ \t]?F[ \t]?I[ \t]?D[ \t]?E[ \t]?N[ \t]?T[ \t]?I[ \t]?A[ \t]?L"
    r"|S[ \t]?E[ \t]?C[ \t]?R[ \t]?E[ \t]?T"
    r"|U[ \t]?N[ \t]?C[ \t]?L[ \t]?A[ \t]?S(?:SIFIED)?"
    r"|O[ \t]N[ \t]F[ \t]I[ \t]D[ \t]E[ \t]N[ \t]T[ \t]I[ \t]A[ \t]L|E[ \t]C[ \t]R[ \t]E[ \t]T)"
)

#: NOFORN may be glued to the captions around it in flattened copies (`SIPDISSIPDISNOFORNE.O.`).
_NOFORN_RE = re.compile(r"NO[ \t]?FORN|\bnoforn\b|\bNOT[ \t]+RELEASABLE[ \t]+TO[ \t]+FOREIGN", re.I)
_SENSITIVE_RE = re.compile(
    r"\bSENSITIVE\b|\bFOR[ \t]+OFFICIAL[ \t]+USE[ \t]+ONLY\b|\bFOUO\b|\bSBU\b|\bE[ \t]?F[ \t]?T[ \t]?O\b", re.I
)


@lru_cache(maxsize=256)
def base_level(word: str) -> str:
    """`C O N F I D E N T I A L` -> `CONFIDENTIAL`; `UNCLAS` -> `UNCLASSIFIED`.

    Remembered: the same few words open every classification line."""
    squeezed = word.replace(" ", "").replace("\t", "").upper()
    if squeezed.startswith("UNCLAS"):
        return "UNCLASSIFIED"
    if squeezed == "ONFIDENTIAL":
        return "CONFIDENTIAL"
    if squeezed == "ECRET":
        return "SECRET"
    return squeezed


#: The first letters of a classification word that lost its own (`ONFIDENTIAL`, `ECRET`):
#: the characters that upper-case to `O` or `E`, which are these alone.
LOST_LETTER_STARTS = frozenset("OoEe")


#: The NOFORN pattern for a text put in lower case by `_lower_as_ignoring_case`, where it
#: matches as the one above does. A `\b` before a word is written `(?<!\w.)` after its first
#: letter: the scan then looks for the first letters alone, where a pattern opening with `\b`
#: is tried at every character.
_NOFORN_LOWER_RE = re.compile(r"no[ \t]?forn|n(?<!\w.)oforn\b|n(?<!\w.)ot[ \t]+releasable[ \t]+to[ \t]+foreign")


#: Outside ASCII, the only characters that match an ASCII letter ignoring case without being it
#: in lower case: `İ` and `ı` match `i`, `ſ` matches `s` (the Kelvin sign, `k`, is lowered to it).
_ASCII_FOLDS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def _lower_as_ignoring_case(text: str) -> str:
    """`text` in lower case, where a lower-case pattern matches as the same pattern ignoring case
    matches `text`: the letters of `_ASCII_FOLDS` are put as the ASCII letters they match first.

    Each character stays in its place and keeps its kind (word character or not), so `\\b` and
    look-behinds read the same. A text beyond ASCII is then searched with the lower-case
    patterns too, never with one ignoring case, which is tried at every character. Pilcrows,
    most often all that a cable holds beyond ASCII, are put as `#`, which the patterns read
    as they read them (neither a word character nor a blank): the text is then lowered as
    ASCII, many times faster.
    """
    if not text.isascii():
        text = text.replace("¶", "#")
        if not text.isascii() and ("İ" in text or "ı" in text or "ſ" in text):
            text = text.translate(_ASCII_FOLDS)
    return text.lower()


def has_noforn(text: str) -> bool:
    """`_NOFORN_RE.search(text)`: every match holds `forn` or `fore`, which are looked for first."""
    lower = _lower_as_ignoring_case(text)
    if "forn" not in lower and "fore" not in lower:
        return False
    return _NOFORN_LOWER_RE.search(lower) is not None


#: The choices of `_SENSITIVE_RE` for a text put in lower case by `_lower_as_ignoring_case`,
#: one by one, each with a word it holds. The test before a word is written at its end,
#: `(?<!\w.{n})`: each pattern then opens with a literal word for the scan to look for, where
#: the choices together would be tried at every `s`, `f` and `e`.
_SENSITIVE_CHOICES = (
    ("sensitive", re.compile(r"sensitive\b(?<!\w.{9})")),
    ("official", re.compile(r"for(?<!\w.{3})[ \t]+official[ \t]+use[ \t]+only\b")),
    ("fouo", re.compile(r"fouo\b(?<!\w.{4})")),
    ("sbu", re.compile(r"sbu\b(?<!\w.{3})")),
)
_EFTO_LOWER_RE = re.compile(r"e(?<!\w.)[ \t]?f[ \t]?t[ \t]?o\b")


def has_sensitive(text: str) -> bool:
    """`_SENSITIVE_RE.search(text)`, choice by choice in lower case."""
    lower = _lower_as_ignoring_case(text)
    for word, choice in _SENSITIVE_CHOICES:
        if word in lower and choice.search(lower) is not None:
            return True
    return _EFTO_LOWER_RE.search(lower) is not None


def overall_classification(level: str, captions: str) -> str:
    """The archive's value for a classification line and the captions under it.

    UNCLAS with SENSITIVE (or SBU, FOUO) is what the archive calls
    `UNCLASSIFIED//FOR OFFICIAL USE ONLY`; NOFORN on a classified cable adds `//NOFORN`.
    """
    if level == "UNCLASSIFIED":
        return "UNCLASSIFIED//FOR OFFICIAL USE ONLY" if has_sensitive(captions) else "UNCLASSIFIED"
    if has_noforn(captions):
        return f"{level}//NOFORN"
    return level


@lru_cache(maxsize=256)
def normalise_archive_classification(value: str | None) -> str | None:
    """A CSV or page classification (`SECRET//NOFORN`, `unclassified//fouo`) in the archive's spelling.

    Remembered: a corpus holds a handful of these values."""
    if not value:
        return None
    upper = value.strip().upper()
    head = upper.split("/", 1)[0].strip()
    if head.startswith("UNCLAS"):
        rest = upper[len(head):]
        return "UNCLASSIFIED//FOR OFFICIAL USE ONLY" if has_sensitive(rest) else "UNCLASSIFIED"
    if head in ("CONFIDENTIAL", "SECRET"):
        return f"{head}//NOFORN" if has_noforn(upper) else head
    return None


_PORTION_SPLIT_RE = re.compile(r"[ \t]*/+[ \t]*")


@lru_cache(maxsize=1024)
def portion_marking(inner: str) -> str | None:
    """A paragraph's marking in the record's form: `U`, `SBU`, `C`, `S`, with `/NF` when NOFORN.

    `C/NF`, `C//NF`, `C//NOFORN` and `S/NF` all carry NOFORN; `U//FOUO` reads as SBU.
    An unknown marking is None.
    """
    text = inner.strip().upper()
    if not text:
        return None
    level = PORTION_LEVELS.get(text)
    if level is not None:
        return level
    parts = [p for p in _PORTION_SPLIT_RE.split(text) if p]
    if not parts:
        return None
    level = PORTION_LEVELS.get(parts[0])
    if level is None:
        return None
    rest = parts[1:]
    if any(p in ("NF", "NOFORN") for p in rest):
        return f"{level}/NF"
    if level == "U" and any(p in ("FOUO", "SBU") for p in rest):
        return "SBU"
    return level
