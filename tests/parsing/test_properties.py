"""Whatever it is given, the parser returns a record or a CableParseError, never another error."""

import gzip

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cables.parsing import RECORD_KEYS, CableParseError, iter_cables, parse_cable

from .helpers import CORPUS, SEEDS

REAL = [
    (SEEDS / "09STATE39345.txt").read_text(encoding="utf-8"),
    (SEEDS / "08STATE22377.telegram.txt").read_text(encoding="utf-8"),
    (CORPUS / "10BELGRADE3.txt").read_text(encoding="utf-8"),
]
TELEGRAM_WORDS = st.sampled_from(
    ["C O N F I D E N T I A L", "SECTION 01 OF 02", "STATE 039345", "\n", "\n\n", "¶1. (C)", "11. (SBU)", "TAGS:",
     "SUBJECT:", "REF:", "A. STATE 16762", "E.O. 12958: DECL: 04/16/2019", "Classified By:", "VZCZC", "FM ",
     "TO RUEHC/SECSTATE WASHDC", "P 211343Z APR 09", "CLINTON", "(C/NF)", "\t", "\\", '"', "UNCLAS", "XMT ", "1.4(b)"]
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(result):
    if isinstance(result, CableParseError):
        assert result.message
        return
    assert tuple(result) == RECORD_KEYS
    for paragraph in result["paragraphs"]:
        assert paragraph["marking"] in (None, "U", "SBU", "C", "S", "U/NF", "SBU/NF", "C/NF", "S/NF")


def _parse(text):
    try:
        return parse_cable(text)
    except CableParseError as error:
        return error


@SETTINGS
@given(st.binary(max_size=4000))
def test_any_bytes(data):
    _check(_parse(data))
    for result in iter_cables(data, "fuzz"):
        _check(result)


@SETTINGS
@given(st.text(max_size=4000))
def test_any_text(text):
    _check(_parse(text))
    for result in iter_cables(text, "fuzz"):
        _check(result)


@SETTINGS
@given(st.lists(TELEGRAM_WORDS, max_size=60).map(" ".join))
def test_telegram_like_text(text):
    _check(_parse(text))
    for result in iter_cables(text, "fuzz"):
        _check(result)


@SETTINGS
@given(st.sampled_from(REAL), st.integers(min_value=0, max_value=20000))
def test_any_truncation_of_a_real_cable(text, cut):
    _check(_parse(text[:cut]))
    _check(_parse(text[cut:]))


@SETTINGS
@given(st.sampled_from(REAL), st.integers(min_value=8, max_value=200), st.booleans())
def test_any_rewrapping_of_a_real_cable(text, width, flatten):
    words = text.split()
    if flatten:
        rewrapped = " ".join(words)
    else:
        lines, line = [], []
        for word in words:
            line.append(word)
            if sum(len(w) + 1 for w in line) > width:
                lines.append(" ".join(line))
                line = []
        lines.append(" ".join(line))
        rewrapped = "\n".join(lines)
    _check(_parse(rewrapped))


@SETTINGS
@given(st.sampled_from(REAL), st.lists(st.integers(min_value=0, max_value=20000), max_size=8), st.binary(max_size=8))
def test_real_cable_with_damaged_bytes(text, positions, junk):
    data = bytearray(text.encode("utf-8"))
    for position in positions:
        if data:
            data[position % len(data)] = junk[0] if junk else 0
    _check(_parse(bytes(data)))
    for result in iter_cables(gzip.compress(bytes(data)), "fuzz"):
        _check(result)


@SETTINGS
@given(st.binary(max_size=300))
def test_damaged_gzip(data):
    for result in iter_cables(b"\x1f\x8b" + data, "fuzz"):
        _check(result)


def test_superscript_digit_before_a_marking_is_read_as_text():
    # `str.isdigit` takes `²` for a digit, and `int` refuses it: this once raised ValueError.
    record = parse_cable("UNCLASSIFIED STATE 1\nSUBJECT: X\n\n1. (U) Costs rose by 10 m². (C) Ours did not.\n")
    assert [p["number"] for p in record["paragraphs"]] == [1]
    assert "m². (C) Ours" in record["paragraphs"][0]["text"]
