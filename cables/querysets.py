"""Querysets of the cable archive: the clearance filter and full-text search.

`visible_to(user)` is built only from `cables.clearance.visible_q`; every list,
search and count of cables and paragraphs starts from it.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.db import connection, models
from django.db.models import Expression, Q

from cables.clearance import visible_q

#: The text-search configuration of the stored search vector (see migration 0002).
SEARCH_CONFIG = "english"
#: Where ts_headline puts its marks; `Cable.snippet_for` escapes the text and turns them into <mark>.
MARK_START, MARK_END = "\x02", "\x03"


class StoredSearchVector(Expression):
    """The `search_vector` column that migration 0002 adds on PostgreSQL (generated, GIN-indexed).

    It is not a model field because it exists only on PostgreSQL and only
    PostgreSQL writes it.
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(table)}.{connection.ops.quote_name('search_vector')}", []


class CableQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(visible_q(user, "classification_level", "noforn"))

    def current(self):
        """The revision lists show: the latest text of each cable."""
        return self.filter(is_current=True)

    def search(self, q: str):
        """Cables matching the words of `q`, best first, each with a `snippet` annotation.

        On PostgreSQL the stored `search_vector` (subject weighted above the text,
        GIN-indexed) answers a web-style query (`"exact phrase"`, `-word`, `or`);
        the snippet is `ts_headline` with the matches in `<mark>`. On SQLite every
        word must appear in the subject or the text, and the snippet is cut in Python
        (`Cable.snippet`).
        """
        q = (q or "").strip()
        if not q:
            return self
        if connection.vendor == "postgresql":
            query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
            return (
                self.alias(vector=StoredSearchVector())
                .filter(vector=query)
                .annotate(
                    rank=SearchRank(StoredSearchVector(), query),
                    snippet=SearchHeadline(
                        "raw_text", query, config=SEARCH_CONFIG, start_sel=MARK_START, stop_sel=MARK_END,
                        max_fragments=2, max_words=30, min_words=12,
                    ),
                )
                .order_by("-rank", "-created", "reference_id")
            )
        condition = Q()
        for word in search_words(q):
            condition &= Q(subject__icontains=word) | Q(raw_text__icontains=word)
        return self.filter(condition)


def search_words(q: str) -> list[str]:
    """The words of a query for the simple (SQLite) search: quotes and operators dropped."""
    return [w for w in re.findall(r"[\w'./-]+", q) if w.lower() not in ("or", "and")][:12]


class ParagraphQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A paragraph shows when the user is cleared for its marking and for its cable."""
        return self.filter(
            visible_q(user, "marking_level", "noforn") & visible_q(user, "cable__classification_level", "cable__noforn")
        )


class CableReferenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A REF link shows only when the citing cable is visible; its target is checked separately."""
        return self.filter(visible_q(user, "citing__classification_level", "citing__noforn"))


class FactQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A fact follows its paragraph's marking, whatever its cable's classification.

        Whether its link to the cable shows is decided separately, by the cable's
        own visibility (see `Fact.cable_visible_to`).
        """
        return self.filter(visible_q(user, "marking_level", "noforn"))

    def pending(self):
        return self.filter(review_state="pending")
