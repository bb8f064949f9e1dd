"""The cable as the rules read it: paragraphs split into sentences, with the states,
entities, organizations, dates and numbers each sentence names."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from . import gazetteer
from .dates import DateMention, cable_date, find_dates
from .entities import Entity
from .numbers import NumberMention, find_numbers
from .sentences import split_sentences

# No real cable paragraph has more sentences, nor a real sentence more characters; past these
# bounds the input is damaged or hostile, and reading stops there rather than run for minutes.
MAX_SENTENCES = 2000
MAX_ANALYSED = 400
LONG_PARAGRAPH = 40
MAX_SENTENCE_CHARS = 4000
MAX_PARAGRAPH_CHARS = 100_000

_STATEHOOD = re.compile(
    r"\s+(?:(?:unilateral|formal|full|eventual|declared)\s+)?(?:independence|statehood|state\b|sovereignty|UDI|"
    r"recognition|declaration|republic|membership)",
    re.I,
)
# A governing body is not the polity: support for "the Palestinian Authority" is budget support.
_GOVERNING_BODY = re.compile(r"\b(?:authority|government|administration|council)$", re.I)
_CONFLICT_LABEL = re.compile(r"\w[-–/]$")
_STATION = re.compile(r"^\d{2}([A-Z]+?)\d+$")


@dataclass
class Cable:
    record: dict
    reference_id: str | None
    date: dt.date | None
    host: str | None
    entities: dict[str, Entity]
    paragraphs: list[Paragraph] = field(default_factory=list)
    year_anchor: dt.date | None = None

    @property
    def entity_codes(self) -> set[str]:
        return set(self.entities)

    @property
    def as_of(self) -> str | None:
        return self.date.isoformat() if self.date else None


@dataclass
class Paragraph:
    cable: Cable
    number: int | None
    marking: str | None
    text: str
    index: int

    @cached_property
    def states_all(self) -> list[gazetteer.Mention]:
        """States and entities of every analysed sentence, in paragraph offsets."""
        return [
            gazetteer.Mention(m.code, m.start + s.start, m.end + s.start, m.text, m.how)
            for s in self.sentences
            for m in s.states_all
        ]

    @cached_property
    def entities(self) -> list[gazetteer.Mention]:
        codes = self.cable.entity_codes
        return [m for m in self.states_all if m.code in codes]

    @cached_property
    def sentences(self) -> list[Sentence]:
        spans = split_sentences(self.text[:MAX_PARAGRAPH_CHARS])[:MAX_SENTENCES]
        return [Sentence(self, start, end, i) for i, (start, end) in enumerate(spans)]

    @cached_property
    def entity_codes(self) -> list[str]:
        """Tracked entities whose keywords appear in the paragraph: only such paragraphs (and the
        subject) are read sentence by sentence."""
        lowered = self.text.lower()
        return [code for code, entity in self.cable.entities.items() if any(k in lowered for k in entity.keywords)]

    def analysed_sentences(self) -> list[Sentence]:
        """The sentences the rules read: all of an ordinary paragraph; in a long one (a cable flattened
        into one paragraph, or hostile input) those naming a tracked entity and two either side."""
        sentences = self.sentences
        if len(sentences) > LONG_PARAGRAPH:
            keywords = [k for entity in self.cable.entities.values() for k in entity.keywords]
            near = set()
            for sentence in sentences:
                if any(k in sentence.lower for k in keywords):
                    near.update(range(sentence.index - 2, sentence.index + 3))
            sentences = [s for s in sentences if s.index in near]
        return sentences[:MAX_ANALYSED]

    @property
    def names_entity(self) -> bool:
        return bool(self.entity_codes)

    @property
    def entity_code(self) -> str | None:
        codes = self.entity_codes
        return codes[0] if codes else None


@dataclass
class Sentence:
    paragraph: Paragraph
    start: int
    end: int
    index: int

    @cached_property
    def text(self) -> str:
        return self.paragraph.text[self.start : self.end]

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def analysable(self) -> bool:
        return self.end - self.start <= MAX_SENTENCE_CHARS

    @cached_property
    def states_all(self) -> list[gazetteer.Mention]:
        if not self.analysable:
            return []
        text = self.text
        found = gazetteer.find_states(text)
        found += gazetteer.find_governments(text, self.paragraph.cable.host)
        found += gazetteer.find_capitals(text, found)
        return sorted(found, key=lambda m: m.start)

    @cached_property
    def states(self) -> list[gazetteer.Mention]:
        codes = self.paragraph.cable.entity_codes
        return [m for m in self.states_all if m.code not in codes]

    @cached_property
    def entities(self) -> list[gazetteer.Mention]:
        codes = self.paragraph.cable.entity_codes
        return [m for m in self.states_all if m.code in codes]

    @cached_property
    def entity_names(self) -> list[gazetteer.Mention]:
        """Mentions of the entity as a polity: its name ("Kosovo", "Taiwan"), or an adjective before a
        word of statehood ("Kosovar independence", "a Palestinian state"); not "the Palestinian
        Authority", "South Ossetian militias" or a conflict label such as "Israel-Palestine"."""
        text = self.text
        found = []
        for mention in self.entities:
            if mention.how in ("adjective", "demonym"):
                if not _STATEHOOD.match(text, mention.end):
                    continue
            elif _CONFLICT_LABEL.search(text, max(0, mention.start - 30), mention.start) or _GOVERNING_BODY.search(
                mention.text
            ):
                continue
            found.append(mention)
        return found

    @cached_property
    def organizations(self) -> list[gazetteer.Mention]:
        if not self.analysable:
            return []
        return sorted(gazetteer.find_organizations(self.text), key=lambda m: m.start)

    @cached_property
    def dates(self) -> list[DateMention]:
        cable = self.paragraph.cable
        return find_dates(self.text, cable.date or cable.year_anchor)

    @cached_property
    def numbers(self) -> list[NumberMention]:
        return find_numbers(self.text)

    @property
    def cable(self) -> Cable:
        return self.paragraph.cable

    def previous(self) -> Sentence | None:
        return self.paragraph.sentences[self.index - 1] if self.index else None

    def next(self) -> Sentence | None:
        sentences = self.paragraph.sentences
        return sentences[self.index + 1] if self.index + 1 < len(sentences) else None


def host_country(record: dict) -> str | None:
    """The country of the post that sent the cable (AMEMBASSY MADRID -> ES), if the post is known."""
    candidates = []
    origin = record.get("origin")
    if origin:
        candidates.append(str(origin))
        candidates.append(re.sub(r"^(?:AMEMBASSY|AMCONSUL|USMISSION|USOFFICE|AMEMBASSY)\s+", "", str(origin)))
    station = _STATION.match(record.get("reference_id") or "")
    if station:
        candidates.append(station.group(1))
    for candidate in candidates:
        code = gazetteer.country_of_place(candidate)
        if code:
            return code
    return None


def build_cable(record: dict, entities: dict[str, Entity]) -> Cable:
    cable = Cable(
        record=record,
        reference_id=record.get("reference_id"),
        date=cable_date(record),
        host=None,
        entities=entities,
    )
    cable.host = host_country(record)
    if cable.date is None:
        year = re.match(r"^(\d{2})[A-Z]", record.get("reference_id") or "")
        if year:
            # Without a date-time group only the year is known: yearless dates still get a year.
            cable.year_anchor = dt.date(
                1900 + int(year.group(1)) if int(year.group(1)) > 50 else 2000 + int(year.group(1)), 12, 31
            )
    subject = record.get("subject")
    if subject:
        cable.paragraphs.append(Paragraph(cable, None, None, str(subject), 0))
    for i, para in enumerate(record.get("paragraphs") or (), start=1):
        text = para.get("text") or ""
        if text:
            cable.paragraphs.append(Paragraph(cable, para.get("number"), para.get("marking"), text, i))
    return cable
