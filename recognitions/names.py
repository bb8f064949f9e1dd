"""Country and organization names as cables write them, resolved to codes.

Pure Python (standard library and pycountry): `cables.extraction` imports this module with
Django unconfigured. Country names come from pycountry at run time; the contested entities,
the aliases a 2004-2010 cable uses and the names that must never be guessed come from the CSV
files in `recognitions/data/` (see its README for sources).

A name resolves to exactly one code or to None. None covers both "unknown" and "ambiguous"
("Congo", "Korea", "GOI"): a wrong country is worse than no country.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pycountry

DATA_DIR = Path(__file__).resolve().parent / "data"

# Names shown to users: plain common English names, consistent with the ledger's
# country_name column (kosovo_recognitions.csv). Everything else is pycountry's common name.
COMMON_NAMES = {
    "BN": "Brunei",
    "BO": "Bolivia",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CI": "Cote d'Ivoire",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "FM": "Micronesia",
    "GB": "United Kingdom",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "PS": "Palestine",
    "RU": "Russia",
    "ST": "Sao Tome and Principe",
    "SY": "Syria",
    "TR": "Turkey",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "US": "United States",
    "VA": "Holy See",
    "VE": "Venezuela",
    "VN": "Vietnam",
    "XK": "Kosovo",
    "GE-AB": "Abkhazia",
    "XSO": "South Ossetia",
    "XNC": "Northern Cyprus",
    "EH": "Western Sahara",
}

# Alpha-3 codes of entities pycountry lacks (Kosovo's XKX is the EU/IMF user-assigned code).
ENTITY_ALPHA_3 = {"XK": "XKX"}

_TOKEN = re.compile(r"[^\W_]+|&")
# What may stand between two words of one name: spaces or a line break (cables wrap lines),
# and at most one hyphen, apostrophe, period or comma ("Guinea-Bissau", "U.S.",
# "Cote d'Ivoire", "Korea, Republic of"); not a slash: "U/S" is an Under Secretary.
_NEXT_TOKEN = re.compile(r"[ \t\r\n]*+[-'\u2019.,]?+[ \t\r\n]*+([^\W_]+|&)")
_POSSESSIVE = re.compile(r"(?:(?<=[^\W_])|(?<=\.))['\u2019,]s\b", re.IGNORECASE)
_TITLES = {"mr", "mrs", "ms", "dr"}
_IN_CONTEXT = {"chad", "georgia"}
_REJECTED = object()
_INSTITUTIONS = {"President", "Government", "Foreign", "Minister", "Prime", "Embassy", "Ambassador", "Republic"}


def _fold(token: str) -> str:
    """One word, lower-cased and stripped of accents ("Côte" -> "cote")."""
    if token.isascii():
        word = token.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", token)
        word = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    if word == "&":
        return "and"
    if word == "st":
        return "saint"
    return word


def _words(name: str) -> list[str]:
    name = _POSSESSIVE.sub("", name)
    words = [_fold(m.group()) for m in _TOKEN.finditer(name)]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return words


def normalize(name: str) -> str:
    """The lookup key of a name: case, accents, punctuation, a leading "the" and a
    possessive "'s" do not count ("the U.K.'s" -> "u k", "Côte d'Ivoire" -> "cote d ivoire")."""
    return " ".join(_words(name))


class Match(NamedTuple):
    """One mention found in free text: `text[start:end]` names `code`; `kind` says how
    (name, short, adjective, demonym, historic; organ for an organization's body)."""

    code: str
    start: int
    end: int
    text: str
    kind: str = "name"


_new_match = tuple.__new__  # Match(...) without the keyword handling: the scan makes many


@dataclass(frozen=True)
class Country:
    """One state or contested entity, as the reference data loader stores it."""

    code: str
    alpha_3: str
    numeric: str
    name: str
    official_name: str
    common_name: str


@dataclass(frozen=True)
class _Variant:
    """One written form of a name: its original words, which decide case-sensitivity."""

    code: str | None
    kind: str
    words: tuple[str, ...]
    ends_with_period: bool

    def accepts(self, found: list[str]) -> bool:
        """Acronyms and mixed-case words ("UK", "DPRK", "BiH", "CoE") must be written as
        listed or in capitals, so that "polish" or "Un" are not read as names."""
        for listed, seen in zip(self.words, found, strict=True):
            exact = listed[1:] != listed[1:].lower() or (len(listed) == 1 and listed.isupper())
            if exact and seen not in (listed, listed.upper()):
                return False
        return True


class NameIndex:
    """Names of one kind of thing (countries or organizations) mapped to codes.

    A key claimed by two codes, or listed among the ambiguous names, maps to None.
    """

    def __init__(self, entries: Iterable[tuple[str, str, str]], ambiguous: Iterable[str] = ()):
        self._codes: dict[str, str | None] = {}
        self._variants: dict[str, list[_Variant]] = {}
        for code, alias, kind in entries:
            self._add(code, alias, kind)
        for name in ambiguous:
            self._add(None, name, "ambiguous")
        self._trie: dict = {}
        for key, variants in self._variants.items():
            node = self._trie
            for word in key.split(" "):
                node = node.setdefault(word, {})
            node[""] = (key, variants)
        self._pattern = _name_pattern(self._variants)
        self._seen: dict[str, tuple | object] = {}

    def _add(self, code: str | None, alias: str, kind: str) -> None:
        key = normalize(alias)
        if not key:
            return
        stripped = _POSSESSIVE.sub("", alias)
        words = tuple(m.group() for m in _TOKEN.finditer(stripped))
        if len(words) > len(key.split(" ")):
            words = words[1:]  # the leading "the"
        variant = _Variant(code, kind, words, alias.rstrip().endswith("."))
        if key in self._codes:
            if self._codes[key] != code:
                self._codes[key] = None
        else:
            self._codes[key] = code
        self._variants.setdefault(key, []).append(variant)

    def resolve(self, name: str) -> str | None:
        return self._codes.get(normalize(name)) if name else None

    def knows(self, name: str) -> bool:
        """True when the name is listed, even if it is ambiguous."""
        return bool(name) and normalize(name) in self._codes

    def keys(self) -> Iterator[tuple[str, str | None]]:
        return iter(self._codes.items())

    def find(self, text: str, *, lowercase_ok: bool | None = None) -> list[Match]:
        """Every mention in `text`, longest name first, on word boundaries.

        A match must start with a capital letter (names are proper nouns; "turkey" and
        "polish" are not countries) unless the text has no capitals at all (a re-keyed,
        lower-cased cable) or `lowercase_ok` says otherwise. Ambiguous names consume their
        span and yield nothing, so "New Guinea" never yields Guinea.

        One compiled pattern finds the longest listed name at each place (the regex engine
        does the scanning); Python only looks at what it found.
        """
        if lowercase_ok is None:
            lowercase_ok = text == text.lower()
        found: list[Match] = []
        append = found.append
        seen = self._seen
        in_context = _IN_CONTEXT
        # The pattern starts with the separator before a name; a leading space gives the first
        # word one. A name found at folded[s + 1:e + 1] is text[s:e].
        folded = " " + _fold_text(text)
        hits = self._pattern.finditer(folded)
        consumed = 0
        while True:
            restart = None
            for hit in hits:
                start = hit.start()
                if start < consumed:
                    continue
                end = hit.end() - 1
                written = text[start:end]
                if not lowercase_ok and not (written[0].isupper() or written[0].isdigit()):
                    restart = start + 1  # a later word of the span may start a name
                    break
                verdict = seen.get(written)
                if verdict is None:
                    verdict = self._judge(written)
                    if len(seen) < 20000:
                        seen[written] = verdict
                if verdict is _REJECTED:
                    if _TOKEN.fullmatch(written):
                        continue  # one word, written wrongly: nothing shorter to try
                    end, verdict = self._walk(text, start)
                    if verdict is None:
                        restart = start + 1
                        break
                key, code, kind, period = verdict
                if period and text[end : end + 1] == ".":
                    end += 1
                    written = text[start:end]
                if code is not None and (key not in in_context or _plausible(key, text, start, end)):
                    append(_new_match(Match, (code, start, end, written, kind)))
                consumed = end
            if restart is None:
                return found
            hits = self._pattern.finditer(folded, restart)

    def _judge(self, written: str) -> tuple | object:
        """(key, code, kind, ends with a period) for a name as written, or _REJECTED when
        no listed form of it is written that way ("Un" is not "UN")."""
        words = [m.group() for m in _TOKEN.finditer(_POSSESSIVE.sub("", written))]
        key = " ".join(_fold(word) for word in words)
        variants = self._variants.get(key)
        if not variants:
            return _REJECTED
        accepted = [variant for variant in variants if variant.accepts(words)]
        if not accepted:
            return _REJECTED
        return (key, self._codes[key], accepted[0].kind, any(v.ends_with_period for v in accepted))

    def _walk(self, text: str, start: int) -> tuple[int, tuple | None]:
        """The longest listed name at `start` whose written form is accepted, word by word
        (the slow path, taken only when the longest name there is written wrongly)."""
        first = _TOKEN.match(text, start)
        node = self._trie.get(_fold(first.group())) if first else None
        if node is None:
            return start, None
        words = [first.group()]
        ends = [first.end()]
        nodes = [node]
        pos = first.end()
        while True:
            step = _NEXT_TOKEN.match(text, pos)
            if step is None:
                break
            word = _fold(step.group(1))
            if word == "s" and step.start(1) > pos and text[step.start(1) - 1] in "'\u2019,":
                pos = step.end()
                continue
            node = node.get(word)
            if node is None:
                break
            pos = step.end()
            words.append(step.group(1))
            ends.append(pos)
            nodes.append(node)
        for count in range(len(words), 0, -1):
            terminal = nodes[count - 1].get("")
            if terminal is None:
                continue
            key, variants = terminal
            accepted = [variant for variant in variants if variant.accepts(words[:count])]
            if accepted:
                period = any(v.ends_with_period for v in accepted)
                return ends[count - 1], (key, self._codes[key], accepted[0].kind, period)
        return start, None


def _plausible(key: str, text: str, start: int, end: int) -> bool:
    """Names that are also personal names or U.S. states, read in context: "Mr. Chad",
    "Chad Smith" and "Atlanta, Georgia" are not countries."""
    if key == "chad":
        before = re.search(r"([A-Za-z]+)\.?\s*$", text[max(0, start - 6) : start])
        if before and before.group(1).lower() in _TITLES:
            return False
        after = re.match(r" ([A-Z][a-z]+)\b", text[end : end + 40])
        return not (after and after.group(1) not in _INSTITUTIONS and text != text.upper())
    if key == "georgia":
        before = text[max(0, start - 30) : start].lower()
        return not re.search(r"(?:\batlanta,?|\bstate of|\bsavannah,?|\bu\.?s\.? state of)\s*$", before)
    return True


def _name_pattern(keys: Iterable[str]) -> re.Pattern[str]:
    """One compiled pattern for every listed name, factored as a trie of letters so that the
    scan costs about the same whatever the number of names. The separators between words are
    atomic groups, so that no input (long runs of spaces, repeated near-misses) makes the
    engine backtrack more than once per character."""
    trie: dict = {}
    for key in keys:
        words = key.split(" ")
        spellings = [words, ["st", *words[1:]]] if words[0] == "saint" else [words]
        for spelling in spellings:
            node = trie
            for unit in _units(spelling):
                node = node.setdefault(unit, {})
            node[""] = True
    # The pattern starts with the character before a name, which is not a letter or a digit:
    # the engine skips through words in C instead of trying every name at every letter.
    # The lookahead on the first letters rejects a separator followed by no name in one test.
    firsts = "".join(sorted(trie))  # each is one letter or digit, escaped
    return re.compile(r"[\W_](?=[" + firsts + "])" + _trie_regex(trie) + r"(?![^\W_])")


def _units(words: list[str]) -> list[str]:
    """Pattern pieces of one name; the first word is spelled out letter by letter."""
    units: list[str] = [re.escape(ch) for ch in words[0]]
    for word in words[1:]:
        units.append(_GAP)
        units += [_WORD_UNITS[word]] if word in _WORD_UNITS else [re.escape(ch) for ch in word]
    return units


_GAP = r"(?>[ \t\r\n]*['\u2019,]s\b)?(?>[ \t\r\n]+[-'\u2019.,]?[ \t\r\n]*|[-'\u2019.,][ \t\r\n]*)"
_WORD_UNITS = {"and": "(?:and|&)", "saint": "(?:saint|st)"}


def _trie_regex(node: dict) -> str:
    branches = []
    optional = False
    for unit, child in sorted(node.items()):
        if unit == "":
            optional = True
            continue
        branches.append(unit + _trie_regex(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        body = "(?:" + body + ")?"
    return body


def _fold_table() -> dict[int, int]:
    """Lower case and accents off, one character for one, so that offsets in the folded text
    are offsets in the cable ("Côte" -> "cote", "TÜRKIYE" -> "turkiye")."""
    table = {}
    for point in list(range(ord("A"), ord("Z") + 1)) + list(range(0xC0, 0x250)):
        ch = chr(point)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
        if len(base) == 1 and base != ch:
            table[point] = ord(base)
    return table


_FOLD_TABLE = _fold_table()
_FOLD_CHARS = {chr(point): chr(target) for point, target in _FOLD_TABLE.items()}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_text(text: str) -> str:
    """The text lower-cased and without accents, as long as the text (str.translate walks every
    character in Python's slow path when a cable holds one "¶"; this touches only those)."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    if len(lowered) != len(text):
        return text.translate(_FOLD_TABLE)
    return _NON_ASCII.sub(lambda found: _FOLD_CHARS.get(found.group(), found.group()), lowered)


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _derived_forms(name: str) -> list[str]:
    """Forms of an ISO name a cable writes: "Korea, Republic of" -> "Republic of Korea",
    "Holy See (Vatican City State)" -> "Holy See" and "Vatican City State",
    "Cocos (Keeling) Islands" -> "Cocos Islands"; "(French part)" is not a name."""
    forms = [name]
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if bare != name:
        forms.append(bare)
        paren = re.fullmatch(r".+?\s*\((.+)\)", name)
        if paren and not paren.group(1).endswith(" part") and " - " not in paren.group(1):
            forms.append(paren.group(1))
    comma = re.fullmatch(r"([^,]+),\s*(.+)", bare)
    if comma:
        head, tail = comma.groups()
        forms.append(head)
        if re.search(r"\b(of|of the)$", tail, re.IGNORECASE):
            forms.append(f"{tail} {head}")
    return forms


def _contested() -> list[dict[str, str]]:
    return _read_csv("contested_entities.csv")


def country_entries() -> list[tuple[str, str, str]]:
    """(code, name, kind) for every name of every country and contested entity."""
    entries: list[tuple[str, str, str]] = []
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                entries += [(code, form, "name") for form in _derived_forms(value)]
    for row in _contested():
        entries += [(row["entity_code"], form, "name") for form in _derived_forms(row["name"])]
    for row in _read_csv("aliases.csv"):
        entries.append((row["code"], row["alias"], row["kind"]))
    return entries


class Resolver:
    """Resolves country and organization names; build it once (see `default_resolver`)."""

    def __init__(self) -> None:
        self.countries = NameIndex(country_entries(), (row["name"] for row in _read_csv("ambiguous_names.csv")))
        organizations = _read_csv("organizations.csv")
        self._organization_names = {row["code"]: row["name"] for row in organizations}
        org_entries = [(row["code"], row["name"], "name") for row in organizations]
        org_entries += [(row["code"], row["alias"], row["kind"]) for row in _read_csv("organization_aliases.csv")]
        self.organizations = NameIndex(
            org_entries, (row["name"] for row in _read_csv("ambiguous_organization_names.csv"))
        )
        self._records = {record.code: record for record in _country_records()}
        self._codes: dict[str, str] = {}
        for record in self._records.values():
            self._codes[record.code.lower()] = record.code
            if record.alpha_3:
                self._codes[record.alpha_3.lower()] = record.code
            if record.numeric:
                self._codes[record.numeric] = record.code
                self._codes[str(int(record.numeric))] = record.code
        self._org_codes = {code.lower(): code for code in self._organization_names}

    def resolve_country(self, name: str) -> str | None:
        """Alpha-2 code (or entity code: XK, GE-AB, XSO, XNC) of a country named in any way a
        cable writes it, or None when unknown or ambiguous."""
        if not name or not name.strip():
            return None
        if self.countries.knows(name):
            return self.countries.resolve(name)
        return self._codes.get(name.strip().lower())

    def resolve_organization(self, name: str) -> str | None:
        """Code of an organization (UN, EU, NATO, OIC, OSCE, CoE, G7, G8, IMF, IBRD, UNESCO)."""
        if not name or not name.strip():
            return None
        if self.organizations.knows(name):
            return self.organizations.resolve(name)
        return self._org_codes.get(name.strip().lower())

    def country_name(self, code: str) -> str | None:
        record = self._records.get(self._codes.get(code.strip().lower(), "")) if code else None
        return record.common_name if record else None

    def organization_name(self, code: str) -> str | None:
        return self._organization_names.get(self._org_codes.get(code.strip().lower(), "")) if code else None

    def country(self, code: str) -> Country | None:
        return self._records.get(self._codes.get(code.strip().lower(), "")) if code else None

    def all_countries(self) -> list[Country]:
        return sorted(self._records.values(), key=lambda record: record.code)

    def find_countries(self, text: str, *, lowercase_ok: bool | None = None) -> list[Match]:
        return self.countries.find(text, lowercase_ok=lowercase_ok)

    def find_organizations(self, text: str, *, lowercase_ok: bool | None = None) -> list[Match]:
        return self.organizations.find(text, lowercase_ok=lowercase_ok)


def _country_records() -> list[Country]:
    records = []
    for country in pycountry.countries:
        code = country.alpha_2
        common = COMMON_NAMES.get(code) or getattr(country, "common_name", None) or country.name
        official = getattr(country, "official_name", None) or country.name
        records.append(Country(code, country.alpha_3, country.numeric, country.name, official, common))
    for row in _contested():
        code = row["entity_code"]
        if any(record.code == code for record in records):
            continue
        name = re.sub(r"\s*\(.*\)$", "", row["name"])
        official = re.sub(r"^.*\((.*)\)$", r"\1", row["name"])
        common = COMMON_NAMES.get(code, name)
        records.append(Country(code, ENTITY_ALPHA_3.get(code, ""), "", name, official, common))
    return records


@lru_cache(maxsize=1)
def default_resolver() -> Resolver:
    """The resolver built from the shipped data, built once per process (about 0.1 s)."""
    return Resolver()


def resolve_country(name: str) -> str | None:
    return default_resolver().resolve_country(name)


def resolve_organization(name: str) -> str | None:
    return default_resolver().resolve_organization(name)


def country_name(code: str) -> str | None:
    return default_resolver().country_name(code)


def find_countries(text: str) -> list[Match]:
    return default_resolver().find_countries(text)


def find_organizations(text: str) -> list[Match]:
    return default_resolver().find_organizations(text)
