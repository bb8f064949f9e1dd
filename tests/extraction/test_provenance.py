"""Every fact points at the exact words it came from, with the paragraph's portion marking."""

import pytest

from tests.extraction.answers import SEEDS, facts, load_key, records

CABLES = sorted({e["reference_id"] for e in load_key("corpus.json")} | set(SEEDS))


@pytest.mark.parametrize("reference_id", CABLES)
def test_span_quotes_the_paragraph_and_carries_its_marking(reference_id):
    paragraphs = {}
    for record in records(reference_id):
        paragraphs[None] = (record.get("subject") or "", None)
        for paragraph in record["paragraphs"]:
            paragraphs.setdefault(paragraph["number"], (paragraph["text"], paragraph["marking"]))
    for fact in facts(reference_id):
        source = fact["source"]
        assert source["reference_id"] == reference_id
        text, marking = paragraphs[source["paragraph"]]
        start, end = source["span"]
        assert 0 <= start < end <= len(text)
        assert text[start:end] == source["quote"]
        assert source["quote"] == source["quote"].strip()
        assert source["marking"] == marking


def test_the_us_recognition_quotes_its_sentence():
    [fact] = [f for f in facts("09STATE39345") if f["kind"] == "recognition"]
    assert fact["source"]["quote"].startswith("The United States recognized Kosovo and established diplomatic")
    assert fact["source"]["paragraph"] == 5
    assert fact["source"]["marking"] == "SBU"
