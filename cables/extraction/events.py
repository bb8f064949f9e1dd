"""Dated events: meetings, summits, visits, addresses, and the entity's declaration of independence.

An event is an event noun with a date bound to it: "the March 13-14 ministerial
summit ... in Dakar", "the February 18 GAERC", "address the UN Security Council
on January 22", "visit Washington from February 10-12". Host and chair come
from anywhere in the cable ("Senegal, the host of the Summit, and Malaysia,
its chair").
"""

from __future__ import annotations

import re

from .context import Cable, Sentence
from .facts import iso, make_fact
from .gazetteer import country_of_place, state_ref

_NOUN = (
    r"summit|conference|ministerial|meeting|session|GAERC|General Affairs (?:and External Relations )?Council|"
    r"Security Council|General Assembly|visit|talks|council|assembly|ceremony|election|elections|hearing|forum"
)
_EVENT_WORDS = (
    "summit",
    "conferen",
    "ministerial",
    "meeting",
    "session",
    "gaerc",
    "council",
    "assembl",
    "visit",
    "talks",
    "ceremon",
    "election",
    "hearing",
    "forum",
    "eclar",
)
_ORGAN = re.compile(
    r"summit|ministerial|conference|GAERC|General Affairs (?:and External Relations )?Council|Security Council|"
    r"General Assembly",
    re.I,
)
_EVENT = re.compile(r"\b(?:" + _NOUN + r")\b", re.I)
_DECLARED = re.compile(
    r"\bdeclared\s+(?:its\s+|their\s+)?independence\b|\bindependence\s+(?:was|had been)\s+declared\b|"
    r"\bdeclaration of independence\b",
    re.I,
)
_PLACE = re.compile(r"\b(?:in|to|at)\s+((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?)(?:,\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))?")
_VISIT_PLACE = re.compile(
    r"\b(?i:visit(?:ing|ed|s)?)\s+(?:(?i:of)\s+[^,.;]{0,80}?\s+(?i:to)\s+)?((?:[A-Z][a-zA-Z]+)(?:\s+[A-Z][a-zA-Z]+)?)"
)
_HOST = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?),\s+(?:the\s+)?host\b|\bhost\s*\((\w[\w\s]*?)\)", re.I)
_CHAIR = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?),\s+(?:its|the)\s+chair\b|\bchair\s*\((\w[\w\s]*?)\)", re.I)


def _state(name: str | None):
    from .gazetteer import resolve_country

    if not name:
        return None
    code = resolve_country(name)
    return state_ref(code) if code else None


def _visit_place(words: str) -> str | None:
    """The place a visit goes to: "Washington" out of "Washington February"."""
    for candidate in (words, words.split()[0]):
        if country_of_place(candidate) or _state(candidate):
            return candidate
    return None


def _roles(cable: Cable) -> dict[str, dict | None]:
    found = {"host": None, "chair": None}
    for paragraph in cable.paragraphs:
        for role, pattern in (("host", _HOST), ("chair", _CHAIR)):
            if found[role]:
                continue
            for match in pattern.finditer(paragraph.text):
                state = _state(match.group(1) or match.group(2))
                if state:
                    found[role] = state
                    break
    return found


def _place(sentence: Sentence, start: int, end: int) -> str | None:
    text = sentence.text
    for match in _PLACE.finditer(text, start, min(len(text), end + 120)):
        if match.start() > end + 100:
            break
        city = match.group(1)
        if country_of_place(city) or match.group(2) and _state(match.group(2)):
            return city
    return None


def extract(sentence: Sentence) -> list[dict]:
    text = sentence.text
    lowered = sentence.lower
    if not any(word in lowered for word in _EVENT_WORDS) or not (_EVENT.search(text) or "eclar" in text):
        return []
    facts = []
    dates = [d for d in sentence.dates if d.day_precise]
    if not dates:
        return []
    cable = sentence.cable
    entity = sentence.entities[0].code if sentence.entities else None
    for declared in _DECLARED.finditer(text):
        subject = entity or sentence.paragraph.entity_code
        date = next(
            (d for d in dates if abs(d.start - declared.end()) < 40 or abs(declared.start() - d.end) < 12), None
        )
        if subject and date:
            fields = {
                "name": "declaration of independence",
                "entity": subject,
                "place": None,
                "start": iso(date.first),
                "end": iso(date.last),
                "host": None,
                "chair": None,
            }
            facts.append(make_fact("event", sentence, fields, iso(date.first)))
            return facts
    if not sentence.paragraph.names_entity and sentence.paragraph.number is not None:
        return []
    for noun in _EVENT.finditer(text):
        if not sentence.entities and not _ORGAN.fullmatch(noun.group()):
            continue  # a meeting in a paragraph about the entity is not yet an event of its campaign
        bound = None
        for date in dates:
            before_gap = text[date.end : noun.start()]
            after_gap = text[noun.end() : date.start]
            if (
                date.end <= noun.start()
                and len(before_gap.split()) <= 6
                and not re.search(r"[.;,]", before_gap)
                or date.start >= noun.end()
                and len(after_gap.split()) <= 14
                and not re.search(r"[.;:]", after_gap)
                and re.search(r"(?:\bon|\bfrom|,|^)\s*$", after_gap, re.I)
            ):
                bound = date
            if bound:
                break
        if bound is None:
            continue
        name = noun.group()
        lead = text[max(0, noun.start() - 60) : noun.start()]
        orgs = [o for o in sentence.organizations if noun.start() - 60 <= o.start <= noun.end() + 60]
        if orgs:
            name = f"{orgs[0].code} {name}"
        elif re.search(r"Donors'?\s*$", lead, re.I):
            name = "donors' conference"
        place = _place(sentence, noun.start(), noun.end())
        if noun.group().lower() == "visit":
            visit = _VISIT_PLACE.search(text, max(0, noun.start() - 1))
            if visit and _visit_place(visit.group(1)):
                place = _visit_place(visit.group(1))
        roles = (
            _roles(cable) if re.search(r"summit|conference|ministerial", name, re.I) else {"host": None, "chair": None}
        )
        fields = {
            "name": name,
            "entity": entity,
            "place": place,
            "start": iso(bound.first),
            "end": iso(bound.last),
            "host": roles["host"],
            "chair": roles["chair"],
        }
        facts.append(make_fact("event", sentence, fields, iso(bound.first)))
        break
    if not facts:
        visit = re.search(r"\bvisit\w*\b", text, re.I)
        if visit:
            place = _VISIT_PLACE.search(text, visit.start())
            date = next((d for d in dates if d.start > visit.start()), None)
            if place and date and _visit_place(place.group(1)):
                fields = {
                    "name": "visit",
                    "entity": entity,
                    "place": _visit_place(place.group(1)),
                    "start": iso(date.first),
                    "end": iso(date.last),
                    "host": None,
                    "chair": None,
                }
                facts.append(make_fact("event", sentence, fields, iso(date.first)))
    return facts
