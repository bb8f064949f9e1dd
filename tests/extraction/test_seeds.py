"""Precision and recall per kind of fact on the two seed cables, against the mission's list."""

import collections

import pytest

from cables.extraction import KINDS
from tests.extraction.answers import SEEDS, facts, load_key, matches

EXPECTED = load_key("seeds_expected.json")


def _scores() -> dict[str, tuple[float, float, int, int]]:
    scores = {}
    for kind in KINDS:
        expected = [e for e in EXPECTED if e["kind"] == kind]
        extracted = [f for ref in SEEDS for f in facts(ref) if f["kind"] == kind]
        found = [
            e for e in expected if any(matches(f, e["all"]) for f in facts(e["reference_id"]) if f["kind"] == kind)
        ]
        right = [
            f
            for f in extracted
            if any(matches(f, e["all"]) for e in expected if e["reference_id"] == f["source"]["reference_id"])
        ]
        recall = len(found) / len(expected) if expected else 1.0
        precision = len(right) / len(extracted) if extracted else 1.0
        scores[kind] = (precision, recall, len(extracted), len(expected))
    return scores


@pytest.mark.parametrize("kind", KINDS)
def test_every_expected_fact_and_nothing_else(kind):
    precision, recall, extracted, expected = _scores()[kind]
    assert recall == 1.0, f"{kind}: recall {recall:.2f} ({expected} expected)"
    assert precision == 1.0, f"{kind}: precision {precision:.2f} ({extracted} extracted)"


def test_both_seeds_yield_every_kind():
    kinds = collections.Counter(f["kind"] for ref in SEEDS for f in facts(ref))
    assert set(kinds) == set(KINDS)


def test_demarche_of_the_islamic_collective():
    [demarche] = [f for f in facts("08STATE22377") if f["kind"] == "demarche"]
    assert demarche["collectives"] == [{"post": "ISLAMIC COLLECTIVE", "routing": None}]
    assert demarche["deadline"] == "2008-03-07"
    assert len(demarche["objectives"]) == 4
    assert demarche["objectives"][-1].startswith("Urge host government to recognize Kosovo's independence")
    assert len({p["post"] for p in demarche["excluded"]}) == len(demarche["excluded"]) == 19
    assert demarche["talking_points"][0].startswith("As you know, the United States")
