"""The content digest's JSON, written directly, is byte for byte what the json module writes."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from cables.ingestion import content_hash, content_json
from tests.ingestion.records import make_record

HASHED = ("reference_id", "created", "origin", "classification", "subject", "tags", "references", "signer",
          "recipients", "declassify_on", "handling")


def json_module_content(record: dict) -> str:
    """The rule: json.dumps of the hashed fields and the paragraphs as (number, marking, text), keys sorted."""
    content = {key: record.get(key) for key in HASHED}
    content["paragraphs"] = [(p.get("number"), p.get("marking"), p.get("text")) for p in record.get("paragraphs") or []]
    return json.dumps(content, sort_keys=True, ensure_ascii=False)


ODD_TEXTS = [
    "", 'he said "no"', "a \\ b", "tab\there", "line\nbreak", "cr\rlf", "bell\x07", "nul\x00", "del\x7f",
    "CAF\u00c9", "\u00a0no-break space", "\u2028line separator", "emoji \U0001f600", "\ud800 lone surrogate",
]


def test_odd_paragraph_texts_and_markings_are_written_as_json_writes_them():
    paragraphs = [{"number": n, "marking": marking, "text": text}
                  for n, text in enumerate(ODD_TEXTS, 1) for marking in ("C/NF", None, 'S"')]
    record = make_record(paragraphs=paragraphs)
    assert content_json(record) == json_module_content(record)


def test_numbers_that_are_not_plain_integers_are_written_as_json_writes_them():
    paragraphs = [{"number": number, "marking": "U", "text": "x"} for number in (None, True, "3", 2.5, 10**20)]
    record = make_record(paragraphs=paragraphs)
    assert content_json(record) == json_module_content(record)


def test_a_record_without_paragraphs_or_fields():
    for record in ({}, {"paragraphs": None}, {"paragraphs": []}):
        assert content_json(record) == json_module_content(record)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.fixed_dictionaries({
        "number": st.one_of(st.none(), st.integers(), st.text(max_size=3)),
        "marking": st.one_of(st.none(), st.text(max_size=6)),
        "text": st.one_of(st.none(), st.text(), st.text(alphabet=st.characters(max_codepoint=127))),
    }), max_size=6),
    st.one_of(st.none(), st.text()),
)
def test_any_paragraphs_and_subject_are_written_as_json_writes_them(paragraphs, subject):
    record = make_record(paragraphs=paragraphs, subject=subject)
    assert content_json(record) == json_module_content(record)


def test_the_digest_is_of_those_bytes():
    import hashlib

    record = make_record()
    assert content_hash(record) == hashlib.sha256(json_module_content(record).encode()).hexdigest()
