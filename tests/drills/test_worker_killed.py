"""Drill: a worker killed with SIGKILL in the middle of a 2,000-cable job, then a worker started again.

The job goes in through the API as an analyst would send it. Once a few
hundred cables are stored the worker and its pool processes die at once
(no chance to acknowledge, reject or roll anything back cleanly). A new
worker started afterwards gets the dead worker's tasks back from the broker
and the job finishes: every cable stored exactly once, with every paragraph
the parser reads in the same file.
"""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from rest_framework.test import APIClient

from cables.models import Cable, ChunkState, IngestionJob, JobState, Paragraph
from tests.drills.conftest import wait_for
from tests.drills.corpus import batch_zip, expected_paragraphs

CABLES = 2000


@pytest.mark.celery
@pytest.mark.slow
def test_a_job_survives_its_worker_killed_mid_way(workers, analyst):
    data = batch_zip(CABLES)
    expected = expected_paragraphs(data)
    assert len(expected) == CABLES

    first = workers.start("first")
    begun = time.monotonic()
    client = APIClient()
    client.force_authenticate(analyst)
    response = client.post("/api/v1/cables/", {"file": [SimpleUploadedFile("batch.zip", data)]}, format="multipart")
    assert response.status_code == 202, response.content
    job = IngestionJob.objects.get()
    assert job.seen == CABLES

    def stored():
        job.refresh_from_db()
        return job.processed

    wait_for(lambda: stored() >= 300, 120, "the first worker stored fewer than 300 cables in 2 minutes", [first])
    workers.kill(first)
    at_kill = stored()
    assert at_kill < CABLES, "the job finished before the worker could be killed mid-way"
    assert job.state == JobState.RUNNING

    second = workers.start("second")
    wait_for(lambda: job.refresh_from_db() or job.is_finished, 180, f"job not finished: {job.processed}/{CABLES}",
             [second])

    assert (job.state, job.failure) == (JobState.DONE, "")
    assert (job.seen, job.new, job.updated, job.unchanged, job.rejected) == (CABLES, CABLES, 0, 0, 0), job.errors
    assert not job.chunks.filter(state=ChunkState.PENDING).exists()
    stored_cables = dict(
        Cable.objects.filter(job=job).annotate(n=Count("paragraphs")).values_list("reference_id", "n")
    )
    assert stored_cables == expected
    assert Cable.objects.count() == CABLES  # no cable twice, under any reference id or revision
    assert Paragraph.objects.count() == sum(expected.values())
    print(f"killed after {at_kill} of {CABLES} cables; {time.monotonic() - begun:.0f} s from upload to done")
