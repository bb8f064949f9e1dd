"""The hand-made answer keys: every must-have found, no must-not tripped, on the real parser's records."""

import pytest

from tests.extraction.answers import label, load_key, matches, of_kind

ENTRIES = load_key("seeds.json") + load_key("corpus.json")
MUST = [e for e in ENTRIES if "all" in e]
MUST_NOT = [e for e in ENTRIES if "none" in e]


def test_the_keys_hold_what_their_readme_says():
    assert len(load_key("corpus.json")) == 85
    assert len([e for e in load_key("corpus.json") if "all" in e]) == 51


@pytest.mark.parametrize("entry", MUST, ids=label)
def test_must_have_is_found(entry):
    found = of_kind(entry)
    assert any(matches(fact, entry["all"]) for fact in found), [f["source"]["quote"][:100] for f in found]


@pytest.mark.parametrize("entry", MUST_NOT, ids=label)
def test_must_not_is_never_extracted(entry):
    tripped = [fact for fact in of_kind(entry) if matches(fact, entry["none"])]
    assert tripped == []
