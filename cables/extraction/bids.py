"""Admission bids: the entity and an organization (applying, voting, admitted, blocked, unlikely).

A goal ("ultimately realize EU membership", "eventual membership") is no bid
status, and a state's own candidacy in a body is no admission bid.
"""

from __future__ import annotations

import re

from . import grammar
from .context import Sentence
from .facts import make_fact
from .gazetteer import state_ref

_MEMBERSHIP_WORDS = ("member", "admi", "join", "accession", "appl", "seat", "bid", "vot", "veto")
_MEMBERSHIP = re.compile(r"\b(?:member\w*|admi\w+|join\w*|accession|appl\w+|seat|bid|vot\w+|veto\w*)\b", re.I)
STATUSES = (
    ("blocked", re.compile(r"\b(?:veto\w*|block\w*)\b", re.I)),
    (
        "admitted",
        re.compile(
            r"\b(?:secured membership|became a member|has joined|have joined|joined|was admitted|were admitted|"
            r"has been admitted|admitted as|membership (?:was|has been) (?:approved|granted))\b",
            re.I,
        ),
    ),
    ("voting", re.compile(r"\b(?:voting|vote (?:on|in favou?r|for)|to vote|ballot)\b", re.I)),
    ("unlikely", re.compile(r"\b(?:not likely|unlikely|no prospect)\b", re.I)),
    (
        "applying",
        re.compile(r"\b(?:applied|application|applying|apply|bid for|seeking membership|seeks membership)\b", re.I),
    ),
)
_BID_NOUN = re.compile(
    r"\b(?:member(?:ship)?|admi(?:ssion|tted|t)|join\w*|accession|appl(?:y|ied|ying|ication)|seat)\b", re.I
)
_GOAL = re.compile(
    r"\b(?:ultimately|eventual\w*|aspir\w+|goal|path|toward|towards|realize|hope\w*|long-term|future)\b", re.I
)
_FAVOUR = re.compile(r"\bvote (?:in favou?r of|for|positively)", re.I)


def extract(sentence: Sentence) -> list[dict]:
    text = sentence.text
    lowered = sentence.lower
    if not any(word in lowered for word in _MEMBERSHIP_WORDS) or not _MEMBERSHIP.search(text):
        return []
    if not sentence.organizations:
        return []
    entity = sentence.entities[0].code if sentence.entities else None
    if entity is None:
        if not sentence.paragraph.names_entity or not re.search(
            r"\b(?:voting process|admission|membership)\b", text, re.I
        ):
            return []
        entity = sentence.paragraph.entity_code
    previous = sentence.previous()
    if not _BID_NOUN.search(text) and not (
        "vot" in lowered and previous is not None and _BID_NOUN.search(previous.text) and "vot" in previous.lower
    ):
        return []  # "Putin's threat to veto a UN Security Council resolution" is no admission bid
    status = next((name for name, pattern in STATUSES if pattern.search(text)), None)
    if status is None or status == "admitted" and _GOAL.search(text):
        return []
    if status in ("applying",) and _GOAL.search(text):
        return []
    blocked_by = None
    if status == "blocked":
        veto = STATUSES[0][1].search(text)
        owners = [m for m in sentence.states if m.end <= veto.start() and m.code != entity]
        if owners:
            blocked_by = state_ref(owners[0].code)
    supporters = []
    if _FAVOUR.search(text):
        supporters = [state_ref(m.code) for m in grammar.dedupe(sentence.states) if m.code != entity]
    facts = []
    for org in grammar.dedupe(sentence.organizations):
        fields = {
            "entity": entity,
            "organization": org.code,
            "status": status,
            "blocked_by": blocked_by,
            "supported_by": supporters,
        }
        facts.append(make_fact("admission_bid", sentence, fields, sentence.cable.as_of))
    return facts
