"""Fact extraction from parsed cables: claims with provenance, standard library only.

``extract_facts(record)`` takes a record of ``cables.parsing.parse_cable`` and
returns plain JSON-serialisable dicts, one per fact::

    {"kind": "recognition", "state": {"code": "US", "name": "United States"},
     "entity": "XK", "status": "recognized", "as_of": "2009-04-21", "date": "2008-02-18",
     "source": {"reference_id": "09STATE39345", "paragraph": 5, "span": [62, 160],
                "marking": "SBU", "quote": "The United States recognized Kosovo ..."},
     "warnings": []}

``KINDS`` lists the kinds, ``FIELDS`` each kind's fields and ``CHOICES`` the words
the enumerated fields take; ``fingerprint(fact)`` is a stable identity, so
re-running extraction on the same cable changes nothing. A ``date`` is null
when the cable gives none (a recognition then carries ``as_of``, the cable's
date). Cables that mention no tracked entity return ``[]`` after one
substring scan.
"""

from __future__ import annotations

from . import bids, claims, contacts, counts, demarches, events, missions, stances
from .context import build_cable
from .entities import relevant_entities, select, tracked_entities
from .facts import CHOICES, FIELDS, KINDS, fingerprint

__all__ = ["CHOICES", "FIELDS", "KINDS", "extract_facts", "fingerprint", "is_relevant", "tracked_entities"]

SENTENCE_RULES = (counts.extract, claims.extract, stances.extract, bids.extract, events.extract, missions.extract)


def is_relevant(record: dict, *, entities=None) -> bool:
    """Whether the cable mentions a tracked entity at all (the cheap gate)."""
    return bool(relevant_entities(record, select(entities)))


def _key(fact: dict) -> tuple:
    kind = fact["kind"]
    if kind == "event":
        return (kind, fact["start"], fact["end"])
    if kind == "stance":
        return (kind, fact["state"]["code"], fact["entity"], fact["stance"], fact["person"])
    if kind == "recognition":
        return (kind, fact["state"]["code"], fact["entity"], fact["status"], fact["date"])
    if kind == "diplomatic_mission":
        return (kind, fact["entity"], fact["city"])
    return (
        kind,
        fact["source"]["paragraph"],
        tuple(fact["source"]["span"]),
        repr(sorted((k, str(v)) for k, v in fact.items() if k not in ("source", "warnings"))),
    )


def extract_facts(record: dict, *, entities=None) -> list[dict]:
    """Facts a cable record states about the tracked entities (all of them, or the codes given)."""
    tracked = relevant_entities(record, select(entities))
    if not tracked:
        return []
    cable = build_cable(record, {entity.code: entity for entity in tracked})
    facts: list[dict] = []
    for paragraph in cable.paragraphs:
        if not paragraph.names_entity:
            continue
        for sentence in paragraph.analysed_sentences():
            if not sentence.analysable:
                continue
            for rule in SENTENCE_RULES:
                facts.extend(rule(sentence))
    facts.extend(demarches.extract(cable))
    facts.extend(contacts.extract(cable))
    seen = set()
    unique = []
    for fact in facts:
        key = _key(fact)
        if key in seen:
            continue
        seen.add(key)
        unique.append(fact)
    return unique
