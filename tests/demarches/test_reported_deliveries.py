"""A post's cable reporting the delivery is offered as that post's outcome, and links the reporting cable."""

import datetime as dt

import pytest

from cables.ingestion import cable_ingest
from cables.models import Fact
from recognitions.demarches.selectors import reported_deliveries
from recognitions.demarches.services import demarche_record_outcome
from recognitions.models import Post
from tests.ingestion.records import make_record

pytestmark = pytest.mark.django_db

DELIVERY = {
    "kind": "demarche",
    "entity": "XK",
    "objectives": [],
    "delivery": {
        "post": "Embassy Dakar",
        "date": "2008-03-06",
        "official": {"name": "Cheikh Tidiane Gadio", "office": "Foreign Minister"},
        "response": "Gadio said Senegal would recognize after the summit.",
    },
}


def _reporting_cable(classification="CONFIDENTIAL", reference_id="08DAKAR300"):
    record = make_record(
        reference_id=reference_id,
        classification=classification,
        origin="Embassy Dakar",
        references=["08STATE22377"],
        paragraphs=[{"number": 1, "marking": "C", "text": "We delivered reftel demarche to FM Gadio on March 6."}],
    )
    cable = cable_ingest(record, f"raw {reference_id}").cable
    Fact.objects.create(
        cable=cable, kind="demarche", key=reference_id, payload=DELIVERY, paragraph=1, marking_level=2
    )
    return cable


def test_a_reported_delivery_is_offered_and_prefills_the_form(client, seed_demarche, analyst):
    _reporting_cable()
    offered = reported_deliveries(seed_demarche, analyst)
    assert [(r.target.post.name, r.delivered_on, r.reference_id) for r in offered] == [
        ("AMEMBASSY DAKAR", dt.date(2008, 3, 6), "08DAKAR300")
    ]
    client.force_login(analyst)
    assert "file as outcome" in client.get(f"/demarches/{seed_demarche.pk}/").content.decode()
    form = client.get(f"/demarches/{seed_demarche.pk}/outcomes/new/?fact={offered[0].fact_id}").content.decode()
    assert 'value="Cheikh Tidiane Gadio"' in form
    assert 'value="08DAKAR300"' in form


def test_filing_from_the_reporting_cable_links_it_and_stops_offering_it(seed_demarche, analyst):
    cable = _reporting_cable()
    outcome = demarche_record_outcome(
        demarche=seed_demarche,
        post=Post.objects.get(name="AMEMBASSY DAKAR"),
        delivered_on=dt.date(2008, 3, 6),
        reporting_reference_id="08dakar300",
        created_by=analyst,
    )
    assert outcome.reporting_cable == cable
    assert reported_deliveries(seed_demarche, analyst) == []


def test_a_secret_reporting_cable_raises_the_outcome_marking_and_hides_from_the_uncleared(
    seed_demarche, analyst, confidential
):
    _reporting_cable(classification="SECRET//NOFORN", reference_id="08DAKAR301")
    assert reported_deliveries(seed_demarche, confidential) == []
    from tests import factories

    noforn_analyst = factories.UserFactory(username="nf", clearance="SECRET", noforn_release=True, role="analyst")
    outcome = demarche_record_outcome(
        demarche=seed_demarche,
        post=Post.objects.get(name="AMEMBASSY DAKAR"),
        delivered_on=dt.date(2008, 3, 6),
        reporting_reference_id="08DAKAR301",
        created_by=noforn_analyst,
    )
    assert outcome.marking.banner == "SECRET//NOFORN"
