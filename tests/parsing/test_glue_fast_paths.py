"""The glue's shortcuts around the stages read what the general rules they stand in for read."""

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cables.parsing import body, cable, cleaning
from cables.parsing.records import new_record
from cables.parsing.references import is_reference_id

#: Blanks of every width, line ends of every copy, and the damage the copies leave.
BLANK_PIECES = st.sampled_from(
    [" ", "  ", "\n", "\r\n", "\r", "\t", "\x00", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u1680", "\u2000",
     "\u200a", "\u200b", "\u2028", "\u202f", "\u3000", "\ufeff", "\\", '\\"', "\\'", "\\\\", "a", "Z", "é", "¶",
     "\u201d", "\u2019", "x y", "SUBJECT: ", "-----"]
)


def _odd_by_definition(text):
    return any(character.isspace() and character not in " \n" for character in text)


def test_the_odd_spaces_listed_are_every_blank_but_the_space_and_the_newline():
    blanks = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}
    listed = cleaning._OTHER_ASCII_SPACES + cleaning._OTHER_UNICODE_SPACES
    assert len(set(listed)) == len(listed)
    assert set(listed) == blanks - {" ", "\n"}
    assert all(space.isascii() for space in cleaning._OTHER_ASCII_SPACES)


@settings(max_examples=3000, deadline=None)
@given(st.lists(BLANK_PIECES, max_size=14).map("".join))
def test_odd_spaces_as_the_definition_finds_them(text):
    assert cleaning.has_odd_spaces(text) == _odd_by_definition(text)
    assert cleaning.squeeze(text) == " ".join(text.split())


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(cleaning._OTHER_ASCII_SPACES + cleaning._OTHER_UNICODE_SPACES), st.integers(0, 3))
def test_each_odd_space_is_found_alone_and_among_wide_text(space, place):
    text = ["ab \u201ccd\u201d\n", "é ¶ ", "x" * 40, "\u3001"][place]
    assert cleaning.has_odd_spaces(space)
    assert cleaning.has_odd_spaces(text + space + text)
    assert not cleaning.has_odd_spaces(text.replace(space, ""))


CONTACT_PIECES = st.sampled_from(
    ["POC", "ONTACT", "ontact", "C", "O", "P", "N", "OC", "PO", "ONTAC", "NTACT", " ", ": ", ", ", "\n", "\t", "¶",
     "é", "\u201d", "Jane Doe", "Desk Officer ", "at ", "tel. ", "202-647-1234", "(202) 647-1234", "+1 202.647.1234",
     "647\t1234", "x12",
     "\u0662\u0660\u0662 \u0665\u0665\u0665-\u0661\u0662\u0663\u0664", "jane.doe@state.gov", "@", "or ", "a"]
)
_CONTACT_WORDS = ("ontact", "ONTACT", "POC")


@settings(max_examples=3000, deadline=None)
@given(st.lists(CONTACT_PIECES, max_size=12).map("".join))
def test_contact_paragraphs_are_those_holding_a_contact_word(text):
    """The capitals looked for first are in the words: with an `O` and a `C` put at the end,
    past every phone and address, a paragraph is read exactly when a word is in it."""
    found = body.points_of_contact([{"text": text}])
    if not any(word in text for word in _CONTACT_WORDS):
        assert found == []
    else:
        assert found == body.points_of_contact([{"text": text + " OC"}])


def test_upper_case_contact_words_without_another_o_or_c_are_read():
    assert [c["phone"] for c in body.points_of_contact([{"text": "POC: Jane Ruiz, 202-647-1234."}])] == ["202-647-1234"]
    assert [c["phone"] for c in body.points_of_contact([{"text": "ONTACT: 202-647-1234"}])] == ["202-647-1234"]
    assert [c["phone"] for c in body.points_of_contact([{"text": "PoC/POC: 202-647-1234"}])] == ["202-647-1234"]
    assert body.points_of_contact([{"text": "PO CONTAC N at 202-647-1234."}]) == []


def _reference_id_by_the_full_check(hints, own_reference):
    """The reference id and warnings as first written: the container's id checked for its form first."""
    warnings = []
    hinted_id = hints.get("reference_id")
    if hinted_id is not None and not is_reference_id(hinted_id):
        hinted_id = None
    if own_reference and hinted_id and own_reference != hinted_id:
        warnings.append(f"the cable reads as {own_reference} but its container says {hinted_id}; kept {hinted_id}")
        chosen = hinted_id
    else:
        chosen = own_reference or hinted_id
    if chosen is None:
        warnings.append("reference id unknown")
    return chosen, warnings


@pytest.mark.parametrize("own_reference", [None, "08STATE1234", "not an id", ""])
@pytest.mark.parametrize("hinted_id", [None, "08STATE1234", "08STATE999", "not an id", "", " 08STATE1234"])
def test_the_containers_reference_id_is_kept_as_the_full_check_keeps_it(own_reference, hinted_id):
    record, warnings = new_record(), []
    hints = {"reference_id": hinted_id, "classification": "SECRET", "origin": "Embassy Paris", "origin_fallback": True}
    record["classification"], record["origin"] = "SECRET", "AMEMBASSY PARIS"
    cable._fill_from_hints(record, hints, 2008, warnings, own_reference)
    assert (record["reference_id"], warnings) == _reference_id_by_the_full_check(hints, own_reference)


NOTICE_PIECES = st.sampled_from(
    [cable.PARTIAL_NOTICE, "This record is a partial extract of the original cable.", " ", "\t", "\n", "\r\n", "\x00",
     "\u3000", "The full text of the original cable is not available.", "this record", "x", "\\", "08STATE1234\n"]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(NOTICE_PIECES, max_size=6).map("".join))
def test_the_partial_notice_ends_where_the_pattern_ends_it(text):
    partial = cable._PARTIAL_RE.match(text)
    assert cable._partial_notice_end(text) == (0 if partial is None else partial.end())
