"""The shape of an extracted fact: a plain JSON-serialisable dict with its provenance."""

from __future__ import annotations

import datetime as dt

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
