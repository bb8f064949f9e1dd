"""REF lines and reference ids: `A. STATE 16762 B. JEDDAH 87` -> `08STATE16762`, `08JEDDAH87`."""

from __future__ import annotations

import re
from functools import lru_cache

from .tables import MONTH_NAMES, MONTHS, STATION_ALIASES

#: One cited cable: optional two-digit year, a station of up to four words, a serial.
#: The station is taken whole, never given back a letter or a word at a time: a serial
#: can only follow its last word, so giving back would not find a match, only take long.
_CITED_RE = re.compile(
    r"(?<![A-Z0-9])(?:(\d{4}|\d{2})[ \t]?)?((?>[A-Z][A-Z'.]*(?:[ \t]+[A-Z][A-Z'.]*){0,3}))[ \t]*0*(\d{1,6})"
    r"(?![0-9A-Z/-])"
)
#: `_CITED_RE` opening with its first character, a digit or a capital: the scan then skips
#: every other, where a pattern opening with a look-behind is tried at each. A digit opens the
#: year, whose other digits are the first group, and the station is the second; a capital
#: opens the station, whose other characters are the third. The serial is the fourth.
_CITED_SCAN_RE = re.compile(
    r"[\dA-Z](?<![A-Z0-9].)"
    r"(?:(?<=\d)(\d{3}|\d)[ \t]?((?>[A-Z][A-Z'.]*(?:[ \t]+[A-Z][A-Z'.]*){0,3}))"
    r"|(?<=[A-Z])((?>[A-Z'.]*(?:[ \t]+[A-Z][A-Z'.]*){0,3})))"
    r"[ \t]*0*(\d{1,6})(?![0-9A-Z/-])"
)
#: Item labels of a REF list: `A.`, `B)`, `(C)`; each ends in `.` or `)`.
_LABEL_RE = re.compile(r"(?<![A-Z0-9])(?:\([A-Z]\)|[A-Z][.)])(?=[ \t]|$)")

#: Words that can stand before a serial without being a station.
_NOT_STATIONS = frozenset(
    {
        "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R",
        "AND", "PREVIOUS", "PARA", "PARAS", "PARAGRAPH", "REF", "REFS", "REFTEL", "REFTELS", "NO", "NR",
        "NUMBER", "SECTION", "OF", "CIRCULAR", "EMAIL", "MAIL", "TELCON", "DATED", "NOTE", "FAX", "MEMO",
        "ALSO", "SEE", "AS", "OR", "AT", "ON", "IN", "TO", "FROM", "IIR", "TD", "LETTER", "DIPNOTE",
        "NOTAL", "EXDIS", "NODIS", "RE", "ALL", "PAGE", "UNDATED", "DTG", "SEPTEL", "SEPTELS", "AIRGRAM",
        "OTHER", "POUCH", "USDAO", "CA", "DEPTEL", "EMBTEL",
    }
    | set(MONTHS)
    | set(MONTH_NAMES)
)

#: The archive keeps a few ids garbled by their copy (`08SCTION02OF02SAOPAULO335`); they are still its keys.
_CANONICAL_RE = re.compile(r"^\d{2}[A-Z][A-Z0-9]{0,40}[A-Z]\d{1,7}$")


_NOT_LETTERS_RE = re.compile(r"[^A-Z]+")


@lru_cache(maxsize=4096)
def station_key(name: str) -> str:
    """A station as the reference id spells it: `USUN NEW YORK` -> `USUNNEWYORK`.

    Remembered: a few hundred stations send and are cited in nearly every cable.
    """
    upper = " ".join(name.upper().split())
    upper = STATION_ALIASES.get(upper, upper)
    return _NOT_LETTERS_RE.sub("", upper)


def canonical_id(year: int, station: str, serial: str | int) -> str:
    """`08`, `STATE`, `016762` -> `08STATE16762`."""
    return f"{year % 100:02d}{station_key(station)}{int(serial)}"


def is_reference_id(value: str) -> bool:
    return _CANONICAL_RE.match(value) is not None


_STATION_ALONE = {"USUN": "USUNNEWYORK", "USEU": "USEUBRUSSELS", "SECSTATE": "STATE"}


#: A REF list is a few lines; past this it is text run into the field.
REF_LIMIT = 4000

#: More cables than any station sends in a day; serials restart every 1 January.
SERIALS_PER_DAY_BOUND = 1500


def parse_references(
    text: str, year: int | None, day_of_year: int | None = None
) -> tuple[list[str] | None, list[str]]:
    """The canonical ids cited in a REF field, and warnings.

    A REF with no year takes the citing cable's year (08STATE22377 cites `STATE 16762`,
    i.e. 08STATE16762). Serials restart each year, so a year-less serial too high for
    the citing cable's date (04RANGOON88, 20 January 2004, cites `STATE 297614`) belongs
    to an earlier year that the line does not give: the list is then None, not a guess.
    """
    warnings: list[str] = []
    found: list[str] = []
    if len(text) > REF_LIMIT:
        warnings.append(f"REF field longer than {REF_LIMIT} characters: only its start was read")
        text = text[:REF_LIMIT]
    upper = text.upper()
    if "." in upper or ")" in upper:
        upper = _LABEL_RE.sub(" ", upper)
    for match in _CITED_SCAN_RE.finditer(upper):
        other_year_digits, station, other_station_letters, serial = match.groups()
        if other_year_digits is None:
            yy = None
            station = upper[match.start()] + other_station_letters
        else:
            yy = upper[match.start()] + other_year_digits
        cited = _remembered_cited(station) if len(station) <= 120 else _cited_station(station)
        if cited is None:
            continue
        name, key = cited
        if yy is not None:
            cited_year = int(yy) % 100
        elif year is not None:
            cited_year = year % 100
            if day_of_year is not None and int(serial) > (day_of_year + 7) * SERIALS_PER_DAY_BOUND:
                warnings.append(f"REF {name} {serial} has no year and is too high for this cable's year")
                return None, warnings
        else:
            warnings.append(f"REF {name} {serial}: no year to resolve it")
            return None, warnings
        ref = f"{cited_year:02d}{key}{int(serial)}"
        if ref not in found:
            found.append(ref)
    return found, warnings


def _cited_station(station: str) -> tuple[str, str] | None:
    """The name and key of the station read before a cited serial, or None when it is none."""
    words = station.replace(".", " ").split()
    while words and words[0] in _NOT_STATIONS:
        words.pop(0)
    if not words or any(w in _NOT_STATIONS for w in words):
        return None
    name = " ".join(words)
    key = _STATION_ALONE.get(name) or station_key(name)
    if len(key) < 3:
        return None
    return name, key


#: The same few hundred stations are cited over and over.
_remembered_cited = lru_cache(maxsize=4096)(_cited_station)
