"""Real Celery workers on the broker take jobs and finish them; two workers share one job."""

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


def start_worker(queue: str, name: str, broker: str, concurrency: int = 2) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": test_database_url(), "CELERY_BROKER_URL": broker}
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queue, "-c", str(concurrency),
         "--loglevel=WARNING", "-n", name],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def stop_worker(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def queue():
    """A queue of this test's own, so workers of other runs on the same broker take none of its tasks."""
    from config.celery import app

    name = f"ingest-test-{uuid.uuid4().hex[:8]}"
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = name
    yield name
    app.conf.task_default_queue = previous


@pytest.fixture
def worker(transactional_db, settings, queue):
    process = start_worker(queue, f"{queue}@%h", settings.CELERY_BROKER_URL)
    yield process
    stop_worker(process)


@pytest.fixture
def two_workers(transactional_db, settings, queue):
    """Two worker processes on the same queue, both answering before the test goes on."""
    from config.celery import app

    names = [f"first-{queue}@localhost", f"second-{queue}@localhost"]
    processes = [start_worker(queue, name, settings.CELERY_BROKER_URL, concurrency=1) for name in names]
    try:
        deadline = time.monotonic() + 60
        answered: set[str] = set()
        while answered != set(names):
            for process in processes:
                assert process.poll() is None, process.stdout.read()
            assert time.monotonic() < deadline, f"workers that answered: {answered}"
            for reply in app.control.ping(destination=names, timeout=1.0):
                answered.update(reply)
        yield names
    finally:
        for process in processes:
            stop_worker(process)


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


@pytest.mark.celery
@pytest.mark.slow
def test_a_second_worker_shares_the_chunks_of_one_big_job(two_workers, monkeypatch):
    from cables import jobs
    from cables.models import IngestionChunk, JobOrigin
    from cables.sources import CableText

    monkeypatch.setattr(jobs, "CHUNK_SIZE", 10)
    texts = [CableText(f"cable{n}.txt", telegram(7000 + n)) for n in range(120)]
    job = jobs.job_create(texts, origin=JobOrigin.COMMAND, source="twelve chunks")
    jobs.job_queue(job)
    deadline = time.monotonic() + 180
    while not job.is_finished and time.monotonic() < deadline:
        time.sleep(0.5)
        job.refresh_from_db()
    assert (job.state, job.seen, job.new, job.rejected) == ("done", 120, 120, 0), job.errors or job.failure
    chunks = IngestionChunk.objects.filter(job=job)
    assert chunks.count() == 12 and not chunks.exclude(state="done").exists()
    assert set(chunks.values_list("worker", flat=True)) == set(two_workers)
    assert Cable.objects.count() == 120
    assert Cable.objects.values("reference_id").distinct().count() == 120
