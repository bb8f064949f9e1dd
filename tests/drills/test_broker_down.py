"""Drill: the broker does not answer. Pages and the API stay up; uploads say ingestion is unavailable now.

The broker URL points at a closed port on this machine, so every attempt is
a real refused connection, not a mock. Nothing may be accepted and then lost:
an upload is refused before anything is staged, and a job whose tasks could
not be sent (the broker gone between the check and the send) is kept, says
why, and finishes when resumed.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from rest_framework.test import APIClient

from cables import uploads
from cables.models import Cable, ChunkState, IngestionJob, JobState
from cables.uploads import INGESTION_UNAVAILABLE
from tests.ingestion.records import telegram

CLOSED_PORT = "redis://127.0.0.1:1/0"

pytestmark = pytest.mark.django_db


def _point_app_at(app, url: str | None, eager: bool) -> None:
    app.conf.broker_url = url
    app.conf.task_always_eager = eager
    app._pool = None  # connections are pooled per URL; drop the pool so the next send uses `url`
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down(settings, monkeypatch):
    from config.celery import app

    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)  # Celery reads it before its own configuration
    previous = app.conf.broker_url, app.conf.task_always_eager
    settings.CELERY_BROKER_URL = CLOSED_PORT
    settings.CELERY_TASK_ALWAYS_EAGER = False
    _point_app_at(app, CLOSED_PORT, eager=False)
    yield app
    monkeypatch.undo()
    _point_app_at(app, *previous)


def api_client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_pages_and_the_api_stay_up_and_health_names_the_broker(broker_down, client, analyst, reference_data):
    client.force_login(analyst)
    for url in ("/", "/cables/", "/countries/RS/", "/entities/XK/", "/review/", "/cables/upload/"):
        assert client.get(url).status_code == 200, url
    api = api_client(analyst)
    for url in ("/api/v1/cables/", "/api/v1/facts/", "/api/v1/jobs/"):
        assert api.get(url).status_code == 200, url
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["checks"] == {"database": "ok", "broker": "error: OperationalError"}


def test_the_upload_page_says_ingestion_is_unavailable_and_accepts_nothing(broker_down, client, analyst):
    client.force_login(analyst)
    page = client.get("/cables/upload/").content.decode()
    assert INGESTION_UNAVAILABLE in page
    response = client.post("/cables/upload/", {"files": [SimpleUploadedFile("one.txt", telegram(41).encode())],
                                               "text": telegram(42)})
    assert response.status_code == 503
    assert INGESTION_UNAVAILABLE in response.content.decode()
    assert b'name="text"' in response.content  # the form is still there, to send again later
    assert not IngestionJob.objects.exists() and not Cable.objects.exists()


def test_the_api_answers_503_with_the_reason_and_accepts_nothing(broker_down, analyst):
    response = api_client(analyst).post("/api/v1/cables/", {"text": telegram(43)}, format="json")
    assert response.status_code == 503
    assert response.json() == {"detail": INGESTION_UNAVAILABLE}
    assert not IngestionJob.objects.exists() and not Cable.objects.exists()


def test_a_job_whose_tasks_cannot_be_sent_is_kept_says_so_and_finishes_when_resumed(
        broker_down, analyst, client, monkeypatch, capsys, django_capture_on_commit_callbacks):
    """The broker answered the check and went away before the tasks were sent."""
    monkeypatch.setattr(uploads, "ingestion_available", lambda: True)
    monkeypatch.setattr("cables.api.ingestion_available", lambda: True)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client(analyst).post("/api/v1/cables/", {"text": telegram(44)}, format="json")
    assert response.status_code == 202
    job = IngestionJob.objects.get()
    assert job.state == JobState.FAILED
    assert job.failure.startswith("ingestion is unavailable now (the task queue does not answer); the job is kept")
    assert job.chunks.get().state == ChunkState.PENDING
    client.force_login(analyst)
    assert job.failure in client.get(f"/cables/jobs/{job.pk}/").content.decode()

    _point_app_at(broker_down, None, eager=True)  # the broker is back (here: tasks in this process)
    call_command("ingest_cables", "--resume", str(job.pk), "--sync", "--no-progress")
    assert capsys.readouterr().out.strip() == f"job {job.pk} done: 1 seen, 1 new, 0 updated, 0 unchanged, 0 rejected"
    job.refresh_from_db()
    assert (job.state, job.failure, job.new) == (JobState.DONE, "", 1)
    assert list(Cable.objects.values_list("reference_id", flat=True)) == ["09STATE44"]
