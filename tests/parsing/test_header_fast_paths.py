"""The header's shortcuts read fields, handling captions and markings as the general rules do."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cables.parsing import markings

ODD_PIECES = ["\r\n", "\t", "\u00a0", "\u3000", "¶", "ß", "ſ", "İ", "ı", "\u212a", "’"]

MARKING_PIECES = st.sampled_from(
    [" ", "\n", ".", "_", "1", "/", "x", "s", "i", "e", "f", "t", "o", "n", "SENSITIVE", "sensitive", "SENſITIVE",
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
        assert len(lowered) == 1
        assert bool(word.match(lowered)) == bool(word.match(character))
        if ascii_letter.fullmatch(character):
            assert lowered.isascii() and re.fullmatch(lowered, character, re.I)
