"""Facts tests: a small cast of states, a stand-in extractor, and cables stored the way ingestion stores them.

The stand-in extractor finds a fixed set of sentences wherever they occur and
returns them in the shape `cables.extraction.extract_facts` documents, so
these tests exercise storage, review and the ledger, not the reading rules.
"""

import datetime as dt

import pytest

from cables.ingestion import cable_ingest
from tests.ingestion.records import make_record
from tests.recognitions.conftest import _fast_password_hashing  # noqa: F401  shared fixture

US = {"code": "US", "name": "United States"}
RS = {"code": "RS", "name": "Serbia"}

#: (kind, sentence, fields): the claims the stand-in extractor recognizes.
SENTENCES = [
    ("recognition", "The United States recognized Kosovo on 18 February 2008.",
     {"state": US, "entity": "XK", "status": "recognized", "as_of": "2009-04-21", "date": "2008-02-18"}),
    ("stance", "Serbia will oppose Kosovo's membership.",
     {"state": RS, "entity": "XK", "stance": "oppose", "context": "", "person": None, "date": "2009-04-21"}),
    ("recognition_count", "57 countries have recognized Kosovo as of April 7.",
     {"entity": "XK", "number": 57, "as_of": "2009-04-07", "counted": "recognized", "exact": True,
      "date": "2009-04-07"}),
    ("demarche", "Posts should urge host governments to recognize Kosovo.",
     {"entity": "XK", "addressees": ["AMEMBASSY ROME"], "deadline": None, "objectives": ["recognize Kosovo"],
      "date": "2009-04-21"}),
    ("recognition", "Atlantis recognized Kosovo yesterday.",
     {"state": {"code": None, "name": "Atlantis"}, "entity": "XK", "status": "recognized", "as_of": "2009-04-21",
      "date": "2009-04-20"}),
]

RECOGNITION = SENTENCES[0][1]
STANCE = SENTENCES[1][1]
COUNT = SENTENCES[2][1]
DEMARCHE = SENTENCES[3][1]
UNKNOWN_STATE = SENTENCES[4][1]


def stand_in_extract(record: dict) -> list[dict]:
    facts = []
    for paragraph in record.get("paragraphs") or []:
        text = paragraph["text"]
        for kind, sentence, fields in SENTENCES:
            start = text.find(sentence)
            if start < 0:
                continue
            facts.append({
                "kind": kind,
                **fields,
                "source": {
                    "reference_id": record["reference_id"],
                    "paragraph": paragraph["number"],
                    "span": [start, start + len(sentence)],
                    "marking": paragraph["marking"],
                    "quote": sentence,
                },
                "warnings": [],
            })
    return facts


@pytest.fixture(autouse=True)
def _stand_in_extractor(monkeypatch):
    monkeypatch.setattr("cables.facts.extractor", lambda: stand_in_extract)


@pytest.fixture
def countries(db):
    from recognitions.models import Country, Organization

    rows = {
        "XK": Country.objects.create(code="XK", name="Kosovo", is_contested=True, declared_on=dt.date(2008, 2, 17)),
        "US": Country.objects.create(code="US", name="United States"),
        "RS": Country.objects.create(code="RS", name="Serbia"),
    }
    Organization.objects.create(code="EU", name="European Union")
    return rows


def store_cable(paragraphs, reference_id="09STATE39345", classification="CONFIDENTIAL", **fields):
    """Store a cable through ingestion (which queues extraction, run eagerly here)."""
    paragraphs = [{"number": number, "marking": marking, "text": text} for number, marking, text in paragraphs]
    record = make_record(reference_id=reference_id, classification=classification, paragraphs=paragraphs,
                         **fields)
    return cable_ingest(record, f"raw text of {reference_id} {len(paragraphs)} {paragraphs[-1]['text']}").cable


@pytest.fixture
def seeded(countries, django_capture_on_commit_callbacks):
    """A CONFIDENTIAL cable with an unclassified paragraph and a confidential one, its facts extracted."""
    with django_capture_on_commit_callbacks(execute=True):
        return store_cable([
            (1, "U", f"Summary. {DEMARCHE} {STANCE}"),
            (2, "C", f"Background. {RECOGNITION} {COUNT}"),
        ])


@pytest.fixture
def second_analyst(db):
    from tests import factories

    return factories.UserFactory(username="second_analyst", clearance="SECRET", role="analyst")
