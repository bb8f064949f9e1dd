"""The shape of an extracted fact: a plain JSON-serialisable dict with its provenance."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from .context import Sentence

KINDS = (
    "recognition_count",
    "recognition",
    "organization_share",
    "stance",
    "admission_bid",
    "event",
    "demarche",
    "diplomatic_mission",
    "point_of_contact",
)

# The fields of each kind, in output order; every fact also has kind, date, source and warnings.
# States are {"code", "name"}; entity is an entity code (XK); organization an acronym (UN, EU, IBRD).
FIELDS = {
    "recognition_count": ("entity", "number", "as_of", "counted", "exact"),
    "recognition": ("state", "entity", "status", "as_of"),
    "organization_share": ("organization", "members", "recognized", "bound", "counted", "entity"),
    "stance": ("state", "entity", "stance", "context", "person"),
    "admission_bid": ("entity", "organization", "status", "blocked_by", "supported_by"),
    "event": ("name", "entity", "place", "start", "end", "host", "chair"),
    "demarche": (
        "entity",
        "addressees",
        "collectives",
        "excluded",
        "deadline",
        "objectives",
        "talking_points",
        "targets",
        "delivery",
    ),
    "diplomatic_mission": ("entity", "city", "state"),
    "point_of_contact": ("name", "role", "phone", "email"),
}

# The words the enumerated fields take (lower case, as issue 6 names them).
CHOICES = {
    "counted": ("recognized", "recognized_or_announced", "leaning"),
    "recognition_status": ("recognized", "announced_intent", "withdrawn"),
    "stance": ("support", "oppose", "leaning", "undecided"),
    "bid_status": ("applying", "voting", "admitted", "blocked", "unlikely"),
}


def fingerprint(fact: dict) -> str:
    """A stable identity for a fact: the same cable text always yields the same fingerprints, so
    re-running extraction changes nothing and a revised cable's facts can replace the old ones."""
    body = {k: v for k, v in fact.items() if k != "warnings"}
    return hashlib.sha1(
        json.dumps(body, sort_keys=True, ensure_ascii=False).encode(), usedforsecurity=False
    ).hexdigest()


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def make_fact(
    kind: str,
    sentence: Sentence,
    fields: dict,
    date: str | None,
    *,
    warnings: list[str] | None = None,
    end_sentence: Sentence | None = None,
) -> dict:
    """A fact of ``kind`` quoting ``sentence`` (through ``end_sentence`` when the claim spans two)."""
    paragraph = sentence.paragraph
    start = sentence.start
    end = (end_sentence or sentence).end
    fact = {"kind": kind, **fields, "date": date}
    fact["source"] = {
        "reference_id": paragraph.cable.reference_id,
        "paragraph": paragraph.number,
        "span": [start, end],
        "marking": paragraph.marking,
        "quote": paragraph.text[start:end],
    }
    fact["warnings"] = list(warnings or ())
    return fact
