"""Drill: PostgreSQL restarted while a worker ingests a job.

The restart (DESK_DRILL_PG_RESTART, e.g. `pg_ctlcluster 15 main restart`)
cuts every connection, the workers' and this test's. The job either carries
on by itself (tasks retry database errors with growing pauses) or ends as
failed with a reason; running it again then finishes it. Either way every
cable ends up stored once, with all its paragraphs.
"""

import os
import shlex
import subprocess
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import InterfaceError, OperationalError, connection
from django.db.models import Count
from rest_framework.test import APIClient

from cables.models import Cable, IngestionJob, JobState, Paragraph
from tests.drills.conftest import wait_for
from tests.drills.corpus import batch_zip, expected_paragraphs

CABLES = 600


def restart_postgresql() -> float:
    started = time.monotonic()
    subprocess.run(shlex.split(os.environ["DESK_DRILL_PG_RESTART"]), check=True, capture_output=True, timeout=300)
    return time.monotonic() - started


def read(job: IngestionJob) -> IngestionJob | None:
    """The job as stored now, or None while the database does not answer (this test's connection died too)."""
    try:
        job.refresh_from_db()
        return job
    except (OperationalError, InterfaceError):
        connection.close()
        return None


@pytest.mark.drill
@pytest.mark.celery
@pytest.mark.slow
def test_a_job_outlives_a_database_restart_or_fails_clearly_and_finishes_when_run_again(workers, analyst, capsys):
    data = batch_zip(CABLES)
    expected = expected_paragraphs(data)
    # No worker dies here: a visibility timeout longer than any retry pause keeps tasks from being sent twice.
    worker = workers.start("pg", CELERY_VISIBILITY_TIMEOUT="300")
    client = APIClient()
    client.force_authenticate(analyst)
    response = client.post("/api/v1/cables/", {"file": [SimpleUploadedFile("batch.zip", data)]}, format="multipart")
    assert response.status_code == 202, response.content
    job = IngestionJob.objects.get()

    wait_for(lambda: read(job) and job.processed >= 100, 120, "fewer than 100 cables stored in 2 minutes", [worker])
    restarted_in = restart_postgresql()
    connection.close()
    at_restart = job.processed
    assert at_restart < CABLES, "the job finished before PostgreSQL could be restarted"

    wait_for(lambda: read(job) and job.is_finished, 240, "the job neither finished nor failed after the restart",
             [worker])
    outcome = job.state
    if job.state == JobState.FAILED:
        assert job.failure, "a failed job must say why"
        call_command("ingest_cables", "--resume", str(job.pk), "--no-progress")  # the workers take it again
        read(job)

    assert job.state == JobState.DONE, (job.state, job.failure)
    assert (job.seen, job.new, job.updated, job.unchanged, job.rejected) == (CABLES, CABLES, 0, 0, 0), job.errors
    stored = dict(Cable.objects.filter(job=job).annotate(n=Count("paragraphs")).values_list("reference_id", "n"))
    assert stored == expected
    assert Cable.objects.count() == CABLES
    assert Paragraph.objects.count() == sum(expected.values())
    with capsys.disabled():
        print(f"\nrestarted PostgreSQL ({restarted_in:.1f} s) after {at_restart} of {CABLES} cables; "
              f"the job {'carried on' if outcome == JobState.DONE else 'failed and was run again'}")
