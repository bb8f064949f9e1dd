"""One cable's text to its record: the header, the fields under the classification line, the body."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .body import (
    LEADING_MARKING_RE,
    Candidate,
    cut_after_end,
    paragraph_candidates,
    paragraph_text,
    points_of_contact,
    split_paragraphs,
    strip_page_breaks,
    take_signer,
)
from .cleaning import clean_text, has_odd_spaces, squeeze
from .dtg import find_dtg, parse_date_line, parse_declassify, parse_dtg
from .errors import NOT_A_CABLE, CableParseError
from .header import (
    FM_RE,
    TRANSMISSION_RE,
    ClassificationLine,
    HeaderFields,
    find_classification_line,
    parse_classified_by,
    parse_recipients,
    parse_tags,
    read_fields,
    search_line,
)
from .markings import base_level, normalise_archive_classification, overall_classification, portion_marking
from .records import new_record
from .references import canonical_id, is_reference_id, parse_references
from .tables import ARCHIVE_ORIGIN_PREFIXES, ARCHIVE_ORIGINS

#: Where to look for the classification line: past the longest routing header seen.
HEADER_LIMIT = 80_000

#: The alx/cablegate form opens with five metadata lines: id, subject, local date, classification, origin.
_METADATA_RE = re.compile(
    r"\A\s*(\d{2}[A-Z]{2,}\d{1,7})[ \t]*\n([^\n]{0,400})\n"
    r"[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) \d{2}:\d{2}:\d{2} [+-]\d{4} (\d{4})[ \t]*\n"
    r"([A-Za-z/ ]{0,60})\n([^\n]{0,80})(?:\n|\Z)"
)
#: A record dumped from the archive's database, tab-separated, glued after a cable (07BERN881).
#: Matched on the text with a newline put in front: a match's start is then its line's start.
NEXT_CABLE_RE = re.compile(
    r"\n(?:(?:\d{1,7}\t)?\d{4}-\d{2}-\d{2}[ \t]\d{2}:\d{2}(?::\d{2})?\t\d{2}[A-Z]{2,}\d{1,7}\t|[ \t]*VZCZC)"
)
_RUN_ON_MARKING_RE = re.compile(r"(?<=[.)0-9])[ \t]+\(((?:U|SBU|C|S)(?:[ \t]?/{1,2}[ \t]?(?:NF|NOFORN))?)\)[ \t]")
#: Field names of a database record dumped into a cable's text.
_RECORD_DUMP_MARKERS = ("\nrefid:", "header ends", "\nid: ")
#: Flattened copies glue the classification line to `Cable dated:2006-02-07T22:12:00`.
_CABLE_DATED_RE = re.compile(r"Cable dated:[ \t]*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?\]?")
_PARTIAL_RE = re.compile(
    r"\s*This record is a partial extract of the original cable\.[ \t]*"
    r"(?:The full text of the original cable is not available\.)?"
)
#: The notice word for word, as nine bulk rows in ten open with it.
PARTIAL_NOTICE = (
    "This record is a partial extract of the original cable. The full text of the original cable is not available."
)
_REF_MENTION_RE = re.compile(r"\bref(?:tel|s)?\b", re.I)
#: A page break naming the cable (`STATE 00039345 002 OF 002`), matched with a newline put in front.
_PAGE_STATION_RE = re.compile(
    r"\n[ \t]*([A-Z][A-Z .'-]{1,40}?)[ \t]0*(\d{1,8})[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}[ \t]*(?=\n|\Z)"
)


def parse_cable(text: str | bytes, source: str | None = None, *, hints: dict | None = None) -> dict:
    """The record of one cable.

    `hints` are what the cable's container says about it (a CSV row's columns, an HTML
    page's table, a metadata preamble): `reference_id`, `classification`, `origin`,
    `year`, `subject`. The cable's own text wins where it speaks; a field nobody can
    read is None, with a warning.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if not isinstance(text, str):
        raise CableParseError(f"expected the text of a cable, got {type(text).__name__}", source=source)
    text = clean_text(text)
    record = new_record()
    warnings: list[str] = record["warnings"]

    text, hints = _strip_metadata(text, hints or {})
    if "Cable dated:" in text:
        text = _CABLE_DATED_RE.sub(r"\g<0>\n", text)
    partial_end = _partial_notice_end(text)
    if partial_end:
        text = text[partial_end:]
        warnings.append("a partial extract: the full text of the cable is not available")
    cls = find_classification_line(text, HEADER_LIMIT)
    if cls is not None:
        text, cls = _fuller_copy(text, cls, warnings)
    routing = text[: cls.start] if cls is not None else text[:4000]
    if "\t" in routing:
        routing = routing.replace("\t", "\n")

    transmission = search_line(TRANSMISSION_RE, routing) if "VZCZC" in routing else None
    record["transmission_id"] = transmission.group(1) if transmission else None

    year = None
    dtg = find_dtg(routing) if cls is not None else find_dtg(text[:4000])
    if dtg is not None:
        record["precedence"], record["created"], year = parse_dtg(dtg)
        if record["created"] is None:
            warnings.append(f"date-time group {dtg.group(0).strip()!r} does not read as a date")
    if record["created"] is None:
        created, line_year = parse_date_line(text[:20000] if cls is None else text[: cls.end + 2000])
        if created is not None:
            record["created"] = created
            warnings.append("no date-time group: created read from the date line (local time, not UTC)")
        year = year or line_year
    if record["created"] is None:
        warnings.append("no date-time group or date line: created unknown")
    if record["precedence"] is None:
        warnings.append("no date-time group: precedence unknown")
    if year is None and hints.get("year"):
        year = hints["year"]

    fm = search_line(FM_RE, routing)
    if fm is not None:
        record["origin"] = squeeze(fm.group(1))
    record["recipients"] = parse_recipients(routing)

    # ---- classification line and the fields under it
    after = text[cls.end:] if cls is not None else text
    own_reference = None
    if cls is not None and cls.station and cls.serial and year is not None:
        own_reference = canonical_id(year, cls.station, cls.serial)
    elif year is not None:
        page = search_line(_PAGE_STATION_RE, after) if " OF " in after else None
        if page is not None:
            own_reference = canonical_id(year, page.group(1), page.group(2))
    if cls is not None:
        record["sections"] = cls.sections or 1

    next_cable = NEXT_CABLE_RE.search("\n" + after) if ("\t" in after or holds_vzczc(after)) else None
    if next_cable is not None:
        after = after[: next_cable.start()]
        warnings.append("another cable follows this one in the same text; it was left out")
    after = strip_page_breaks(after)

    candidates = paragraph_candidates(after)
    body_start = _first_paragraph(candidates)
    zone = after if body_start is None else after[:body_start]
    fields = read_fields(zone)
    if cls is None:
        if not (hints.get("reference_id") or dtg or fm or record["transmission_id"] or fields.subject or fields.tags):
            raise CableParseError(NOT_A_CABLE, line=1, source=source)
        warnings.append("no classification line")
    else:
        captions = text[cls.start : cls.end] + " " + fields.captions_text
        record["classification"] = overall_classification(base_level(cls.level_word), captions)
    record["handling"] = fields.handling

    _fill_from_hints(record, hints, year, warnings, own_reference)

    record["declassify_on"] = parse_declassify(fields.eo) if fields.eo else None
    if fields.tags is not None:
        record["tags"] = parse_tags(fields.tags)
    else:
        warnings.append("no TAGS line")
    if fields.subject is not None:
        record["subject"] = squeeze(fields.subject) or None
    if record["subject"] is None:
        if hints.get("subject"):
            record["subject"] = hints["subject"]
            warnings.append("SUBJECT read from the container, not the cable")
        else:
            warnings.append("no SUBJECT line")

    body_extra = ""
    if body_start is None:
        body_extra = _split_run_on(fields)
    if fields.classified_by is not None:
        record["classified_by"], record["classification_reasons"] = parse_classified_by(fields.classified_by)

    if fields.ref is not None:
        day_of_year = _day_of_year(record["created"])
        record["references"], ref_warnings = parse_references(fields.ref, year, day_of_year)
        warnings.extend(ref_warnings)
    elif fields.subject is not None:
        record["references"] = []
    else:
        warnings.append("header damaged (no SUBJECT or REF line): references unknown")

    # ---- body
    if body_start is not None:
        body = after
        candidates = [c for c in candidates if c.start >= body_start]
    else:
        body = body_extra + after[fields.end:]
        candidates = []
    _read_body(record, body, candidates, warnings=warnings)
    if body_start is None and fields.ref is None and fields.subject is None and _REF_MENTION_RE.search(body):
        record["references"] = None
    return record


def holds_vzczc(text: str) -> bool:
    """`"VZCZC" in text`, found from the text's capital Zs: a cable's text holds a few, and
    `str.find` skips to the next one much faster than a search for the whole word moves."""
    find = text.find
    at = find("Z", 1)
    while at >= 0:
        if text.startswith("VZCZC", at - 1):
            return True
        at = find("Z", at + 1)
    return False


def _fuller_copy(text: str, cls: ClassificationLine, warnings: list[str]) -> tuple[str, ClassificationLine]:
    """A copy cut short (`...`) and followed by a database record holding the whole cable again
    (06LIMA158 in the bulk corpus): read the later, whole copy, under the same routing."""
    line = text[cls.start:cls.line_end].strip()
    if len(line) < 12:
        return text, cls
    again = text.find(line, cls.line_end)
    if again < 0 or not any(marker in text[cls.line_end:again] for marker in _RECORD_DUMP_MARKERS):
        return text, cls
    rest = text[again:]
    second = find_classification_line(rest, len(line) + 10)
    if second is None or len(rest) < (len(text) - cls.start) // 3:
        return text, cls
    warnings.append("the text holds the cable twice (a copy cut short, then a database record): read the later copy")
    joined = text[: cls.start] + rest
    return joined, find_classification_line(joined, HEADER_LIMIT) or cls


def _partial_notice_end(text: str) -> int:
    """Where the archive's notice that it holds only part of the cable ends, when the text opens
    with it (`_PARTIAL_RE`), or 0. The notice word for word, all the pattern matches there, is
    told by `str.startswith`, where the pattern reads it letter by letter."""
    if text.startswith(PARTIAL_NOTICE):
        return len(PARTIAL_NOTICE)
    partial = _PARTIAL_RE.match(text)
    return 0 if partial is None else partial.end()


def _strip_metadata(text: str, hints: dict) -> tuple[str, dict]:
    """The text without the alx/cablegate metadata lines, and the hints with what they say
    added where the caller's say nothing (in a copy: the caller's are left alone)."""
    match = _METADATA_RE.match(text)
    if match is None:
        return text, hints
    hints = dict(hints)
    reference_id, subject, _month, _day, year, classification, _origin = match.groups()
    hints.setdefault("reference_id", reference_id)
    hints.setdefault("subject", squeeze(subject) or None)
    hints.setdefault("classification", classification.strip())
    hints.setdefault("year", int(year))
    return text[match.end():], hints


def _split_run_on(fields: HeaderFields) -> str:
    """An unnumbered paragraph run on to the last field (08MANAMA126: `... 1.4 (b) and (d). (C) Poloff
    discussed ...`; a REF line in 07MANAMA963): the field is cut there and the rest is the body."""
    for name in ("classified_by", "ref", "subject"):
        value = getattr(fields, name)
        if value is None:
            continue
        run_on = _RUN_ON_MARKING_RE.search(value)
        if run_on is not None:
            setattr(fields, name, value[: run_on.start()])
            return value[run_on.start():]
    return ""


def _first_paragraph(candidates: list[Candidate]) -> int | None:
    """Offset of the first numbered paragraph: a `1.` (or scraped `11.`), or any marked one."""
    for c in candidates:
        if c.line_start and (c.number in (1, 11) or c.pilcrow):
            return c.start
        if (c.line_start or c.number == 1) and c.marking_text and portion_marking(c.marking_text) is not None:
            return c.start
    return None


def _read_body(record: dict, body: str, candidates: list[Candidate], *, warnings: list[str]) -> None:
    body, ended = cut_after_end(body)
    if ended:
        candidates = [c for c in candidates if c.start < len(body)]
        warnings.append("text after the cable's end line left out")
    paragraphs = split_paragraphs(body, warnings, candidates) if candidates else []
    if paragraphs:
        last_number, last_marking, last_text = paragraphs[-1]
        last_text, signer = take_signer(last_text)
        paragraphs[-1] = (last_number, last_marking, last_text)
    else:
        rest, signer = take_signer(body[candidates[0].start:] if candidates else body)
        rest = rest.strip()
        if rest:
            marking = None
            lead = LEADING_MARKING_RE.match(rest)
            if lead is not None:
                marking = portion_marking(lead.group(1))
                if marking is not None:
                    rest = rest[lead.end():]
            paragraphs = [(1, marking, rest)]
            warnings.append("no numbered paragraphs: the text read as one paragraph")
    record["signer"] = signer
    if signer is None:
        warnings.append("no signature found")
    plain = not has_odd_spaces(body)
    record["paragraphs"] = [
        {"number": number, "marking": marking, "text": paragraph_text(raw, plain)}
        for number, marking, raw in paragraphs
    ]
    if record["paragraphs"] and record["paragraphs"][0]["number"] != 1:
        warnings.append("paragraphs do not start at 1: the copy lost the beginning")
    record["points_of_contact"] = points_of_contact(record["paragraphs"])


def _fill_from_hints(record: dict, hints: dict, year: int | None, warnings: list[str], own_reference: str | None):
    """The record's reference id, classification and origin where the cable's text is silent
    or disagrees with its container. The container's reference id is checked for its form
    only when it differs from the one the cable gives itself, which it becomes either way."""
    hinted_id = hints.get("reference_id")
    if hinted_id is not None and not (own_reference and hinted_id == own_reference) and not is_reference_id(hinted_id):
        hinted_id = None
    if own_reference and hinted_id and own_reference != hinted_id:
        warnings.append(f"the cable reads as {own_reference} but its container says {hinted_id}; kept {hinted_id}")
        record["reference_id"] = hinted_id
    else:
        record["reference_id"] = own_reference or hinted_id
    if record["reference_id"] is None:
        warnings.append("reference id unknown")

    hinted_class = normalise_archive_classification(hints.get("classification"))
    if record["classification"] is None:
        record["classification"] = hinted_class
        if hinted_class is not None:
            warnings.append("classification read from the container, not the cable")
        else:
            warnings.append("classification unknown")
    elif hinted_class is not None and hinted_class != record["classification"]:
        warnings.append(
            f"classification line reads {record['classification']} but the container says {hinted_class};"
            " kept the cable's"
        )

    if record["origin"] is None and hints.get("origin_fallback"):
        origin = archive_origin(hints.get("origin"))
        if origin is not None:
            record["origin"] = origin
            warnings.append("no FM line: origin read from the archive's column")
    if record["origin"] is None:
        warnings.append("no FM line: origin unknown")


@lru_cache(maxsize=1024)
def archive_origin(value: str | None) -> str | None:
    """The archive's `Embassy Buenos Aires` as the FM line writes it, `AMEMBASSY BUENOS AIRES`.

    Remembered: an archive names a few hundred posts, and most of its cables have no FM line."""
    if not value:
        return None
    value = value.strip()
    if value in ARCHIVE_ORIGINS:
        return ARCHIVE_ORIGINS[value]
    for prefix, telegram in ARCHIVE_ORIGIN_PREFIXES:
        if value.startswith(prefix):
            return telegram + value[len(prefix):].upper()
    return None


def _day_of_year(created: str | None) -> int | None:
    if not created:
        return None
    return _day_of_year_of(created[:10])


@lru_cache(maxsize=4096)
def _day_of_year_of(day: str) -> int | None:
    """Remembered: the cables of an archive fall on a few thousand days."""
    try:
        return date.fromisoformat(day).timetuple().tm_yday
    except ValueError:
        return None

