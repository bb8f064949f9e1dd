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


_EMPTY = dict.fromkeys(RECORD_KEYS)


def new_record() -> dict:
    """A record with every key present and nothing read yet: a copy of an empty record, keys
    and all, is cheaper than building the dict key by key; the lists are new for each record."""
    record = _EMPTY.copy()
    record["recipients"] = {"to": [], "info": [], "except": []}
    record["handling"] = []
    record["classification_reasons"] = []
    record["paragraphs"] = []
    record["points_of_contact"] = []
    record["warnings"] = []
    return record
