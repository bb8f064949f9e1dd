"""Diplomatic missions of the entity: "Kosovo has embassies in Ankara, Berlin ... and Washington"."""

from __future__ import annotations

import re

from .context import Sentence
from .facts import make_fact
from .gazetteer import country_of_place, state_ref

_EMBASSY = re.compile(
    r"\b(?:has|have|had|opened|open|opening|established|establish)\s+(?:an?\s+|its\s+|their\s+)?(?:embass(?:y|ies)|missions?|consulates?)\s+in\s+"
    r"|['’]s\s+embass(?:y|ies)\s+in\s+",
    re.I,
)
_CITY_LIST = re.compile(
    r"((?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:\s*,\s*(?:and\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|\s+and\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)*)"
)


def extract(sentence: Sentence) -> list[dict]:
    text = sentence.text
    if "mbass" not in text and "ission" not in text and "onsulate" not in text or not sentence.entities:
        return []
    facts = []
    for match in _EMBASSY.finditer(text):
        owners = [m for m in sentence.entities if m.end <= match.start() and match.start() - m.end < 25]
        if not owners:
            continue
        cities = _CITY_LIST.match(text, match.end())
        if not cities:
            continue
        for city in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", cities.group(1)):
            city = city.strip()
            if not city:
                continue
            code = country_of_place(city)
            warnings = [] if code else [f"city {city!r} does not resolve to a state"]
            fields = {"entity": owners[-1].code, "city": city, "state": state_ref(code) if code else None}
            facts.append(make_fact("diplomatic_mission", sentence, fields, sentence.cable.as_of, warnings=warnings))
    return facts
