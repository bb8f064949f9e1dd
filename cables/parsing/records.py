"""The record a parsed cable becomes: its keys, in order, and their empty values."""

from __future__ import annotations

RECORD_KEYS = (
    "reference_id",
    "transmission_id",
    "precedence",
    "created",
    "origin",
    "recipients",
    "classification",
    "handling",
    "sections",
    "declassify_on",
    "tags",
    "subject",
    "references",
    "classified_by",
    "classification_reasons",
    "paragraphs",
    "signer",
    "points_of_contact",
    "warnings",
)


def new_record() -> dict:
    """A record with every key present and nothing read yet."""
    return {
        "reference_id": None,
        "transmission_id": None,
        "precedence": None,
        "created": None,
        "origin": None,
        "recipients": {"to": [], "info": [], "except": []},
        "classification": None,
        "handling": [],
        "sections": None,
        "declassify_on": None,
        "tags": None,
        "subject": None,
        "references": None,
        "classified_by": None,
        "classification_reasons": [],
        "paragraphs": [],
        "signer": None,
        "points_of_contact": [],
        "warnings": [],
    }
