"""A real Celery worker on the broker takes a job submitted through the API and finishes it."""

import io
import os
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from rest_framework.test import APIClient

from cables.models import Cable, IngestionJob
from tests.ingestion.records import telegram

ROOT = Path(__file__).resolve().parents[2]


def test_database_url() -> str:
    """The URL of the database this test runs on (pytest-django's test database), for the worker."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


test_database_url.__test__ = False


@pytest.fixture
def worker(transactional_db, settings):
    from config.celery import app

    queue = f"ingest-test-{uuid.uuid4().hex[:8]}"
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    env = {**os.environ, "DATABASE_URL": test_database_url(), "CELERY_BROKER_URL": settings.CELERY_BROKER_URL}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queue, "-c", "2", "--loglevel=WARNING",
         "-n", f"{queue}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    app.conf.task_default_queue = previous


@pytest.mark.celery
@pytest.mark.slow
def test_a_worker_finishes_a_job_submitted_through_the_api(worker, analyst):
    client = APIClient()
    client.force_authenticate(analyst)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(150):  # two chunks
            archive.writestr(f"cable{n}.txt", telegram(5000 + n))
    upload = SimpleUploadedFile("batch.zip", buffer.getvalue(), content_type="application/zip")
    response = client.post("/api/v1/cables/", {"file": [upload]}, format="multipart")
    assert response.status_code == 202
    job_url = response["Location"]
    deadline = time.monotonic() + 120
    progress = client.get(job_url).json()
    while progress["state"] not in ("done", "failed") and time.monotonic() < deadline:
        assert worker.poll() is None, worker.stdout.read()
        time.sleep(0.5)
        progress = client.get(job_url).json()
    assert (progress["state"], progress["percent"], progress["new"]) == ("done", 100, 150), progress
    assert Cable.objects.count() == 150
    assert IngestionJob.objects.get().chunks.filter(state="pending").count() == 0
