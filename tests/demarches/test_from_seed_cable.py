"""Done means: the seed cable 08STATE22377 ingested, its `demarche` fact accepted, the OIC demarche exists."""

import datetime as dt

import pytest

from cables.ingestion import cable_ingest
from cables.models import Fact
from cables.parsing import parse_cable
from cables.review import fact_accept
from recognitions.demarches.selectors import demarche_list
from recognitions.demarches.services import demarche_record_from_fact, demarche_record_outcome
from recognitions.models import Membership, Post
from tests.ingestion.records import seed_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_fact(ledger, django_capture_on_commit_callbacks):
    raw = seed_text("08STATE22377")
    with django_capture_on_commit_callbacks(execute=True):
        cable_ingest(parse_cable(raw), raw, source="08STATE22377.txt")
    return Fact.objects.get(kind="demarche", cable__reference_id="08STATE22377", cable__is_current=True)


def test_accepting_the_seed_fact_creates_the_oic_demarche(seed_fact, analyst):
    fact = fact_accept(seed_fact, analyst, version=seed_fact.version)
    demarche = fact.ledger_row  # accepting the fact is what creates the demarche
    assert demarche_record_from_fact(fact, fact.claim, analyst).pk == demarche.pk  # recording again adds nothing

    assert (demarche.reference_id, demarche.cable_date, demarche.deadline) == (
        "08STATE22377",
        dt.date(2008, 3, 5),
        dt.date(2008, 3, 7),
    )
    assert demarche.title == "REQUEST FOR SOLIDARITY WITH KOSOVO AT OIC SUMMIT"
    assert demarche.cable == fact.cable
    assert demarche.marking.banner == "CONFIDENTIAL"  # the cable's classification, above its SBU paragraph
    assert demarche.objectives.count() == 4
    assert demarche.objectives.last().text.startswith("Urge host government to recognize Kosovo")
    oic = set(
        Membership.objects.active_on(dt.date(2008, 3, 5))
        .filter(organization__code="OIC")
        .values_list("country__code", flat=True)
    )
    assert set(demarche.targets.values_list("country__code", flat=True)) == oic - {"MR", "PS"}
    assert "AMEMBASSY NOUAKCHOTT" in demarche.excluded_posts

    for name in ("AMEMBASSY DAKAR", "AMEMBASSY KUALA LUMPUR"):
        demarche_record_outcome(
            demarche=demarche, post=Post.objects.get(name=name), delivered_on=dt.date(2008, 3, 6), created_by=analyst
        )
    row = demarche_list(analyst).get(pk=demarche.pk)
    assert f"{row.targets_delivered} of {row.targets_total} delivered" == f"2 of {len(oic) - 2} delivered"


def test_a_reported_delivery_creates_no_demarche(ledger, analyst):
    claim = {"kind": "demarche", "objectives": [], "delivery": {"post": "Embassy Reykjavik", "date": "2008-03-06"}}
    assert demarche_record_from_fact(None, claim, analyst) is None
