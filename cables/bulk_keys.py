"""The archive tables' foreign keys, set aside while a large bulk load fills the tables, then put back and validated.

PostgreSQL checks every foreign key of every new row with a query of its own:
a cable's paragraphs, addressees, tags and REF links made about 33 such checks,
a tenth of a bulk load's CPU. A load that brings many cables for what the
archive holds drops the keys at its start and adds them back at its end, where
validating each is one join (about 2 s in all for 250,000 cables). Meanwhile a
batch links only rows it stores itself, in one transaction, and the validation
proves that nothing points nowhere. A load killed outright leaves the keys off;
the next bulk load puts them back before anything else.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.db import DatabaseError, OperationalError, ProgrammingError, connection, transaction

from cables.bulk_write import ARCHIVE_TABLES

logger = logging.getLogger(__name__)

#: Bytes of cables.csv a cable takes, and how much gzip shrinks them, to tell a load's size from its files.
ARCHIVE_BYTES_A_CABLE = 8_000
GZIP_RATIO = 4
#: How long dropping the keys may wait for a table's lock, so that a live site's readers never queue behind it.
LOCK_WAIT = "5s"
#: Setting the keys aside pays when the load brings at least this share of what the archive will then hold:
#: the checks saved grow with the load, the validation with the whole archive.
WORTH_IT_SHARE = 0.1


@dataclass(frozen=True)
class ForeignKey:
    table: str
    column: str
    target_table: str
    target_column: str

    @property
    def default_name(self) -> str:
        return f"{self.table}_{self.column}_fk"[:63]


def archive_foreign_keys() -> list[ForeignKey]:
    """Every foreign key of the tables a bulk load fills (`ARCHIVE_TABLES`), as the models declare them."""
    keys = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table not in ARCHIVE_TABLES:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.db_constraint:
                target = field.target_field
                keys.append(ForeignKey(model._meta.db_table, field.column, target.model._meta.db_table, target.column))
    return keys


def worth_setting_aside(stored_cables: int, file_sizes: list[tuple[int, bool]]) -> bool:
    """Whether a load of files ((bytes, gzip), ...) brings enough cables for an archive holding `stored_cables`."""
    coming = sum(size * (GZIP_RATIO if gzip else 1) for size, gzip in file_sizes) / ARCHIVE_BYTES_A_CABLE
    return coming >= WORTH_IT_SHARE * (stored_cables + coming) and coming >= 1


def stored_cables_estimate() -> int:
    """About how many cables the archive holds, from the planner's statistics (no count of the table)."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'cables_cable'::regclass")
        return cursor.fetchone()[0]


@contextmanager
def foreign_keys_set_aside(worth_it: bool, notes: list[str]):
    """The archive's foreign keys dropped while the block runs (when `worth_it`, on PostgreSQL), then restored;
    what could not be validated goes into `notes`."""
    if connection.vendor != "postgresql":
        yield
        return
    notes.extend(foreign_keys_restore())
    dropped = _drop() if worth_it else {}
    try:
        yield
    finally:
        if dropped:
            notes.extend(foreign_keys_restore(dropped))


def _present(cursor) -> dict[tuple[str, str], str]:
    """(table, column): constraint name of each single-column foreign key on the archive tables."""
    tables = sorted({key.table for key in archive_foreign_keys()})
    cursor.execute(
        "SELECT c.conrelid::regclass::text, a.attname, c.conname FROM pg_constraint c "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.conrelid::regclass::text = ANY(%s)",
        [tables],
    )
    return {(table, column): name for table, column, name in cursor.fetchall()}


def _drop() -> dict[tuple[str, str], str]:
    """Drop every archive foreign key, all or none; {} where the tables are busy or not this user's."""
    quote = connection.ops.quote_name
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [LOCK_WAIT])
            present = _present(cursor)
            known = {(key.table, key.column) for key in archive_foreign_keys()}
            dropped = {where: name for where, name in present.items() if where in known}
            for (table, _), name in dropped.items():
                cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    except (ProgrammingError, OperationalError) as exc:
        logger.warning("the archive's foreign keys are checked row by row in this load: %s", exc)
        return {}
    return dropped


def foreign_keys_restore(names: dict[tuple[str, str], str] | None = None) -> list[str]:
    """Add back each archive foreign key that is missing and validate it; what could not be, in words.

    A key whose validation fails stays, checked for new rows but marked NOT VALID,
    and the failure is logged and returned.
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        present = _present(cursor)
    problems = []
    for key in archive_foreign_keys():
        if (key.table, key.column) in present:
            continue
        name = (names or {}).get((key.table, key.column)) or key.default_name
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    f"ALTER TABLE {quote(key.table)} ADD CONSTRAINT {quote(name)} FOREIGN KEY ({quote(key.column)}) "
                    f"REFERENCES {quote(key.target_table)} ({quote(key.target_column)}) "
                    "DEFERRABLE INITIALLY DEFERRED NOT VALID"
                )
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {quote(key.table)} VALIDATE CONSTRAINT {quote(name)}")
        except DatabaseError as exc:
            problem = f"foreign key {key.table}.{key.column} not validated: {str(exc).strip()}"
            logger.error(problem)
            problems.append(problem)
    return problems
