"""Count claims ("57 countries have recognized Kosovo") and organization shares
("22 of 27 EU member states", "over half of the European Union's 27 members").

A number counts recognitions only when it counts countries and a recognition
verb governs it; troops, residents, pledges and PACE members do not.
"""

from __future__ import annotations

import re

from .context import Sentence
from .facts import iso, make_fact

_COUNTED = re.compile(
    r"^\s*(?:(?:of\s+(?:the\s+)?)?(?:[\w-]+\s+){0,4}?)?"
    r"(?P<noun>countries|states|nations|governments|members|member states)\b",
    re.I,
)
_VERB = re.compile(
    r"\b(?:have|has|had)\s+(?:now\s+|already\s+|formally\s+|officially\s+)?"
    r"(?:(?:either|all)\s+)?recogni[sz]ed\b"
    r"|\bare\s+leaning\s+toward|\bleaning\s+towards?\s+recognition|\brecogni[sz]ed\b",
    re.I,
)
_STAND_AT = re.compile(
    r"\brecognitions?\b[^.;]{0,60}?\b(?:stand|stands|stood|now stand|total\w*|number\w*|reach\w*|is|are|at)"
    r"\s+(?:at\s+)?$",
    re.I,
)
_AS_OF = re.compile(r"\bas of\s+$", re.I)
_ANNOUNCED = re.compile(r"^\s*(?:either\s+)?(?:recogni[sz]ed\s+)?or\s+(?:announced|declared|stated|expressed)", re.I)
_LEANING = re.compile(r"\bleaning\b|\binclined\b", re.I)
_SHARE = re.compile(
    r"(?P<k>\d+|[a-z]+)\s+of\s+(?:the\s+)?(?P<n>\d+)\s+(?P<org1>[A-Z][\w-]*\s+)?"
    r"(?:member states|members|member countries|countries|states)",
)
_BOUND = re.compile(
    r"\b(?P<q>(?:well |just |more than |over |nearly |almost |about |under )?)"
    r"(?P<frac>half|two-thirds|two thirds|a third|one third|"
    r"three-quarters|a majority|the majority|most|all)\s+(?:of\s+)?(?:the\s+)?",
    re.I,
)


def _as_of(sentence: Sentence) -> str | None:
    for date in sentence.dates:
        if _AS_OF.search(sentence.text[max(0, date.start - 10) : date.start]):
            return iso(date.first)
    return sentence.cable.as_of


def _entity(sentence: Sentence) -> str | None:
    if sentence.entity_names:
        return sentence.entity_names[0].code
    return sentence.paragraph.entity_code


def _category(text: str) -> str:
    if _ANNOUNCED.search(text):
        return "recognized_or_announced"
    return "recognized"


def _org_in(sentence: Sentence, start: int, end: int):
    for org in sentence.organizations:
        if start <= org.start < end:
            return org
    return None


def extract(sentence: Sentence) -> list[dict]:
    text = sentence.text
    if "ecogni" not in text and "leaning" not in text.lower():
        return []
    entity = _entity(sentence)
    if entity is None:
        return []
    facts = []
    shares_at: set[int] = set()
    for match in _SHARE.finditer(text):
        org = _org_in(sentence, match.start(), match.end() + 12)
        if org is None or not _VERB.search(text, match.end()):
            continue
        k = next((n for n in sentence.numbers if n.start == match.start()), None)
        if k is None:
            continue
        shares_at.add(k.start)
        shares_at.update(n.start for n in sentence.numbers if match.start() < n.start < match.end())
        verb = _VERB.search(text, match.end())
        fields = {
            "organization": org.code,
            "members": int(match.group("n")),
            "recognized": k.value,
            "bound": "exact",
            "counted": _category(text[verb.end() : verb.end() + 40]) if verb else "recognized",
            "entity": entity,
        }
        facts.append(make_fact("organization_share", sentence, fields, _as_of(sentence)))
    for match in _BOUND.finditer(text):
        org = _org_in(sentence, match.end(), match.end() + 30)
        verb = _VERB.search(text, match.end())
        if org is None or verb is None or verb.start() - match.end() > 80:
            continue
        fraction = match.group("frac").lower().replace(" ", "_").replace("-", "_")
        fraction = {
            "a_majority": "over_half",
            "the_majority": "over_half",
            "most": "over_half",
            "a_third": "one_third",
        }.get(fraction, fraction)
        qualifier = match.group("q").strip().lower()
        bound = (
            fraction
            if fraction == "all"
            else (
                ("over_" + fraction)
                if qualifier in ("over", "more than", "well over", "just over") and not fraction.startswith("over")
                else fraction
            )
        )
        if qualifier in ("nearly", "almost", "under"):
            bound = "under_" + fraction
        members = next((n.value for n in sentence.numbers if org.end <= n.start < org.end + 20 and not n.is_year), None)
        counted = (
            "recognized_or_announced"
            if re.search(r"\bor (?:declared|announced)", text[verb.start() : verb.end() + 60])
            else "recognized"
        )
        fields = {
            "organization": org.code,
            "members": members,
            "recognized": None,
            "bound": bound,
            "counted": counted,
            "entity": entity,
        }
        facts.append(make_fact("organization_share", sentence, fields, _as_of(sentence)))
    for number in sentence.numbers:
        if number.is_year or number.start in shares_at or number.value < 2 or number.value > 250:
            continue
        after = text[number.end :]
        counted_noun = _COUNTED.match(after)
        stand_at = _STAND_AT.search(text[: number.start])
        if not counted_noun and not stand_at:
            continue
        if stand_at:
            category = "recognized"
        elif counted_noun:
            noun_end = number.end + counted_noun.end()
            if (
                counted_noun.group("noun").lower().startswith("member")
                and (
                    _org_in(sentence, max(0, number.start - 30), number.start)
                    or _org_in(sentence, number.end, noun_end)
                    and re.match(r"\s*[A-Z]", after)
                )
                and not _org_in(sentence, number.end, noun_end)
            ):
                continue  # "the European Union's 27 members": the organization's size, not a count
            org = _org_in(sentence, number.end, noun_end)
            verb = _VERB.search(text, noun_end)
            if verb is None or re.match(r"\s+(?:thus far\s+|so far\s+)?by\b", text[verb.end() :]):
                continue  # "16 countries recognized thus far by the Arias administration": recognized by someone
            # another count between the number and its verb owns the verb
            if any(noun_end <= n.start < verb.start() and _COUNTED.match(text[n.end :]) for n in sentence.numbers):
                continue
            leaning = bool(_LEANING.search(verb.group()))
            category = (
                "leaning" if leaning else _category(text[verb.end() - 12 if False else verb.end() : verb.end() + 40])
            )
            if org is not None:
                fields = {
                    "organization": org.code,
                    "members": None,
                    "recognized": number.value,
                    "bound": "exact" if number.exact else "approximate",
                    "counted": category,
                    "entity": entity,
                }
                facts.append(make_fact("organization_share", sentence, fields, _as_of(sentence)))
                continue
        else:
            category = "recognized"
        if number.additional and category != "leaning":
            continue
        if category != "leaning" and not sentence.entity_names:
            continue
        warnings = ["counted in addition to an earlier figure"] if number.additional else []
        fields = {
            "entity": entity,
            "number": number.value,
            "as_of": _as_of(sentence),
            "counted": category,
            "exact": number.exact,
        }
        facts.append(make_fact("recognition_count", sentence, fields, fields["as_of"], warnings=warnings))
    return facts
