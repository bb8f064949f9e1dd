"""Names of states, organizations and posts, through the project's reference resolver.

Extraction never guesses a name: everything resolves through
``recognitions.names`` (and ``recognitions.posts`` for posts and cities), and a
name the resolver does not know stays text with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Mention:
    """A state, entity or organization named at ``start:end`` of a paragraph's text."""

    code: str
    start: int
    end: int
    text: str
    how: str  # name, short, adjective, demonym, government, capital


@lru_cache(maxsize=1)
def resolver():
    from recognitions.names import default_resolver

    return default_resolver()


@lru_cache(maxsize=1)
def _posts():
    try:
        from recognitions import posts
    except ImportError:  # the post table is optional: without it capitals are not read as governments
        return None
    return posts


def state_ref(code: str) -> dict:
    """A state as every fact writes it: ISO alpha-2 code and name."""
    return {"code": code, "name": resolver().country_name(code) or code}


def organization_code(code: str) -> str:
    return code


def find_states(text: str) -> list[Mention]:
    return [
        Mention(m.code, m.start, m.end, m.text, getattr(m, "kind", "name")) for m in resolver().find_countries(text)
    ]


def find_organizations(text: str) -> list[Mention]:
    return [
        Mention(m.code, m.start, m.end, m.text, getattr(m, "kind", "name")) for m in resolver().find_organizations(text)
    ]


def resolve_country(name: str) -> str | None:
    return resolver().resolve_country(name)


@lru_cache(maxsize=4096)
def _post(name: str):
    posts = _posts()
    return posts.resolve_post(name) if posts is not None else None


def country_of_place(name: str) -> str | None:
    """Country of a post or city named in text ("Belgrade" -> RS), or None."""
    post = _post(name)
    return (post.country_code or None) if post is not None else None


def country_of_capital(name: str) -> str | None:
    """Country whose government a capital stands for ("Belgrade's contention" -> RS):
    a city with the embassy (or the Department), not a consulate's city."""
    post = _post(name)
    if post is None or post.kind not in ("embassy", "department") or not post.city:
        return None
    if post.city.lower() != name.strip().lower():
        return None
    return post.country_code or None


_GOVERNMENT = re.compile(r"\bGO([A-Z]{1,3})\b")
_WORD = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=512)
def _initials(code: str) -> set[str]:
    """Initials a cable uses for a country's government: GOCR (Costa Rica), GOB (Bahrain), GOS (Spain)."""
    names = {resolver().country_name(code) or ""}
    country = resolver().country(code) if hasattr(resolver(), "country") else None
    if country is not None:
        names |= {country.name, country.common_name}
    found = set()
    for name in names:
        words = [w for w in _WORD.findall(name) if w.lower() not in {"of", "the", "and"}]
        if words:
            found.add("".join(w[0] for w in words).upper())
            found.add(words[0][0].upper())
    return found


def find_governments(text: str, host: str | None) -> list[Mention]:
    """``GO<initials>`` mentions (GOCR, GOB, GOS) of the host country's government."""
    if not host:
        return []
    return [
        Mention(host, m.start(), m.end(), m.group(), "government")
        for m in _GOVERNMENT.finditer(text)
        if m.group(1) in _initials(host)
    ]


_CAPITAL = re.compile(
    r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=['’]s\b| (?:has|had|is|was|will|would|wants|maintains|insists|says|said|"
    r"continues|keeps|refuses|rejects|opposes|claims|argues|contends|seeks|sought)\b)"
)


def find_capitals(text: str, known: list[Mention]) -> list[Mention]:
    """Capitals used for their governments ("Belgrade's contention", "Belgrade has in view")."""
    taken = {(m.start, m.end) for m in known}
    found = []
    for match in _CAPITAL.finditer(text):
        if (match.start(1), match.end(1)) in taken:
            continue
        code = country_of_capital(match.group(1))
        if code:
            found.append(Mention(code, match.start(1), match.end(1), match.group(1), "capital"))
    return found
