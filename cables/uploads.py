"""Cables handed in through the web or the API: uploaded files and pasted text into a queued job."""

from __future__ import annotations

import io

from django.conf import settings

from cables.jobs import job_create, job_queue
from cables.models import IngestionJob
from cables.sources import SourceRejected, check_size, pasted_text, read_source

INGESTION_UNAVAILABLE = (
    "Ingestion is unavailable now: the task queue does not answer. Nothing was accepted; try again later."
)


def _opener(upload):
    if hasattr(upload, "temporary_file_path"):
        path = upload.temporary_file_path()
        return lambda: open(path, "rb")  # noqa: SIM115
    upload.seek(0)
    data = upload.read()
    return lambda: io.BytesIO(data)


def upload_sources(files, text: str | None, notes: list[str]):
    for upload in files or ():
        name = upload.name or "upload"
        try:
            check_size(name, upload.size)
        except SourceRejected as exc:
            yield exc
            continue
        yield from read_source(name, _opener(upload), notes)
    if text and text.strip():
        try:
            yield from pasted_text(text, notes)
        except SourceRejected as exc:
            yield exc


def ingestion_available() -> bool:
    """True when tasks run in-process or the broker answers within a couple of seconds."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return True
    from config.celery import app

    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def job_from_upload(files, text: str | None, *, user, origin: str) -> IngestionJob:
    """Stage the upload as a job and queue its chunks; the job page and API follow it from here."""
    names = [f.name for f in files or ()]
    if text and text.strip():
        names.append("pasted text")
    notes: list[str] = []
    job = job_create(upload_sources(files, text, notes), origin=origin, source=", ".join(names) or "upload",
                     user=user, notes=notes)
    if not job.is_finished:
        job_queue(job)
    return job
