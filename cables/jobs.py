"""Ingestion jobs: stage what was handed in as chunks, ingest each chunk, finish the job.

Every way in (upload page, API, command line, drop folder) calls `job_create`
and `job_queue`; Celery's `ingest_chunk` task calls `chunk_ingest`. A chunk
counts its finished items in the same transaction as each cable, so a worker
killed between two cables loses nothing and repeats nothing: the chunk resumes
where it stopped, whichever worker takes it up.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cables.ingestion import CableRejected, cable_ingest
from cables.models import ChunkState, IngestionChunk, IngestionJob, JobState
from cables.parsing import CableParseError
from cables.reading import parse_item
from cables.sources import CableText, SourceRejected

logger = logging.getLogger(__name__)

#: Cables per chunk: small enough that a second worker gets a share of a modest job.
CHUNK_SIZE = 100
#: Rejections kept with their reasons on the job; past this only the count grows.
MAX_ERRORS = 1000

BROKER_DOWN = "ingestion is unavailable now (the task queue does not answer); the job is kept and can be resumed"
NOTHING_FOUND = "no cable was found in what was handed in"


def job_create(sources: Iterable[CableText | SourceRejected], *, origin: str, source: str, user=None,
               notes: list[str] | None = None, inbox_path: str = "") -> IngestionJob:
    """A queued job holding every cable text of `sources`, staged in chunks.

    Whole files refused on reading (too big, not text, a zip bomb ...) count as
    seen and rejected with their reason; the rest wait in chunks for a worker.
    """
    notes = notes if notes is not None else []
    with transaction.atomic():
        job = IngestionJob.objects.create(origin=origin, source=source[:500], started_by=user,
                                          inbox_path=inbox_path)
        batch, number, seen, errors = [], 0, 0, []
        for item in sources:
            seen += 1
            if isinstance(item, SourceRejected):
                errors.append({"source": item.source, "line": None, "error": item.message})
                continue
            batch.append(item.as_item())
            if len(batch) >= CHUNK_SIZE:
                IngestionChunk.objects.create(job=job, number=number, items=batch)
                number, batch = number + 1, []
        if batch:
            IngestionChunk.objects.create(job=job, number=number, items=batch)
        job.seen = seen
        job.rejected = len(errors)
        job.errors = errors[:MAX_ERRORS]
        job.notes = notes
        if not seen:
            job.errors = [{"source": source, "line": None, "error": NOTHING_FOUND}]
            job.seen = job.rejected = 1
        job.save()
    if not job.chunks.exists():
        job_finish(job.pk)
        job.refresh_from_db()
    return job


def job_queue(job: IngestionJob) -> None:
    """Send one task per pending chunk once the job's rows are committed."""
    chunk_ids = list(job.chunks.filter(state=ChunkState.PENDING).values_list("id", flat=True))

    def send():
        from cables.tasks import ingest_chunk

        try:
            for chunk_id in chunk_ids:
                ingest_chunk.delay(chunk_id)
        except Exception as exc:
            if settings.CELERY_TASK_ALWAYS_EAGER:
                raise
            logger.exception("could not queue job %s", job.pk)
            IngestionJob.objects.filter(pk=job.pk).update(state=JobState.FAILED, failure=f"{BROKER_DOWN} ({exc})")

    transaction.on_commit(send)


def job_resume(job: IngestionJob) -> IngestionJob:
    """Queue again what a failed or stalled job has left; finished chunks are not repeated."""
    IngestionJob.objects.filter(pk=job.pk).exclude(state=JobState.DONE).update(state=JobState.QUEUED, failure="")
    job_queue(job)
    if not job.chunks.filter(state=ChunkState.PENDING).exists():
        job_finish(job.pk)
    job.refresh_from_db()
    return job


def job_run_here(job: IngestionJob, progress: Callable[[str], None] | None = None) -> IngestionJob:
    """Ingest every pending chunk of the job in this process (`ingest_cables --sync`)."""
    here = f"{socket.gethostname()} pid {os.getpid()}"
    for chunk_id in job.chunks.filter(state=ChunkState.PENDING).values_list("id", flat=True):
        chunk_ingest(chunk_id, progress=progress, worker=here)
    job.refresh_from_db()
    return job


def job_fail(job_id: int, reason: str) -> None:
    IngestionJob.objects.filter(pk=job_id).exclude(state=JobState.DONE).update(
        state=JobState.FAILED, failure=reason[:2000], finished_at=timezone.now()
    )


def chunk_ingest(chunk_id: int, progress: Callable[[str], None] | None = None, worker: str = "") -> None:
    """Ingest the chunk's items from where it stopped; each cable and its count commit together.

    `worker` names who did it (a Celery worker's node name), kept on the chunk.

    Parsing happens outside the transaction; the transaction locks the chunk
    row and checks that nobody has done this item meanwhile, stores the
    cable, moves the job's counters with F() and the chunk's position.
    """
    chunk = IngestionChunk.objects.select_related("job").filter(pk=chunk_id).first()
    if chunk is None or chunk.state == ChunkState.DONE:
        return
    job_id = chunk.job_id
    IngestionJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now()
    )
    items = chunk.items
    for index in range(chunk.position, len(items)):
        item = items[index]
        record, error = None, None
        try:
            record = parse_item(item)
        except CableParseError as exc:
            error = exc.message if exc.line is None else f"{exc.message} (line {exc.line})"
        with transaction.atomic():
            position = IngestionChunk.objects.select_for_update().values_list("position", flat=True).get(pk=chunk_id)
            if position != index:
                continue
            outcome = "rejected"
            if record is not None:
                try:
                    outcome = cable_ingest(record, item["text"], job=chunk.job, source=item["source"]).outcome
                except CableRejected as exc:
                    error = str(exc)
            if outcome == "rejected":
                _job_reject(job_id, item, error)
            else:
                IngestionJob.objects.filter(pk=job_id).update(**{outcome: F(outcome) + 1})
            IngestionChunk.objects.filter(pk=chunk_id).update(position=index + 1)
        if progress is not None:
            progress(outcome)
    IngestionChunk.objects.filter(pk=chunk_id).update(state=ChunkState.DONE, items=[], worker=worker[:200])
    if not IngestionChunk.objects.filter(job_id=job_id, state=ChunkState.PENDING).exists():
        job_finish(job_id)


def _job_reject(job_id: int, item: dict, error: str | None) -> None:
    job = IngestionJob.objects.select_for_update().only("errors", "rejected").get(pk=job_id)
    if len(job.errors) < MAX_ERRORS:
        job.errors.append({"source": item["source"], "line": item.get("line"), "error": error or "unreadable"})
    job.rejected += 1
    job.save(update_fields=["errors", "rejected"])


def job_finish(job_id: int) -> bool:
    """Mark the job done (once, whoever finishes its last chunk) and file its dropped file."""
    finished = IngestionJob.objects.filter(pk=job_id, state__in=(JobState.QUEUED, JobState.RUNNING)).update(
        state=JobState.DONE, finished_at=timezone.now()
    )
    if finished:
        job = IngestionJob.objects.get(pk=job_id)
        if job.inbox_path:
            inbox_file_away(job)
    return bool(finished)


# ---- the drop folder

INBOX_SKIP_SUFFIXES = (".part", ".tmp", ".error", ".crdownload")


def inbox_dirs() -> tuple[Path, Path, Path, Path] | None:
    if not settings.CABLE_INBOX:
        return None
    inbox = Path(settings.CABLE_INBOX)
    dirs = (inbox, inbox / "processing", inbox / "done", inbox / "rejected")
    for path in dirs:
        path.mkdir(parents=True, exist_ok=True)
    return dirs


def inbox_scan() -> list[IngestionJob]:
    """Take each file waiting in the drop folder, one job per file.

    The file first moves to `processing/` (a rename, so a second scan cannot
    take it too). A file refused whole moves on to `rejected/` at once with a
    `.error` file beside it; the others move when their job finishes: to
    `done/`, or to `rejected/` when not one cable in them could be stored.
    Write files elsewhere and move them in, or give them a `.part` name while
    writing.
    """
    from cables.models import JobOrigin
    from cables.sources import read_source

    dirs = inbox_dirs()
    if dirs is None:
        return []
    inbox, processing, _done, rejected = dirs
    jobs = []
    for path in sorted(inbox.iterdir()):
        if not path.is_file() or path.name.startswith(".") or path.name.endswith(INBOX_SKIP_SUFFIXES):
            continue
        taken = _unique(processing / path.name)
        try:
            path.rename(taken)
        except OSError:
            continue  # another scan took it
        notes: list[str] = []
        size = taken.stat().st_size
        if size > settings.CABLE_UPLOAD_MAX_BYTES:
            from cables.sources import TOO_BIG

            sources = [SourceRejected(TOO_BIG.format(name=path.name, size=size, limit=settings.CABLE_UPLOAD_MAX_BYTES),
                                      path.name)]
        else:
            sources = read_source(path.name, lambda p=taken: open(p, "rb"), notes)  # noqa: SIM115
        job = job_create(sources, origin=JobOrigin.INBOX, source=path.name, notes=notes, inbox_path=str(taken))
        if not job.is_finished:
            job_queue(job)
        jobs.append(job)
    return jobs


def inbox_file_away(job: IngestionJob) -> None:
    dirs = inbox_dirs()
    taken = Path(job.inbox_path)
    if dirs is None or not taken.exists():
        return
    _inbox, _processing, done, rejected = dirs
    stored = job.new + job.updated + job.unchanged
    if stored:
        shutil.move(str(taken), str(_unique(done / taken.name)))
        return
    target = _unique(rejected / taken.name)
    shutil.move(str(taken), str(target))
    reasons = [f"{e['source']}: {e['error']}" for e in job.errors] or [job.failure or NOTHING_FOUND]
    Path(str(target) + ".error").write_text("\n".join(reasons) + "\n", encoding="utf-8")


def _unique(path: Path) -> Path:
    if not path.exists():
        return path
    stem, suffix = path.stem, path.suffix
    for n in range(1, 10_000):
        candidate = path.with_name(f"{stem}.{n}{suffix}")
        if not candidate.exists():
            return candidate
    raise OSError(f"too many files named {path.name}")
