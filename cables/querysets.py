"""Querysets of the cable archive: the clearance filter and full-text search.

`visible_to(user)` is built only from `cables.clearance.visible_q`; every list,
search and count of cables and paragraphs starts from it.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.db import connection, models
from django.db.models import Expression, F, IntegerField, Q, Value
from django.db.models.functions import Coalesce, Greatest, Least, Lower, NullIf, StrIndex, Substr
from django.utils import timezone

from cables import fts
from cables.clearance import visible_q

#: The text-search configuration of the stored search vector (see migration 0002).
SEARCH_CONFIG = "english"
#: Where ts_headline puts its marks; `Cable.snippet_for` escapes the text and turns them into <mark>.
MARK_START, MARK_END = "\x02", "\x03"
#: The orders of the lists, undated cables last either way; each has a partial index on the
#: current revisions (migration 0005), so the first page reads a few rows whatever the archive's size.
NEWEST = (F("created").desc(nulls_last=True), F("reference_id").asc())
OLDEST = (F("created").asc(nulls_last=True), F("reference_id").asc())
#: How many of the newest matches "best match" ranks: ranking every match of a common word
#: reads every matching vector (seconds on 250,000 cables); the page says so past this many.
RANKED_MATCHES = 1000


class StoredSearchVector(Expression):
    """The `search_vector` column that migration 0002 adds on PostgreSQL (generated, GIN-indexed).

    It is not a model field because it exists only on PostgreSQL and only
    PostgreSQL writes it.
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(table)}.{connection.ops.quote_name('search_vector')}", []


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in the current time zone, where `created__date` cuts days."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


class CableQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(visible_q(user, "classification_level", "noforn"))

    def current(self):
        """The revision lists show: the latest text of each cable."""
        return self.filter(is_current=True)

    def sent_on_or_after(self, day: dt.date):
        """Cables sent on `day` or later, as `created__date__gte` finds them, in a form an index on `created` serves."""
        return self.filter(created__gte=_day_start(day))

    def sent_on_or_before(self, day: dt.date):
        """Cables sent on `day` or earlier (see `sent_on_or_after`)."""
        if day >= dt.date.max:
            return self.filter(created__isnull=False)
        return self.filter(created__lt=_day_start(day + dt.timedelta(days=1)))

    def newest_first(self):
        return self.order_by(*NEWEST)

    def oldest_first(self):
        return self.order_by(*OLDEST)

    def matching(self, q: str):
        """Cables matching the words of `q`, in no particular order and with nothing computed per row.

        On PostgreSQL the stored `search_vector` (subject weighted above the text,
        GIN-indexed) answers a web-style query (`"exact phrase"`, `-word`, `or`);
        on SQLite the FTS5 index does (`cables.fts`), or without FTS5 every word
        must appear in the subject or the text.
        """
        q = (q or "").strip()
        if not q:
            return self
        if connection.vendor == "postgresql":
            return self.alias(vector=StoredSearchVector()).filter(vector=_query(q))
        if fts.available(connection):
            expression = fts.match_expression(q)
            return self.none() if expression is None else self.filter(pk__in=fts.matching_ids(expression))
        condition = Q()
        for word in search_words(q):
            condition &= Q(subject__icontains=word) | Q(raw_text__icontains=word)
        return self.filter(condition)

    def best_first(self, q: str, within: int = RANKED_MATCHES):
        """These cables (already matching `q`) best match first, ranking only the newest `within`.

        Ranking reads each candidate's vector, so it is bounded: with more than
        `within` matches the rest are not listed and the page says there are more.
        PostgreSQL ranks with `ts_rank`, SQLite's FTS5 index with BM25; where
        there is no rank (no words, or SQLite without FTS5) the order is newest first.
        """
        q = (q or "").strip()
        if connection.vendor == "postgresql" and q:
            rank = SearchRank(StoredSearchVector(), _query(q))
        elif q and fts.available(connection) and (expression := fts.match_expression(q)) is not None:
            rank = fts.rank(expression)
        else:
            return self.newest_first()
        candidates = self.newest_first().values("pk")[:within]
        return self.filter(pk__in=candidates).annotate(rank=rank).order_by("-rank", *NEWEST)

    def with_snippets(self, q: str):
        """Each cable with a `snippet` annotation, its matches between the mark characters.

        On PostgreSQL it is `ts_headline`, which parses all the text it is given
        (about 6 ms for a 10 kB cable), so it is given a window of the text
        around the first place a word of `q` seems to appear (a plain substring
        search of its stem-like prefix); inside the window it marks the matches
        exactly as the search found them. SQLite's FTS5 index cuts it with
        `snippet()`; without FTS5 there is no annotation and `excerpt_html`
        cuts one from the text. Apply it to the rows a page shows.
        """
        q = (q or "").strip()
        if q and fts.available(connection) and (expression := fts.match_expression(q)) is not None:
            return self.annotate(snippet=fts.snippet(expression))
        if not q or connection.vendor != "postgresql":
            return self
        return self.annotate(snippet=SearchHeadline(
            _snippet_window(q), _query(q), config=SEARCH_CONFIG, start_sel=MARK_START, stop_sel=MARK_END,
            max_fragments=2, max_words=30, min_words=12,
        ))

    def search(self, q: str):
        """Cables matching `q`, best first, each with a `snippet` (the API's search)."""
        q = (q or "").strip()
        if not q:
            return self
        if connection.vendor != "postgresql":
            return self.matching(q)
        query = _query(q)
        return (
            self.matching(q).annotate(rank=SearchRank(StoredSearchVector(), query)).with_snippets(q)
            .order_by("-rank", *NEWEST)
        )


def _query(q: str) -> SearchQuery:
    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)


#: Characters of text around the first match that `ts_headline` reads for a snippet.
SNIPPET_WINDOW, SNIPPET_LEAD = 1500, 200


def hint_prefixes(q: str) -> list[str]:
    """Lower-case beginnings of the words `q` looks for, to find roughly where a match starts.

    English stems cut endings ("governments" -> "govern", "countries" ->
    "countri"), so a word loses up to three letters, keeping at least four;
    words excluded with `-` are left out.
    """
    excluded = {w.lower() for w in re.findall(r"(?:^|\s)-([\w'./-]+)", q)}
    prefixes = []
    for word in search_words(q):
        word = word.lower().strip("'./-")
        if word and word not in excluded:
            prefixes.append(word[: max(4, len(word) - 3)])
    return prefixes


def _snippet_window(q: str):
    """The part of `raw_text` a snippet is cut from: from a little before the first hint to a window's length."""
    prefixes = hint_prefixes(q)
    if not prefixes:
        return Substr("raw_text", 1, SNIPPET_WINDOW)
    lowered = Lower("raw_text")
    found = [NullIf(StrIndex(lowered, Value(prefix)), Value(0)) for prefix in prefixes]
    first = found[0] if len(found) == 1 else Least(*found)
    start = Greatest(Coalesce(first, Value(1)) - SNIPPET_LEAD, Value(1), output_field=IntegerField())
    return Substr("raw_text", start, SNIPPET_WINDOW)


def headline_html(headline: str) -> str:
    """A `ts_headline` snippet as HTML: the text escaped, its match marks turned into <mark>."""
    return html.escape(headline).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def excerpt_html(text: str, q: str, width: int = 220) -> str:
    """A short excerpt of `text` around the first word of `q` found, escaped, the words in <mark>."""
    words = search_words(q)
    start = 0
    lowered = text.lower()
    for word in words:
        found = lowered.find(word.lower())
        if found >= 0:
            start = max(0, found - width // 3)
            break
    excerpt = html.escape(text[start : start + width])
    for word in words:
        excerpt = re.sub(f"({re.escape(html.escape(word))})", r"<mark>\1</mark>", excerpt, flags=re.I)
    return excerpt


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
