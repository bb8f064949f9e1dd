"""Points of contact: the people a cable names with a phone number or an e-mail address."""

from __future__ import annotations

import re

from .context import Cable, Sentence
from .facts import make_fact

_PHONE = re.compile(r"(?=[(\d])(?<![\d-])(?:\(?1\)?[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?![\d-])")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_NAME = re.compile(r"\b([A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2})\b")
_ROLE_WORDS = frozenset(
    [
        "kosovo",
        "desk",
        "officer",
        "status",
        "coordinator",
        "office",
        "bureau",
        "director",
        "deputy",
        "assistant",
        "secretary",
        "please",
        "contact",
        "point",
        "of",
        "for",
        "and",
        "the",
        "at",
        "or",
        "additional",
        "information",
        "affairs",
        "european",
        "eurasian",
        "south",
        "central",
        "europe",
        "department",
        "political",
        "economic",
        "section",
        "chief",
        "counselor",
    ]
)


def _person(segment: str) -> tuple[str, int, int] | None:
    for match in _NAME.finditer(segment):
        words = match.group(1).split()
        clean = [w for w in words if w.lower().strip(".") not in _ROLE_WORDS]
        if len(clean) >= 2 and clean == words[len(words) - len(clean) :]:
            offset = match.start(1) + match.group(1).find(clean[0])
            return " ".join(clean), offset, match.end(1)
    return None


def extract(cable: Cable) -> list[dict]:
    facts = []
    for paragraph in cable.paragraphs:
        text = paragraph.text
        if paragraph.number is None or "ontact" not in text and "ONTACT" not in text and "POC" not in text:
            continue
        if not re.search(r"\bcontact\b|\bPOC\b", text, re.I):
            continue
        if not (_PHONE.search(text) or "@" in text and _EMAIL.search(text)):
            continue
        for sentence in paragraph.sentences:
            facts += _from_sentence(sentence)
    return facts


def _from_sentence(sentence: Sentence) -> list[dict]:
    text = sentence.text
    found = []
    marks = sorted(
        [(m.start(), m.end(), "phone", m.group()) for m in _PHONE.finditer(text)]
        + [(m.start(), m.end(), "email", m.group()) for m in _EMAIL.finditer(text)]
    )
    boundary = 0
    current = None
    for start, end, kind, value in marks:
        segment = text[boundary:start]
        person = _person(segment)
        if person:
            name, p_start, p_end = person
            before = segment[:p_start].strip()
            role = re.sub(r"^(?:.*?\b(?:contact|CONTACT:?)\s*)|^(?:or|and)\s+", "", before).strip(" :,") or None
            after = re.match(r"\s*,\s*([^()]{3,160}?)\s*(?:\(|$)", segment[p_end:])
            if after:
                role = after.group(1).strip(" ,")
            current = {"name": name, "role": role, "phone": None, "email": None}
            found.append(current)
        if current is not None and current[kind] is None:
            current[kind] = value.strip().lstrip("(").strip()
        boundary = end
    return [make_fact("point_of_contact", sentence, person, sentence.cable.as_of) for person in found]
