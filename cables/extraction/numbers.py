"""Numbers as cables write them: digits, words ("Five", "twenty-three") and hedges ("forty or so")."""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
OTHER = {"a dozen": 12, "dozen": 12, "a hundred": 100, "one hundred": 100}

_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_NUMBER = re.compile(
    r"(?<![\w.,/-])(?:"
    r"(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?![\w/]|[.,]\d)"
    r"|(?P<tens>"
    + "|".join(TENS)
    + r")(?:[- ](?P<unit>one|two|three|four|five|six|seven|eight|nine))?\b(?![-\s]?(?:thirds?|quarters?)\b)"
    r"|(?P<word>" + _WORD + r"|a dozen|dozen)\b(?![-\s]?(?:thirds?|quarters?|halves|fifths?)\b)"
    r")",
    re.I,
)
_BEFORE_APPROX = re.compile(
    r"(?:about|around|approximately|roughly|some|nearly|almost|over|more than|at least|fewer than|less than|"
    r"up to|under|close to|well over|upwards of|an estimated|perhaps|maybe)\s+$",
    re.I,
)
_BEFORE_ADDITIONAL = re.compile(r"(?:another|an additional|a further|additional|further)\s+$", re.I)
_AFTER_APPROX = re.compile(r"^(?:\s+or so\b|\s+or more\b|-odd\b|\s*\+|\s+plus\b|\s+or fewer\b)", re.I)


@dataclass(frozen=True, slots=True)
class NumberMention:
    value: int
    start: int
    end: int
    exact: bool
    additional: bool  # "another forty": counted on top of an earlier figure
    is_year: bool


def word_value(word: str) -> int | None:
    """Value of a number written in words, e.g. ``"twenty-three"`` -> 23, or None."""
    word = word.lower().strip()
    if word in UNITS:
        return UNITS[word]
    if word in TENS:
        return TENS[word]
    if word in OTHER:
        return OTHER[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS and UNITS[parts[1]] < 10:
        return TENS[parts[0]] + UNITS[parts[1]]
    return None


def find_numbers(text: str) -> list[NumberMention]:
    found = []
    for match in _NUMBER.finditer(text):
        if match.group("digits"):
            raw = match.group("digits")
            value = int(raw.replace(",", ""))
            is_year = "," not in raw and len(raw) == 4 and 1900 <= value <= 2100
        elif match.group("tens"):
            value = TENS[match.group("tens").lower()] + (
                UNITS[match.group("unit").lower()] if match.group("unit") else 0
            )
            is_year = False
        else:
            value = word_value(match.group("word"))
            if value is None:
                continue
            is_year = False
        before = text[max(0, match.start() - 24) : match.start()]
        after = text[match.end() : match.end() + 12]
        exact = not (_BEFORE_APPROX.search(before) or _AFTER_APPROX.match(after))
        if match.group("word") and match.group("word").lower() in ("a dozen", "dozen"):
            exact = False
        additional = bool(_BEFORE_ADDITIONAL.search(before))
        found.append(NumberMention(value, match.start(), match.end(), exact, additional, is_year))
    return found
