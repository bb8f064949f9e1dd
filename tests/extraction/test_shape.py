"""Every fact has its kind's documented fields, enumerated values from the documented words, ISO dates."""

import datetime as dt

import pytest

from cables.extraction import CHOICES, FIELDS, extract_facts, fingerprint
from tests.extraction.answers import SEEDS, facts, load_key, records

CABLES = sorted({e["reference_id"] for e in load_key("corpus.json")} | set(SEEDS))
ALL = [fact for ref in CABLES for fact in facts(ref)]


def _iso(value):
    return value is None or dt.date.fromisoformat(value).isoformat() == value


@pytest.mark.parametrize("kind", sorted(FIELDS))
def test_fields_are_the_documented_ones(kind):
    of_kind = [f for f in ALL if f["kind"] == kind]
    assert of_kind, f"no {kind} fact in the keyed cables"
    for fact in of_kind:
        assert list(fact) == ["kind", *FIELDS[kind], "date", "source", "warnings"]
        assert _iso(fact["date"])


def test_enumerated_values_and_states():
    for fact in ALL:
        kind = fact["kind"]
        if kind in ("recognition_count", "organization_share"):
            assert fact["counted"] in CHOICES["counted"]
        if kind == "recognition":
            assert fact["status"] in CHOICES["recognition_status"]
        if kind == "stance":
            assert fact["stance"] in CHOICES["stance"]
        if kind == "admission_bid":
            assert fact["status"] in CHOICES["bid_status"]
        for key in ("state", "blocked_by", "host", "chair"):
            state = fact.get(key)
            if state is not None:
                assert set(state) == {"code", "name"} and state["code"].isupper() and state["name"]


def test_fingerprints_are_stable_and_distinct():
    [record] = records("09STATE39345")
    first = [fingerprint(f) for f in extract_facts(record)]
    assert first == [fingerprint(f) for f in extract_facts(record)]
    assert len(set(first)) == len(first)
