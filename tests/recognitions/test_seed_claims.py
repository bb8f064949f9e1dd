"""The seed cables' count claims, read by the real parser and extractor and
accepted, set beside the ledger the way the reference README reconciles them."""

from pathlib import Path

import pytest

from cables.facts import cable_facts_extract
from cables.ingestion import cable_ingest
from cables.models import Fact
from cables.parsing import parse_cable
from cables.review import facts_accept
from recognitions.models import Country
from recognitions.reference import load_reference_data
from recognitions.selectors import entity_reconciliation
from tests.factories import UserFactory

SEEDS = Path(__file__).resolve().parents[2] / "cables" / "data" / "seeds"


@pytest.fixture
def reconciliation(db):
    load_reference_data()
    analyst = UserFactory(username="seed_analyst", clearance="SECRET", role="analyst")
    for name in ("08STATE22377.txt", "09STATE39345.txt"):
        text = (SEEDS / name).read_text(encoding="utf-8")
        cable_facts_extract(cable_ingest(parse_cable(text), text).cable.pk)
    facts_accept([(f.pk, f.version) for f in Fact.objects.all()], analyst)
    return entity_reconciliation(Country.objects.get(code="XK"), analyst)


def lines(reconciliation, organization=None):
    return [(r.claim.as_of.isoformat(), r.claim.number, r.ledger_number, r.agrees)
            for r, _ in reconciliation if r.claim.organization == organization]


def test_headline_claims_agree_with_the_ledger(reconciliation):
    headline = lines(reconciliation)
    assert ("2008-03-04", 23, 23, True) in headline
    assert ("2009-04-07", 57, 57, True) in headline


def test_all_of_the_g7_is_seven_of_seven_and_agrees(reconciliation):
    assert ("2009-04-07", 7, 7, True) in lines(reconciliation, "G7")


def test_eu_and_nato_shares_on_the_cable_date(reconciliation):
    assert ("2009-04-21", 22, 22, True) in lines(reconciliation, "EU")
    assert ("2009-04-21", 24, 24, True) in lines(reconciliation, "NATO")
