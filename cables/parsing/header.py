"""The telegram's header: routing lines (VZCZC, DE, DTG, FM/TO/INFO/XMT), the classification
line, and the captioned fields under it (E.O., TAGS, SUBJECT, REF, Classified By)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .cleaning import squeeze
from .markings import CLASS_WORD, LOST_LETTER_STARTS
from .tables import ADDRESS_PRECEDENCES, HANDLING_CAPTIONS

# ---------------------------------------------------------------- routing lines

# Line-start patterns are matched on the text with a newline put in front (see `search_line`):
# a scan for a literal newline stays fast on any input.
TRANSMISSION_RE = re.compile(r"\n[ \t]*(VZCZC[A-Z0-9]{0,12})")
DE_RE = re.compile(r"\n[ \t]*DE[ \t]+([A-Z]{4,8})[ \t]+#?(\d{1,6})(?:/(\d{1,3}))?(?:[ \t]+(\d{7}))?")
FM_RE = re.compile(r"\n[ \t]*FM[ \t]+(?:[A-Z0-9]{4,8}/)?([^\n]{1,120})(?=\n|\Z)")


def search_line(pattern: re.Pattern, text: str) -> re.Match | None:
    """The first match of a newline-led pattern at the start of a line of `text`."""
    return pattern.search("\n" + text)
_ROUTING_RE = re.compile(r"[A-Z0-9]{4,8}/")
_POST_LETTERS_RE = re.compile(r"[A-Z]{2}")
#: Starting with the letters of "TIXBZ", which are checked first.
_BLOCK_WORDS = ("TO", "INFO", "XMT", "BT", "ZEN", "ZFR", "ZEM")
_BLOCK_RE = re.compile(r"^[ \t]*(TO|INFO|XMT|BT|ZEN|ZFR|ZEM)\b[ \t]*(.*)$")


def parse_address(line: str) -> dict | None:
    """`RUCNDT/USMISSION USUN NEW YORK PRIORITY 5745` -> routing, post, precedence."""
    parts = _address_parts(*_cut_serial(line))
    if parts is None:
        return None
    routing, post, precedence = parts
    return {"routing": routing, "post": post, "precedence": precedence}


def _cut_serial(line: str) -> tuple[str, bool]:
    """The address line without its serial number (`... BRUSSELS 0333`), and whether it had one.

    The serial changes from cable to cable while the address stays; without it, the
    line is one that `_address_parts` has most likely read before.
    """
    if len(line) <= 200:
        head, _, last = line.rpartition(" ")
        if last.isdigit() and len(last) <= 6 and head.strip():
            return head, True
    return line, False


@lru_cache(maxsize=4096)
def _address_parts(line: str, serial_cut: bool = False) -> tuple[str | None, str, str | None] | None:
    """Remembered: the same address lines come back in cable after cable."""
    words = line.split()
    if not words or len(line) > 200:
        return None
    routing = None
    first = words[0]
    if "/" in first:
        head, _, rest = first.partition("/")
        if not _ROUTING_RE.fullmatch(head + "/") or "/" in rest:
            return None
        routing = head
        words[0] = rest
        if not rest:
            words.pop(0)
    if not serial_cut and words and words[-1].isdigit() and len(words[-1]) <= 6:
        words.pop()
    precedence = None
    if words and words[-1] in ADDRESS_PRECEDENCES:
        precedence = ADDRESS_PRECEDENCES[words.pop()]
        if precedence == "IMMEDIATE" and words and words[-1] == "NIACT":
            words.pop()
    post = " ".join(words)
    if not post or "/" in post or not _POST_LETTERS_RE.search(post):
        return None
    return routing, post, precedence


def parse_recipients(routing_text: str) -> dict:
    """The TO, INFO and XMT lists of a routing header; XMT lists posts *excluded* from a collective."""
    recipients: dict[str, list] = {"to": [], "info": [], "except": []}
    seen: set[tuple] = set()
    current: str | None = None
    for raw in routing_text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        block = _BLOCK_RE.match(line) if line[0] in "TIXBZ" and line.startswith(_BLOCK_WORDS) else None
        if block is not None:
            word, rest = block.groups()
            if word not in _LIST_NAMES:
                current = None if word == "BT" else current
                continue
            current = _LIST_NAMES[word]
            line = rest.strip()
            if not line:
                continue
        if current is None:
            continue
        if line[0] in "FDZV" and line.startswith(_NOT_ADDRESS_STARTS):
            current = None
            continue
        parts = _address_parts(*_cut_serial(line))
        if parts is not None and (current, parts) not in seen:
            seen.add((current, parts))
            routing, post, precedence = parts
            recipients[current].append({"routing": routing, "post": post, "precedence": precedence})
    return recipients


_LIST_NAMES = {"TO": "to", "INFO": "info", "XMT": "except"}
#: Their first letters are checked first: a lookup in a short string is cheaper than `startswith`.
_NOT_ADDRESS_STARTS = ("FM ", "DE ", "ZNY", "ZNR", "VZCZC")


# ---------------------------------------------------------------- classification line

#: A classification word and the rest of its line; it counts when only blanks stand before it
#: on the line (or a tab, in records dumped as tab-separated fields).
CLASS_LINE_RE = re.compile(CLASS_WORD + r"(?=[ \t/]|$)(?P<rest>[^\n]*)", re.M)
CLASS_LINE_ANY_CASE_RE = re.compile(CLASS_WORD + r"(?=[ \t/]|$)(?P<rest>[^\n]*)", re.M | re.I)
#: A classification word glued to the end of a routing line (`USNIC PRISTINA SRUNCLAS SECTION`).
CLASS_GLUED_RE = re.compile(
    CLASS_WORD
    + r"(?P<rest>[ \t]+(?:SECTION[ \t]+\d{1,3}[ \t]+OF[ \t]+\d{1,3}[ \t]+)?[A-Z][A-Z ]{1,30}[ \t]0*\d{1,6}\b[^\n]*)"
)
_REST_OK_RE = re.compile(
    r"[ \t]*(?:$|//|SECTION\b|E[ \t]?F[ \t]?T[ \t]?O\b|NOFORN|SIPDIS|SENSITIVE"
    r"|[A-Za-z][A-Za-z .'-]{0,40}[ \t]0*\d{1,7}(?!\d))",
    re.I,
)
SECTION_RE = re.compile(r"\bSECTION[ \t]+0*(\d{1,3})[ \t]+OF[ \t]+0*(\d{1,3})\b", re.I)
_STATION_SERIAL_RE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z'.-]{0,30}(?:[ \t]+[A-Za-z][A-Za-z'.-]{0,30}){0,3})[ \t]+0*(\d{1,7})(?![\d/.])"
)
_NOT_STATION_WORDS = frozenset(
    {"SECTION", "OF", "E", "F", "T", "O", "EFTO", "NOFORN", "SIPDIS", "SENSITIVE", "EXDIS", "NODIS", "LIMDIS",
     "STADIS", "SPECAT", "ROGER", "CHEROKEE", "EO", "DECL", "TAGS", "SUBJECT", "FOR", "ONLY", "USE", "OFFICIAL"}
)


@dataclass
class ClassificationLine:
    level_word: str
    start: int  # offset of the line in the text
    end: int  # offset just after the station and serial (or the line's end)
    line_end: int
    station: str | None = None
    serial: str | None = None
    section: int | None = None
    sections: int | None = None
    rest: str = ""


def _at_line_start(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    before = text[line_start:position]
    return not before.strip(" \t") or before.endswith(("\t", '"'))


#: The classification patterns tied to a line start: after a newline, and on the first line.
#: Keyed by the patterns' ids: a pattern's hash is computed over its whole compiled code, each time.
_LINE_START_PATTERNS = {
    id(CLASS_LINE_RE): re.compile(r"\n[ \t]*" + CLASS_WORD + r"(?=[ \t/]|$)", re.M),
    id(CLASS_LINE_ANY_CASE_RE): re.compile(r"\n[ \t]*" + CLASS_WORD + r"(?=[ \t/]|$)", re.M | re.I),
}
_FIRST_LINE_PATTERNS = {
    id(CLASS_LINE_RE): re.compile(r"[ \t]*" + CLASS_WORD + r"(?=[ \t/]|$)", re.M),
    id(CLASS_LINE_ANY_CASE_RE): re.compile(r"[ \t]*" + CLASS_WORD + r"(?=[ \t/]|$)", re.M | re.I),
}


def _class_lines(pattern: re.Pattern, head: str) -> Iterator[re.Match]:
    """The matches of `pattern.finditer(head)` that stand at a line start, as `_at_line_start` says.

    A match runs to the end of its line, so a line holds at most one, its first. On a line
    without a tab or a quote, only a match at its first character past the blanks can stand
    at its start: found by a pattern tied to newlines, which is not tried at every capital
    letter of the routing lines as `pattern` is. A line with a tab or a quote is searched whole.
    """
    locator = _LINE_START_PATTERNS[id(pattern)]
    length = len(head)
    tab = quote = -1
    position = 0
    while position <= length:
        if tab < position:
            tab = head.find("\t", position)
            if tab < 0:
                tab = length
        if quote < position:
            quote = head.find('"', position)
            if quote < 0:
                quote = length
        odd = tab if tab < quote else quote
        odd_line = head.rfind("\n", position, odd) + 1 if odd < length else length + 1
        if odd_line == 0:
            odd_line = position
        if position == 0 and odd_line > 0:
            first = _FIRST_LINE_PATTERNS[id(pattern)].match(head, 0, odd_line - 1)
            if first is not None:
                yield pattern.match(head, first.start("word"))
        for located in locator.finditer(head, position - 1 if position else 0, odd_line - 1):
            yield pattern.match(head, located.start("word"))
        if odd >= length:
            return
        line_end = _find_or_end(head, "\n", odd)
        match = pattern.search(head, odd_line, line_end)
        if match is not None and _at_line_start(head, match.start()):
            yield match
        position = line_end + 1


def _find_or_end(text: str, char: str, start: int) -> int:
    at = text.find(char, start)
    return len(text) if at < 0 else at


def _first_class_line(pattern: re.Pattern, head: str, strict: bool) -> tuple[re.Match, re.Match | None] | None:
    """The first classification line, preferring one that names its cable over a bare word,
    and the `_search_section` of its rest (None for a bare word: a rest with one names its cable)."""
    bare = None
    for match in _class_lines(pattern, head):
        reading = _read_class_line(match, strict)
        if reading is None:
            continue
        named, section = reading
        if named:
            return match, section
        if bare is None:
            bare = match
    return None if bare is None else (bare, None)


def _read_class_line(match: re.Match, strict: bool) -> tuple[bool, re.Match | None] | None:
    """Whether a classification word's line names its cable, and its `_search_section`; None
    when the line is no classification line."""
    word, rest = match.group("word", "rest")
    if (strict or word[:1] in LOST_LETTER_STARTS) and not _looks_like_class_line(rest):
        return None
    if not _REST_OK_RE.match(rest):
        return None
    section = _search_section(rest)
    return section is not None or _NAMED_REST_RE.match(rest) is not None, section


_LEADING_BLANKS_RE = re.compile(r"[ \t\n]*")


def _opening_class_line(head: str) -> tuple[re.Match, re.Match | None] | None:
    """`_first_class_line(CLASS_LINE_RE, head, strict=False)` for a text that opens, past blanks,
    with a classification line naming its cable, as most copies do; None for any other.

    The line is the first that `_class_lines` gives: only blanks stand before it, and a tab or
    a quote on it or above it leaves its first match where it is. Found here without looking
    through the text for them.
    """
    match = CLASS_LINE_RE.match(head, _LEADING_BLANKS_RE.match(head).end())
    if match is None:
        return None
    reading = _read_class_line(match, strict=False)
    if reading is None or not reading[0]:
        return None
    return match, reading[1]


def find_classification_line(text: str, limit: int) -> ClassificationLine | None:
    """The first classification line in `text[:limit]`, read into its parts."""
    head = text[:limit]
    found = _opening_class_line(head) or _first_class_line(CLASS_LINE_RE, head, strict=False)
    if found is None:
        glued = CLASS_GLUED_RE.search(head)
        if glued is not None:
            found = glued, _search_section(glued.group("rest"))
    if found is None:
        found = _first_class_line(CLASS_LINE_ANY_CASE_RE, head, strict=True)
    if found is None:
        return None
    match, section = found
    word, rest = match.group("word", "rest")
    start, end = match.span()
    line = ClassificationLine(word, start, end, end, rest=rest)
    rest_offset = match.start("rest")
    scan_from = 0
    if section is not None:
        line.section, line.sections = int(section.group(1)), int(section.group(2))
        scan_from = section.end()
    candidate = _STATION_SERIAL_RE.search(rest, scan_from)
    while candidate is not None:
        words, serial = candidate.group(1, 2)
        station = _remembered_station(words) if len(words) <= 120 else _line_station(words)
        if station is not None:
            line.station = station
            line.serial = serial
            line.end = rest_offset + candidate.end()
            break
        if candidate.start() > scan_from + 40:
            break
        candidate = _STATION_SERIAL_RE.search(rest, candidate.end())
    return line


def _line_station(words_before_serial: str) -> str | None:
    """The station named before the serial of a classification line, or None when it is none."""
    words = words_before_serial.replace("//", " ").split()
    while words and words[0].upper().strip(".") in _NOT_STATION_WORDS:
        words.pop(0)
    if not words or any(w.upper().strip(".") in _NOT_STATION_WORDS for w in words):
        return None
    return " ".join(words).upper()


#: The same stations send cable after cable.
_remembered_station = lru_cache(maxsize=4096)(_line_station)


_NAMED_REST_RE = re.compile(r"[ \t]+[A-Za-z][A-Za-z ]{1,30}[ \t]0*\d{1,7}(?!\d)")


def _looks_like_class_line(rest: str) -> bool:
    return bool(_search_section(rest) or _NAMED_REST_RE.match(rest))


def _search_section(text: str) -> re.Match | None:
    """`SECTION_RE.search(text)`, skipped when an ASCII text has no `SECTION` in any case.

    Ignoring case, the pattern has no literal for the scan to look for; outside ASCII,
    letters such as `ſ` match too, so other texts are always searched.
    """
    if text.isascii() and "SECTION" not in text.upper():
        return None
    return SECTION_RE.search(text)


# ---------------------------------------------------------------- captioned fields

#: The captions of the fields; a caption counts when no letter stands just before it.
FIELD_RE = re.compile(
    r"(?P<eo>(?:E\.?[ \t]?O\.?|EO)[ \t]*1[23]\d{3}[ \t]*:?)"
    r"|(?P<tags>TAGS?[ \t]*:|TAGS(?=[ \t]+[A-Z]{2})|AGS:|(?i:tags)[ \t]*:)"
    r"|(?P<subject>(?i:subj(?:ect)?)[ \t]*:)"
    r"|(?P<ref>(?i:refs?|reftels?|references?)[ \t]*:)"
    r"|(?P<clsby>(?i:classified[ \t]+by)\b[ \t]*:?)"
)
#: Where the captioned fields can be: the top of the cable, even when the rest is one block.
FIELDS_LIMIT = 20_000
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_REF_ITEM_RE = re.compile(r"^[ \t]*(?:¶[ \t]*)?(?:[A-Ha-h][.)]|\([A-Ha-h]\))[ \t]")
_CAPTION_RE = re.compile(r"(SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS|ROGER|CHEROKEE|SENSITIVE|FOR OFFICIAL USE ONLY)")


@dataclass
class HeaderFields:
    eo: str | None = None
    tags: str | None = None
    subject: str | None = None
    ref: str | None = None
    classified_by: str | None = None
    end: int = 0  # offset just after the last field's value
    captions_text: str = ""
    handling: list[str] = field(default_factory=list)


#: The first letters of every caption, upper-cased; hits are checked with FIELD_RE. An `E.` or
#: `E ` caption is `E.O`, `E. O`, `E.\tO` or `E O`, which is all that is looked for.
_FIELD_KEYS = ("E.O", "E. O", "E.\tO", "E O", "EO", "TAG", "AGS:", "SUBJ", "REF", "CLASSIFIED")
#: The keys starting with `E`, found in one scan for the letter instead of one search each.
#: No hit holds a second `E`, so the hits, which do not overlap, are all of the keys' places.
_E_KEYS_RE = re.compile(r"E(?:\.[ \t]?O| O|O)")
_OTHER_KEYS = ("TAG", "AGS:", "SUBJ", "REF", "CLASSIFIED")


#: Captions distinctive enough to be read even when glued to the word before them, as in
#: the bulk corpus's flattened copies (`...WHA/CAR-NIE.O. 12958: ...2015TAGS: ...`).
_GLUED_OK_RE = re.compile(r"E\.O\.|SUBJECT:|TAGS:|CLASSIFIED BY:")


def _field_spans(zone: str) -> list[tuple[str, int, int]]:
    """(field, caption start, value start) of each caption in the zone, found by plain string
    search and then checked in place."""
    spans = []
    end = -1
    for position in sorted(_key_positions(_upper_for_keys(zone))):
        if position < end:
            continue
        match = FIELD_RE.match(zone, position)
        if match is None:
            continue
        if position and zone[position - 1].isalpha() and not _GLUED_OK_RE.match(match.group()):
            continue
        end = match.end()
        spans.append((match.lastgroup, position, end))
    return spans


def _upper_for_keys(zone: str) -> str:
    """`zone.upper()` with its pilcrows (which open fields, `¶E.O. 12958`) put as `#`, in no key.

    An ASCII text is upper-cased many times faster than one beyond it, and the pilcrows are
    most often all that is beyond ASCII in a zone; each character keeps its place.
    """
    if "¶" in zone:
        zone = zone.replace("¶", "#")
    return zone.upper()


def _key_positions(upper: str) -> set[int]:
    """Every place in `upper` where one of `_FIELD_KEYS` starts."""
    positions = {hit.start() for hit in _E_KEYS_RE.finditer(upper)}
    for key in _OTHER_KEYS:
        position = upper.find(key)
        while position >= 0:
            positions.add(position)
            position = upper.find(key, position + 1)
    return positions


def _cut_ref(value: str) -> str:
    """REF items may sit on lines of their own with blank lines between (08STATE22377)."""
    lines = value.split("\n")
    kept: list[str] = []
    blank = False
    for line in lines:
        if not line.strip():
            blank = True
            continue
        if blank and kept and not _REF_ITEM_RE.match(line):
            break
        blank = False
        kept.append(line)
    return "\n".join(kept)


def read_fields(zone: str) -> HeaderFields:
    """The captioned fields of the zone between the classification line and the first paragraph.

    An E.O. value ends with its line, a REF value is cut by `_cut_ref`, any other ends at a
    blank line; none runs past the next caption.
    """
    zone = zone[:FIELDS_LIMIT]
    values: dict[str, str] = {}
    pieces = []
    position = 0
    spans = _field_spans(zone)
    value_ends = [caption_start for _, caption_start, _ in spans]
    value_ends.append(len(zone))
    for (kind, caption_start, value_start), value_end in zip(spans, value_ends[1:], strict=True):
        if kind == "ref":
            value = _cut_ref(zone[value_start:value_end])
            end = value_start + len(value)
        else:
            if kind == "eo":
                end = zone.find("\n", value_start, value_end)
                if end < 0:
                    end = value_end
            else:
                blank = _BLANK_LINE_RE.search(zone, value_start, value_end)
                end = value_end if blank is None else blank.start()
            value = zone[value_start:end]
        if kind not in values:
            values[kind] = value
        pieces.append(zone[position:caption_start])
        if end > position:
            position = end
    pieces.append(zone[position:])
    fields = HeaderFields()
    fields.eo = values.get("eo")
    fields.tags = values.get("tags")
    fields.subject = values.get("subject")
    fields.ref = values.get("ref")
    fields.classified_by = values.get("clsby")
    fields.end = position
    fields.captions_text = " ".join(pieces)
    fields.handling = _handling_captions(fields.captions_text)
    return fields


def _handling_captions(captions_text: str) -> list[str]:
    """The handling captions in `captions_text`, once each, in the order `_CAPTION_RE` finds them.

    A text holding one caption word or none is read by looking for each word, not with the
    pattern, which is tried at every capital letter. With two or more, the pattern's order can
    differ from that of the words' first places where one overlaps another (`NOFORNODIS` is
    NOFORN alone), so the pattern reads them.
    """
    present = [caption for caption in HANDLING_CAPTIONS if caption in captions_text]
    if len(present) < 2:
        return present
    handling: list[str] = []
    for caption in _CAPTION_RE.findall(captions_text):
        if caption not in handling:
            handling.append(caption)
    return handling


_TAG_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z0-9]{1,24}")


def parse_tags(value: str) -> list[str]:
    """`PREL ECON UN KV`, `PREL, PGOV, UNMIK, KV`: the tags, upper-cased, in order, once each."""
    value = value[:2000].replace(",", " ").replace(";", " ")
    if value.isascii():
        return _ascii_tags(value.upper())
    tags: list[str] = []
    for token in value.split():
        token = token.strip(".:()[]")
        if _is_tag(token):
            token = token.upper()
            if token not in tags:
                tags.append(token)
    return tags


def _ascii_tags(upper: str) -> list[str]:
    """The tags of an ASCII TAGS value put in upper case: `_is_tag` without its test for ASCII,
    and without a call for each token."""
    tags: list[str] = []
    for token in upper.split():
        token = token.strip(".:()[]")
        if 1 < len(token) < 26 and token.isalnum() and token[0].isalpha() and token not in tags:
            tags.append(token)
    return tags


def _is_tag(token: str) -> bool:
    """`_TAG_TOKEN_RE.fullmatch(token)`: in ASCII, the letters and digits are those of the pattern."""
    return 1 < len(token) < 26 and token.isascii() and token.isalnum() and token[0].isalpha()


_REASON_RE = re.compile(r"\b1\.[ \t]?([4-6])([^.;]{0,40})")
_REASON_LETTER_RE = re.compile(r"(?<![A-Za-z])([a-hA-H])(?![A-Za-z])")
#: `_REASON_LETTER_RE` with its test before the letter written after it: the scan then looks
#: for the letters alone, where a pattern opening with a look-behind is tried at every character.
_REASON_LETTER_SCAN_RE = re.compile(r"([a-hA-H])(?<![A-Za-z].)(?![A-Za-z])")
_CLASSIFIER_END_RE = re.compile(
    r"[,;:.]?[ \t]+(?:for|per|under)[ \t]+(?:reasons?|e\.?o\.?)|[,;]?[ \t]*(?:\breasons?\b|\bE\.?O\.?[ \t]?1[23]\d{3})"
    r"|[ \t]+1\.[4-6]",
    re.I,
)


def parse_classified_by(value: str) -> tuple[str | None, list[str]]:
    """(classifying official, reasons) from `IO A/S Esther Brimmer for reason 1.4(b).`"""
    text = squeeze(value[:2000])
    reasons: list[str] = []
    if "1" in text:
        for match in _REASON_FIRST_RE.finditer(text):
            section = match.group(1)
            for letter in _REASON_LETTER_SCAN_RE.findall(match.group(2)):
                reason = f"1.{section}({letter.lower()})"
                if reason not in reasons:
                    reasons.append(reason)
    end = _classifier_end(text)
    official = text[:end] if end >= 0 else text
    official = official.strip(" ,;:.")
    return (official or None), reasons


#: `_REASON_RE` with its `\b` written after the `1`: the scan then looks for the digit alone.
_REASON_FIRST_RE = re.compile(r"1(?<!\w.)\.[ \t]?([4-6])([^.;]{0,40})")
#: Each `_CLASSIFIER_END_RE` match holds one of these (ignoring case) or a `1`.
_CLASSIFIER_END_WORDS = ("for", "per", "under", "reason")
#: The first of those words or a `1`, in a text put in lower case.
_CLASSIFIER_END_FIRST_RE = re.compile("1|" + "|".join(_CLASSIFIER_END_WORDS))
#: The most characters of a match before its word or `1`, past its run of blanks: `E.O. 1`.
_CLASSIFIER_END_LEAD = 5


def _classifier_end(text: str) -> int:
    """Where `_CLASSIFIER_END_RE.search(text)` starts, or -1; searched from just before the
    first of its words, as the pattern ignoring case opens with a choice that is tried at
    every character. A text outside ASCII is searched whole: letters such as `ſ` match too."""
    start = 0
    if text.isascii():
        found = _CLASSIFIER_END_FIRST_RE.search(text.lower())
        if found is None:
            return -1
        lead = max(0, found.start() - _CLASSIFIER_END_LEAD)
        start = max(0, len(text[:lead].rstrip(" \t")) - 1)
    end = _CLASSIFIER_END_RE.search(text, start)
    return -1 if end is None else end.start()
