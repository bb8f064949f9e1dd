"""The body scans' shortcuts find what the plain patterns find."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cables.parsing import body

#: The numbered-line pattern as first written: no possessive parts, matched on the text with a newline put in front.
_PLAIN_PARA_LINE_RE = re.compile(
    r"\n(?=[ \t¶\d])[ \t]*(¶[ \t]*)?(\d{1,3})[ \t]?[.)](?:[ \t]+|(?=[(A-Z\"]))(?:\([ \t]?([A-Za-z/ ]{1,20}?)[ \t]?\))?"
)

LINE_PIECES = st.sampled_from(
    ["\n", " ", "\t", "¶", "1", "7", "12", "\u0663", "\uff13", ".", ")", "(", "C", "S/NF", "SBU", "A", "a", '"', "x",
     "1. (C) ", "\n\n", "REF: STATE 69691 ", "end. ", "¶2.", " 3.(U)"]
)
PHONE_PIECES = st.sampled_from(
    ["0", "1", "5", "9", "202", "647", "5500", "\u0663", "\uff15", " ", "\t", ".", "-", "?", "x", "ext.", "(", ")",
     "+1 ", "é", "\u201d", "contact ", "@state.gov", "a"]
)


def _fields(candidate):
    return (candidate.start, candidate.content_start, candidate.number, candidate.pilcrow, candidate.marking_text,
            candidate.line_start, candidate.unmarked_start, candidate.after_sentence)


def _plain_line_candidates(text):
    found = []
    for m in _PLAIN_PARA_LINE_RE.finditer("\n" + text):
        pilcrow, number, marking = m.groups()
        start, end = m.span()
        marking_start = m.start(3) - 2 if marking is not None else end - 1
        found.append((start, end - 1, int(number), pilcrow is not None, marking, True, marking_start, False))
    return found


def _plain_run_on_candidates(text):
    found = (body._run_on(text, m) for m in body._RUN_ON_ANCHOR_RE.finditer(text))
    return [_fields(c) for c in found if c is not None]


@settings(max_examples=3000, deadline=None)
@given(st.lists(LINE_PIECES, max_size=20).map("".join))
def test_numbered_lines_as_the_plain_pattern_reads_them(text):
    assert [_fields(c) for c in body._line_candidates(text)] == _plain_line_candidates(text)


@settings(max_examples=3000, deadline=None)
@given(st.lists(LINE_PIECES, max_size=20).map("".join))
def test_run_on_markings_as_the_pattern_finds_them(text):
    assert [_fields(c) for c in body._run_on_candidates(text)] == _plain_run_on_candidates(text)


def test_a_marking_run_on_after_a_number_is_found():
    (candidate,) = body._run_on_candidates("REF: STATE 69691 1. (SBU) The text")
    assert (candidate.number, candidate.marking_text, candidate.line_start) == (1, "SBU", False)


def test_digits_other_than_ascii_number_a_line():
    (candidate,) = body._line_candidates("x\n\u0663. (C) text")
    assert (candidate.start, candidate.number, candidate.marking_text) == (2, 3, "C")


@settings(max_examples=3000, deadline=None)
@given(st.lists(PHONE_PIECES, max_size=16).map("".join), st.integers(min_value=0, max_value=40))
def test_phone_hints_as_the_pattern_finds_them(text, position):
    shapes = body._hint_shapes(text)
    plain = body._PHONE_HINT_RE.search(text, position)
    if shapes is None:
        assert plain is None
    else:
        assert body._phone_hint(text, shapes, position) == (plain.start() if plain else -1)


@settings(max_examples=3000, deadline=None)
@given(st.lists(PHONE_PIECES, max_size=16).map("".join))
def test_phones_as_the_pattern_finds_them(text):
    assert [m.span() for m in body._phones(text)] == [m.span() for m in body._PHONE_RE.finditer(text)]


def test_phones_in_digits_other_than_ascii_are_found():
    text = "tel. \u0662\u0660\u0662 \uff15\uff15\uff15-\u0661\u0662\u0663\u0664 or +1 (202) 555?1234, 202-555-1234 x12"
    assert [m.group() for m in body._phones(text)] == [m.group() for m in body._PHONE_RE.finditer(text)]
    assert len(list(body._phones(text))) == 2


PAGE_PIECES = st.sampled_from([" OF ", "OF", " ", "0", "02", "003", "\u0663", "\n", "STATE 00039345 ", "A", "x", "."])


@settings(max_examples=3000, deadline=None)
@given(st.lists(PAGE_PIECES, max_size=16).map("".join))
def test_page_marks_as_the_pattern_finds_them(text):
    at = text.find(" OF ")
    found = list(body._page_marks(text, at)) if at >= 0 else []
    plain = list(body._PAGE_MARK_RE.finditer(text))
    assert found == [m.start() for m in plain]
    assert all(len(m.group()) == body._PAGE_MARK_LENGTH for m in plain)


def test_upper_case_contact_words_are_read_past_the_shortcut_for_their_o():
    poc = body.points_of_contact([{"text": "The POC is Jane Doe at 202-647-1234."}])
    upper = body.points_of_contact([{"text": "CONTACT JANE DOE AT 202-647-1234."}])
    assert [c["phone"] for c in poc] == ["202-647-1234"]
    assert [c["phone"] for c in upper] == ["202-647-1234"]
    assert body.points_of_contact([{"text": "Call Jane at 202-647-1234 (the desk)."}]) == []
