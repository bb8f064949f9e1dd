"""The demarche API: read for every role, write for analysts, clear refusals, 409 on a stale version, CSV."""

import pytest
from rest_framework.test import APIClient

from recognitions.demarches.models import Outcome
from tests import factories
from tests.demarches.conftest import SEED_XMT

pytestmark = pytest.mark.django_db


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _outcomes_url(demarche):
    return f"/api/v1/demarches/{demarche.pk}/outcomes/"


DAKAR = {"post": "AMEMBASSY DAKAR", "delivered_on": "2008-03-06", "responses": {"1": "supportive"}}


def test_desk_officer_reads_demarches_with_coverage(seed_demarche, analyst, confidential):
    _client(analyst).post(_outcomes_url(seed_demarche), DAKAR, format="json")
    body = _client(confidential).get("/api/v1/demarches/").json()
    row = body["results"][0]
    assert row["reference_id"] == "08STATE22377"
    assert row["deadline"] == "2008-03-07"
    assert len(row["objectives"]) == 4
    assert row["targets_delivered"] == 1
    assert row["targets_total"] == len(row["targets"]) > 40
    assert row["marking"] == "C"


def test_uncleared_user_gets_404_not_403(seed_demarche, uncleared):
    client = _client(uncleared)
    assert client.get("/api/v1/demarches/").json()["count"] == 0
    assert client.get(f"/api/v1/demarches/{seed_demarche.pk}/").status_code == 404
    assert client.get(_outcomes_url(seed_demarche)).status_code == 404


def test_desk_officer_cannot_file(seed_demarche, confidential):
    response = _client(confidential).post(_outcomes_url(seed_demarche), DAKAR, format="json")
    assert response.status_code == 403
    assert not Outcome.objects.exists()


def test_anonymous_is_refused(seed_demarche):
    assert APIClient().get("/api/v1/demarches/").status_code in (401, 403)


def test_analyst_files_an_outcome(seed_demarche, analyst):
    response = _client(analyst).post(_outcomes_url(seed_demarche), DAKAR, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["post"] == "AMEMBASSY DAKAR"
    assert response.json()["version"] == 1
    assert response.json()["filed_by"] == "analyst_user"
    listed = _client(analyst).get(_outcomes_url(seed_demarche)).json()
    assert listed["count"] == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"delivered_on": "2008-03-01"}, "delivered_on", "is before the demarche's cable date 2008-03-05"),
        ({"post": "AMEMBASSY PARIS"}, "post", "AMEMBASSY PARIS is not a target of this demarche"),
        ({"post": "AMEMBASSY ATLANTIS"}, "post", "is not a known post"),
        ({"responses": {"9": "supportive"}}, "responses", "Objective 9 does not exist"),
        ({"responses": {"1": "perhaps"}}, "responses", "not a valid choice"),
        ({"delivered_on": "yesterday"}, "delivered_on", "Date has wrong format"),
    ],
)
def test_refusals_name_the_field(seed_demarche, analyst, change, field, message):
    response = _client(analyst).post(_outcomes_url(seed_demarche), {**DAKAR, **change}, format="json")
    assert response.status_code == 400
    assert message in str(response.json()[field])
    assert not Outcome.objects.exists()


def test_a_stale_edit_is_409_and_keeps_the_newer_report(seed_demarche, analyst):
    other = factories.UserFactory(username="second_analyst", clearance="SECRET", role="analyst")
    created = _client(analyst).post(_outcomes_url(seed_demarche), DAKAR, format="json").json()
    url = f"{_outcomes_url(seed_demarche)}{created['id']}/"
    first = _client(other).patch(url, {"version": 1, "summary": "Met the MFA"}, format="json")
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = _client(analyst).patch(url, {"version": 1, "summary": "Overwrite"}, format="json")
    assert stale.status_code == 409
    assert "changed by second_analyst" in stale.json()["detail"]
    assert Outcome.objects.get().summary == "Met the MFA"


def test_analyst_creates_a_demarche_by_hand(ledger, analyst):
    payload = {
        "reference_id": "08STATE22377",
        "cable_date": "2008-03-05",
        "entity": "XK",
        "title": "Request for solidarity with Kosovo at OIC summit",
        "deadline": "2008-03-07",
        "objectives": ["Urge host government to recognize Kosovo's independence as soon as possible."],
        "collectives": ["ISLAMIC COLLECTIVE"],
        "excluded": SEED_XMT,
        "marking": "C",
    }
    response = _client(analyst).post("/api/v1/demarches/", payload, format="json")
    assert response.status_code == 201, response.content
    posts = {t["post"] for t in response.json()["targets"]}
    assert "AMEMBASSY DAKAR" in posts and "AMEMBASSY NOUAKCHOTT" not in posts
    bad = _client(analyst).post("/api/v1/demarches/", {**payload, "deadline": "2008-02-01"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["deadline"] == ["The deadline 2008-02-01 is before the cable's date 2008-03-05."]


def test_demarche_deadline_edit_needs_the_current_version(seed_demarche, analyst):
    url = f"/api/v1/demarches/{seed_demarche.pk}/"
    assert _client(analyst).patch(url, {"version": 1, "deadline": "2008-03-08"}, format="json").status_code == 200
    assert _client(analyst).patch(url, {"version": 1, "deadline": "2008-03-09"}, format="json").status_code == 409


def test_outcomes_csv_escapes_formulas(seed_demarche, analyst):
    _client(analyst).post(_outcomes_url(seed_demarche), {**DAKAR, "summary": "=HYPERLINK(1)"}, format="json")
    response = _client(analyst).get(_outcomes_url(seed_demarche), HTTP_ACCEPT="text/csv")
    assert response.status_code == 200
    text = response.content.decode()
    assert "'=HYPERLINK(1)" in text
    assert "AMEMBASSY DAKAR" in text


def test_schema_documents_the_endpoints(analyst):
    schema = _client(analyst).get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/demarches/{demarche_pk}/outcomes/" in schema["paths"]
    assert "409" in schema["paths"]["/api/v1/demarches/{demarche_pk}/outcomes/{id}/"]["patch"]["responses"]
