"""The ledger over the API: each resource, the permission matrix, clearances, CSV, query counts."""

import csv
import datetime as dt
import io

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cables.clearance import Marking
from recognitions.choices import SourceKind
from recognitions.models import AdmissionBid, CountClaim, Country, Organization, RecognitionEvent, Stance
from recognitions.services import (
    Source,
    admission_bid_status_record,
    count_claim_record,
    recognition_event_record,
    stance_record,
)

D = dt.date.fromisoformat

pytestmark = pytest.mark.usefixtures("ledger")

LISTS = [
    "/api/v1/countries/",
    "/api/v1/organizations/",
    "/api/v1/entities/",
    "/api/v1/recognition-events/",
    "/api/v1/stances/",
    "/api/v1/admission-bids/",
    "/api/v1/count-claims/",
]


def client_for(user=None, token=False):
    client = APIClient()
    if user is not None:
        if token:
            client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
        else:
            client.force_authenticate(user)
    return client


def country(code):
    return Country.objects.get(code=code)


CONFIDENTIAL_CABLE = Source(SourceKind.CABLE, reference_id="09STATE39345", paragraph=5, marking=Marking.parse("C"))
SECRET_NOFORN_CABLE = Source(SourceKind.CABLE, reference_id="09STATE1", paragraph=2, marking=Marking.parse("S/NF"))
CITED = Source(SourceKind.ANALYST, citation="Kosovo MFA press release")


@pytest.fixture
def classified_rows(db):
    """One row of each kind at C, and one at S//NOFORN."""
    rows = {}
    for label, source in (("C", CONFIDENTIAL_CABLE), ("S/NF", SECRET_NOFORN_CABLE)):
        rows[label] = {
            "recognition-events": recognition_event_record(
                state=country("MY" if label == "C" else "ID"), entity=country("XK"), kind="recognized",
                date=D("2008-03-01"), source=source,
            ),
            "stances": stance_record(
                state=country("RU"), entity=country("XK"), stance="oppose", date=D("2009-04-21"), source=source,
                person="Lavrov",
            ),
            "admission-bids": admission_bid_status_record(
                entity=country("XK"), organization=Organization.objects.get(code="UN" if label == "C" else "IMF"),
                status="blocked" if label == "C" else "voting", date=D("2009-04-21"), source=source,
                blocked_by=country("RU") if label == "C" else None,
            ).bid,
            "count-claims": count_claim_record(entity=country("XK"), number=57, as_of=D("2009-04-07"), source=source),
        }
    return rows


# Anonymous callers and roles


@pytest.mark.parametrize("url", [*LISTS, "/api/v1/entities/XK/status/", "/api/v1/countries/FR/"])
def test_anonymous_callers_are_refused(url):
    assert client_for().get(url).status_code in (401, 403)


@pytest.mark.parametrize("url", LISTS)
def test_a_desk_officer_reads_every_list_with_a_token(uncleared, url):
    response = client_for(uncleared, token=True).get(url)
    assert response.status_code == 200
    assert "results" in response.json()


def event_payload(**fields):
    payload = {
        "entity": "XK", "state": "my", "kind": "recognized", "date": "2008-10-30",
        "source_kind": "analyst", "citation": "Malaysian MFA statement",
    }
    payload.update(fields)
    return payload


WRITES = [
    ("/api/v1/recognition-events/", event_payload()),
    ("/api/v1/stances/", {"entity": "XK", "state": "ES", "stance": "oppose", "date": "2009-04-21",
                          "source_kind": "cable", "source_reference_id": "09STATE39345", "source_paragraph": 4,
                          "marking": "C", "context": "UNESCO"}),
    ("/api/v1/admission-bids/", {"entity": "XK", "organization": "IMF", "status": "voting", "date": "2009-04-15",
                                 "citation": "IMF press release"}),
    ("/api/v1/count-claims/", {"entity": "XK", "number": 22, "members": 27, "organization": "EU",
                               "as_of": "2009-04-07", "source_kind": "cable",
                               "source_reference_id": "09STATE39345", "source_paragraph": 5, "marking": "C"}),
]


@pytest.mark.parametrize(("url", "payload"), WRITES)
def test_a_desk_officer_cannot_write(secret, url, payload):
    response = client_for(secret).post(url, payload, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Only analysts may change this."


@pytest.mark.parametrize("who", ["analyst", "administrator"])
@pytest.mark.parametrize(("url", "payload"), WRITES)
def test_analysts_and_administrators_write(request, who, url, payload):
    user = request.getfixturevalue(who)
    response = client_for(user, token=True).post(url, payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["entity"] == {"code": "XK", "name": "Kosovo"}
    row_id = body["id"]
    assert client_for(user).get(f"{url}{row_id}/").status_code == 200


def test_a_written_event_names_its_author_and_source(analyst):
    body = client_for(analyst).post("/api/v1/recognition-events/", event_payload(), format="json").json()
    assert body["state"] == {"code": "MY", "name": "Malaysia"}
    assert body["created_by"] == "analyst_user"
    assert body["source"] == {
        "kind": "analyst", "citation": "Malaysian MFA statement", "reference_id": "", "paragraph": None,
        "quote": "", "marking": "U",
    }
    assert body["date"] == "2008-10-30"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"date": "2008-13-01"}, "date", "Date has wrong format"),
        ({"state": "ZZ"}, "state", "does not exist"),
        ({"entity": "FR"}, "entity", "does not exist"),
        ({"kind": "liked"}, "kind", "not a valid choice"),
        ({"citation": ""}, "detail", "needs a citation"),
        ({"date": "2007-01-01"}, "detail", "before Kosovo was declared"),
        ({"state": "XK"}, "detail", "cannot recognize itself"),
        ({"marking": "S/NF"}, "detail", "above your clearance"),
    ],
)
def test_a_refused_write_says_what_is_wrong_and_writes_nothing(analyst, fields, field, message):
    before = RecognitionEvent.objects.count()
    response = client_for(analyst).post("/api/v1/recognition-events/", event_payload(**fields), format="json")
    assert response.status_code == 400
    assert message in str(response.json()[field])
    assert RecognitionEvent.objects.count() == before


def test_events_are_not_edited_or_deleted_but_corrected(analyst):
    gambia = RecognitionEvent.objects.get(entity__code="XK", state__code="GM")
    client = client_for(analyst)
    url = f"/api/v1/recognition-events/{gambia.pk}/"
    assert client.patch(url, {"date": "2009-04-08"}, format="json").status_code == 405
    assert client.delete(url).status_code == 405
    response = client.post(f"{url}correct/", {"date": "2009-04-08", "citation": "Balkan Insight"}, format="json")
    assert response.status_code == 201
    correction = response.json()
    assert (correction["supersedes"], correction["date"]) == (gambia.pk, "2009-04-08")
    assert correction["state"]["code"] == "GM"
    assert client.get(url).json()["superseded_by"] == correction["id"]
    again = client.post(f"{url}correct/", {"date": "2009-04-09", "citation": "x"}, format="json")
    assert again.status_code == 400 and "already corrected" in again.json()["detail"]
    current = client.get("/api/v1/recognition-events/", {"state": "gm", "current": "true"}).json()
    assert [e["id"] for e in current["results"]] == [correction["id"]]
    status = client.get("/api/v1/entities/XK/status/", {"as_of": "2009-04-07"}).json()
    assert status["un_members_recognizing"] == 56


def test_a_bid_shows_its_status_history_and_takes_new_steps(analyst):
    client = client_for(analyst)
    bid = client.post("/api/v1/admission-bids/", WRITES[2][1], format="json").json()
    response = client.post(
        f"/api/v1/admission-bids/{bid['id']}/statuses/",
        {"status": "admitted", "date": "2009-06-29", "votes_for": 96, "citation": "IMF press release"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "admitted"
    assert [(s["status"], s["date"], s["votes_for"]) for s in body["statuses"]] == [
        ("voting", "2009-04-15", None), ("admitted", "2009-06-29", 96),
    ]
    assert AdmissionBid.objects.count() == 1


# Clearances: hidden rows are absent from lists and 404 on detail


CLEARANCES = [("uncleared", set()), ("confidential", {"C"}), ("secret", {"C"}), ("secret_noforn", {"C", "S/NF"})]


@pytest.mark.parametrize(("who", "visible"), CLEARANCES)
@pytest.mark.parametrize("resource", ["recognition-events", "stances", "admission-bids", "count-claims"])
def test_each_clearance_sees_only_its_rows(request, classified_rows, who, visible, resource):
    client = client_for(request.getfixturevalue(who))
    listed = {row["id"] for row in client.get(f"/api/v1/{resource}/", {"page_size": 500}).json()["results"]}
    for label, rows in classified_rows.items():
        row = rows[resource]
        detail = client.get(f"/api/v1/{resource}/{row.pk}/")
        if label in visible:
            assert row.pk in listed and detail.status_code == 200
        else:
            assert row.pk not in listed and detail.status_code == 404


@pytest.mark.parametrize(("who", "un_members", "claims"), [("uncleared", 23, 0), ("confidential", 24, 1),
                                                            ("secret_noforn", 25, 2)])
def test_the_status_counts_what_the_caller_may_see(request, classified_rows, who, un_members, claims):
    client = client_for(request.getfixturevalue(who))
    status = client.get("/api/v1/entities/XK/status/", {"as_of": "2008-03-04"}).json()
    assert status["un_members_recognizing"] == un_members
    assert status["marking"] == {23: "U", 24: "C", 25: "S/NF"}[un_members]
    reconciliation = client.get("/api/v1/entities/XK/reconciliation/").json()
    assert len(reconciliation["claims"]) == claims


def test_a_hidden_correction_does_not_hide_the_event_it_corrects(uncleared, confidential, analyst):
    gambia = RecognitionEvent.objects.get(entity__code="XK", state__code="GM")
    from recognitions.services import recognition_event_correct

    recognition_event_correct(gambia, date=D("2009-04-08"), source=CONFIDENTIAL_CABLE, created_by=analyst)
    url = f"/api/v1/recognition-events/{gambia.pk}/"
    assert client_for(uncleared).get(url).json()["superseded_by"] is None
    assert client_for(confidential).get(url).json()["superseded_by"] is not None
    as_of = {"as_of": "2009-04-07"}
    assert client_for(uncleared).get("/api/v1/entities/XK/status/", as_of).json()["un_members_recognizing"] == 57
    assert client_for(confidential).get("/api/v1/entities/XK/status/", as_of).json()["un_members_recognizing"] == 56


# Status, timeline, reconciliation


def test_status_of_kosovo_on_2009_04_07(uncleared):
    response = client_for(uncleared, token=True).get("/api/v1/entities/xk/status/", {"as_of": "2009-04-07"})
    assert response.status_code == 200
    body = response.json()
    assert body["entity"] == {"code": "XK", "name": "Kosovo"}
    assert body["as_of"] == "2009-04-07"
    assert (body["un_members_recognizing"], body["all_states_recognizing"], body["un_member_states"]) == (57, 58, 192)
    assert body["summary"].startswith("57 of 192 UN member states recognize Kosovo as of 2009-04-07; 58 states in all")
    us = next(r for r in body["recognizing"] if r["state"]["code"] == "US")
    assert us == {"state": {"code": "US", "name": "United States"}, "standing": "recognizing",
                  "since": "2008-02-18", "first_recognized_on": "2008-02-18"}
    shares = {o["code"]: (o["recognizing"], o["members"]) for o in body["organizations"]}
    assert shares["G7"] == (7, 7) and shares["EU"] == (22, 27) and shares["NATO"] == (24, 28)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/v1/entities/XK/status/?as_of=2999-01-01", "is in the future"),
        ("/api/v1/entities/XK/status/?as_of=2008-02-16", "Kosovo did not exist before 2008-02-17"),
        ("/api/v1/entities/XK/status/?as_of=07/04/2009", "is not a date; write it as YYYY-MM-DD"),
        ("/api/v1/entities/XK/timeline/?as_of=2999-01-01", "is in the future"),
        ("/api/v1/entities/XK/timeline/?since=2009-01-01&as_of=2008-06-01", "is after as_of"),
    ],
)
def test_a_bad_date_is_a_400_that_says_why(uncleared, url, message):
    response = client_for(uncleared).get(url)
    assert response.status_code == 400
    assert message in str(response.json())


@pytest.mark.parametrize("url", ["/api/v1/entities/ZZ/status/", "/api/v1/entities/FR/timeline/",
                                 "/api/v1/entities/QQ/reconciliation/", "/api/v1/countries/ZZ/",
                                 "/api/v1/organizations/NOPE/"])
def test_an_unknown_entity_is_a_404(uncleared, url):
    assert client_for(uncleared).get(url).status_code == 404


def test_status_carries_an_etag_and_answers_304_when_unchanged(uncleared, analyst):
    client = client_for(uncleared)
    url = "/api/v1/entities/XK/status/?as_of=2009-04-07"
    first = client.get(url)
    etag = first["ETag"]
    assert etag and "private" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content
    recognition_event_record(state=country("ES"), entity=country("XK"), kind="recognized", date=D("2009-01-01"),
                             source=CITED, created_by=analyst)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_the_timeline_series(uncleared):
    body = client_for(uncleared).get(
        "/api/v1/entities/XK/timeline/", {"since": "2008-03-01", "as_of": "2009-04-21"}
    ).json()
    steps = {step["date"]: step for step in body["steps"]}
    assert min(steps) >= "2008-03-01" and max(steps) == "2009-04-20"
    assert steps["2008-03-04"]["un_members_recognizing"] == 23
    assert {e["state"]["code"] for e in steps["2008-03-04"]["events"]} == {"NL", "SE"}
    assert steps["2009-04-20"]["un_members_recognizing"] == 58


def test_the_reconciliation_sets_claims_beside_the_ledger(uncleared):
    source = Source(SourceKind.CABLE, reference_id="08STATE22377", paragraph=5)
    count_claim_record(entity=country("XK"), number=23, as_of=D("2008-03-04"), source=source)
    count_claim_record(entity=country("XK"), number=32, as_of=D("2008-03-04"), source=source,
                       counted="recognized_or_announced")
    count_claim_record(entity=country("XK"), number=57, as_of=D("2009-04-07"), stated_on=D("2009-04-21"),
                       source=Source(SourceKind.CABLE, reference_id="09STATE39345", paragraph=5))
    body = client_for(uncleared).get("/api/v1/entities/XK/reconciliation/").json()
    rows = [(c["claim"]["number"], c["claim"]["counted"], c["ledger_number"], c["difference"], c["agrees"])
            for c in body["claims"]]
    assert rows == [
        (23, "recognized", 23, 0, True),
        (32, "recognized_or_announced", 23, 9, False),
        (57, "recognized", 57, 0, True),
    ]
    stale = body["claims"][2]
    assert stale["ledger_number_when_stated"] == 58
    assert stale["recognized_since"][0]["state"] == {"code": "SA", "name": "Saudi Arabia"}
    assert stale["claim"]["source"]["reference_id"] == "09STATE39345"
    assert len(body["claims"][1]["explained_by"]) == 9


# Countries and organizations


def test_a_country_with_its_aliases_and_memberships(uncleared):
    body = client_for(uncleared).get("/api/v1/countries/gb/").json()
    assert body["code"] == "GB" and body["alpha3"] == "GBR"
    organizations = {m["organization"] for m in body["memberships"]}
    assert {"UN", "EU", "NATO", "G7"} <= organizations
    eu = next(m for m in body["memberships"] if m["organization"] == "EU")
    assert eu["left_on"] == "2020-01-31"
    assert isinstance(body["aliases"], list)


def test_organization_members_as_of_a_date(uncleared):
    client = client_for(uncleared)
    nato = client.get("/api/v1/organizations/nato/", {"as_of": "2009-03-31"}).json()
    assert (nato["as_of"], nato["member_count"]) == ("2009-03-31", 26)
    assert "AL" not in {m["code"] for m in nato["members"]}
    assert client.get("/api/v1/organizations/NATO/", {"as_of": "2009-04-01"}).json()["member_count"] == 28
    assert client.get("/api/v1/organizations/", {"as_of": "bad"}).status_code == 400


def test_country_filters(uncleared):
    client = client_for(uncleared)
    contested = client.get("/api/v1/countries/", {"is_contested": "true"}).json()
    assert {c["code"] for c in contested["results"]} == {"XK", "TW", "PS", "EH", "GE-AB", "XSO", "XNC"}
    g7 = client.get("/api/v1/countries/", {"organization": "g7"}).json()
    assert g7["count"] == 7


def test_event_filters_and_stable_order(uncleared):
    client = client_for(uncleared)
    body = client.get("/api/v1/recognition-events/", {"entity": "XK", "kind": "withdrawn", "page_size": 5}).json()
    assert body["count"] == 18
    dates = [e["date"] for e in body["results"]]
    assert dates == sorted(dates)
    in_2008 = client.get("/api/v1/recognition-events/",
                         {"date_after": "2008-03-04", "date_before": "2008-03-04"}).json()
    assert {e["state"]["code"] for e in in_2008["results"]} == {"NL", "SE"}
    second = client.get("/api/v1/recognition-events/", {"page": 2}).json()
    assert second["results"][0]["date"] >= body["results"][0]["date"] or second["previous"]


def test_lists_export_as_csv_one_line_per_row(uncleared):
    response = client_for(uncleared).get("/api/v1/recognition-events/", {"format": "csv", "entity": "XK",
                                                                          "kind": "withdrawn"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 18
    assert rows[0]["state.code"] and rows[0]["kind"] == "withdrawn" and rows[0]["source.kind"] == "dataset"


def test_csv_cells_cannot_run_as_formulas(analyst):
    client = client_for(analyst)
    client.post("/api/v1/stances/", {**WRITES[1][1], "context": "=HYPERLINK(1)"}, format="json")
    text = client.get("/api/v1/stances/", {"format": "csv"}).content.decode()
    assert "'=HYPERLINK(1)" in text


# Query counts: bounded whatever the number of rows


@pytest.mark.parametrize("url", LISTS)
def test_each_list_costs_a_bounded_number_of_queries(uncleared, analyst, url, django_assert_max_num_queries):
    for i, code in enumerate(["MY", "ID", "EG", "IR", "IQ"]):
        source = Source(SourceKind.ANALYST, citation=f"note {i}")
        recognition_event_record(state=country(code), entity=country("XK"), kind="announced_intent",
                                 date=D("2008-05-01"), source=source)
        stance_record(state=country(code), entity=country("XK"), stance="leaning", date=D("2008-05-01"),
                      source=source)
        admission_bid_status_record(entity=country("XK"), organization=Organization.objects.all()[i],
                                    status="applying", date=D("2008-05-01"), source=source)
        count_claim_record(entity=country("XK"), number=40 + i, as_of=D("2008-05-01"), source=source)
    client = client_for(uncleared)
    client.get(url)  # the session and the user's groups are loaded once
    with django_assert_max_num_queries(8):
        response = client.get(url, {"page_size": 200})
    assert response.status_code == 200 and response.json()["count"] >= 5


@pytest.mark.parametrize("url", ["/api/v1/entities/XK/status/", "/api/v1/entities/XK/timeline/",
                                 "/api/v1/entities/XK/reconciliation/"])
def test_status_endpoints_cost_a_bounded_number_of_queries(uncleared, url, django_assert_max_num_queries):
    for number in range(20):
        count_claim_record(entity=country("XK"), number=number, as_of=D("2009-01-01"), source=CITED)
    client = client_for(uncleared)
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
    assert CountClaim.objects.count() == 20 and Stance.objects.count() == 0


def test_an_empty_csv_page_still_names_its_columns(uncleared):
    response = client_for(uncleared).get("/api/v1/admission-bids/", {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines() == ["id,entity,organization,status,statuses"]
