"""Tracked entities (Kosovo, Taiwan, Palestine ...) and the cheap relevance gate.

Most of the 251,287 cables never mention a contested entity. The gate looks
at the cable's TAGS and does one lower-case substring scan before any
sentence is split, so such cables cost microseconds.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "recognitions" / "data" / "contested_entities.csv"

# Country tags the archive uses for each entity, and words a cable about it is sure to contain.
TAGS = {"XK": {"KV"}, "TW": {"TW"}, "PS": {"KWBG"}, "EH": {"WI"}, "GE-AB": set(), "XSO": set(), "XNC": set()}
KEYWORDS = {
    "XK": ("kosov",),
    "TW": ("taiwan",),
    "PS": ("palestin",),
    "EH": ("western sahara", "sahrawi"),
    "GE-AB": ("abkhaz",),
    "XSO": ("ossetia",),
    "XNC": ("northern cyprus", "trnc", "turkish cypriot"),
}


@dataclass(frozen=True)
class Entity:
    code: str
    name: str
    parent: str | None
    declared_on: str | None
    tags: frozenset[str] = field(default_factory=frozenset)
    keywords: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def tracked_entities() -> dict[str, Entity]:
    """Every contested entity of the reference data, keyed by code."""
    rows = []
    if DATA.exists():
        with open(DATA, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    entities = {}
    for row in rows:
        code = row["entity_code"]
        entities[code] = Entity(
            code=code,
            name=row["name"].split(" (")[0],
            parent=row.get("parent_state") or None,
            declared_on=row.get("declared_on") or None,
            tags=frozenset(TAGS.get(code, ())),
            keywords=KEYWORDS.get(code, (row["name"].split(" (")[0].lower(),)),
        )
    if "XK" not in entities:
        entities["XK"] = Entity("XK", "Kosovo", "RS", "2008-02-17", frozenset(TAGS["XK"]), KEYWORDS["XK"])
    return entities


def select(codes) -> dict[str, Entity]:
    known = tracked_entities()
    if codes is None:
        return known
    return {code: known[code] for code in codes if code in known}


def relevant_entities(record: dict, entities: dict[str, Entity]) -> list[Entity]:
    """Entities a cable may speak of: a tag or a keyword anywhere in the subject or paragraphs."""
    tags = {str(t).upper() for t in record.get("tags") or ()}
    parts = [record.get("subject") or ""]
    parts.extend(p.get("text") or "" for p in record.get("paragraphs") or ())
    blob = "\n".join(parts).lower()
    found = []
    for entity in entities.values():
        if any(k in blob for k in entity.keywords) or (tags & entity.tags and any(k in blob for k in entity.keywords)):
            found.append(entity)
    return found
