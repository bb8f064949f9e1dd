"""Celery tasks of the cable archive: thin wrappers around `cables.jobs` and `cables.facts`.

Each takes ids, not rows. `acks_late` with `reject_on_worker_lost` (settings)
puts a task back on the queue when its worker dies; a database or broker
error is retried with growing pauses. Re-running a chunk is harmless: it
resumes from its recorded position.
"""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

from cables import jobs

RETRYABLE = (OperationalError, InterfaceError, BrokerError)


@shared_task(bind=True, acks_late=True, autoretry_for=RETRYABLE, retry_backoff=2, retry_backoff_max=120,
             retry_jitter=True, max_retries=10)
def ingest_chunk(self, chunk_id: int) -> None:
    try:
        jobs.chunk_ingest(chunk_id, worker=self.request.hostname or "")
    except RETRYABLE:
        raise
    except Exception as exc:
        from cables.models import IngestionChunk

        job_id = IngestionChunk.objects.filter(pk=chunk_id).values_list("job_id", flat=True).first()
        if job_id is not None:
            jobs.job_fail(job_id, f"chunk {chunk_id} failed: {exc!r}")
        raise


@shared_task(acks_late=True, autoretry_for=RETRYABLE, retry_backoff=True, max_retries=3)
def scan_inbox() -> int:
    return len(jobs.inbox_scan())


@shared_task(acks_late=True, autoretry_for=RETRYABLE, retry_backoff=2, retry_backoff_max=120, retry_jitter=True,
             max_retries=10)
def extract_cable_facts(cable_id: int) -> dict:
    """Extract and store the facts of one stored cable; safe to run twice."""
    from dataclasses import asdict

    from cables.facts import cable_facts_extract

    return asdict(cable_facts_extract(cable_id))
