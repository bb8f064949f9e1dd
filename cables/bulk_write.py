"""Storing one parsed batch of a bulk load: new cables in one transaction, with their counts.

On PostgreSQL this runs in the parser processes themselves, each on its own
connection, so parsing, writing and PostgreSQL's own work (the search vector
above all) spread over every core instead of queueing behind one writer.
A batch is staged with COPY in a temporary table and moved into the archive
by one `INSERT ... SELECT` that computes the search vector on the way and
skips (`ON CONFLICT DO NOTHING`) any reference id another process stored
meanwhile; paragraphs, tags, addressees and REF links follow by COPY for the
rows that went in. Job counters move in the same transaction, so a process
killed mid-batch leaves neither a half-stored cable nor a wrong count.

What is not plainly new (a known reference id with other content, the same
reference id twice in one batch, a row another process won) comes back as
`later`, for `cable_ingest` to store one at a time in the main process.
"""

from __future__ import annotations

import json
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

import psycopg
from django.db import DatabaseError, InterfaceError, OperationalError, ProgrammingError, connection, transaction
from django.db.models import CharField, F, TextField
from django.utils import timezone

from cables.jobs import MAX_ERRORS
from cables.models import Cable, CableRecipient, CableReference, IngestionJob, Paragraph, Tag
from cables.search import VECTOR_SQL

#: JSON columns of Cable, written as JSON text by COPY (`json.dumps`, built once).
_JSON_FIELDS = {"handling", "classification_reasons", "recipients", "points_of_contact", "warnings"}
_JSON = json.JSONEncoder(check_circular=False).encode
COUNTS = ("seen", "new", "updated", "unchanged", "rejected")

logger = logging.getLogger(__name__)


@dataclass
class BatchOutcome:
    """What became of a batch: counts, rejections, new rows and what is left for the one-cable path."""

    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    errors: list = field(default_factory=list)
    new: list = field(default_factory=list)  # (cable id, reference id)
    later: list = field(default_factory=list)  # parsed results to store one by one


def batch_store(results: list[tuple], job_id: int) -> BatchOutcome:
    """Store the plainly new cables of a parsed batch; sort out the rest (see the module docstring)."""
    outcome = BatchOutcome()
    counts = outcome.counts
    parsed = []
    for result in results:
        counts["seen"] += 1
        if result[0] == "error":
            counts["rejected"] += 1
            if len(outcome.errors) < MAX_ERRORS:
                outcome.errors.append({"source": result[1], "line": result[2], "error": result[3]})
            continue
        parsed.append(result)
    known: dict[str, set[str]] = {}
    if parsed:
        rows = Cable.objects.filter(reference_id__in=[r[1]["reference_id"] for r in parsed])
        for ref, digest in rows.values_list("reference_id", "content_hash"):
            known.setdefault(ref, set()).add(digest)
    fresh, batch_refs = [], set()
    for result in parsed:
        ref, digest = result[1]["reference_id"], result[1]["content_hash"]
        if ref in known and digest in known[ref]:
            counts["unchanged"] += 1
        elif ref in known or ref in batch_refs:
            outcome.later.append(result)
        else:
            batch_refs.add(ref)
            fresh.append(result)
    try:
        _write(fresh, job_id, counts, outcome)
    except (OperationalError, InterfaceError, psycopg.OperationalError, psycopg.InterfaceError):
        raise
    except (DatabaseError, psycopg.DatabaseError):
        # One row the database refuses must not cost the others: they go one by one instead.
        tag_cache_clear()  # tags created in the batch went with it
        outcome.later.extend(fresh)
        _write([], job_id, counts, outcome)
    return outcome


def _write(fresh: list[tuple], job_id: int, counts: dict, outcome: BatchOutcome) -> None:
    inserted: list[tuple[int, tuple]] = []
    with transaction.atomic():
        if fresh:
            inserted = _copy(fresh, job_id) if connection.vendor == "postgresql" else _orm(fresh, job_id)
        counts["new"] = len(inserted)
        done = {name: F(name) + counts[name] for name in ("seen", "new", "unchanged", "rejected") if counts[name]}
        if done:
            IngestionJob.objects.filter(pk=job_id).update(**done)
    outcome.new = [(cable_id, result[1]["reference_id"]) for cable_id, result in inserted]
    went_in = {id(result) for _, result in inserted}
    outcome.later.extend(result for result in fresh if id(result) not in went_in)


# ---- tags, shared by every batch of a process

_TAG_IDS: dict[str, int] = {}


def _tag_ids(codes: set[str]) -> dict[str, int]:
    missing = codes - _TAG_IDS.keys()
    if missing:
        Tag.objects.bulk_create([Tag(code=code) for code in sorted(missing)], ignore_conflicts=True)
        _TAG_IDS.update(Tag.objects.filter(code__in=missing).values_list("code", "id"))
    return _TAG_IDS


def tag_cache_clear() -> None:
    """Forget the tag ids (a new load, perhaps into another database)."""
    _TAG_IDS.clear()


# ---- PostgreSQL: stage, move in with the search vector, children by COPY

#: How a bulk batch talks to PostgreSQL. The search index takes new cables into its pending list
#: and merges that list into the index when it is full: with a list of 32 MB merged in memory, a
#: cable costs the index 40% less CPU than with the default 4 MB once it holds 200,000 cables
#: (`gin_pending_list_flush` empties it when the load is done, so searches need not read it).
_MERGE_MEMORY = "work_mem = '32MB'"
BATCH_SETTINGS = (
    "synchronous_commit = off",
    "gin_pending_list_limit = '32MB'",
    _MERGE_MEMORY,
)
SEARCH_INDEX = "cables_cable_search_vector_gin"


def gin_pending_list_flush() -> None:
    """Merge what the bulk batches left in the search index's pending list into the index."""
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL {_MERGE_MEMORY}")
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
    except ProgrammingError as exc:  # a database user that does not own the index may not
        logger.warning("the search index's pending list is left to autovacuum: %s", exc)


#: The tables a bulk load fills.
ARCHIVE_TABLES = ("cables_cable", "cables_paragraph", "cables_cablerecipient", "cables_cablereference",
                  "cables_cable_tags")


@contextmanager
def autovacuum_paused():
    """Autovacuum kept off the archive tables while a bulk load fills them.

    A table that grows by a tenth every few seconds is vacuumed and analyzed
    again and again for nothing: seven times each, 33 s of CPU, in a load of
    250,000 cables. When the load ends (or fails) autovacuum takes the tables
    up again with the whole load in view. A load killed outright leaves them
    paused until the next bulk load ends.
    """
    if connection.vendor != "postgresql" or not _autovacuum_set("SET (autovacuum_enabled = off)"):
        yield
        return
    try:
        yield
    finally:
        _autovacuum_set("RESET (autovacuum_enabled)")


def _autovacuum_set(change: str) -> bool:
    """Change autovacuum on every archive table or none; False where this database user may not."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for table in ARCHIVE_TABLES:
                cursor.execute(f"ALTER TABLE {table} {change}")
    except ProgrammingError as exc:  # a database user that does not own the tables
        logger.warning("autovacuum left as it is on the archive tables: %s", exc)
        return False
    return True


_CABLE_COLUMNS = [f.column for f in Cable._meta.concrete_fields]
_CABLE_FIELDS = Cable._meta.concrete_fields
assert _CABLE_FIELDS[0].attname == "id", "a cable's COPY line starts with its id"
_STAGE = "bulk_cable_stage"


def _stage_prepare(cursor) -> None:
    """A temporary table shaped like cables_cable, emptied at every commit, once per connection.

    Where the archive keeps its raw text in lz4, so does the stage, and a
    stage row may fill a whole page: the text is compressed once, stays in
    the row instead of in TOAST chunks written and read back, and goes into
    the archive as it is. Elsewhere it passes through uncompressed, and the
    archive compresses it once.
    """
    cursor.execute("SELECT to_regclass(%s)", [f"pg_temp.{_STAGE}"])
    if cursor.fetchone()[0] is not None:
        return
    cursor.execute("SELECT attcompression FROM pg_attribute "
                   "WHERE attrelid = 'cables_cable'::regclass AND attname = 'raw_text'")
    if cursor.fetchone()[0] == "l":
        cursor.execute(f"CREATE TEMPORARY TABLE {_STAGE} (LIKE cables_cable INCLUDING COMPRESSION) "
                       "WITH (toast_tuple_target = 8160) ON COMMIT DELETE ROWS")
    else:
        cursor.execute(f"CREATE TEMPORARY TABLE {_STAGE} (LIKE cables_cable) ON COMMIT DELETE ROWS")
        cursor.execute(f"ALTER TABLE {_STAGE} ALTER COLUMN raw_text SET STORAGE EXTERNAL, "
                       "ALTER COLUMN subject SET STORAGE EXTERNAL")


def _cable_writers(batch_values: dict) -> list[tuple[str, object]]:
    """How each column of a cable's COPY line after its id is written, in the table's order.

    A column the whole batch shares is written once, as (its text, None); any
    other is (its field name, the function that writes the record's value),
    chosen here once instead of for every value of every cable.
    """
    writers = []
    for column in _CABLE_FIELDS[1:]:
        name = column.attname
        if name in batch_values:
            writers.append((copy_value(batch_values[name]), None))
        elif name in _JSON_FIELDS:
            writers.append((name, _copy_json))
        elif isinstance(column, (CharField, TextField)) and not column.null:
            writers.append((name, copy_field))
        else:
            writers.append((name, copy_value))
    return writers


def _copy_json(value) -> str:
    return copy_field(_JSON(value))


def _copy(fresh: list[tuple], job_id: int) -> list[tuple[int, tuple]]:
    tag_ids = _tag_ids({code for c in fresh for code in c[3]})
    now = timezone.now()
    with connection.cursor() as cursor:
        for setting in BATCH_SETTINGS:
            cursor.execute(f"SET LOCAL {setting}")
        _stage_prepare(cursor)
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('cables_cable', 'id')) FROM generate_series(1, %s)", [len(fresh)]
        )
        ids = [row[0] for row in cursor.fetchall()]
        writers = _cable_writers({"revision": 1, "is_current": True, "job_id": job_id, "ingested_at": now})
        columns = ", ".join(_CABLE_COLUMNS)
        _copy_text(cursor, f"{_STAGE} ({columns})", (
            f"{cable_id}\t" + "\t".join([write(fields[key]) if write else key for key, write in writers]) + "\n"
            for cable_id, (_, fields, *_rest) in zip(ids, fresh, strict=True)
        ))
        cursor.execute(
            f"INSERT INTO cables_cable ({columns}, search_vector) "  # noqa: S608
            f"SELECT {columns}, {VECTOR_SQL} FROM {_STAGE} ORDER BY id ON CONFLICT DO NOTHING RETURNING id"
        )
        went_in = {row[0] for row in cursor.fetchall()}
        inserted = [(cable_id, cable) for cable_id, cable in zip(ids, fresh, strict=True) if cable_id in went_in]
        _copy_text(cursor, "cables_paragraph (cable_id, number, portion_marking, marking_level, noforn, text)", (
            f"{cable_id}\t{number}\t{copy_field(label)}\t{level}\t{_BOOL[noforn]}\t{copy_field(text)}\n"
            for cable_id, cable in inserted for number, label, level, noforn, text in cable[2]
        ))
        _copy_text(cursor, "cables_cable_tags (cable_id, tag_id)", (
            f"{cable_id}\t{tag_ids[code]}\n" for cable_id, cable in inserted for code in cable[3]
        ))
        recipient_columns = "cable_id, kind, position, routing, post_name, precedence, post_id"
        _copy_text(cursor, f"cables_cablerecipient ({recipient_columns})", (
            f"{cable_id}\t{kind}\t{position}\t{copy_field(routing)}\t{copy_field(name)}\t{copy_field(precedence)}"
            f"\t{_NULL if post_id is None else post_id}\n"
            for cable_id, cable in inserted for kind, position, routing, name, precedence, post_id in cable[4]
        ))
        _copy_text(cursor, "cables_cablereference (citing_id, position, reference_id)", (
            f"{cable_id}\t{position}\t{copy_field(ref)}\n"
            for cable_id, cable in inserted for position, ref in enumerate(cable[5])
        ))
    return inserted


# ---- COPY's text format, written here: a row at a time through the driver costs more than the parsing

_NULL = "\\N"
_BOOL = {True: "t", False: "f"}


def copy_field(value: str) -> str:
    """A text value as COPY's text format writes it: backslash, tab, newline and carriage return escaped."""
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if "\t" in value:
        value = value.replace("\t", "\\t")
    if "\n" in value:
        value = value.replace("\n", "\\n")
    if "\r" in value:
        value = value.replace("\r", "\\r")
    return value


def copy_value(value) -> str:
    """A column value (text, number, truth, date, time or None) as COPY's text format writes it."""
    if value is None:
        return _NULL
    if isinstance(value, str):
        return copy_field(value)
    if isinstance(value, bool):
        return _BOOL[value]
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    return str(value)


def _copy_text(cursor, table: str, lines) -> None:
    """COPY rows already in text format into `table (columns)`, in one write."""
    data = "".join(lines)
    if data:
        with cursor.copy(f"COPY {table} FROM STDIN") as copy:
            copy.write(data)


# ---- elsewhere (SQLite): the ORM's bulk_create, in the main process

def _orm(fresh: list[tuple], job_id: int) -> list[tuple[int, tuple]]:
    tag_ids = _tag_ids({code for c in fresh for code in c[3]})
    rows = Cable.objects.bulk_create(
        Cable(revision=1, is_current=True, job_id=job_id, **fields) for _, fields, *_rest in fresh
    )
    inserted = [(row.pk, cable) for row, cable in zip(rows, fresh, strict=True)]
    Paragraph.objects.bulk_create(
        Paragraph(cable_id=cable_id, number=n, portion_marking=label, marking_level=level, noforn=nf, text=text)
        for cable_id, cable in inserted for n, label, level, nf, text in cable[2]
    )
    Cable.tags.through.objects.bulk_create(
        Cable.tags.through(cable_id=cable_id, tag_id=tag_ids[code]) for cable_id, cable in inserted for code in cable[3]
    )
    CableRecipient.objects.bulk_create(
        CableRecipient(cable_id=cable_id, kind=k, position=p, routing=r, post_name=n, precedence=pr, post_id=post)
        for cable_id, cable in inserted for k, p, r, n, pr, post in cable[4]
    )
    CableReference.objects.bulk_create(
        CableReference(citing_id=cable_id, position=position, reference_id=ref)
        for cable_id, cable in inserted for position, ref in enumerate(cable[5])
    )
    return inserted
