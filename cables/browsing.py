"""Reading the archive for the cable browser: search results and one cable's page, in bounded queries.

Everything starts from `Cable.objects.visible_to(user)`, so a cable the user
is not cleared for is not counted, not snippeted and not linked: for them it
does not exist.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe

from cables.clearance import Marking, highest
from cables.filters import CableBrowserFilter
from cables.models import Cable, CableRecipient, CableReference, Fact, Paragraph, Tag
from cables.querysets import NEWEST, OLDEST, RANKED_MATCHES, excerpt_html, headline_html, search_words

#: Orders a result list can take; "relevance" only means something with a search text.
SORTS = {
    "relevance": None,
    "newest": NEWEST,
    "oldest": OLDEST,
    "reference": (F("reference_id").asc(),),
}
SORT_LABELS = {"relevance": "Best match", "newest": "Newest first", "oldest": "Oldest first",
               "reference": "Reference id"}


@dataclass
class Results:
    """What the browser lists: the filter (its form shows the errors), the ordered rows, the matches to count."""

    search: CableBrowserFilter
    rows: QuerySet
    matches: QuerySet
    sort: str
    q: str

    def paginator(self, per_page: int) -> CappedPaginator:
        return CappedPaginator(self.rows, per_page, matches=self.matches)


def cable_search(user, params) -> Results:
    """The user's current cables matching the browser's filters, in the chosen order.

    Newest first unless asked: the newest matches come from a date index in a
    few rows, while "best match" ranks the 1,000 newest matches (ranking every
    match of a common word costs seconds on the full archive, bench/pages.py).
    "Has facts" counts only facts the user may see.
    """
    cables = Cable.objects.visible_to(user).current()
    search = CableBrowserFilter(params, queryset=cables)
    matches = search.qs if search.is_valid() else cables.none()
    if params.get("has_facts") == "yes":
        matches = matches.filter(Exists(Fact.objects.visible_to(user).filter(cable=OuterRef("pk"))))
    q = (params.get("q") or "").strip()
    sort = params.get("sort") or "newest"
    if sort not in SORTS or (sort == "relevance" and not q):
        sort = "newest"
    rows = matches.best_first(q, RANKED_MATCHES) if sort == "relevance" else matches.order_by(*SORTS[sort])
    rows = rows.defer("raw_text").prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("code")))
    return Results(search, rows, matches, sort, q)


@dataclass(frozen=True)
class ResultDetails:
    snippet: str
    has_facts: bool


def results_details(user, cables: list[Cable], q: str) -> dict[int, ResultDetails]:
    """The snippet and the "has facts" mark of each listed cable, in one query over these rows only.

    The snippet is `ts_headline` on PostgreSQL and FTS5's `snippet()` on
    SQLite (each reads the text, so only the page's rows get one), or is cut
    from the text here without FTS5; it is escaped HTML with the matches in `<mark>`.
    """
    ids = [cable.pk for cable in cables]
    if not ids:
        return {}
    facts = Fact.objects.visible_to(user).filter(cable=OuterRef("pk"))
    rows = Cable.objects.visible_to(user).filter(pk__in=ids).annotate(has_facts=Exists(facts))
    if not q:
        return {pk: ResultDetails("", has) for pk, has in rows.values_list("pk", "has_facts")}
    snippets = rows.with_snippets(q)
    if "snippet" in snippets.query.annotations:
        found = snippets.values_list("pk", "snippet", "has_facts")
        return {pk: ResultDetails(headline_html(snippet or ""), has) for pk, snippet, has in found}
    found = rows.values_list("pk", "raw_text", "has_facts")
    return {pk: ResultDetails(excerpt_html(text, q), has) for pk, text, has in found}


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` results, so a common word costs no full count.

    Past the cap the page says "more than 1,000", offers the pages up to the
    cap, and the user narrows the search. `matches` is what to count when the
    listed rows are a bounded selection of them (the ranked newest matches).
    """

    cap = 1000

    def __init__(self, object_list, per_page, matches=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.matches = object_list if matches is None else matches

    @cached_property
    def counted(self) -> int:
        """The matches counted up to one past the cap: one query, whatever their number."""
        return self.matches.order_by().values("pk")[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.counted > self.cap

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)


def cable_get(user, reference_id: str) -> Cable | None:
    """The current revision of a cable the user may see, or None (hidden and absent look the same)."""
    return Cable.objects.visible_to(user).current().prefetch_related(
        Prefetch("tags", queryset=Tag.objects.order_by("code")),
        Prefetch("recipient_lines", queryset=CableRecipient.objects.order_by("kind", "position")),
    ).filter(reference_id=reference_id.strip().upper()).first()


@dataclass
class ParagraphView:
    paragraph: Paragraph
    html: SafeString
    facts: list[Fact]
    targeted: bool

    def facts_by_sentence(self) -> list[tuple[str, list[tuple[str, int]]]]:
        """Each quoted sentence once, with the kinds of fact drawn from it and how many of each."""
        sentences: dict[str, dict[str, int]] = {}
        for fact in self.facts:
            label = f"{fact.get_kind_display()} ({fact.get_review_state_display().lower()})"
            kinds = sentences.setdefault(fact.quote, {})
            kinds[label] = kinds.get(label, 0) + 1
        return [(quote, list(kinds.items())) for quote, kinds in sentences.items()]


@dataclass
class Reference:
    reference_id: str
    cable: Cable | None  # only when the user may see it


@dataclass
class CablePage:
    cable: Cable
    paragraphs: list[ParagraphView]
    references: list[Reference]
    referenced_by: list[Cable]
    facts: list[Fact]
    marking: Marking = field(default_factory=Marking)


def cable_page(cable: Cable, user, highlight: str = "", words: str = "") -> CablePage:
    """One cable as its page shows it: paragraphs with facts and highlights, REF links both ways.

    `highlight` is a quoted sentence (from a figure's source link) and
    `words` a search text; both are marked in the paragraphs. Five queries.
    """
    visible = Paragraph.objects.visible_to(user).filter(cable=cable).order_by("number", "id")
    paragraphs = list(visible)
    facts = list(Fact.objects.visible_to(user).filter(cable=cable).order_by("paragraph", "span_start", "id"))
    by_paragraph: dict[int | None, list[Fact]] = {}
    for fact in facts:
        by_paragraph.setdefault(fact.paragraph, []).append(fact)
    views = []
    for paragraph in paragraphs:
        own = by_paragraph.get(paragraph.number, [])
        text_html, found = mark_text(paragraph.text, own, highlight, words)
        views.append(ParagraphView(paragraph, text_html, own, found))
    made = list(
        CableReference.objects.filter(citing=cable).order_by("position")
        .select_related("cited").only("reference_id", "position", "cited__reference_id",
                                      "cited__classification_level", "cited__noforn", "cited__is_current")
    )
    visible_cited = set(
        Cable.objects.visible_to(user).filter(pk__in=[r.cited_id for r in made if r.cited_id])
        .values_list("pk", flat=True)
    )
    references = [Reference(r.reference_id, r.cited if r.cited_id in visible_cited else None) for r in made]
    referenced_by = list(
        Cable.objects.visible_to(user).current()
        .filter(Exists(CableReference.objects.filter(citing=OuterRef("pk"), reference_id=cable.reference_id)))
        .only("reference_id", "subject", "created", "classification", "classification_level", "noforn")
        .order_by(*NEWEST)[:100]
    )
    marking = highest([cable.marking] + [p.marking for p in paragraphs] + [f.marking for f in facts]
                      + [c.marking for c in referenced_by])
    return CablePage(cable, views, references, referenced_by, facts, marking)


def _fact_span(text: str, fact: Fact) -> tuple[int, int] | None:
    start, end = fact.span_start, fact.span_end
    if 0 <= start < end <= len(text):
        return start, end
    if fact.quote:
        found = text.find(fact.quote)
        if found >= 0:
            return found, found + len(fact.quote)
    return None


def _phrase_spans(text: str, phrase: str) -> list[tuple[int, int]]:
    phrase = " ".join(phrase.split())
    if not phrase:
        return []
    pattern = r"\s+".join(re.escape(part) for part in phrase.split(" "))
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, flags=re.IGNORECASE)]


def _word_spans(text: str, q: str) -> list[tuple[int, int]]:
    spans = []
    for word in search_words(q):
        if len(word) < 2:
            continue
        spans.extend((m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(word)}\w*", text, flags=re.IGNORECASE))
    return spans


def mark_text(text: str, facts: list[Fact], highlight: str = "", words: str = "") -> tuple[SafeString, bool]:
    """The paragraph as safe HTML: facts in <mark class="fact">, the quoted sentence and search words marked.

    Returns the HTML and whether the quoted sentence was found in it.
    """
    marks: list[tuple[int, int, str, str]] = []
    for fact in facts:
        span = _fact_span(text, fact)
        if span:
            marks.append((span[0], span[1], "fact", f"{fact.get_kind_display()}: {fact.get_review_state_display()}"))
    quoted = _phrase_spans(text, highlight) if highlight else []
    marks.extend((s, e, "quoted", "The sentence the figure comes from") for s, e in quoted)
    marks.extend((s, e, "hit", "") for s, e in (_word_spans(text, words) if words else []))
    marks.sort(key=lambda m: (m[0], -m[1]))
    out, position = [], 0
    for start, end, kind, title in marks:
        if start < position:
            continue  # overlapping marks: the first (widest) wins
        out.append(html.escape(text[position:start]))
        title_attr = f' title="{html.escape(title)}"' if title else ""
        out.append(f'<mark class="{kind}"{title_attr}>{html.escape(text[start:end])}</mark>')
        position = end
    out.append(html.escape(text[position:]))
    return mark_safe("".join(out)), bool(quoted)  # noqa: S308 - every piece of text is escaped above
