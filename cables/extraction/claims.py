"""Recognitions: a named state recognized the entity, announced that it will, or withdrew it.

Only a state standing as the subject of a positive, reported ``recognize`` whose
object is the entity counts. "Spain will not recognize" is a stance, "the GOA
could recognize and honor the U.S. position" and "recognize the gravity of the
crimes" name no entity as object, "judges recognized by the Kosovo justice
system" has no state as agent, and "will recognize after the EU decides" is an
announced intention at most.
"""

from __future__ import annotations

import datetime as dt
import re

from . import grammar
from .context import Sentence
from .dates import find_relative_days
from .facts import iso, make_fact
from .gazetteer import Mention, state_ref

VERB = re.compile(r"\brecogni[sz](?:ed|es|e)\b", re.I)
# Words that may stand between the verb and the entity it recognizes.
_OBJECT_FILLER = re.compile(
    r"^\s*(?:(?:the|an|a|formally|officially|independent|independence|statehood|sovereignty|sovereign|new|state|"
    r"republic|of|as|an)\s+)*$",
    re.I,
)
_INTENT = re.compile(
    r"\b(?:announced|declared|stated|expressed|signaled|signalled|confirmed)\s+(?:(?:its|their|an|the|his|her)\s+)?"
    r"(?:intention|intent|plans?|decision|readiness)\s+to\s+recogni[sz]e\b",
    re.I,
)
_INTENT_VERBS = re.compile(
    r"\b(?:will|shall|plans? to|intends? to|decided to|is going to|are going to|agreed to)\s*$", re.I
)
_PASSIVE = re.compile(
    r"\b(?:has been|have been|had been|was|were|been)\s+(?:formally\s+|officially\s+)?recogni[sz]ed\s+by\s+", re.I
)
_WITHDRAW = re.compile(
    r"\b(?:withdr[ae]w\w*|revok\w*|rescind\w*|annull\w*|suspend\w*)\s+(?:(?:its|their|the)\s+)?recognition\s+of\s+",
    re.I,
)
_LIST_AFTER = re.compile(r"(?:thus far|so far|to date|already)?\s*(?::|\binclud\w+|\bsuch as\b|\bnamely\b)\s*", re.I)
_OR_ANNOUNCED = re.compile(r"\bor (?:announced|declared|stated|expressed)\b", re.I)
_DATE_LEAD = re.compile(r"(?:\bon|\bin|\bas of)\s+$", re.I)
_DECLARATION_AFTER = re.compile(r"^\s*(?:declaration|proclamation|announcement|independence declaration)", re.I)


def _object(sentence: Sentence, position: int) -> Mention | None:
    for mention in sentence.entities:
        if mention.start >= position and mention.how in ("name", "short"):
            if _OBJECT_FILLER.match(sentence.text[position : mention.start]):
                return mention
            return None
    return None


def _anchor_date(sentence: Sentence, before: int) -> dt.date | None:
    """The last full date written before ``before`` in this paragraph, for "the next day"."""
    for date in reversed([d for d in sentence.dates if d.end <= before and d.day_precise]):
        return date.last
    paragraph = sentence.paragraph
    for earlier in reversed(paragraph.sentences[: sentence.index]):
        precise = [d for d in earlier.dates if d.day_precise]
        if precise:
            return precise[-1].last
    return None


def act_date(sentence: Sentence, after: int, subject_start: int) -> tuple[str | None, list[str]]:
    """The date of the act reported after ``after``: "on February 20", "the next day", or a
    leading "On March 2,"; never a date that names a declaration ("Kosovo's February 17 declaration")."""
    text = sentence.text
    clause_end = len(text)
    nxt = re.compile(r"[;]").search(text, after)
    if nxt:
        clause_end = nxt.start()
    for date in sentence.dates:
        if not date.day_precise:
            continue
        if after <= date.start < clause_end and _DATE_LEAD.search(text[max(0, date.start - 8) : date.start]):
            if _DECLARATION_AFTER.match(text[date.end :]):
                continue
            return iso(date.first), []
        if date.end <= subject_start and re.match(r"^\s*(?:On|In|As of)\s+$", text[: date.start]):
            return iso(date.first), []
    for start, _end, days in find_relative_days(text):
        if after <= start < clause_end:
            anchor = _anchor_date(sentence, start)
            if anchor:
                return iso(anchor + dt.timedelta(days=days)), []
            return None, ["relative date without an earlier date to count from"]
    return None, []


def _fact(sentence, state: Mention, entity: str, status: str, date, warnings) -> dict:
    fields = {"state": state_ref(state.code), "entity": entity, "status": status, "as_of": sentence.cable.as_of}
    return make_fact("recognition", sentence, fields, date, warnings=warnings)


def extract(sentence: Sentence) -> list[dict]:
    if "ecogni" not in sentence.text or not sentence.entities:
        return []
    text = sentence.text
    facts = []
    state_groups = grammar.groups(sentence.states, text)
    seen = set()

    def add(state, entity, status, date, warnings):
        key = (state.code, entity, status)
        if key not in seen:
            seen.add(key)
            facts.append(_fact(sentence, state, entity, status, date, warnings))

    for verb in VERB.finditer(text):
        target = _object(sentence, verb.end())
        if target is None:
            continue
        aux_start, aux = grammar.aux_before(text, verb.start())
        head = text[:aux_start]
        intent = _INTENT.search(text, max(0, verb.start() - 90), verb.end())
        if intent and intent.end() == verb.end():
            aux_start, aux = grammar.aux_before(text, intent.start())
            head = text[:aux_start]
        group = grammar.subject_group(text, aux_start, state_groups)
        if not group:
            continue
        if grammar.NEGATION.search(aux) or grammar.HYPOTHETICAL.search(
            head[group[0].start - 60 if group[0].start > 60 else 0 : group[0].start]
        ):
            continue
        lowered_verb = verb.group().lower()
        if intent and intent.end() == verb.end():
            status = "announced_intent"
        elif grammar.MODAL.search(aux):
            continue
        elif _INTENT_VERBS.search(aux):
            status = "announced_intent"
        elif lowered_verb.endswith(("ed", "es")) and "to" not in aux.lower().split():
            status = "recognized"
        else:
            continue
        if status == "recognized" and grammar.FUTURE.search(aux):
            status = "announced_intent"
        warnings = []
        date, more = act_date(sentence, target.end, group[0].start) if status == "recognized" else (None, [])
        warnings += more
        for state in grammar.dedupe(group):
            add(state, target.code, status, date, warnings)
        # "... have recognized or announced their intent to recognize Kosovo thus far: Senegal, ..."
    for verb in re.finditer(r"\b(?:have|has|had)\s+(?:now\s+|already\s+|formally\s+)?recogni[sz]ed\b", text, re.I):
        if grammar.NEGATION.search(text[max(0, verb.start() - 12) : verb.start()]):
            continue
        rest_start = verb.end()
        for group in state_groups:
            if group[0].start < rest_start:
                continue
            lead = text[rest_start : group[0].start]
            colon = _LIST_AFTER.search(lead)
            if (
                not colon
                or colon.end() != len(lead)
                or grammar.CLAUSE_BREAK.search(lead[: colon.start()].replace(":", ""))
            ):
                continue
            entities = [m for m in sentence.entities if rest_start <= m.start < group[0].start]
            if not entities:
                continue
            either = bool(_OR_ANNOUNCED.search(lead))
            status = "announced_intent" if either else "recognized"
            warnings = (
                ["listed as having recognized or announced an intention; the weaker reading is kept"] if either else []
            )
            for state in grammar.dedupe(group):
                add(state, entities[0].code, status, None, warnings)
            break
    for passive in _PASSIVE.finditer(text):
        subject = [m for m in sentence.entities if m.end <= passive.start() and passive.start() - m.end < 30]
        if not subject:
            continue
        for group in state_groups:
            if group[0].start == passive.end() or text[passive.end() : group[0].start].strip().lower() in ("the",):
                for state in grammar.dedupe(group):
                    add(state, subject[-1].code, "recognized", None, [])
                break
    for withdrawal in _WITHDRAW.finditer(text):
        target = _object(sentence, withdrawal.end())
        if target is None:
            continue
        aux_start, aux = grammar.aux_before(text, withdrawal.start())
        group = grammar.subject_group(text, aux_start, state_groups)
        if group and not grammar.NEGATION.search(aux) and not grammar.MODAL.search(aux):
            date, warnings = act_date(sentence, target.end, group[0].start)
            for state in grammar.dedupe(group):
                add(state, target.code, "withdrawn", date, warnings)
    return facts
