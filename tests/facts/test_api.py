"""/api/v1/facts/: clearance, filters, the cable link, decisions by analysts, CSV."""

import pytest
from rest_framework.test import APIClient

from cables.models import Fact
from recognitions.models import RecognitionEvent

pytestmark = pytest.mark.django_db

URL = "/api/v1/facts/"


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def kinds(response):
    return sorted(row["kind"] for row in response.json()["results"])


def test_an_uncleared_user_sees_only_unclassified_facts_and_not_their_confidential_cable(seeded, uncleared):
    response = client_for(uncleared).get(URL)
    assert response.status_code == 200
    assert kinds(response) == ["demarche", "stance"]
    assert {row["cable"] for row in response.json()["results"]} == {None}
    assert {row["marking"] for row in response.json()["results"]} == {"U"}
    hidden = Fact.objects.get(kind="recognition")
    assert client_for(uncleared).get(f"{URL}{hidden.pk}/").status_code == 404


def test_a_cleared_user_sees_every_fact_with_its_cable_and_provenance(seeded, confidential):
    recognition = Fact.objects.get(kind="recognition")
    row = client_for(confidential).get(f"{URL}{recognition.pk}/").json()
    assert row["cable"] == "09STATE39345" and row["paragraph"] == 2 and row["marking"] == "C"
    assert row["span"] == [recognition.span_start, recognition.span_end]
    assert row["claim"]["state"] == {"code": "US", "name": "United States"}
    assert (row["entity"], row["country"], row["review_state"], row["version"]) == ("XK", "US", "pending", 1)


@pytest.mark.parametrize("query, expected", [
    ("kind=stance", ["stance"]),
    ("entity=xk", ["demarche", "recognition", "recognition", "recognition_count", "stance"]),
    ("country=RS", ["stance"]),
    ("cable=09state39345", ["demarche", "recognition", "recognition_count", "stance"]),
    ("cable=08STATE22377", ["recognition"]),
    ("review_state=accepted", ["recognition"]),
])
def test_filters(seeded, analyst, django_capture_on_commit_callbacks, query, expected):
    from cables.review import fact_accept
    from tests.facts.conftest import RECOGNITION, store_cable

    with django_capture_on_commit_callbacks(execute=True):
        store_cable([(3, "U", RECOGNITION)], reference_id="08STATE22377")
    accepted = Fact.objects.get(cable__reference_id="08STATE22377")
    fact_accept(accepted, analyst, version=1)
    assert kinds(client_for(analyst).get(f"{URL}?{query}")) == expected


def test_filtering_by_a_hidden_cable_finds_nothing(seeded, uncleared):
    assert kinds(client_for(uncleared).get(f"{URL}?cable=09STATE39345")) == []


def test_an_analyst_accepts_through_the_api_and_a_stale_version_is_a_conflict(seeded, analyst, second_analyst):
    recognition = Fact.objects.get(kind="recognition")
    response = client_for(analyst).post(f"{URL}{recognition.pk}/accept/", {"version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["review_state"] == "accepted"
    assert response.json()["ledger"] == {"model": "recognitionevent", "id": RecognitionEvent.objects.get().pk}
    again = client_for(second_analyst).post(f"{URL}{recognition.pk}/reject/", {"version": 1, "reason": "no"},
                                            format="json")
    assert again.status_code == 409
    assert "changed after you opened it" in again.json()["detail"]


def test_a_correction_through_the_api(seeded, analyst):
    recognition = Fact.objects.get(kind="recognition")
    edited = {**recognition.payload, "date": "2008-02-19"}
    response = client_for(analyst).post(f"{URL}{recognition.pk}/accept/", {"version": 1, "edited_payload": edited},
                                        format="json")
    assert response.json()["claim"]["date"] == "2008-02-19"
    assert str(RecognitionEvent.objects.get().date) == "2008-02-19"


def test_rejecting_without_a_reason_is_a_bad_request(seeded, analyst):
    stance = Fact.objects.get(kind="stance")
    response = client_for(analyst).post(f"{URL}{stance.pk}/reject/", {"version": 1, "reason": ""}, format="json")
    assert response.status_code == 400
    assert Fact.objects.get(kind="stance").review_state == "pending"


def test_desk_officers_read_but_do_not_decide_and_anonymous_callers_get_nothing(seeded, confidential):
    stance = Fact.objects.get(kind="stance")
    assert client_for(confidential).post(f"{URL}{stance.pk}/accept/", {"version": 1}, format="json").status_code == 403
    assert APIClient().get(URL).status_code in (401, 403)
    assert Fact.objects.get(kind="stance").review_state == "pending"


def test_an_analyst_cannot_decide_a_fact_above_their_clearance(seeded, countries):
    from tests import factories

    low_analyst = factories.UserFactory(username="low_analyst", clearance="UNCLASSIFIED", role="analyst")
    recognition = Fact.objects.get(kind="recognition")
    response = client_for(low_analyst).post(f"{URL}{recognition.pk}/accept/", {"version": 1}, format="json")
    assert response.status_code == 404


def test_csv(seeded, confidential):
    response = client_for(confidential).get(f"{URL}?format=csv&kind=recognition_count")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert "recognition_count" in text and "57 countries have recognized Kosovo" in text


def test_a_cables_detail_lists_the_facts_the_caller_is_cleared_for(seeded, confidential):
    from tests import factories

    row = client_for(confidential).get("/api/v1/cables/09STATE39345/").json()
    assert sorted(fact["kind"] for fact in row["facts"]) == ["demarche", "recognition", "recognition_count", "stance"]
    noforn_fact = Fact.objects.get(kind="stance")
    Fact.objects.filter(pk=noforn_fact.pk).update(noforn=True)
    row = client_for(confidential).get("/api/v1/cables/09STATE39345/").json()
    assert "stance" not in [fact["kind"] for fact in row["facts"]]
    released = factories.UserFactory(username="released", clearance="CONFIDENTIAL", noforn_release=True)
    row = client_for(released).get("/api/v1/cables/09STATE39345/").json()
    assert "stance" in [fact["kind"] for fact in row["facts"]]
