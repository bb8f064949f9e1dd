"""Dates in cable prose, with the year rules analysts apply.

A date without a year takes the cable's year, or the year before when that
would put a reported (past) event after the cable's own date: a cable of
12 January 2010 speaking of "December 15" means 2009-12-15, while "the
April 17 deadline" in a cable of 2 April 2009 is 2009-04-17.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_NAMES = sorted(MONTHS, key=len, reverse=True)
# Month names are matched capitalised or upper case only, so "may" the verb is never a month.
_MONTH = "(?=[JFMASOND])(?:" + "|".join([n.capitalize() for n in _NAMES] + [n.upper() for n in _NAMES]) + r")\b\.?"
_DAY = r"(?<!\d)(?:[0-3]?\d)(?:st|nd|rd|th)?"
_RANGE = r"\s*(?:-|–|to|and|through)\s*"
_YEAR = r"(?:19|20)\d\d"

# Each branch opens with a cheap look-ahead, so positions that cannot start a date fail at once.
_PATTERN = re.compile(
    r"(?=[JFMASOND0-9])(?:"
    # February 17, 2008 / March 13-14 / September 28-October 2 / FEBRUARY 26, 2008
    rf"(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})\b(?:{_RANGE}(?:(?P<m2>{_MONTH})\s+)?(?P<d2>{_DAY})\b)?"
    rf"(?:,?\s+(?P<y1>{_YEAR})\b)?"
    # 13-14 March 2008 / 17 February 2008
    rf"|(?P<d3>{_DAY})(?:\s*(?:-|–|to|and)\s*(?P<d4>{_DAY}))?\s+(?P<m3>{_MONTH})(?:,?\s+(?P<y2>{_YEAR})\b)?"
    # 2008-02-17
    r"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"
    # March 2008 (month precision)
    rf"|(?P<m4>{_MONTH})\s+(?P<y3>{_YEAR})\b"
    r")"
)
_FUTURE = re.compile(
    r"\b(?:will|would|shall|plans?|planned|planning|intends?|expects?|expected|scheduled|upcoming|next|"
    r"deadline|no later than|before|until|to be|going to|hopes? to|set for|due|urge|encourage|request|ask|"
    r"recommend|invite)\b",
    re.I,
)
_RELATIVE = re.compile(
    r"\b(?:the (?:next|following) day|the day after|a day later|(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|"
    r"\d{1,2}) days? later)\b",
    re.I,
)
_NUMWORDS = {
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
}


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    first: dt.date
    last: dt.date
    day_precise: bool  # False for "March 2008"
    year_given: bool


def _month(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def infer_year(month: int, day: int, cable_date: dt.date | None, future_context: bool) -> int | None:
    """The year of a yearless date, from the cable's date (see module docstring)."""
    if cable_date is None:
        return None
    try:
        candidate = dt.date(cable_date.year, month, day)
    except ValueError:
        return None
    if candidate > cable_date:
        ahead = (candidate - cable_date).days
        if not future_context or ahead > 300:
            return cable_date.year - 1
    return cable_date.year


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, cable_date: dt.date | None, context: str | None = None) -> list[DateMention]:
    """Dates in ``text``; ``context`` (default: the text) decides whether a yearless date looks ahead."""
    future = bool(_FUTURE.search(context if context is not None else text))
    found = []
    for match in _PATTERN.finditer(text):
        g = match.groupdict()
        if g["iso"]:
            first = _safe(*map(int, g["iso"].split("-")))
            if first:
                found.append(DateMention(match.start(), match.end(), first, first, True, True))
            continue
        if g["m4"]:
            first = _safe(int(g["y3"]), _month(g["m4"]), 1)
            if first:
                found.append(DateMention(match.start(), match.end(), first, first, False, True))
            continue
        if g["m1"]:
            m1, d1 = _month(g["m1"]), _day(g["d1"])
            m2 = _month(g["m2"]) if g["m2"] else m1
            d2 = _day(g["d2"]) if g["d2"] else None
            year_text = g["y1"]
        else:
            m1 = m2 = _month(g["m3"])
            d1, d2 = _day(g["d3"]), (_day(g["d4"]) if g["d4"] else None)
            year_text = g["y2"]
        if not 1 <= d1 <= 31 or (d2 is not None and not 1 <= d2 <= 31):
            continue
        if year_text:
            year = int(year_text)
        else:
            year = infer_year(m1, d1, cable_date, future)
            if year is None:
                continue
        first = _safe(year, m1, d1)
        if first is None:
            continue
        last = first
        if d2 is not None:
            last_year = year + 1 if m2 < m1 else year
            last = _safe(last_year, m2, d2) or first
            if last < first:
                last = first
        found.append(DateMention(match.start(), match.end(), first, last, True, bool(year_text)))
    return found


def find_relative_days(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, days)`` for phrases such as "the next day" (1) or "ten days after" (10)."""
    found = []
    for match in _RELATIVE.finditer(text):
        n = match.group("n")
        days = 1 if n is None else (_NUMWORDS.get(n.lower()) or int(n))
        found.append((match.start(), match.end(), days))
    return found


def cable_date(record: dict) -> dt.date | None:
    created = record.get("created")
    if not created:
        return None
    try:
        return dt.date.fromisoformat(str(created)[:10])
    except ValueError:
        return None
