"""Bulk mode: the whole cables.csv archive into the database in minutes, in bounded memory.

`ingest_cables --bulk cables.csv[.gz]` streams the rows and hands them in
batches to worker processes, which parse them and, on PostgreSQL, store them
too, each batch in one transaction on the worker's own connection (COPY, see
`cables.bulk_write`). The main process only reads the file, announces the new
cables and stores one by one what is not plainly new: a cable already in the
archive with other content becomes a revision through `cable_ingest`, as
anywhere else; the same content is skipped. At most two batches a process are
in flight, so memory does not grow with the archive. The search vector is
computed as each batch goes in, by the worker's own PostgreSQL backend, so
that work too spreads over the cores.
"""

from __future__ import annotations

import gc
import gzip
import io
import multiprocessing
import multiprocessing.util
import sys
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, InterfaceError, OperationalError, connection, connections, transaction
from django.db.models import F
from django.utils import timezone

from cables.bulk_keys import foreign_keys_set_aside, stored_cables_estimate, worth_setting_aside
from cables.bulk_write import (
    COUNTS,
    BatchOutcome,
    autovacuum_paused,
    batch_store,
    gin_pending_list_flush,
    tag_cache_clear,
)
from cables.ingestion import (
    CableRejected,
    cable_ingest,
    cable_marking,
    paragraph_rows,
    post_lookup,
    recipient_rows,
    record_fields,
    resolve_post,
)
from cables.jobs import MAX_ERRORS
from cables.models import Cable, CableReference, IngestionJob, JobOrigin, JobState
from cables.parsing import CableParseError, parse_cable
from cables.parsing.csvrows import iter_rows, row_to_cable
from cables.search import search_vectors_build
from cables.signals import cable_stored


@dataclass
class BulkResult:
    job: IngestionJob
    seconds: float = 0.0
    errors: list = field(default_factory=list)

    def summary(self) -> str:
        job = self.job
        rate = job.seen / self.seconds if self.seconds else 0
        return (f"job {job.pk} {job.state}: {job.seen} seen, {job.new} new, {job.updated} updated, "
                f"{job.unchanged} unchanged, {job.rejected} rejected in {self.seconds:.1f} s ({rate:,.0f} cables/s)")


# ---- reading

def _open_bytes(path: Path):
    """The archive's bytes, unpacked when it is gzip; the caller closes it (a `with` or the text wrapper)."""
    return gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")  # noqa: SIM115


def _open_text(path: Path, encoding: str):
    return io.TextIOWrapper(_open_bytes(path), encoding=encoding, newline="")


def iter_archive_rows(paths: list[Path], notes: list[str]) -> Iterator[tuple[str, int, list[str] | str]]:
    """(source, line, row) for each row of each file; a row is a list, or an error message.

    A file is read as UTF-8 as it streams, with no pass over it first: where
    bytes that are not UTF-8 turn up, it is read again as Latin-1 from the
    start and the rows already given are passed over (CSV's quotes, commas and
    line ends read the same in both, so the rows are the same rows). When every
    row before was plain ASCII, which Latin-1 reads alike, that is the whole
    file read as Latin-1; a file with UTF-8 text before the stray bytes keeps
    that text, and the note says where the reading changed.
    """
    for path in paths:
        with _open_text(path, "latin-1") as stream:
            sample = stream.read(1 << 20)  # only its quotes and backslashes are looked at
        given, ascii_so_far = 0, True
        for encoding in ("utf-8", "latin-1"):
            try:
                with _open_text(path, encoding) as stream:
                    for index, (line, row) in enumerate(iter_rows(stream, str(path), sample=sample)):
                        if index < given:
                            continue
                        given += 1
                        if isinstance(row, CableParseError):
                            yield str(path), line, row.message
                            break
                        ascii_so_far = ascii_so_far and all(value.isascii() for value in row)
                        yield path.name, line, row
                break
            except UnicodeDecodeError:
                notes.append(f"{path} is not valid UTF-8; read as Latin-1" if ascii_so_far else
                             f"{path} is not valid UTF-8 past row {given:,}: the rows before read as UTF-8, "
                             "the rest as Latin-1")


# ---- parsing, in worker processes

_POSTS: tuple[dict, dict] = ({}, {})


def _parse_batch(batch: list[tuple[str, int, list[str] | str]]) -> list[tuple]:
    """Parse a batch of rows into what the writer needs; runs in a worker process, no database."""
    by_name, by_routing = _POSTS
    out = []
    for source, line, row in batch:
        where = f"{source} line {line}"
        if isinstance(row, str):
            out.append(("error", where, line, row))
            continue
        try:
            text, hints = row_to_cable(row, line, source)
            record = parse_cable(text, where, hints=hints)
        except CableParseError as exc:
            out.append(("error", where, line, exc.message))
            continue
        except Exception as exc:  # a parser bug must not stop an archive load; the row is reported
            out.append(("error", where, line, f"parser failure: {exc!r}"))
            continue
        if not record.get("reference_id"):
            out.append(("error", where, line, "the cable's reference id could not be read"))
            continue
        fields = record_fields(record, text, where)
        marking = cable_marking(record)
        recipients = [(kind, position, routing, name, precedence, resolve_post(name, routing, by_name, by_routing))
                      for kind, position, routing, name, precedence in recipient_rows(record)]
        tags = sorted({str(code)[:16] for code in record.get("tags") or [] if code})
        references = [ref[:40] for ref in dict.fromkeys(record.get("references") or []) if ref]
        out.append(("ok", fields, paragraph_rows(record, marking), tags, recipients, references, hints))
    return out


def references_resolve() -> int:
    """Point every unresolved REF at the current revision of its cable, once the batch is in."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE cables_cablereference r SET cited_id = c.id FROM cables_cable c "
                "WHERE r.cited_id IS NULL AND c.reference_id = r.reference_id AND c.is_current"
            )
            return cursor.rowcount
    resolved = 0
    pending = CableReference.objects.filter(cited__isnull=True)
    current = dict(Cable.objects.current().filter(
        reference_id__in=pending.values("reference_id")).values_list("reference_id", "id"))
    for ref, cable_id in current.items():
        resolved += CableReference.objects.filter(cited__isnull=True, reference_id=ref).update(cited_id=cable_id)
    return resolved


def _batches(rows, size):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _ingest_batch(batch: list[tuple[str, int, list[str] | str]]) -> BatchOutcome | list[tuple]:
    """In a worker process: parse the batch, and on PostgreSQL store it too (see `cables.bulk_write`)."""
    parsed = _parse_batch(batch)
    if _WRITE_IN_WORKERS[0] is None:
        return parsed
    connection.close_if_unusable_or_obsolete()
    return batch_store(parsed, _WRITE_IN_WORKERS[0])


#: Database connections a worker found when it was forked: the main process's, never used or closed here.
_INHERITED: list = []


def _worker_start() -> None:
    """Give a new worker process database connections of its own, closed when the process ends.

    A worker forked while the main process held a connection inherits its
    socket and its transaction state. Closing it would end the main process's
    session, so it is set aside untouched. The worker's own connection serves
    all its batches (a new one a batch cost PostgreSQL a backend, a login and
    cold caches every time) and is closed when the pool retires the worker.
    What the worker inherited is kept out of the collector's way (see `_collector_frozen`).
    """
    for alias in connections:
        _INHERITED.append(connections[alias])
        del connections[alias]
    multiprocessing.util.Finalize(None, connections.close_all, exitpriority=10)
    gc.freeze()


#: Allocations between two collections of the youngest objects while a load runs (Python's default: 700).
_LOAD_GC_THRESHOLD = 20_000


@contextmanager
def _collector_frozen():
    """The garbage collector told to leave alone every object that exists when a load starts, and to run less often.

    Parsing a batch makes millions of young lists, tuples and dicts that are
    freed by reference counting, not by the collector, which still ran every
    700 allocations and each full run walked Django's own objects too: 7% of
    the parsing time. Freezing them before the workers are forked (the
    workers inherit the setting) also keeps the pages they lie on shared.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(_LOAD_GC_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


#: The job id when the worker processes write (PostgreSQL), None when the main process does.
_WRITE_IN_WORKERS: list[int | None] = [None]


def bulk_ingest(paths: list[Path], *, processes: int | None = None, batch_size: int = 1000, progress: bool = True,
                stderr=None, user=None, announce: bool = True) -> BulkResult:
    """Ingest cables.csv archives; returns the job with its counts and the time taken.

    `announce=False` stores the cables without sending `cable_stored` for each
    new one (so no fact extraction is queued; with tasks run in-process it
    would run inline, one cable at a time).
    """
    global _POSTS
    started = time.monotonic()
    writing_here = connection.vendor == "postgresql"
    # A process that writes alternates between parsing and waiting for PostgreSQL, which does most of the
    # work: one a core and one more keep the cores busy without crowding them (on 2 cores, 250,000 cables
    # took 307 s with 2 processes, 305-312 s with 3, 312-315 s with 4). A database on other machines wants more.
    processes = processes or max(1, min(multiprocessing.cpu_count() + (1 if writing_here else 0), 8))
    notes: list[str] = []
    job = IngestionJob.objects.create(origin=JobOrigin.COMMAND, source=", ".join(map(str, paths))[:500],
                                      state=JobState.RUNNING, started_at=timezone.now(), started_by=user)
    from recognitions.models import Post

    posts = list(Post.objects.values_list("name", "routing"))
    _POSTS = post_lookup({name.upper() for name, _ in posts}, {routing for _, routing in posts})
    tag_cache_clear()
    _WRITE_IN_WORKERS[0] = job.pk if writing_here else None
    totals = dict.fromkeys(COUNTS, 0)
    errors: list[dict] = []

    from tqdm import tqdm

    bar = tqdm(unit="cable", disable=not progress, file=stderr or sys.stderr, mininterval=1)

    def take(result) -> None:
        outcome = result if isinstance(result, BatchOutcome) else batch_store(result, job.pk)
        _finish_batch(outcome, job, totals, errors, announce)
        bar.update(outcome.counts["seen"])

    keys_aside = writing_here and worth_setting_aside(stored_cables_estimate(), _file_sizes(paths))
    with autovacuum_paused(), foreign_keys_set_aside(keys_aside, notes), _collector_frozen():
        connections.close_all()  # the workers are forked: they must not share our database socket
        context = multiprocessing.get_context("fork")
        try:
            # A fresh process now and then: memory freed by Python is not always given back to the system.
            with context.Pool(processes, initializer=_worker_start, maxtasksperchild=50) as pool:
                in_flight: deque = deque()
                for batch in _batches(iter_archive_rows(paths, notes), batch_size):
                    in_flight.append(pool.apply_async(_ingest_batch, (batch,)))
                    if len(in_flight) >= processes * 2:
                        take(in_flight.popleft().get())
                while in_flight:
                    take(in_flight.popleft().get())
        finally:
            _WRITE_IN_WORKERS[0] = None
            bar.close()
        references_resolve()
        search_vectors_build()
        gin_pending_list_flush()
    job.errors, job.notes = errors, notes
    job.state, job.finished_at = JobState.DONE, timezone.now()
    job.save(update_fields=["errors", "notes", "state", "finished_at"])
    job.refresh_from_db()
    return BulkResult(job=job, seconds=time.monotonic() - started, errors=errors)


def _file_sizes(paths: list[Path]) -> list[tuple[int, bool]]:
    sizes = []
    for path in paths:
        try:
            sizes.append((path.stat().st_size, path.suffix == ".gz"))
        except OSError:
            continue
    return sizes


def _finish_batch(outcome: BatchOutcome, job: IngestionJob, totals: dict, errors: list, announce: bool) -> None:
    """In the main process: announce the new cables, store the rest one by one, keep the totals."""
    for name in COUNTS:
        totals[name] += outcome.counts[name]
    errors.extend(outcome.errors[: max(0, MAX_ERRORS - len(errors))])
    if announce:
        for cable_id, reference_id in outcome.new:
            cable_stored.send(sender=Cable, cable_id=cable_id, reference_id=reference_id, revision=1,
                              previous_id=None)
    for result in outcome.later:
        fields, hints = result[1], result[6]
        try:
            record = parse_cable(fields["raw_text"], fields["source"], hints=hints)
            with transaction.atomic():
                outcome_name = cable_ingest(record, fields["raw_text"], job=job, source=fields["source"]).outcome
                IngestionJob.objects.filter(pk=job.pk).update(**{outcome_name: F(outcome_name) + 1})
        except (OperationalError, InterfaceError):
            raise
        except (CableRejected, DatabaseError) as exc:
            outcome_name = "rejected"
            IngestionJob.objects.filter(pk=job.pk).update(rejected=F("rejected") + 1)
            if len(errors) < MAX_ERRORS:
                errors.append({"source": fields["source"], "line": None, "error": f"not stored: {exc}".strip()})
        totals[outcome_name] += 1
