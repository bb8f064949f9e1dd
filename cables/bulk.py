"""Bulk mode: the whole cables.csv archive into the database in minutes, in bounded memory.

`ingest_cables --bulk cables.csv[.gz]` streams the rows, parses them in worker
processes and writes each batch of new cables in one transaction: COPY on
PostgreSQL (psycopg 3), bulk_create elsewhere. A cable already in the archive
with the same content is skipped; one with other content goes through
`cable_ingest` and becomes a revision, as anywhere else. At most a few
batches are in flight, so memory does not grow with the archive.
"""

from __future__ import annotations

import gzip
import io
import json
import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, connections, transaction
from django.utils import timezone

from cables.ingestion import (
    cable_ingest,
    cable_marking,
    paragraph_rows,
    post_lookup,
    recipient_rows,
    record_fields,
    resolve_post,
)
from cables.jobs import MAX_ERRORS
from cables.models import Cable, CableRecipient, CableReference, IngestionJob, JobOrigin, JobState, Paragraph, Tag
from cables.parsing import CableParseError, parse_cable
from cables.parsing.csvrows import iter_rows, row_to_cable
from cables.search import search_vectors_build
from cables.signals import cable_stored

#: JSON columns of Cable, written as JSON text by COPY.
_JSON_FIELDS = {"handling", "classification_reasons", "recipients", "points_of_contact", "warnings"}


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

def _open_text(path: Path, encoding: str):
    raw = gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding=encoding, newline="")


def _encoding(path: Path) -> str:
    """UTF-8 when the whole file decodes as UTF-8, else Latin-1 (read once, streamed)."""
    with _open_text(path, "utf-8") as stream:
        try:
            while stream.read(1 << 22):
                pass
            return "utf-8"
        except UnicodeDecodeError:
            return "latin-1"


def iter_archive_rows(paths: list[Path], notes: list[str]) -> Iterator[tuple[str, int, list[str] | str]]:
    """(source, line, row) for each row of each file; a row is a list, or an error message."""
    for path in paths:
        encoding = _encoding(path)
        if encoding != "utf-8":
            notes.append(f"{path} is not valid UTF-8; read as Latin-1")
        with _open_text(path, encoding) as stream:
            sample = stream.read(1 << 20)
        with _open_text(path, encoding) as stream:
            for line, row in iter_rows(stream, str(path), sample=sample):
                if isinstance(row, CableParseError):
                    yield str(path), line, row.message
                    break
                yield path.name, line, row


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


# ---- writing, in the main process

class _Writer:
    def __init__(self, job: IngestionJob):
        self.job = job
        self.tag_ids = dict(Tag.objects.values_list("code", "id"))
        self.columns = [f.column for f in Cable._meta.concrete_fields]
        self.attnames = [f.attname for f in Cable._meta.concrete_fields]

    def tag_id_map(self, codes: set[str]) -> dict[str, int]:
        missing = codes - self.tag_ids.keys()
        if missing:
            Tag.objects.bulk_create([Tag(code=code) for code in sorted(missing)], ignore_conflicts=True)
            self.tag_ids.update(Tag.objects.filter(code__in=missing).values_list("code", "id"))
        return self.tag_ids

    def write(self, cables: list[tuple]) -> list[int]:
        tag_ids = self.tag_id_map({code for c in cables for code in c[3]})
        if connection.vendor == "postgresql":
            return self._copy(cables, tag_ids)
        return self._orm(cables, tag_ids)

    def _copy(self, cables, tag_ids) -> list[int]:
        now = timezone.now()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('cables_cable', 'id')) FROM generate_series(1, %s)",
                [len(cables)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            extra = {"id": ids, "revision": 1, "is_current": True, "job_id": self.job.pk, "ingested_at": now}
            with cursor.copy(f"COPY cables_cable ({', '.join(self.columns)}) FROM STDIN") as copy:
                for cable_id, (_, fields, *_rest) in zip(ids, cables, strict=True):
                    copy.write_row([
                        cable_id if name == "id" else extra[name] if name in extra
                        else json.dumps(fields[name]) if name in _JSON_FIELDS else fields[name]
                        for name in self.attnames
                    ])
            with cursor.copy("COPY cables_paragraph (cable_id, number, portion_marking, marking_level, noforn, text) "
                             "FROM STDIN") as copy:
                for cable_id, cable in zip(ids, cables, strict=True):
                    for row in cable[2]:
                        copy.write_row((cable_id, *row))
            with cursor.copy("COPY cables_cable_tags (cable_id, tag_id) FROM STDIN") as copy:
                for cable_id, cable in zip(ids, cables, strict=True):
                    for code in cable[3]:
                        copy.write_row((cable_id, tag_ids[code]))
            with cursor.copy("COPY cables_cablerecipient (cable_id, kind, position, routing, post_name, precedence, "
                             "post_id) FROM STDIN") as copy:
                for cable_id, cable in zip(ids, cables, strict=True):
                    for row in cable[4]:
                        copy.write_row((cable_id, *row))
            with cursor.copy("COPY cables_cablereference (citing_id, position, reference_id) FROM STDIN") as copy:
                for cable_id, cable in zip(ids, cables, strict=True):
                    for position, ref in enumerate(cable[5]):
                        copy.write_row((cable_id, position, ref))
        return ids

    def _orm(self, cables, tag_ids) -> list[int]:
        rows = Cable.objects.bulk_create(
            Cable(revision=1, is_current=True, job=self.job, **fields) for _, fields, *_rest in cables
        )
        ids = [row.pk for row in rows]
        Paragraph.objects.bulk_create(
            Paragraph(cable_id=cable_id, number=n, portion_marking=label, marking_level=level, noforn=nf, text=text)
            for cable_id, cable in zip(ids, cables, strict=True) for n, label, level, nf, text in cable[2]
        )
        Cable.tags.through.objects.bulk_create(
            Cable.tags.through(cable_id=cable_id, tag_id=tag_ids[code])
            for cable_id, cable in zip(ids, cables, strict=True) for code in cable[3]
        )
        CableRecipient.objects.bulk_create(
            CableRecipient(cable_id=cable_id, kind=k, position=p, routing=r, post_name=n, precedence=pr, post_id=post)
            for cable_id, cable in zip(ids, cables, strict=True) for k, p, r, n, pr, post in cable[4]
        )
        CableReference.objects.bulk_create(
            CableReference(citing_id=cable_id, position=position, reference_id=ref)
            for cable_id, cable in zip(ids, cables, strict=True) for position, ref in enumerate(cable[5])
        )
        return ids


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


def bulk_ingest(paths: list[Path], *, processes: int | None = None, batch_size: int = 1000, progress: bool = True,
                stderr=None, user=None, announce: bool = True) -> BulkResult:
    """Ingest cables.csv archives; returns the job with its counts and the time taken.

    `announce=False` stores the cables without sending `cable_stored` for each
    new one (so no fact extraction is queued; with tasks run in-process it
    would run inline, one cable at a time).
    """
    global _POSTS
    started = time.monotonic()
    processes = processes or max(1, min(multiprocessing.cpu_count(), 8))
    notes: list[str] = []
    job = IngestionJob.objects.create(origin=JobOrigin.COMMAND, source=", ".join(map(str, paths))[:500],
                                      state=JobState.RUNNING, started_at=timezone.now(), started_by=user)
    from recognitions.models import Post

    posts = list(Post.objects.values_list("name", "routing"))
    _POSTS = post_lookup({name.upper() for name, _ in posts}, {routing for _, routing in posts})
    writer = _Writer(job)
    counts = {"seen": 0, "new": 0, "updated": 0, "unchanged": 0, "rejected": 0}
    errors: list[dict] = []
    seen_hashes: dict[str, str] = {}

    from tqdm import tqdm

    bar = tqdm(unit="cable", disable=not progress, file=stderr or sys.stderr, mininterval=1)
    connections.close_all()  # the workers are forked: they must not share our database socket
    context = multiprocessing.get_context("fork")
    with context.Pool(processes) as pool:
        in_flight: deque = deque()
        for batch in _batches(iter_archive_rows(paths, notes), batch_size):
            in_flight.append(pool.apply_async(_parse_batch, (batch,)))
            if len(in_flight) >= processes * 2:
                _store_batch(in_flight.popleft().get(), writer, counts, errors, seen_hashes, bar, announce)
        while in_flight:
            _store_batch(in_flight.popleft().get(), writer, counts, errors, seen_hashes, bar, announce)
    bar.close()
    references_resolve()
    search_vectors_build()
    job.seen, job.new, job.updated, job.unchanged, job.rejected = (
        counts["seen"], counts["new"], counts["updated"], counts["unchanged"], counts["rejected"])
    job.errors, job.notes = errors, notes
    job.state, job.finished_at = JobState.DONE, timezone.now()
    job.save()
    return BulkResult(job=job, seconds=time.monotonic() - started, errors=errors)


def _store_batch(results, writer: _Writer, counts, errors, seen_hashes, bar, announce=True) -> None:
    fresh, revisions = [], []
    parsed = []
    for result in results:
        counts["seen"] += 1
        if result[0] == "error":
            counts["rejected"] += 1
            if len(errors) < MAX_ERRORS:
                errors.append({"source": result[1], "line": result[2], "error": result[3]})
            continue
        parsed.append(result)
    known: dict[str, set[str]] = {}
    if parsed:
        rows = Cable.objects.filter(reference_id__in=[r[1]["reference_id"] for r in parsed])
        for ref, digest in rows.values_list("reference_id", "content_hash"):
            known.setdefault(ref, set()).add(digest)
    batch_refs = set()
    for result in parsed:
        fields = result[1]
        ref, digest = fields["reference_id"], fields["content_hash"]
        if ref in batch_refs or ref in known or ref in seen_hashes:
            # Seen before (in the archive, or earlier in this run): same content is unchanged,
            # other content a revision, which the one-cable path stores.
            if ref not in batch_refs and (digest in known.get(ref, ()) or seen_hashes.get(ref) == digest):
                counts["unchanged"] += 1
            else:
                revisions.append(result)
            continue
        batch_refs.add(ref)
        fresh.append(result)
    with transaction.atomic():
        ids = writer.write(fresh) if fresh else []
        counts["new"] += len(ids)
    for result in fresh:
        seen_hashes[result[1]["reference_id"]] = result[1]["content_hash"]
    if announce:
        for cable_id, result in zip(ids, fresh, strict=True):
            cable_stored.send(sender=Cable, cable_id=cable_id, reference_id=result[1]["reference_id"], revision=1,
                              previous_id=None)
    for result in revisions:
        fields, hints = result[1], result[6]
        record = parse_cable(fields["raw_text"], fields["source"], hints=hints)
        stored = cable_ingest(record, fields["raw_text"], job=writer.job, source=fields["source"])
        counts[stored.outcome] += 1
        seen_hashes[fields["reference_id"]] = fields["content_hash"]
    IngestionJob.objects.filter(pk=writer.job.pk).update(**counts)
    bar.update(len(results))
