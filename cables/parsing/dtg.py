"""Dates in a cable: the date-time group, the body's date line, the E.O. declassification date."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from .tables import MONTH_NAMES, MONTHS, PRECEDENCE_BY_LETTER

#: `P 211343Z APR 09`, `P R 281848Z DEC 66`, `O 050035Z MAR 08`; the first letter is the precedence.
#: Matched on the text with a newline put in front, as `find_dtg` does.
DTG_RE = re.compile(
    r"\n[ \t]*([ZOPRzopr])(?:[ \t]+[ZOPRzopr])?[ \t]+(\d{2})(\d{2})(\d{2})Z[ \t]+([A-Za-z]{3})[ \t]+(\d{2,4})\b"
)

#: `Tuesday, 20 January 2004, 09:44`, the date line WikiLeaks put before the text.
DATE_LINE_RE = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,[ \t]+(\d{1,2})[ \t]+([A-Za-z]{3,9})[ \t]+(\d{4}),"
    r"[ \t]+(\d{1,2}):(\d{2})"
)

#: The longest day name's part before `day,`: `Wednes`.
_DAY_LEAD = 6


def full_year(two_digits: int) -> int:
    """Cables run from 1966 to 2010: 66-99 are 19xx, 00-65 are 20xx."""
    return 1900 + two_digits if two_digits >= 66 else 2000 + two_digits


def iso_utc(year: int, month: int, day: int, hour: int, minute: int) -> str | None:
    """`2009-04-21T13:43:00Z`, or None for an impossible date."""
    try:
        moment = datetime(year, month, day, hour, minute)
    except ValueError:
        return None
    if year < 1000:
        return moment.strftime("%Y-%m-%dT%H:%M:00Z")
    return f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00Z"


def parse_dtg(match: re.Match) -> tuple[str | None, str | None, int | None]:
    """(precedence, created, year) from a DTG match; a part that does not read is None."""
    letter, day, hour, minute, month, year = match.groups()
    precedence = PRECEDENCE_BY_LETTER.get(letter.upper())
    month_no = MONTHS.get(month.upper())
    year_no = int(year)
    if len(year) == 2:
        year_no = full_year(year_no)
    elif len(year) != 4:
        return precedence, None, None
    if month_no is None:
        return precedence, None, year_no
    return precedence, iso_utc(year_no, month_no, int(day), int(hour), int(minute)), year_no


def find_dtg(text: str) -> re.Match | None:
    """The first DTG line; its offsets are those of `text` with one character put in front."""
    return DTG_RE.search("\n" + text)


def parse_date_line(text: str) -> tuple[str | None, int | None]:
    """(created, year) from a `Tuesday, 20 January 2004, 09:44` line anywhere in `text`.

    Every match holds `day,` and starts at most `_DAY_LEAD` characters before it: the pattern,
    which opens with a choice of words, is tried from there rather than at every capital letter.
    """
    first = text.find("day,")
    if first < 0:
        return None, None
    match = DATE_LINE_RE.search(text, max(0, first - _DAY_LEAD))
    if match is None:
        return None, None
    day, month, year, hour, minute = match.groups()
    month_no = MONTH_NAMES.get(month.upper()) or MONTHS.get(month[:3].upper())
    if month_no is None:
        return None, int(year)
    return iso_utc(int(year), month_no, int(day), int(hour), int(minute)), int(year)


_DECL_RE = re.compile(
    r"DECL\w{0,12}[ \t]*:?[ \t]*(?:ON[ \t]+)?"
    r"(?:(\d{1,2})/(\d{1,2})/(\d{2,4})|(\d{4})/(\d{1,2})/(\d{1,2})|(\d{4})-(\d{2})-(\d{2}))",
    re.I,
)


@lru_cache(maxsize=4096)
def parse_declassify(eo_text: str) -> str | None:
    """The declassification date of an E.O. line (`DECL: 04/16/2019` -> `2019-04-16`), else None.

    Guardian-style copies write it year first (`DECL: 2020/01/12`, seen in 10BELGRADE3).
    Remembered: a post's cables of one day carry the same E.O. line.
    """
    match = _DECL_RE.search(eo_text)
    if match is None:
        return None
    g = match.groups()
    if g[0] is not None:
        month, day, year = int(g[0]), int(g[1]), int(g[2])
        if len(g[2]) == 2:
            year = full_year(year)
    elif g[3] is not None:
        year, month, day = int(g[3]), int(g[4]), int(g[5])
    else:
        year, month, day = int(g[6]), int(g[7]), int(g[8])
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
