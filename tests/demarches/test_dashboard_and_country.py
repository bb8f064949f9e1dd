"""Demarches where desk officers look first: the dashboard's open list and the country page's deliveries."""

import datetime as dt

import pytest

from cables.clearance import Marking, S
from recognitions.demarches.services import demarche_record_outcome
from recognitions.models import Post

pytestmark = pytest.mark.django_db


def _deliver(demarche, post, user, on=dt.date(2008, 3, 6), **kw):
    return demarche_record_outcome(
        demarche=demarche, post=Post.objects.get(name=post), delivered_on=on, created_by=user, **kw
    )


def test_dashboard_lists_the_open_demarche_with_its_coverage_and_overdue(client, seed_demarche, analyst,
                                                                         confidential):
    _deliver(seed_demarche, "AMEMBASSY DAKAR", analyst, summary="Will raise it at the summit.")
    total = seed_demarche.targets.count()
    client.force_login(confidential)

    page = client.get("/", {"as_of": "2008-03-08"}).content.decode()
    assert "REQUEST FOR SOLIDARITY WITH KOSOVO AT OIC SUMMIT" in page
    assert f"1 of {total}" in page and "<strong>overdue</strong>" in page

    due = client.get("/", {"as_of": "2008-03-06"}).content.decode()
    assert "REQUEST FOR SOLIDARITY" in due and f"1 of {total}" in due
    assert "<strong>overdue</strong>" not in due

    before_delivery = client.get("/", {"as_of": "2008-03-05"}).content.decode()
    assert f"0 of {total}" in before_delivery

    before_the_cable = client.get("/", {"as_of": "2008-03-04"}).content.decode()
    assert "REQUEST FOR SOLIDARITY" not in before_the_cable
    assert "No demarche on Kosovo waits for reports" in before_the_cable


def test_dashboard_hides_a_demarche_above_the_users_clearance(client, seed_demarche, uncleared):
    client.force_login(uncleared)
    page = client.get("/", {"as_of": "2008-03-08"}).content.decode()
    assert "REQUEST FOR SOLIDARITY" not in page and "08STATE22377" not in page


def test_country_page_shows_the_demarche_at_its_post_and_what_the_post_reported(client, seed_demarche, analyst,
                                                                                confidential):
    client.force_login(confidential)
    before = client.get("/countries/SN/").content.decode()
    assert "AMEMBASSY DAKAR" in before and "not reported yet" in before

    _deliver(seed_demarche, "AMEMBASSY DAKAR", analyst, interlocutor_name="Cheikh Tidiane Gadio",
             summary="Will raise it at the summit.")
    after = client.get("/countries/SN/").content.decode()
    assert "Delivered 2008-03-06 to Cheikh Tidiane Gadio" in after and "Will raise it at the summit." in after

    excluded = client.get("/countries/FR/").content.decode()
    assert "REQUEST FOR SOLIDARITY" not in excluded
    assert "No demarche you are cleared for was sent to posts in France" in excluded


def test_country_page_hides_an_outcome_above_the_users_clearance(client, seed_demarche, analyst, confidential):
    _deliver(seed_demarche, "AMEMBASSY DAKAR", analyst, marking=Marking(S), summary="Secret reaction of the minister.")
    client.force_login(confidential)
    page = client.get("/countries/SN/").content.decode()
    assert "REQUEST FOR SOLIDARITY" in page
    assert "Secret reaction" not in page and "not reported yet" in page


def test_dashboard_newest_cables_are_those_sent_by_the_date_shown(client, confidential):
    from tests.facts.conftest import store_cable

    store_cable([(1, "U", "Kosovo declared independence.")], reference_id="08STATE12345",
                classification="UNCLASSIFIED", created="2008-02-18T12:00:00Z")
    store_cable([(1, "U", "Saudi Arabia recognized Kosovo.")], reference_id="09RIYADH100",
                classification="UNCLASSIFIED", created="2009-04-20T09:00:00Z")
    client.force_login(confidential)
    early = client.get("/", {"as_of": "2008-03-01"}).content.decode()
    assert "08STATE12345" in early and "09RIYADH100" not in early
    later = client.get("/", {"as_of": "2009-04-20"}).content.decode()
    assert "08STATE12345" in later and "09RIYADH100" in later
