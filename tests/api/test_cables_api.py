"""The cables and jobs API: lists, filters, search, detail, upload (202 + job), clearance."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from cables.ingestion import cable_ingest
from cables.models import IngestionJob
from tests.ingestion.records import make_record, telegram

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def tasks_in_process(settings):
    """Uploads here are followed in this process; tests/ingestion/test_worker.py uses a real worker."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def archive(db):
    """An UNCLASSIFIED cable, a CONFIDENTIAL one citing it, and a SECRET//NOFORN one citing both."""
    open_cable = cable_ingest(make_record("08STATE100", classification="UNCLASSIFIED", tags=["PREL", "KV"],
                                          origin="AMEMBASSY PRISTINA", created="2008-03-04T10:00:00Z",
                                          subject="OPEN NOTE ON KOSOVO",
                                          paragraphs=[{"number": 1, "marking": "U", "text": "Kosovo open text."}]),
                              "raw open Kosovo text").cable
    conf = cable_ingest(make_record("09STATE200", classification="CONFIDENTIAL", tags=["PREL", "UN"],
                                    references=["08STATE100"], created="2009-04-21T13:43:00Z",
                                    subject="QUIET CAMPAIGN",
                                    paragraphs=[{"number": 1, "marking": "C", "text": "Zanzibar demarche."},
                                                {"number": 2, "marking": "U", "text": "Routine."}]),
                        "raw text about the Zanzibar demarche").cable
    secret = cable_ingest(make_record("09STATE300", classification="SECRET//NOFORN", references=["09STATE200"],
                                      subject="CLOSE HOLD", tags=["PREL"]), "raw secret text").cable
    return open_cable, conf, secret


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def references(data):
    return [r["reference_id"] for r in data["results"]]


def test_lists_show_only_cables_the_user_is_cleared_for(archive, uncleared, confidential, secret, secret_noforn):
    counts = {}
    for user in (uncleared, confidential, secret, secret_noforn):
        data = client_for(user).get("/api/v1/cables/").json()
        counts[user.username] = (data["count"], sorted(references(data)))
    assert counts == {
        "uncleared": (1, ["08STATE100"]),
        "confidential": (2, ["08STATE100", "09STATE200"]),
        "secret": (2, ["08STATE100", "09STATE200"]),
        "secret_noforn": (3, ["08STATE100", "09STATE200", "09STATE300"]),
    }


def test_a_hidden_cable_is_404_not_403(archive, uncleared, confidential):
    assert client_for(uncleared).get("/api/v1/cables/09STATE200/").status_code == 404
    response = client_for(confidential).get("/api/v1/cables/09STATE200/")
    assert response.status_code == 200
    data = response.json()
    assert [p["portion_marking"] for p in data["paragraphs"]] == ["C", "U"]
    assert data["references"] == [{"reference_id": "08STATE100",
                                   "url": "http://testserver/api/v1/cables/08STATE100/"}]
    # The SECRET//NOFORN cable citing it stays invisible, even as a "referenced by" link.
    assert data["referenced_by"] == []


def test_referenced_by_shows_visible_citing_cables(archive, secret_noforn):
    data = client_for(secret_noforn).get("/api/v1/cables/09STATE200/").json()
    assert data["referenced_by"] == ["09STATE300"]


def test_search_never_reveals_a_hidden_cable(archive, uncleared, confidential):
    hidden = client_for(uncleared).get("/api/v1/cables/", {"q": "Zanzibar"}).json()
    assert (hidden["count"], hidden["results"]) == (0, [])
    found = client_for(confidential).get("/api/v1/cables/", {"q": "Zanzibar"}).json()
    assert references(found) == ["09STATE200"]
    assert "<mark>Zanzibar</mark>" in found["results"][0]["snippet"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"tag": "kv"}, ["08STATE100"]),
        ({"origin": "pristina"}, ["08STATE100"]),
        ({"created_after": "2009-01-01"}, ["09STATE200", "09STATE300"]),
        ({"created_before": "2008-12-31"}, ["08STATE100"]),
        ({"classification": "CONFIDENTIAL"}, ["09STATE200"]),
        ({"q": "Kosovo", "tag": "KV"}, ["08STATE100"]),
    ],
)
def test_filters(archive, secret_noforn, params, expected):
    data = client_for(secret_noforn).get("/api/v1/cables/", params).json()
    assert sorted(references(data)) == expected


def test_csv_output(archive, confidential):
    response = client_for(confidential).get("/api/v1/cables/", {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert "reference_id" in text.splitlines()[0]
    assert "09STATE200" in text and "09STATE300" not in text


def test_list_query_count_does_not_grow_with_the_number_of_cables(secret_noforn, django_assert_max_num_queries):
    for n in range(30):
        cable_ingest(make_record(f"09STATE{n + 1000}", tags=["PREL", f"T{n}"]), f"raw {n}")
    client = client_for(secret_noforn)
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/cables/").json()["count"] == 30
    with django_assert_max_num_queries(10):
        assert client.get("/api/v1/cables/09STATE1000/").status_code == 200


def test_an_analyst_posts_a_file_and_gets_202_with_the_job(analyst, django_capture_on_commit_callbacks):
    client = client_for(analyst)
    upload = SimpleUploadedFile("cable.txt", telegram(4242).encode(), content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/cables/", {"file": [upload]}, format="multipart")
    assert response.status_code == 202
    job = IngestionJob.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/jobs/{job.pk}/"
    progress = client.get(response["Location"]).json()
    assert (progress["state"], progress["percent"], progress["seen"], progress["new"]) == ("done", 100, 1, 1)
    assert client.get("/api/v1/cables/09STATE4242/").status_code == 200


def test_pasted_text_is_accepted_as_json(analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(analyst).post("/api/v1/cables/", {"text": telegram(4243)}, format="json")
    assert response.status_code == 202
    assert response.json()["source"] == "pasted text"


def test_posting_nothing_says_what_to_send(analyst):
    response = client_for(analyst).post("/api/v1/cables/", {}, format="json")
    assert response.status_code == 400
    assert "send one or more files in `file` or the text of a cable in `text`" in str(response.json())


def test_a_file_over_the_size_limit_is_rejected_with_its_reason(analyst, settings, django_capture_on_commit_callbacks):
    settings.CABLE_UPLOAD_MAX_BYTES = 100
    upload = SimpleUploadedFile("big.txt", telegram(1).encode())
    response = client_for(analyst).post("/api/v1/cables/", {"file": [upload]}, format="multipart")
    assert response.status_code == 202
    job = response.json()
    assert (job["state"], job["rejected"]) == ("done", 1)
    assert job["errors"][0]["error"].startswith("big.txt is ")
    assert job["errors"][0]["error"].endswith("; the limit is 100 bytes")


def test_desk_officers_cannot_upload(confidential):
    response = client_for(confidential).post("/api/v1/cables/", {"text": telegram(1)}, format="json")
    assert response.status_code == 403
    assert not IngestionJob.objects.exists()


def test_uploads_say_when_ingestion_is_unavailable(analyst, settings, monkeypatch):
    monkeypatch.setattr("cables.api.ingestion_available", lambda: False)
    response = client_for(analyst).post("/api/v1/cables/", {"text": telegram(1)}, format="json")
    assert response.status_code == 503
    assert "unavailable" in response.json()["detail"]
    assert not IngestionJob.objects.exists()


def test_jobs_of_other_users_do_not_exist_for_them(analyst, confidential):
    job = IngestionJob.objects.create(origin="api", source="x", started_by=analyst)
    assert client_for(confidential).get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    assert client_for(analyst).get(f"/api/v1/jobs/{job.pk}/").status_code == 200


def test_anonymous_callers_get_nothing(archive):
    assert APIClient().get("/api/v1/cables/").status_code in (401, 403)


@pytest.mark.django_db
def test_a_json_body_that_is_not_an_object_is_a_clear_400(client, analyst):
    client.force_login(analyst)
    response = client.post("/api/v1/cables/", [None, None], content_type="application/json")
    assert response.status_code == 400
    assert response.json()


def test_date_filters_cut_days_at_midnight_utc_on_both_sides(secret_noforn):
    """A cable sent a microsecond before midnight belongs to the day before; the bounds take whole days."""
    sent = {
        "08STATE1": "2008-03-03T23:59:59.999999Z",
        "08STATE2": "2008-03-04T00:00:00Z",
        "08STATE3": "2008-03-04T23:59:59.999999Z",
        "08STATE4": "2008-03-05T00:00:00Z",
    }
    for reference_id, created in sent.items():
        cable_ingest(make_record(reference_id, classification="UNCLASSIFIED", created=created), reference_id)
    cable_ingest(make_record("08STATE5", classification="UNCLASSIFIED", created=None), "undated")

    def found(**params):
        return sorted(references(client_for(secret_noforn).get("/api/v1/cables/", params).json()))

    assert found(created_after="2008-03-04") == ["08STATE2", "08STATE3", "08STATE4"]
    assert found(created_before="2008-03-04") == ["08STATE1", "08STATE2", "08STATE3"]
    assert found(created_after="2008-03-04", created_before="2008-03-04") == ["08STATE2", "08STATE3"]
    assert found(created_after="0001-01-01", created_before="9999-12-31") == sorted(set(sent))
