"""Full-text search of cables on SQLite (the embedded default): an FTS5 index kept in step by triggers.

The index is an external-content FTS5 table over `cables_cable` (subject and
raw text, Porter stemming), so it holds no second copy of the texts. Triggers
keep it in step with every write, whatever the write path; migration 0006
creates it and fills it, and every `migrate` puts the triggers back if a
table rebuild dropped them (SQLite rebuilds a table to alter it) and refills
the index if it lost step. PostgreSQL has its own stored vector
(`cables.search`); there none of this runs. Without FTS5 in the SQLite
library, search falls back to matching words (`CableQuerySet.matching`).
"""

from __future__ import annotations

import re

from django.db.models import FloatField, TextField
from django.db.models.expressions import RawSQL
from django.db.utils import OperationalError

TABLE = "cables_cable_fts"

_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS cables_cable_fts USING fts5(subject, raw_text, content='cables_cable', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
)
_TRIGGERS = (
    """CREATE TRIGGER IF NOT EXISTS cables_cable_fts_insert AFTER INSERT ON cables_cable BEGIN
        INSERT INTO cables_cable_fts(rowid, subject, raw_text) VALUES (new.id, new.subject, new.raw_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS cables_cable_fts_delete AFTER DELETE ON cables_cable BEGIN
        INSERT INTO cables_cable_fts(cables_cable_fts, rowid, subject, raw_text)
        VALUES ('delete', old.id, old.subject, old.raw_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS cables_cable_fts_update AFTER UPDATE OF subject, raw_text ON cables_cable BEGIN
        INSERT INTO cables_cable_fts(cables_cable_fts, rowid, subject, raw_text)
        VALUES ('delete', old.id, old.subject, old.raw_text);
        INSERT INTO cables_cable_fts(rowid, subject, raw_text) VALUES (new.id, new.subject, new.raw_text);
    END""",
)
_DROP = (
    "DROP TRIGGER IF EXISTS cables_cable_fts_insert",
    "DROP TRIGGER IF EXISTS cables_cable_fts_delete",
    "DROP TRIGGER IF EXISTS cables_cable_fts_update",
    "DROP TABLE IF EXISTS cables_cable_fts",
)
_IN_STEP = "SELECT (SELECT count(*) FROM cables_cable_fts_docsize), (SELECT count(*) FROM cables_cable)"
_REBUILD = "INSERT INTO cables_cable_fts(cables_cable_fts) VALUES ('rebuild')"
_MATCHING = "SELECT rowid FROM cables_cable_fts WHERE cables_cable_fts MATCH %s"
# BM25 with subject matches weighing more than text matches, as on PostgreSQL; higher is better.
_RANK = (
    "(SELECT -bm25(cables_cable_fts, 4.0, 1.0) FROM cables_cable_fts "
    'WHERE cables_cable_fts MATCH %s AND rowid = "cables_cable"."id")'
)
# The matches between char(2) and char(3), which `headline_html` turns into <mark>.
_SNIPPET = (
    "(SELECT snippet(cables_cable_fts, 1, char(2), char(3), '', 24) FROM cables_cable_fts "
    'WHERE cables_cable_fts MATCH %s AND rowid = "cables_cable"."id")'
)

#: Whether each SQLite database (by name) has the index; learnt once per process.
_present: dict[str, bool] = {}


def install(connection) -> bool:
    """Create the index and its triggers if missing, and refill it when it lost step; False without FTS5."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        try:
            cursor.execute(_CREATE)
        except OperationalError:  # the SQLite library was built without FTS5
            _present[connection.settings_dict["NAME"]] = False
            return False
        for statement in _TRIGGERS:
            cursor.execute(statement)
        cursor.execute(_IN_STEP)
        indexed, stored = cursor.fetchone()
        if indexed != stored:
            cursor.execute(_REBUILD)
    _present[connection.settings_dict["NAME"]] = True
    return True


def uninstall(connection) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for statement in _DROP:
            cursor.execute(statement)
    _present.pop(connection.settings_dict["NAME"], None)


def available(connection) -> bool:
    """Whether this database searches through the FTS5 index (one query the first time, then remembered)."""
    if connection.vendor != "sqlite":
        return False
    name = connection.settings_dict["NAME"]
    if name not in _present:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [TABLE])
            _present[name] = cursor.fetchone() is not None
    return _present[name]


def match_expression(q: str) -> str | None:
    """The FTS5 query for a web-style search text: words, "exact phrases", -excluded, `or`.

    Every term is written as a quoted FTS5 string of its word characters, so
    nothing the user types is read as FTS5 syntax. None when nothing is left
    to look for (no word, or only excluded ones).
    """
    groups: list[tuple[list[str], list[str]]] = [([], [])]
    terms = 0
    for match in re.finditer(r'(-?)"([^"]*)"?|(\S+)', q):
        excluded, phrase, word = match.group(1) == "-", match.group(2), match.group(3)
        if word is not None:
            if word.lower() == "or":
                groups.append(([], []))
                continue
            excluded, phrase = word.startswith("-") and len(word) > 1, word
        tokens = re.findall(r"\w+", phrase)
        if not tokens or terms >= 12:
            continue
        terms += 1
        groups[-1][1 if excluded else 0].append('"' + " ".join(tokens) + '"')
    alternatives = []
    for wanted, unwanted in groups:
        if not wanted:
            continue
        expression = " AND ".join(wanted)
        if unwanted:
            expression = f"({expression}) NOT ({' OR '.join(unwanted)})"
        alternatives.append(f"({expression})")
    return " OR ".join(alternatives) or None


def matching_ids(expression: str) -> RawSQL:
    """The ids of the cables matching an FTS5 expression, for `pk__in`."""
    return RawSQL(_MATCHING, [expression])  # noqa: S611 - constant SQL, the expression is a bound parameter


def rank(expression: str) -> RawSQL:
    """How well each cable matches (higher is better)."""
    return RawSQL(_RANK, [expression], output_field=FloatField())  # noqa: S611 - as above


def snippet(expression: str) -> RawSQL:
    """An excerpt of each cable's text around its matches, the matches between the mark characters."""
    return RawSQL(_SNIPPET, [expression], output_field=TextField())  # noqa: S611 - as above
