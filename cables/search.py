"""The PostgreSQL search vector of cables: subject weighted above the text, English stemming.

Kept out of the model (the column exists only on PostgreSQL, see migration
0002) and out of triggers: the services that write cables call these.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from django.db import connection, connections

from cables.querysets import SEARCH_CONFIG

VECTOR_SQL = (
    f"setweight(to_tsvector('{SEARCH_CONFIG}', coalesce(subject, '')), 'A') || "
    f"setweight(to_tsvector('{SEARCH_CONFIG}', raw_text), 'B')"
)


def search_vectors_update(cable_ids: list[int]) -> None:
    """Compute the vectors of these cables (in the caller's transaction)."""
    if connection.vendor != "postgresql" or not cable_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE cables_cable SET search_vector = {VECTOR_SQL} WHERE id = ANY(%s)",  # noqa: S608
                       [list(cable_ids)])


def search_vectors_build(slice_size: int = 5000, threads: int = 2) -> int:
    """Compute every missing vector, in id slices over parallel connections; returns the count.

    Each slice commits on its own, so an interrupted build resumes where it
    stopped when run again.
    """
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM cables_cable WHERE search_vector IS NULL")
        low, high = cursor.fetchone()
    if low is None:
        return 0
    slices = [(start, start + slice_size) for start in range(low, high + 1, slice_size)]

    def build(bounds):
        start, stop = bounds
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute(
                    f"UPDATE cables_cable SET search_vector = {VECTOR_SQL} "  # noqa: S608
                    "WHERE id >= %s AND id < %s AND search_vector IS NULL",
                    [start, stop],
                )
                return cursor.rowcount
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return sum(pool.map(build, slices))
