"""Stances: a state expected to support or oppose the entity, in a context, voiced by a person.

A stance needs a cue (support, opposition, hesitation, leaning) whose target
is the entity, and a state standing as its subject ("Indonesia has also
spoken out ... against independence") or named as its source ("Opposition
... might emerge from Serbia, Russia ..."). A state that "will not
recognize" opposes; the parent state opposes when it speaks of the entity's
territory as its own. A hope, a question or an instruction is not a stance.
"""

from __future__ import annotations

import re

from . import grammar, persons
from .context import Sentence
from .facts import make_fact
from .gazetteer import Mention, state_ref

SUPPORT = re.compile(
    r"\b(?:support(?:s|ed|ing|ive|ers?)?|in favou?r of|vote (?:for|in favou?r)|backs|backed|backing|welcom\w+|"
    r"champion\w*|advocat\w+|concur\w*\s+with\s+(?:the\s+)?(?:U\.S\.|US|USG|our|American)\s+"
    r"(?:view|position|assessment|approach)|lobby(?: those| other)? countries|push for (?:more )?recognitions?|"
    r"pitch for recognition|help(?:ing)? (?:Kosovo|it)|favou?rably[- ]inclined)\b",
    re.I,
)
OPPOSE = re.compile(
    r"\b(?:oppos\w+|against|block\w*|veto\w*|obstruct\w*|undermin\w+|refus\w+|reject\w*|non-?recogni\w+|"
    r"react strongly|condemn\w*|protest\w*|challeng\w+|contention|obstacle|stumbling|lobby hard against|"
    r"dissuade|prevent\w*)\b",
    re.I,
)
UNDECIDED = re.compile(
    r"\b(?:wait and see|wait-and-see|undecided|not yet decided|problematic|hesitat\w+|reluctan\w+|"
    r"not stepped up|balanc\w+|waiting until|has yet to|have yet to|on the fence|non-committal|noncommittal)\b",
    re.I,
)
LEANING = re.compile(
    r"\b(?:leaning (?:toward|towards)|eventually (?:follow|recogni[sz]e)|likely to recogni[sz]e|favou?rably inclined|"
    r"move (?:forward )?(?:toward|towards) recognition)\b",
    re.I,
)
# What the parent state says when it treats the entity as its own.
PARENT_CUES = re.compile(
    r"\b(?:territorial integrity|southern province|partition\w*|refer\w* the question|International Court|ICJ|"
    r"contention|refusal|obstruct\w*|undermin\w+|parallel structures|illegal|oppos\w+|against|reject\w*|"
    r"never recogni[sz]e|not recogni[sz]\w+|non-?recogni\w+|slowed|claim to|sovereignty over|will not change|"
    r"lack of (?:a )?commitment)\b",
    re.I,
)
# A support cue must have the entity, its independence or its recognition in view.
_TARGET = re.compile(
    r"\b(?:independence|recogni\w+|statehood|sovereignty|integration|membership|participation|attendance)\b", re.I
)
_SOURCE_LEAD = re.compile(
    r"\b(?:from|by|including|particularly|especially|among|such as|notably|namely)\s+(?:the\s+)?$|[(:]\s*$", re.I
)
_ASK = re.compile(r"\bask\w*\s+(?:if|whether)\b", re.I)
_NEGATIVE_ANSWER = re.compile(r"\b(?:demurred|declined|ruled out|not any time soon|no\b|not\b|never\b)", re.I)
_CONFIRM = re.compile(r"\b(?:assured|confirmed|agreed|promised|said)\b[^.;]*\bwould not\b", re.I)
_NEG_RECOGNIZE = re.compile(
    r"\b(?:(?:will|would|does|do|did|could|can|shall|should|must)\s*(?:not|n't)|cannot|never|refus\w+ to|"
    r"lack of (?:a |any )?(?:commitment|willingness|intention) to|no (?:intention|plans?) (?:of|to))\s+"
    r"(?:(?:formally|officially|ever|yet|be able to|soon)\s+)*recogni[sz]\w*\b",
    re.I,
)
_COMMON_CONTEXT = re.compile(
    r"\b(?:international (?:bodies|institutions|organizations)|world bodies|"
    r"(?:the )?(?:UN|OIC|EU|NATO|OSCE|IMF|World Bank)"
    r"|Security Council|General Assembly|ICJ|International Court of Justice|summit)\b",
    re.I,
)


def _context(sentence: Sentence) -> str | None:
    match = _COMMON_CONTEXT.search(sentence.text)
    if sentence.organizations:
        return sentence.organizations[0].code
    return match.group() if match else None


def _person_for(sentence: Sentence, state: Mention) -> str | None:
    name = persons.titled_name(sentence.text, state.end)
    if name:
        return name
    return persons.speaker(sentence)


def _entity_for(sentence: Sentence) -> str | None:
    if sentence.entity_names:
        return sentence.entity_names[0].code
    return sentence.paragraph.entity_code


def _targets_entity(sentence: Sentence, start: int, end: int, window: int = 50) -> bool:
    """The cue's object is the entity or its independence, recognition, membership ...:
    "support for Kosovo's independence", not "backed open violence ... in Kosovo's north"."""
    text = sentence.text
    if _CONCUR.match(text, start):
        return bool(sentence.entity_names)
    if re.match(r"\s+by\b", text[end:]) and any(start - 30 <= m.start < start for m in sentence.entity_names):
        return True  # "Kosovo (supported by many ..., including the United States)"
    stop = _OBJECT_END.search(text, end)
    limit = min(stop.start() if stop else len(text), end + window)
    if any(end <= m.start < limit for m in sentence.entity_names):
        return True
    target = _TARGET.search(text, end, limit)
    if target and not any(end <= m.start < target.start() for m in sentence.states):
        return True
    return any(start - 25 <= m.start < start for m in sentence.entity_names) and bool(
        re.search(r"['’]s\s+(?:\w+\s+)?$", text[max(0, start - 25) : start])
    )


_OBJECT_END = re.compile(r"[,;]|\s--\s|\b(?:but|by|in|at|on|with|during|after|before|from|among|through|because)\b")
_CONCUR = re.compile(
    r"concur\w*\s+with\s+(?:the\s+)?(?:U\.S\.|US|USG|our|American)\s+(?:view|position|assessment|approach)", re.I
)


class _Collector:
    def __init__(self, sentence: Sentence):
        self.sentence = sentence
        self.facts: list[dict] = []
        self.seen: set[tuple[str, str]] = set()

    def add(self, state: Mention, entity: str, stance: str, *, person=None, end_sentence=None, warnings=None):
        if state.code == entity or (state.code, entity) in self.seen:
            return
        self.seen.add((state.code, entity))
        fields = {
            "state": state_ref(state.code),
            "entity": entity,
            "stance": stance,
            "context": _context(self.sentence),
            "person": person,
        }
        self.facts.append(
            make_fact(
                "stance", self.sentence, fields, self.sentence.cable.as_of, warnings=warnings, end_sentence=end_sentence
            )
        )


def _negated_recognition(sentence: Sentence, out: _Collector, groups) -> None:
    text = sentence.text
    for match in _NEG_RECOGNIZE.finditer(text):
        group = grammar.subject_group(text, grammar.aux_before(text, match.start())[0], groups)
        if group is None:
            # "Serbia's lack of a commitment to recognize", "Spain's refusal to recognize"
            for candidate in groups:
                tail = text[candidate[-1].end : match.start()]
                if candidate[-1].end <= match.start() and re.fullmatch(r"['’]s\s+(?:\w+\s+){0,2}", tail):
                    group = candidate
        if group is None:
            continue
        lead = text[max(0, group[0].start - 60) : group[0].start]
        if grammar.HYPOTHETICAL.search(lead) and not _CONFIRM.search(text, match.end()):
            continue
        objects = [m for m in sentence.entity_names if m.start >= match.end()]
        entities = grammar.dedupe(objects) if objects else []
        codes = [m.code for m in entities] or ([_entity_for(sentence)] if _entity_for(sentence) else [])
        confirm = _CONFIRM.search(text, match.end())
        person = persons.speaker(sentence)
        if confirm:
            tail = re.findall(r"([A-Z][a-z'-]+)\s+(?:assured|confirmed|agreed|promised|said)", text[match.end() :])
            person = tail[0] if tail else person
        for state in grammar.dedupe(group):
            for code in codes:
                out.add(state, code, "oppose", person=person or _person_for(sentence, state))


def _question_answer(sentence: Sentence, out: _Collector, groups) -> None:
    text = sentence.text
    if not _ASK.search(text) or "ecogni" not in text:
        return
    answer = sentence.next()
    if answer is None or not _NEGATIVE_ANSWER.search(answer.text[:120]):
        return
    verb = re.search(r"\b(?:would|will|could)\s+(?:ever\s+)?recogni[sz]e\b", text)
    if not verb:
        return
    group = grammar.subject_group(text, verb.start(), groups)
    entity = next((m.code for m in sentence.entities if m.start > verb.start()), None)
    if not group or not entity:
        return
    person = persons.speaker(answer)
    for state in grammar.dedupe(group):
        if (state.code, entity) in out.seen:
            continue
        out.seen.add((state.code, entity))
        fields = {
            "state": state_ref(state.code),
            "entity": entity,
            "stance": "oppose",
            "context": _context(sentence),
            "person": person,
        }
        out.facts.append(make_fact("stance", sentence, fields, sentence.cable.as_of, end_sentence=answer))


_INSTITUTION = re.compile(
    r"\s+(?:government|leadership|officials?|authorities|ambassador|delegation|side|president|prime minister|"
    r"foreign minister|fm|pm|mfa|parliament|assembly|position|diplomacy)\b",
    re.I,
)


def _parent_state(sentence: Sentence, out: _Collector) -> None:
    paragraph = sentence.paragraph
    if not paragraph.names_entity:
        return
    text = sentence.text
    codes = list(dict.fromkeys(m.code for m in sentence.entities)) or paragraph.entity_codes
    for code in codes:
        entity = sentence.cable.entities.get(code)
        if not entity or not entity.parent:
            continue
        # "Serbia", "Belgrade's", "the GOS", "the Serbian government"; not "the breakaway Georgian provinces"
        mentions = [
            m
            for m in sentence.states
            if m.code == entity.parent and (m.how not in ("adjective", "demonym") or _INSTITUTION.match(text, m.end))
        ]
        serb = re.search(r"\b[Tt]he Serb\b", text) if entity.parent == "RS" else None
        if serb:
            mentions.append(Mention("RS", serb.start(), serb.end(), serb.group(), "demonym"))
        if not mentions:
            continue
        cue = PARENT_CUES.search(text)
        if not cue or SUPPORT.search(text[max(0, cue.start() - 40) : cue.start()]) and not OPPOSE.search(text):
            continue
        # "Serbia supported the independence and territorial integrity of its neighbors" is no stance on Kosovo.
        if not sentence.entities and not re.search(r"southern province|partition|refusal|lack of", text, re.I):
            continue
        out.add(mentions[0], entity.code, "oppose", person=_person_for(sentence, mentions[0]))


def _cues(sentence: Sentence, out: _Collector, groups) -> None:
    text = sentence.text
    if not sentence.entity_names and not _TARGET.search(text):
        return
    found = []
    for stance, pattern in (("leaning", LEANING), ("undecided", UNDECIDED), ("oppose", OPPOSE), ("support", SUPPORT)):
        for match in pattern.finditer(text):
            found.append((match.start(), match.end(), stance))
    found.sort()
    taken: set[int] = set()
    for start, end, stance in found:
        if any(start < e and s < end for s, e in [(t, t) for t in taken]):
            continue
        if stance == "support" and not _targets_entity(sentence, start, end):
            continue
        if stance == "oppose" and not (
            _targets_entity(sentence, start, end) or re.search("recogni", text[end : end + 60], re.I)
        ):
            continue
        negated = grammar.NEGATION.search(text[max(0, start - 25) : start])
        if negated and stance == "support":
            stance = "oppose"
        elif negated:
            continue
        # The state: subject on the left, or a source list on the right.
        group = None
        for candidate in groups:
            if candidate[0].start >= end:
                lead = text[end : candidate[0].start]
                if (
                    grammar.words_between(text, end, candidate[0].start) <= 10
                    and _SOURCE_LEAD.search(lead)
                    and not grammar.CLAUSE_BREAK.search(lead[:-1])
                ):
                    group = candidate
                break
        if group is None:
            for candidate in reversed(groups):
                if candidate[-1].end <= start:
                    between = text[candidate[-1].end : start]
                    if _PREPOSITION_BEFORE.search(text, max(0, candidate[0].start - 12), candidate[0].start):
                        break  # "opponents of Morocco ... in favor of independence": Morocco is no subject
                    if (
                        grammar.words_between(text, candidate[-1].end, start) <= 25
                        and not grammar.CLAUSE_BREAK.search(between)
                        and not re.search(r"\b(?:that|we|they|us)\b", between)
                        or re.fullmatch(r"['’]s?\s*|\s+", between)
                    ):
                        group = candidate
                    break
        entity = _entity_for(sentence)
        if not entity:
            continue
        if group is None:
            _speaker_stance(sentence, out, entity, stance, start)
            continue
        lead = text[max(0, group[0].start - 60) : group[0].start]
        if re.search(r"\b(?:hope[sd]?|urg\w+|encourag\w+|ask\w*|call\w* on|request\w*)\b", lead, re.I):
            continue
        if _OBJECT_OF_OTHERS.search(text[: group[0].start]):
            continue  # "we consulted the local British and French embassies": the states are objects
        for state in grammar.dedupe(group):
            out.add(state, entity, stance, person=_person_for(sentence, state))
        taken.add(start)


_PREPOSITION_BEFORE = re.compile(
    r"\b(?:of|to|with|against|for|on|about|toward|towards|than|into|at)\s+(?:the\s+)?$", re.I
)
_OBJECT_OF_OTHERS = re.compile(
    r"\b(?:we|I|us|they|he|she|post|embassy|ambassador|dcm|poloff|econoff|charge)\s+(?:\w+ly\s+|also\s+|have\s+|had\s+)?"
    r"(?:consulted|asked|urged|met|called on|contacted|approached|told|briefed|thanked|pressed|encouraged|invited|"
    r"demarched)\b[^;]*$",
    re.I,
)


def _speaker_stance(sentence: Sentence, out: _Collector, entity: str, stance: str, cue_start: int) -> None:
    """ "CFK said recognition of Kosovo independence was problematic", "He had long supported Kosovo
    independence": a stance voiced by a person, whose state comes from how the cable introduces them."""
    name = persons.speaker(sentence)
    if not name:
        return
    code = persons.state_of(sentence.cable, name)
    if code is None:
        codes = {m.code for m in sentence.states}
        code = codes.pop() if len(codes) == 1 else sentence.cable.host
    if code is None or code == entity:
        return
    if any(m.end <= cue_start and m.code != code for m in sentence.states):
        return  # "the Serbs now understand ... they must eventually recognize": someone else's position
    out.add(Mention(code, cue_start, cue_start, name, "person"), entity, stance, person=name)


_NON_RECOGNIZERS = re.compile(r"\bnon-?recogni[sz]\w*\s*(?:\(|:|,?\s+(?:such as|including|namely|like)\s+)", re.I)
_ALLIES = re.compile(
    r"['’]s\s+(?:closest\s+|main\s+|traditional\s+)?(?:allies|supporters|backers|friends)\s*,?\s*"
    r"(?:particularly|especially|including|notably|such as|like|namely|:)?\s*",
    re.I,
)


def _lists(sentence: Sentence, out: _Collector, groups) -> None:
    """ "the EU non-recognizers (Cyprus, Greece ...)" and "Serbia's allies, particularly Russia" oppose."""
    text = sentence.text
    entity = _entity_for(sentence)
    if not entity:
        return
    starts = [m.end() for m in _NON_RECOGNIZERS.finditer(text)]
    parent = sentence.cable.entities.get(entity).parent if sentence.cable.entities.get(entity) else None
    for match in _ALLIES.finditer(text):
        owner = [m for m in sentence.states if m.end == match.start()]
        if owner and owner[0].code == parent:
            starts.append(match.end())
    for start in starts:
        for group in groups:
            if group[0].start >= start and not text[start : group[0].start].strip(" ,(the"):
                for state in grammar.dedupe(group):
                    out.add(state, entity, "oppose", person=None)
                break


# Word stems without which no stance rule can fire: a sentence lacking all of them is skipped
# before any name lookup.
_STEMS = (
    "recogni",
    "support",
    "favo",
    "vote",
    "back",
    "welcom",
    "champion",
    "advoca",
    "concur",
    "lobby",
    "push",
    "pitch",
    "help",
    "oppos",
    "against",
    "block",
    "veto",
    "obstruct",
    "undermin",
    "refus",
    "reject",
    "react",
    "condemn",
    "protest",
    "challeng",
    "contention",
    "obstacle",
    "stumbling",
    "dissuad",
    "prevent",
    "wait",
    "decided",
    "problematic",
    "hesitat",
    "reluctan",
    "stepped",
    "balanc",
    "yet to",
    "fence",
    "committal",
    "leaning",
    "eventually",
    "inclined",
    "territorial",
    "province",
    "partition",
    "refer",
    "court",
    "icj",
    "parallel",
    "illegal",
    "slowed",
    "claim",
    "sovereignty",
    "change",
    "commitment",
    "allies",
    "supporters",
)


def extract(sentence: Sentence) -> list[dict]:
    if not sentence.paragraph.names_entity:
        return []
    lowered = sentence.lower
    if not any(stem in lowered for stem in _STEMS):
        return []
    out = _Collector(sentence)
    groups = grammar.groups(sentence.states, sentence.text)
    if "recogni" in lowered:
        _negated_recognition(sentence, out, groups)
        _question_answer(sentence, out, groups)
    _parent_state(sentence, out)
    _lists(sentence, out, groups)
    _cues(sentence, out, groups)
    return out.facts
