"""People in cable prose: who speaks in a sentence and the official a title introduces."""

from __future__ import annotations

import re

from .context import Sentence

SPEECH = (
    r"said|says|told|noted|stated|explained|added|replied|responded|assured|demurred|reiterated|emphasized|stressed|"
    r"agreed|argued|warned|commented|confirmed|expressed|indicated|underlined|mentioned|acknowledged|insisted|"
    r"asked|urged|claimed|predicted|suggested|observed|declared|announced|conveyed|remarked|recalled|opined|"
    r"complained|lamented|maintained|affirmed|allowed|informed|highlighted|pointed|speculated|thought|believed|"
    r"cautioned|promised|pledged|proposed|recommended|welcomed|voiced|made|raised"
)
TITLES = frozenset(
    [
        "ambassador",
        "amb",
        "ambassador-designate",
        "president",
        "pm",
        "fm",
        "minister",
        "deputy",
        "secretary",
        "undersecretary",
        "director",
        "chief",
        "head",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "advisor",
        "adviser",
        "officer",
        "coordinator",
        "counselor",
        "counsellor",
        "rep",
        "representative",
        "senator",
        "sen",
        "congressman",
        "congresswoman",
        "chairman",
        "chair",
        "dcm",
        "poloff",
        "econoff",
        "charge",
        "a/s",
        "das",
        "dg",
        "foreign",
        "prime",
        "defense",
        "defence",
        "interior",
        "state",
        "permanent",
        "political",
        "policy",
        "desk",
        "mfa",
        "mod",
        "general",
        "king",
        "queen",
        "prince",
        "crown",
        "sheikh",
        "emir",
        "his",
        "her",
        "excellency",
        "dr",
        "mr",
        "mrs",
        "ms",
        "gen",
        "staff",
        "affairs",
        "consul",
        "vice",
        "envoy",
        "special",
        "commissioner",
        "governor",
        "mayor",
        "leader",
        "parliamentarian",
        "mp",
        "official",
        "officials",
    ]
)
NOT_NAMES = frozenset(
    [
        "he",
        "she",
        "we",
        "they",
        "it",
        "i",
        "you",
        "this",
        "that",
        "these",
        "those",
        "the",
        "government",
        "ministry",
        "mfa",
        "embassy",
        "post",
        "department",
        "delegation",
        "delegations",
        "codel",
        "secretary",
        "ambassador",
        "dcm",
        "poloff",
        "president",
        "minister",
        "both",
        "all",
        "many",
        "some",
        "each",
        "other",
        "others",
        "one",
        "who",
        "which",
        "there",
        "here",
        "summary",
        "comment",
        "note",
        "end",
        "also",
        "but",
        "and",
        "however",
        "while",
        "when",
        "if",
        "as",
        "on",
        "in",
        "at",
        "by",
        "for",
        "of",
        "to",
        "from",
        "with",
    ]
)
# Capitalised words that open sentences or name times, never people.
NOT_NAMES = NOT_NAMES | frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "although",
        "though",
        "because",
        "since",
        "after",
        "before",
        "during",
        "despite",
        "following",
        "according",
        "while",
        "when",
        "where",
        "whereas",
        "unless",
        "until",
        "meanwhile",
        "moreover",
        "nevertheless",
        "nonetheless",
        "furthermore",
        "instead",
    ]
)
_SPEAKER = re.compile(
    r"([A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+)?)\s+(?:also\s+|then\s+|later\s+|further\s+)?(?:" + SPEECH + r")\b"
)
_PRONOUN = re.compile(r"^(?:[^,]{0,60},\s+)?(He|She)\s+(?:also\s+|then\s+|had\s+|has\s+)?\w+", re.M)
_NAME_AFTER_TITLE = re.compile(
    r"^\s*((?:[A-Z][\w.'’/-]*\s+){0,5}?)((?:[A-Z][a-z'’-]+)(?:\s+(?:de|van|von|al|el|bin|der|del|la|da)?\s*[A-Z][a-zA-Z'’-]+){0,3})"
)
US_TITLES = re.compile(
    r"(?:\bRep\.|Representative|Congressman|Congresswoman|Senator|Sen\.|Codel|Secretary|DCM|Poloff|Econoff|A/S|DAS|Charge|POTUS|NSA)\s+$"
)


def _is_name(token: str) -> bool:
    words = token.split()
    return bool(words) and all(
        w.lower().strip(".'’") not in NOT_NAMES and w.lower().strip(".") not in TITLES for w in words
    )


def speaker(sentence: Sentence) -> str | None:
    """The named person whose words the sentence reports ("Dezcallar demurred", "Kamal reiterated")."""
    text = sentence.text
    for match in _SPEAKER.finditer(text):
        name = match.group(1)
        if match.start() > 160:
            break
        words = name.split()
        while words and not _is_name(words[0]):
            words = words[1:]
        if words and _is_name(" ".join(words)) and not _is_place(sentence, match.start(1), match.end(1)):
            return words[-1]
    pronoun = _PRONOUN.match(text)
    if pronoun:
        for earlier in reversed(sentence.paragraph.sentences[max(0, sentence.index - 4) : sentence.index]):
            if _PRONOUN.match(earlier.text):
                continue
            name = speaker(earlier)
            if name:
                return name
    return None


def state_of(cable, surname: str) -> str | None:
    """The state a person serves, from how the cable introduces them: "Rep. Engel" (US),
    "Argentine President Cristina Fernandez de Kirchner (CFK)", "Russian FM Lavrov"."""
    pattern = re.compile(r"\b" + re.escape(surname) + r"\b")
    for paragraph in cable.paragraphs:
        if surname not in paragraph.text:
            continue
        for match in pattern.finditer(paragraph.text):
            head = paragraph.text[max(0, match.start() - 90) : match.start()]
            if US_TITLES.search(re.sub(r"(?:[A-Z][a-z]+\s+){0,2}$", "", head)):
                return "US"
            window_start = max(0, match.start() - 90)
            near = [m for m in paragraph.states_all if window_start <= m.start and m.end <= match.start()]
            for mention in reversed(near):
                between = paragraph.text[mention.end : match.start()]
                words = between.replace("(", " ").split()
                if (
                    all(w[:1].isupper() or w.lower() in ("of", "de", "for", "the", "and") for w in words)
                    and len(words) <= 8
                    and mention.code not in cable.entity_codes
                ):
                    return mention.code
                break
    return None


def _is_place(sentence: Sentence, start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in [*sentence.states, *sentence.entities, *sentence.organizations])


def titled_name(text: str, position: int) -> str | None:
    """The name that follows a title at ``position`` ("FM Lavrov", "Ambassador Jorge Dezcallar")."""
    head = text[position : position + 80]
    tokens = head.split()
    taken = 0
    for token in tokens:
        if token.lower().strip(".,") in TITLES:
            taken += 1
        else:
            break
    if not taken:
        return None
    rest = tokens[taken : taken + 4]
    name = []
    for token in rest:
        clean = token.strip(',.;:()"“”')
        if clean[:1].isupper() and clean.lower() not in NOT_NAMES and clean.lower() not in TITLES:
            name.append(clean)
            if token[-1:] in ",.;:)":
                break
        else:
            break
    return " ".join(name) or None
