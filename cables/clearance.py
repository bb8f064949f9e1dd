"""The one clearance rule: who may see material with a given marking.

Markings order U < SBU < C < S. U and SBU need no clearance, C needs
CONFIDENTIAL or higher, S needs SECRET, and anything NOFORN also needs the
NOFORN release. Every page, API endpoint, search and count filters through
`visible_q` (querysets) or `can_see` (single objects); nothing else compares
classifications.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Q

# Levels stored on rows; the numbers only need to keep their order.
U, SBU, C, S = 0, 1, 2, 3

LEVEL_LABELS = {U: "U", SBU: "SBU", C: "C", S: "S"}

#: The archive's overall classification values, lowest first.
CLASSIFICATIONS = (
    "UNCLASSIFIED",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "CONFIDENTIAL",
    "CONFIDENTIAL//NOFORN",
    "SECRET",
    "SECRET//NOFORN",
)

#: A user's clearance and the highest level it opens.
CLEARANCE_LEVELS = {"UNCLASSIFIED": SBU, "CONFIDENTIAL": C, "SECRET": S}

_BANNER_TEXT = {U: "UNCLASSIFIED", SBU: "UNCLASSIFIED//SBU", C: "CONFIDENTIAL", S: "SECRET"}
_BANNER_COLOUR = {U: "unclassified", SBU: "unclassified", C: "confidential", S: "secret"}


@dataclass(frozen=True, order=True)
class Marking:
    """A classification as a comparable value: level first, then NOFORN."""

    level: int = U
    noforn: bool = False

    @classmethod
    def parse(cls, text: str | None) -> Marking:
        """Read an archive classification or a portion marking.

        Accepts `SECRET//NOFORN`, `CONFIDENTIAL`, `UNCLASSIFIED//FOR OFFICIAL USE
        ONLY`, and the portion markings `U`, `SBU`, `C`, `S`, `C/NF`, `S//NF`.
        Anything unreadable is treated as SECRET//NOFORN, so a damaged marking
        hides material instead of exposing it.
        """
        return _parse_marking(text)

    @property
    def banner(self) -> str:
        text = _BANNER_TEXT[self.level]
        return f"{text}//NOFORN" if self.noforn else text

    @property
    def colour(self) -> str:
        return _BANNER_COLOUR[self.level]

    @property
    def portion(self) -> str:
        label = LEVEL_LABELS[self.level]
        return f"{label}/NF" if self.noforn else label


@lru_cache(maxsize=512)
def _parse_marking(text: str | None) -> Marking:
    """`Marking.parse`, remembered: a bulk load reads the same few labels millions of times."""
    if not text:
        return Marking(U)
    t = text.upper().replace(" ", "")
    head, _, tail = t.partition("/")
    tail = tail.strip("/")
    noforn = "NOFORN" in tail or tail in ("NF", "NOFORN") or tail.startswith("NF")
    if head in ("S", "SECRET"):
        return Marking(S, noforn)
    if head in ("C", "CONFIDENTIAL"):
        return Marking(C, noforn)
    if head in ("SBU", "FOUO") or (head in ("U", "UNCLASSIFIED", "UNCLAS") and tail and not noforn):
        return Marking(SBU, noforn)
    if head in ("U", "UNCLASSIFIED", "UNCLAS"):
        return Marking(U, noforn)
    return Marking(S, True)


def user_ceiling(user) -> tuple[int, bool]:
    """The highest level a user may see and whether NOFORN is released to them."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return (-1, False)
    return (CLEARANCE_LEVELS.get(getattr(user, "clearance", ""), -1), bool(getattr(user, "noforn_release", False)))


def can_see(user, marking: Marking) -> bool:
    level, noforn = user_ceiling(user)
    return marking.level <= level and (noforn or not marking.noforn)


def visible_q(user, level_field: str = "classification_level", noforn_field: str = "noforn") -> Q:
    """The filter that keeps only rows whose marking the user is cleared for."""
    level, noforn = user_ceiling(user)
    q = Q(**{f"{level_field}__lte": level})
    if not noforn:
        q &= Q(**{noforn_field: False})
    return q


def highest(markings) -> Marking:
    """The marking of material drawing on all of these: the highest level, NOFORN if any is.

    Not `max()`: SECRET outranks CONFIDENTIAL//NOFORN, yet a page or row
    showing both must stay NOFORN.
    """
    level, noforn = U, False
    for marking in markings:
        level, noforn = max(level, marking.level), noforn or marking.noforn
    return Marking(level, noforn)


def note_shown(request, *markings: Marking) -> None:
    """Record that the page being built displays material with these markings."""
    shown = request.__dict__.setdefault("_shown_markings", [])
    shown.extend(markings)


def page_marking(request) -> Marking:
    """The banner marking of a page: the highest marking it displays."""
    return highest(getattr(request, "_shown_markings", ()))
