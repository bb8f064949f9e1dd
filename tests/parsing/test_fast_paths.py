"""The string-method and lower-case readings that stand in for slower patterns agree with the patterns."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cables.parsing import body, header, markings, parse_cable, references
from cables.parsing.cable import holds_vzczc
from cables.parsing.csvrows import LineNumbers, line_ends
from cables.parsing.dtg import parse_date_line
from cables.parsing.records import RECORD_KEYS, new_record
from cables.parsing.tables import PORTION_LEVELS

HEADING_PIECES = st.sampled_from(
    [" ", "\t", "-", "---", "A", "Z", "a", "0", ".", ",", "!", "?", ";", ":", "(", ")", "/", "&", "'", '"',
     "é", "¶", "_", "\x0b", "\u00a0", "HEADING WORDS ", "x" * 30, "Y" * 35, "-" * 80]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(HEADING_PIECES, max_size=12).map("".join))
def test_heading_lines_as_the_pattern_reads_them(line):
    assert body._is_heading_line(line) == (body._HEADING_LINE_RE.match(line) is not None)


def test_a_date_line_at_the_very_start_is_read():
    assert parse_date_line("Wednesday, 2 April 2008, 10:05")[0] == "2008-04-02T10:05:00Z"
    assert parse_date_line("Friday, the day, and Monday, 7 January 2008, 09:44")[0] == "2008-01-07T09:44:00Z"
    assert parse_date_line("no day here") == (None, None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "\n", "\r", "\r\n", ","]), max_size=30).map("".join), st.data())
def test_line_numbers_count_as_line_ends_does(text, data):
    offsets = sorted(data.draw(st.lists(st.integers(min_value=0, max_value=len(text)), max_size=6)))
    numbers = LineNumbers(text)
    for offset in offsets + offsets[:1]:
        if offset and text[offset - 1 : offset + 1] == "\r\n":
            continue  # rows never start between the two characters of a line end
        assert numbers.at(offset) == 1 + line_ends(text, 0, offset)


_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")


def _drop_trailing_heading_by_pattern(chunk):
    """The heading reading as first written: the last blank line found by a pattern's scan."""
    chunk = chunk.rstrip()
    while True:
        if chunk[-1:] in (".", "!", "?", ";"):
            return chunk
        last = chunk[chunk.rfind("\n") + 1 :]
        if body._HEADING_LINE_RE.match(last) is None:
            return chunk
        tail_start = max(0, len(chunk) - 400)
        if chunk.count("\n", tail_start) < 2:
            return chunk
        blank = None
        for match in _BLANK_LINE_RE.finditer(chunk, tail_start):
            blank = match
        if blank is None:
            return chunk
        lines = [line for line in chunk[blank.end() :].split("\n") if line.strip()]
        if lines and (len(lines) > 3 or not all(body._HEADING_LINE_RE.match(line) for line in lines)):
            return chunk
        chunk = chunk[: blank.start()].rstrip()


CHUNK_PIECES = st.sampled_from(
    ["\n", "\n", " ", "\t", "  ", "\x0b", "HEADING", "Summary", "-----", "text.", "words here", "a,", "(C)",
     "x" * 50, "Y" * 80, "¶", ".", "\n\n", " \n", "\n \n", "z" * 380]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(CHUNK_PIECES, max_size=25).map("".join))
def test_trailing_headings_dropped_as_the_pattern_scan_dropped_them(chunk):
    assert body.drop_trailing_heading(chunk) == _drop_trailing_heading_by_pattern(chunk)


CLASSIFIED_BY_PIECES = st.sampled_from(
    [" ", "  ", "\t", ",", ";", ":", ".", "1", "1.4", "1.5 (b)", "12958", "13526", "E.O. ", "EO", "e.o.", "E. O.",
     "for", "FOR", "per", "under", "reason", "Reasons", "\u017f", "\u212a", "A", "b", "d", "Ambassador", "é", "x"]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(CLASSIFIED_BY_PIECES, max_size=12).map("".join))
def test_classifier_end_as_the_pattern_finds_it(text):
    match = header._CLASSIFIER_END_RE.search(text)
    assert header._classifier_end(text) == (-1 if match is None else match.start())


@settings(max_examples=2000, deadline=None)
@given(st.lists(CLASSIFIED_BY_PIECES, max_size=12).map("".join))
def test_reasons_as_the_pattern_finds_them(text):
    expected = [(m.span(), m.groups()) for m in header._REASON_RE.finditer(text)]
    assert [(m.span(), m.groups()) for m in header._REASON_FIRST_RE.finditer(text)] == expected


TAG_PIECES = st.sampled_from(["A", "z", "0", "9", "_", "-", ".", "é", "\u0661", "\u212a", "PREL", "K" * 24])


@settings(max_examples=2000, deadline=None)
@given(st.lists(TAG_PIECES, max_size=8).map("".join))
def test_tags_as_the_pattern_reads_them(token):
    assert header._is_tag(token) == (header._TAG_TOKEN_RE.fullmatch(token) is not None)


ASCII_TAG_PIECES = st.sampled_from(
    ["A", "z", "0", "9", "_", "-", ".", ",", ";", " ", "\t", "\r\n", ":", "(", "]", "@", "PREL", "prel", "Pgov", "KV",
     "x", "K" * 24, "K" * 25]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(ASCII_TAG_PIECES, max_size=12).map("".join))
def test_ascii_tags_as_the_pattern_reads_them(value):
    expected = []
    for token in value.replace(",", " ").replace(";", " ").split():
        token = token.strip(".:()[]")
        if header._TAG_TOKEN_RE.fullmatch(token) and token.upper() not in expected:
            expected.append(token.upper())
    assert header.parse_tags(value) == expected


def test_recipients_keep_each_address_once_per_list():
    routing = "TO RUEHC/SECSTATE WASHDC 1\nRUEHC/SECSTATE WASHDC 2\nINFO RUEHC/SECSTATE WASHDC 3\nAMEMBASSY PARIS\n"
    recipients = header.parse_recipients(routing)
    assert [a["post"] for a in recipients["to"]] == ["SECSTATE WASHDC"]
    assert [a["post"] for a in recipients["info"]] == ["SECSTATE WASHDC", "AMEMBASSY PARIS"]


def test_routing_words_start_with_the_letters_checked_first():
    assert {word[0] for word in header._BLOCK_WORDS} <= set("TIXBZ")
    assert {word[0] for word in header._NOT_ADDRESS_STARTS} <= set("FDZV")


#: `references._CITED_RE` as first written, giving back its station a letter at a time.
_CITED_GIVING_BACK_RE = re.compile(
    r"(?<![A-Z0-9])(?:(\d{4}|\d{2})[ \t]?)?([A-Z][A-Z'.]*(?:[ \t]+[A-Z][A-Z'.]*){0,3})[ \t]*0*(\d{1,6})(?![0-9A-Z/-])"
)
REF_PIECES = st.sampled_from(
    [" ", "  ", "\t", "\n", ".", "'", "/", "-", "A", "B.", "(C)", "STATE", "NEW DELHI", "U.S.", "O'HARE", "0", "00",
     "1", "12", "2004", "123456", "1234567", "É", "x"]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(REF_PIECES, max_size=14).map("".join))
def test_cited_cables_as_the_giving_back_pattern_finds_them(text):
    expected = [(m.span(), m.groups()) for m in _CITED_GIVING_BACK_RE.finditer(text)]
    assert [(m.span(), m.groups()) for m in references._CITED_RE.finditer(text)] == expected


FIELD_KEY_PIECES = st.sampled_from(
    [" ", "\t", "\n", ".", ":", "E", "O", "T", "A", "G", "S", "R", "F", "X", "E.O", "E. O", "E.\tO", "E O", "EO",
     "E.E.O", "EEO", "TAGS:", "TTAG", "AGS:", "SUBJ", "REF", "REREF", "CLASSIFIED", "É"]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(FIELD_KEY_PIECES, max_size=16).map("".join))
def test_field_key_places_are_those_of_a_search_for_each_key(upper):
    expected = {at for key in header._FIELD_KEYS for at in range(len(upper)) if upper.startswith(key, at)}
    assert header._key_positions(upper) == expected


def test_lost_letter_starts_are_the_characters_that_upper_case_to_o_or_e():
    accepted = {c for c in map(chr, range(0x110000)) if c.upper() in ("O", "E")}
    assert accepted == markings.LOST_LETTER_STARTS
    assert "" not in markings.LOST_LETTER_STARTS


def test_read_fields_keeps_the_first_of_each_field_and_the_captions_between():
    zone = "\nSIPDIS\nTAGS: PREL\nSUBJECT: ONE\n\nTAGS: ECON\nREF: A. STATE 1\n\nNOFORN\nCLASSIFIED BY: X, 1.4(b)\n\n"
    fields = header.read_fields(zone)
    assert (fields.tags, fields.subject, fields.ref) == (" PREL\n", " ONE", " A. STATE 1")
    assert fields.classified_by == " X, 1.4(b)"
    assert fields.handling == ["SIPDIS", "NOFORN"]
    assert fields.end == zone.index("1.4(b)") + len("1.4(b)")


def test_a_new_record_is_the_empty_record_with_lists_of_its_own():
    first, second = new_record(), new_record()
    assert first == {
        "reference_id": None, "transmission_id": None, "precedence": None, "created": None, "origin": None,
        "recipients": {"to": [], "info": [], "except": []}, "classification": None, "handling": [],
        "sections": None, "declassify_on": None, "tags": None, "subject": None, "references": None,
        "classified_by": None, "classification_reasons": [], "paragraphs": [], "signer": None,
        "points_of_contact": [], "warnings": [],
    }
    assert tuple(first) == RECORD_KEYS
    first["warnings"].append("x")
    first["recipients"]["to"].append("y")
    for key in ("handling", "classification_reasons", "paragraphs", "points_of_contact"):
        first[key].append("z")
    assert second == new_record()


def test_the_hints_given_are_left_alone_when_metadata_lines_add_to_them():
    text = (
        "08STATE1234\nA subject of its own\nMon Jan 07 12:00:00 +0000 2008\nCONFIDENTIAL\nSecretary of State\n"
        "C O N F I D E N T I A L STATE 001234\n\nSUBJECT: A SUBJECT\n\n1. (C) TEXT.\n"
    )
    hints = {"origin": "Secretary of State", "origin_fallback": True}
    record = parse_cable(text, "t", hints=hints)
    assert hints == {"origin": "Secretary of State", "origin_fallback": True}
    assert record["reference_id"] == "08STATE1234"
    assert parse_cable(text, "t", hints=hints) == record


def _tags_by_pattern(value):
    tags = []
    for token in value[:2000].replace(",", " ").replace(";", " ").split():
        token = token.strip(".:()[]")
        if header._TAG_TOKEN_RE.fullmatch(token):
            token = token.upper()
            if token not in tags:
                tags.append(token)
    return tags


TAG_LINE_PIECES = st.sampled_from(
    [" ", "\n", "\t", ",", ";", ".", ":", "(", ")", "[", "]", "PREL", "prel", "Kv", "x", "9", "A1", "é", "ß",
     "\u017f", "\u212a", "\u0661", "K" * 24, "KK" * 13]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(TAG_LINE_PIECES, max_size=12).map("".join))
def test_tags_as_the_pattern_reads_the_line(value):
    assert header.parse_tags(value) == _tags_by_pattern(value)


CLASS_LINE_PIECES = st.sampled_from(
    ["\n", " ", "\t", '"', "x", "A", "UNCLAS", "SECRET", "S E C R E T", "C O N F I D E N T I A L", "unclassified",
     "Confidential", "/", "BEIRUT 123", "E C R E T", "O N F", "\n\n"]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(CLASS_LINE_PIECES, max_size=20).map("".join))
def test_class_lines_are_the_pattern_matches_at_a_line_start(head):
    for pattern in (header.CLASS_LINE_RE, header.CLASS_LINE_ANY_CASE_RE):
        expected = [m.span() for m in pattern.finditer(head) if header._at_line_start(head, m.start())]
        assert [m.span() for m in header._class_lines(pattern, head)] == expected


def test_remembered_stations_read_as_the_plain_functions():
    for words in ("BEIJING", "SECTION 01 OF 02 PARIS", "EFTO USUN NEW YORK", "NOFORN", "Kabul", "E.O"):
        assert header._remembered_station(words) == header._line_station(words)
    for station in ("STATE", "A. STATE", "NEW DELHI", "USUN", "PARA", "REF A", "AB"):
        assert references._remembered_cited(station) == references._cited_station(station)


@settings(max_examples=2000, deadline=None)
@given(st.lists(REF_PIECES, max_size=14).map("".join))
def test_ref_labels_all_hold_a_stop_or_a_bracket(text):
    labels = [m.group(0) for m in references._LABEL_RE.finditer(text)]
    assert all("." in label or ")" in label for label in labels)


VZCZC_PIECES = st.sampled_from(["V", "Z", "C", "VZ", "ZC", "VZCZC", "ZCZC", "a", " ", "\n"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(VZCZC_PIECES, max_size=20).map("".join))
def test_vzczc_is_found_as_the_substring_test_finds_it(text):
    assert holds_vzczc(text) == ("VZCZC" in text)


SIGNER_LINE_PIECES = st.sampled_from(
    [" ", "  ", "\t", ".", "...", "!", "?", '"', "'", ")", "*", "]", "\u201d", "-", "A", "Z", "a", "z",
     "KAIDANOW", "van Voorst", "Clinton", "CLINTON", "X" * 21, "Y" * 22, "y" * 20, "ahead", "word ", "1"]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(SIGNER_LINE_PIECES, max_size=20).map("".join))
def test_run_on_signers_are_found_where_the_whole_search_finds_them(line):
    whole = body._SIGNER_RUN_ON_RE.search(line)
    near_end = body._run_on_signer(line)
    assert (whole and (whole.span(), whole.groups())) == (near_end and (near_end.span(), near_end.groups()))


def test_run_on_signers_of_the_longest_names_are_found():
    longest = ("A" * 21 + " " + "B" * 21, "K" + "a" * 20 + " " + "V" + "a" * 20)
    for names in longest:
        lines = (f"ahead. {names}", f"ahead.{names} ..", f"ahead {names}", f"ahead. x {names}", f"ahead. {names}  ")
        for line in lines:
            whole = body._SIGNER_RUN_ON_RE.search(line)
            near_end = body._run_on_signer(line)
            assert (whole and (whole.span(), whole.groups())) == (near_end and (near_end.span(), near_end.groups()))


def test_markings_written_as_the_table_has_them_read_as_their_level():
    plain = {key: level for key, level in PORTION_LEVELS.items() if key == key.strip().upper()}
    assert plain
    for key, level in plain.items():
        assert markings.portion_marking(key) == level


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=4), st.booleans()), max_size=6))
def test_paragraphs_numbered_in_order_as_the_whole_lists_compare(shapes):
    candidates = [
        body.Candidate(i, i, number, False, None, line_start, i) for i, (number, line_start) in enumerate(shapes)
    ]
    numbers = [c.number for c in candidates]
    expected = numbers == list(range(1, len(candidates) + 1)) and all(c.line_start for c in candidates)
    assert body._numbered_in_order(candidates) == expected
