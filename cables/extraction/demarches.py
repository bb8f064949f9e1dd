"""Demarches: the action request of an instruction cable, and deliveries reported by posts.

An instruction ("This is an action request. Posts are requested to deliver
...") yields one demarche: its addressees (posts and collectives, minus the
posts excluded under XMT), deadline, objectives, talking points and targets.
A reporting cable ("we delivered Ref A demarche to Randolf Coto, head of the
MFA's Office of International Organizations") yields the delivery: the post,
the date, the official met and the host government's response.
"""

from __future__ import annotations

import re

from . import persons
from .context import Cable, Paragraph, Sentence
from .dates import find_dates
from .facts import iso, make_fact

_REQUEST = re.compile(
    r"\baction request\b|\bposts? (?:are|is) (?:requested|instructed|asked) to\b|\b(?:the )?department requests\b|"
    r"\bplease deliver\b|\bdeliver the following\b|\brequests? that (?:delegations|missions|posts|embassies)\b",
    re.I,
)
_DEADLINE = re.compile(r"\b(?:no later than|not later than|by COB|deadline|before)\b", re.I)
_BULLET = re.compile(r"(?:(?<=[:;.)\"”])|^)\s*--\s+")
_OBJECTIVES = re.compile(r"\bobjectives?\b", re.I)
_TALKING_POINTS = re.compile(r"\btalking points\b", re.I)
_DELIVERY = re.compile(
    r"\b(?:delivered|presented|passed|discussed|raised|conveyed|shared|reviewed|demarched|made)\b[^.;]{0,60}?"
    r"\b(?:reftel|ref\s+[A-Z]\b|demarche|points|message|non-paper)\b",
    re.I,
)
_CITES_REF = re.compile(r"\b(?:reftel|ref\s+[A-Z]\b|\(ref\s+[A-Z]\)|refs?\s+[A-Z]-[A-Z])", re.I)
_OFFICIAL_AFTER = re.compile(
    r"\b(?:to|with)\s+((?:[A-Z][\w.'’/()-]*[,;:]?(?:\s+|$)|(?:of|for|the|and|at|on|de|van|al)\s+){1,14})"
)
_OFFICE_WORDS = frozenset(
    [
        "mfa",
        "mod",
        "ministry",
        "foreign",
        "affairs",
        "office",
        "officer",
        "desk",
        "director",
        "deputy",
        "chief",
        "head",
        "secretary",
        "permanent",
        "state",
        "undersecretary",
        "minister",
        "advisor",
        "adviser",
        "coordinator",
        "counselor",
        "counsellor",
        "policy",
        "international",
        "relations",
        "strategy",
        "regional",
        "americas",
        "europe",
        "european",
        "affairs",
        "department",
        "division",
        "section",
        "staff",
        "general",
        "political",
        "economic",
        "americas",
        "of",
        "for",
        "the",
        "and",
        "at",
        "on",
        "fco",
        "swiss",
        "icelandic",
        "spanish",
        "british",
        "federal",
        "defense",
        "defence",
        "bureau",
        "a/s-equivalent",
        "(a/s-equivalent)",
        "organizations",
        "south-eastern",
        "south",
        "central",
    ]
)
MAX_SCAN = 60
_NAME_TOKEN = re.compile(r"^[A-Z][a-z'’-]+$")


def _bullets(text: str) -> list[str]:
    parts = _BULLET.split(text)
    return [p.strip() for p in parts[1:] if p.strip()]


def _deadline(cable: Cable) -> str | None:
    for paragraph in cable.paragraphs:
        for match in _DEADLINE.finditer(paragraph.text):
            window = paragraph.text[max(0, match.start() - 40) : match.end() + 40]
            dates = find_dates(window, cable.date, "deadline")
            if dates:
                return iso(dates[0].first)
    return None


def _entity(cable: Cable) -> str | None:
    for paragraph in cable.paragraphs:
        if paragraph.entity_code:
            return paragraph.entity_code
    return None


def _posts(entries) -> list[dict]:
    out = []
    for entry in entries or ():
        if isinstance(entry, dict):
            out.append({"post": entry.get("post"), "routing": entry.get("routing")})
        else:
            out.append({"post": str(entry), "routing": None})
    return out


def _unique(posts: list[dict]) -> list[dict]:
    seen, out = set(), []
    for post in posts:
        if post["post"] not in seen:
            seen.add(post["post"])
            out.append(post)
    return out


def _action_request(cable: Cable) -> list[dict]:
    request = None
    for paragraph in cable.paragraphs:
        if paragraph.number is None or "request" not in paragraph.text.lower() or not _REQUEST.search(paragraph.text):
            continue
        for sentence in paragraph.sentences:
            if _REQUEST.search(sentence.text):
                request = sentence
                break
        if request:
            break
    if request is None:
        return []
    recipients = cable.record.get("recipients") or {}
    to = _posts(recipients.get("to"))
    objectives, talking_points = [], []
    for paragraph in cable.paragraphs:
        head = paragraph.text[:200]
        if not objectives and _OBJECTIVES.search(head) and _BULLET.search(paragraph.text):
            objectives = _bullets(paragraph.text)
        elif _TALKING_POINTS.search(head) and _BULLET.search(paragraph.text):
            talking_points += _bullets(paragraph.text)
    targets = sorted(
        {m.group().lower() for m in re.finditer(r"\bhost governments?\b", " ".join(objectives + talking_points), re.I)}
    )
    fields = {
        "entity": _entity(cable),
        "addressees": [p for p in to if "COLLECTIVE" not in (p["post"] or "").upper()],
        "collectives": [p for p in to if "COLLECTIVE" in (p["post"] or "").upper()],
        "excluded": _unique(_posts(recipients.get("except"))),
        "deadline": _deadline(cable),
        "objectives": objectives,
        "talking_points": talking_points,
        "targets": targets,
        "delivery": None,
    }
    return [make_fact("demarche", request, fields, fields["deadline"] or cable.as_of)]


def _official_after(sentence: Sentence, start: int) -> dict | None:
    match = _OFFICIAL_AFTER.search(sentence.text, start)
    if not match:
        return None
    tokens = match.group(1).split()
    # The name: the run of name-like words at the end of the capitalised run (before any comma).
    run = []
    for token in tokens:
        clean = token.rstrip(",;:")
        run.append(clean)
        if token.endswith((",", ";", ":")):
            break
    places = {m.text for m in sentence.states_all} | {m.text for m in sentence.organizations}
    name = []
    for token in reversed(run):
        if (
            _NAME_TOKEN.match(token)
            and token.lower() not in _OFFICE_WORDS
            and token.lower() not in persons.TITLES
            and token not in places
            and token.lower() not in persons.NOT_NAMES
        ):
            name.insert(0, token)
        elif name:
            break
    if not name:
        return None
    name_text = " ".join(name)
    office_before = " ".join(run[: len(run) - len(name)]).strip() or None
    position = sentence.text.find(name_text, match.start()) + len(name_text)
    after = re.match(
        r"\s*,\s*([^;.]{3,160}?)(?=\s*(?:,?\s+on\s+[A-Z]|[;.]|,\s*$|$|\s+via\b))", sentence.text[position:]
    )
    office = after.group(1).strip() if after else office_before
    return {"name": name_text, "office": office}


def _speaker_official(sentence: Sentence) -> dict | None:
    surname = persons.speaker(sentence)
    if not surname:
        return None
    index = sentence.text.find(surname)
    head = sentence.text[:index].split()
    name = [surname]
    while (
        head
        and _NAME_TOKEN.match(head[-1])
        and head[-1].lower() not in _OFFICE_WORDS
        and head[-1].lower() not in persons.TITLES
        and head[-1].lower() not in persons.NOT_NAMES
    ):
        name.insert(0, head.pop())
    office = " ".join(w for w in head if w[:1].isupper() or w.lower() in ("of", "for", "(a/s-equivalent)"))
    office = re.sub(r"^(?:In|On|At)\b.*?,\s*", "", office) or None
    return {"name": " ".join(name), "office": office}


def _response(sentence: Sentence, official: dict) -> str | None:
    surname = official["name"].split()[-1]
    candidate = sentence
    for _ in range(3):
        candidate = candidate.next()
        if candidate is None:
            return None
        if re.match(rf"^\s*(?:[^,]{{0,40}},\s*)?(?:{re.escape(surname)}|He|She)\b", candidate.text):
            return candidate.text
    return None


def _delivery(cable: Cable, paragraph: Paragraph, sentence: Sentence) -> dict | None:
    text = sentence.text
    if not any(s.entity_names for s in paragraph.sentences[:MAX_SCAN]) and paragraph.names_entity:
        return None  # the paragraph names "Palestinian issues", not the polity
    cue = _DELIVERY.search(text)
    official = None
    if cue:
        official = _official_after(sentence, cue.start())
    if official is None and (cue or _CITES_REF.search(text)):
        official = _speaker_official(sentence)
        if official is None and sentence.next() is not None:
            official = _speaker_official(sentence.next())
    if official is None:
        return None
    dates = [d for d in sentence.dates if d.day_precise]
    date = iso(dates[0].first) if dates else None
    recipients_origin = cable.record.get("origin")
    fields = {
        "entity": _entity(cable),
        "addressees": None,
        "collectives": None,
        "excluded": None,
        "deadline": _deadline(cable),
        "objectives": [],
        "talking_points": [],
        "targets": [],
        "delivery": {
            "post": recipients_origin,
            "date": date,
            "official": official,
            "response": _response(sentence, official),
        },
    }
    return make_fact("demarche", sentence, fields, date or cable.as_of)


def extract(cable: Cable) -> list[dict]:
    facts = _action_request(cable)
    if facts:
        return facts
    seen = set()
    subject_mentions = bool(
        cable.paragraphs and cable.paragraphs[0].number is None and cable.paragraphs[0].names_entity
    )
    ordered = [p for p in cable.paragraphs if p.number is not None and p.names_entity]
    ordered += [
        p for p in cable.paragraphs if p.number is not None and not p.names_entity and p.index <= 2 and subject_mentions
    ]
    for paragraph in ordered:
        lowered = paragraph.text.lower()
        if "ref" not in lowered and "demarche" not in lowered and "points" not in lowered and "message" not in lowered:
            continue
        for sentence in paragraph.sentences:
            if not (_DELIVERY.search(sentence.text) or _CITES_REF.search(sentence.text)):
                continue
            fact = _delivery(cable, paragraph, sentence)
            if fact is None:
                continue
            key = fact["delivery"]["official"]["name"].split()[-1]
            if key in seen:
                continue
            seen.add(key)
            facts.append(fact)
    return facts
