"""The header's shortcuts read fields, handling captions and markings as the general rules do."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cables.parsing import header, markings, references

ODD_PIECES = ["\r\n", "\t", "\u00a0", "\u3000", "¶", "ß", "ſ", "İ", "ı", "\u212a", "’"]

MARKING_PIECES = st.sampled_from(
    [" ", "\t", "\n", ".", "_", "1", "/", "x", "S", "s", "i", "E", "e", "F", "f", "T", "t", "O", "o", "N", "n", "U",
     "B", "For\tOfficial Use Only", "not  releasable to\tforeign", "\u017f", "SENSITIVE", "sensitive", "SENſITIVE",
     "SENSİTIVE", "sensıtive", "For Offıcial Use Only", "FOR OFFICIAL USE ONLY", "FOUO", "ſBU", "SBU", "E F T O",
     "e\tf t\to", "EFTO", "NOFORN", "No Forn", "noforn", "NOT RELEASABLE TO FOREIGN", "not releaſable to foreıgn",
     *ODD_PIECES]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(MARKING_PIECES, max_size=10).map("".join))
def test_markings_beyond_ascii_read_as_the_patterns_ignoring_case(text):
    assert markings.has_sensitive(text) == (markings._SENSITIVE_RE.search(text) is not None)
    assert markings.has_noforn(text) == (markings._NOFORN_RE.search(text) is not None)


def test_lower_case_reading_keeps_every_character_and_matches_as_ignoring_case():
    ascii_letter = re.compile("[a-z]", re.I)
    word = re.compile(r"\w")
    for code in range(0x80, 0x110000):
        character = chr(code)
        lowered = markings._lower_as_ignoring_case(character)
        assert len(lowered) == 1 and lowered not in " \t\n"
        assert bool(word.match(lowered)) == bool(word.match(character))
        if ascii_letter.fullmatch(character):
            assert lowered.isascii() and re.fullmatch(lowered, character, re.I)


CAPTION_PIECES = st.sampled_from(
    [" ", "\n", "/", "S", "N", "E", "SIPDIS", "NOFORN", "NODIS", "EXDIS", "LIMDIS", "STADIS", "ROGER", "CHEROKEE",
     "SENSITIVE", "FOR OFFICIAL USE ONLY", "NOFORNODIS", "SIPDISENSITIVE", "CHEROKEEXDIS", "ROGEROGER", "STADISIPDIS",
     "sipdis", "Noforn", "FOR\tOFFICIAL USE ONLY", *ODD_PIECES]
)


def _handling_by_pattern(text):
    handling = []
    for caption in header._CAPTION_RE.findall(text):
        if caption not in handling:
            handling.append(caption)
    return handling


@settings(max_examples=3000, deadline=None)
@given(st.lists(CAPTION_PIECES, max_size=10).map("".join))
def test_handling_captions_as_the_pattern_finds_them(text):
    assert header._handling_captions(text) == _handling_by_pattern(text)


ZONE_PIECES = st.sampled_from(
    [" ", "\n", "\n\n", " \n \n", ":", "E.O. 12958:", "E. O. 12356: DECL: OADR", "EO 13526", "TAGS:", "Tags: ",
     "TAGS PREL", "AGS:", "SUBJECT:", "Subj:", "REF:", "Refs:", "REFTEL:", "CLASSIFIED BY:", "Classified By ",
     "XREF:", "XE.O. 12958", "A. STATE 1", "B) ROME 2", "PREL ECON", "SIPDIS", "NOFORN", "text", "¶", "¶E.O. 12958",
     *ODD_PIECES]
)


def _spans_by_rule(zone):
    """The captions as first read: key places in `zone.upper()`, each checked with `FIELD_RE`."""
    spans = []
    end = -1
    for position in sorted(header._key_positions(zone.upper())):
        match = header.FIELD_RE.match(zone, position) if position >= end else None
        if match is None:
            continue
        if position and zone[position - 1].isalpha() and not header._GLUED_OK_RE.match(match.group(0)):
            continue
        spans.append((match.lastgroup, position, match.end()))
        end = match.end()
    return spans


def _fields_by_rule(zone):
    """The fields as first read: each value cut from its own copy, the captions kept between."""
    spans = _spans_by_rule(zone)
    values, pieces, position = {}, [], 0
    ends = [start for _, start, _ in spans] + [len(zone)]
    for (kind, start, value_start), value_end in zip(spans, ends[1:], strict=True):
        raw = zone[value_start:value_end]
        if kind == "eo":
            value = raw.partition("\n")[0]
        elif kind == "ref":
            value = header._cut_ref(raw)
        else:
            blank = header._BLANK_LINE_RE.search(raw)
            value = raw if blank is None else raw[: blank.start()]
        values.setdefault(kind, value)
        pieces.append(zone[position:start])
        position = max(position, value_start + len(value))
    pieces.append(zone[position:])
    names = {"eo": "eo", "tags": "tags", "subject": "subject", "ref": "ref", "clsby": "classified_by"}
    return {names[kind]: value for kind, value in values.items()}, position, " ".join(pieces)


@settings(max_examples=3000, deadline=None)
@given(st.lists(ZONE_PIECES, max_size=16).map("".join))
def test_read_fields_as_first_read(zone):
    values, end, captions_text = _fields_by_rule(zone)
    fields = header.read_fields(zone)
    for name in ("eo", "tags", "subject", "ref", "classified_by"):
        assert getattr(fields, name) == values.get(name)
    assert (fields.end, fields.captions_text) == (end, captions_text)
    assert fields.handling == _handling_by_pattern(captions_text)


@settings(max_examples=3000, deadline=None)
@given(st.lists(ZONE_PIECES, max_size=16).map("".join))
def test_field_keys_are_found_with_pilcrows_put_aside(zone):
    assert header._key_positions(header._upper_for_keys(zone)) == header._key_positions(zone.upper())


def test_a_truncated_header_keeps_its_last_field_to_the_end():
    fields = header.read_fields("\r\n¶E.O. 12958: DECL: 1/2/2015\r\nTAGS:\tPREL\r\nSUBJECT: CUT OFF MID")
    assert (fields.eo, fields.tags, fields.subject) == (" DECL: 1/2/2015\r", "\tPREL\r\n", " CUT OFF MID")


OPENING_PIECES = st.sampled_from(
    ["\n", " ", "\t", '"', "\r\n", "\u3000", "¶", "UNCLAS", "Unclas", "CONFIDENTIAL", "C O N F I D E N T I A L",
     "S E C R E T", "SECRET", "ONFIDENTIAL", "E C R E T", "secret", " SECTION 01 OF 02", " section 2 of 3",
     " STATE", " THE HAGUE", " 000131", " 12", "//", " NOFORN", " SIPDIS", "E.O. 12958", "FM AMEMBASSY ROME\n"]
)


def _spans(found):
    if found is None:
        return None
    match, section = found
    return match.span(), None if section is None else section.span()


@settings(max_examples=5000, deadline=None)
@given(st.lists(OPENING_PIECES, max_size=12).map("".join))
def test_an_opening_class_line_is_the_first_the_lines_give(head):
    opening = header._opening_class_line(head)
    if opening is not None:
        assert _spans(opening) == _spans(header._first_class_line(header.CLASS_LINE_RE, head, strict=False))


def test_a_text_opening_with_its_classification_line_is_read_without_the_line_scan():
    head = '\n\nC O N F I D E N T I A L SECTION 01 OF 02 THE HAGUE 000131 \n \nSIPDIS\n"quoted"\tx'
    match, section = header._opening_class_line(head)
    assert (match.group("word"), section.groups()) == ("C O N F I D E N T I A L", ("1", "2"))
    assert header._opening_class_line("\n\nSECRET\n\nTAGS: PREL") is None


CITED_PIECES = st.sampled_from(
    [" ", "\t", "\n", ".", "'", "/", "-", ";", "A", "B.", "(C)", "STATE", "NEW DELHI", "U.S.", "O'HARE", "0", "00",
     "1", "12", "966", "2004", "123456", "1234567", "\u0663", "É", "x", "CA-3400", "NOV"]
)


def _cited_by_scan(upper):
    cited = []
    for match in references._CITED_SCAN_RE.finditer(upper):
        other_year_digits, station, other_station_letters, serial = match.groups()
        first = upper[match.start()]
        if other_year_digits is None:
            cited.append((match.span(), (None, first + other_station_letters, serial)))
        else:
            cited.append((match.span(), (first + other_year_digits, station, serial)))
    return cited


@settings(max_examples=5000, deadline=None)
@given(st.lists(CITED_PIECES, max_size=14).map("".join))
def test_cited_cables_as_the_pattern_opening_with_a_look_behind_finds_them(upper):
    expected = [(m.span(), m.groups()) for m in references._CITED_RE.finditer(upper)]
    assert _cited_by_scan(upper) == expected


REASON_PIECES = st.sampled_from(
    [" ", "\t", "\r\n", "(", ")", ",", "and", "AND", "b", "d", "B", "H", "i", "x", "1.4", "1.5", "bd", "é", "\u3000"]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(REASON_PIECES, max_size=12).map("".join))
def test_reason_letters_as_the_pattern_opening_with_a_look_behind_finds_them(text):
    assert header._REASON_LETTER_SCAN_RE.findall(text) == header._REASON_LETTER_RE.findall(text)
