"""Small pieces of cable grammar shared by the rules: coordinated lists of states,
the subject in front of a verb, negation, modality and hedging."""

from __future__ import annotations

import re

from .gazetteer import Mention

_LIST_GLUE = re.compile(
    r"^(?:\s*,\s*|\s+)(?:(?:and|or|as well as|&)\s+)?(?:the\s+)?$|^\s*,?\s*(?:and|or)\s+(?:the\s+)?$", re.I
)

# Words allowed between a subject and its verb: auxiliaries, adverbs, polarity.
AUX = (
    r"has|have|had|was|were|is|are|be|been|being|will|would|could|should|might|may|must|shall|can|cannot|not|never|"
    r"n't|also|already|formally|officially|now|since|just|yet|to|finally|recently|quickly|publicly|all|both|each|too|"
    r"jointly|subsequently|ultimately|eventually|soon|still|even|itself|themselves|likely|reportedly|apparently|"
    r"indeed|then|thus|so|far|far,|moreover|however|however,|in|turn|fact|effectively|de|facto|unilaterally|"
    r"only|plans|plan|planned|intends|intend|intended|decided|agreed|going|promptly|immediately|expressly|explicitly|previously|earlier|duly|swiftly|definitely|certainly"
)
AUX_WORDS = frozenset(AUX.split("|"))
# Between a state and what follows it as a subject: its government, a possessive, a parenthesis.
_SUBJECT_TAIL = re.compile(
    r"^(?:['’]s)?(?:\s*\([^()]{1,40}\))?(?:\s+(?:government|authorities|cabinet|parliament|leadership|"
    r"foreign ministry|MFA|president|itself))?(?:\s+and\s+(?:a majority of|most|many|several|some|other|the other)?"
    r"\s*(?:[\w-]+\s+){0,2}(?:countries|states|members|nations))?\s*,?\s*$",
    re.I,
)
NEGATION = re.compile(
    r"\b(?:not|never|no|n't|cannot|neither|nor|without|refus\w*|declin\w*|fail\w*|lack\w*|unwilling\w*|yet to|"
    r"impossible|unable|against)\b",
    re.I,
)
MODAL = re.compile(r"\b(?:would|could|should|might|may|must|can|ought)\b", re.I)
FUTURE = re.compile(r"\b(?:will|shall|plans?|planning|intends?|intending|going)\b", re.I)
# Words that make what follows a wish, a question or a condition rather than a report.
HYPOTHETICAL = re.compile(
    r"\b(?:if|whether|unless|hope[sd]?|hoping|wish\w*|ask\w*|urg\w*|encourag\w*|press\w*|call\w* on|request\w*|"
    r"recommend\w*|chance|possib\w*|consider\w*|should|expect\w*|prepared to|ready to|until|after)\b",
    re.I,
)
CLAUSE_BREAK = re.compile(r";|\s--\s|\bbut\b|\bwhile\b|\bwhereas\b|\balthough\b|\bthough\b|\bhowever\b|:")


_EXCEPTED = re.compile(
    r"\b(?:save|except|excluding|other than|apart from|but not|besides)\s+(?:for\s+)?(?:the\s+)?$", re.I
)


def groups(mentions: list[Mention], text: str) -> list[list[Mention]]:
    """Mentions joined into coordinated lists ("France, Germany, the UK and Italy")."""
    result: list[list[Mention]] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if result:
            last = result[-1][-1]
            between = text[last.end : mention.start]
            if mention.start >= last.end and _LIST_GLUE.match(between):
                result[-1].append(mention)
                continue
        result.append([mention])
    return result


def dedupe(mentions: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in mentions:
        if m.code not in seen:
            seen.add(m.code)
            out.append(m)
    return out


_WORD_BEFORE = re.compile(r"(\S+)\s+$")


def aux_before(text: str, position: int) -> tuple[int, str]:
    """Start of the auxiliary/adverb run ending at ``position`` and its words (at most eight words back)."""
    start = position
    for _ in range(8):
        match = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if not match or match.group(1).lower() not in AUX_WORDS:
            break
        start = match.start(1)
    return start, text[start:position]


def subject_group(text: str, position: int, state_groups: list[list[Mention]]) -> list[Mention] | None:
    """The list of states standing as subject right before ``position`` (after any auxiliaries)."""
    best = None
    for group in state_groups:
        last = group[-1]
        if last.end > position:
            break
        if _SUBJECT_TAIL.match(text[last.end : position]) and not _EXCEPTED.search(text, 0, group[0].start):
            best = group
    return best


def words_between(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())
