"""Reading the review queue: facts waiting for an analyst, grouped by cable, each beside its source sentence."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cables.clearance import Marking, can_see
from cables.models import Cable, Fact, Paragraph

#: Characters of the paragraph shown on each side of the quoted sentence.
CONTEXT_CHARS = 280
#: Facts on one page of the queue; the rest wait for the next page.
QUEUE_PAGE_FACTS = 100


@dataclass
class QueuedFact:
    fact: Fact
    source: SafeString


@dataclass
class CableGroup:
    """The facts of one cable; `cable` is None when the analyst is not cleared for the cable itself."""

    cable: Cable | None
    facts: list[QueuedFact] = field(default_factory=list)


def highlighted(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> SafeString:
    """The paragraph around [start, end), escaped, the quoted span in `<mark>`."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    before_from = max(0, start - context)
    after_to = min(len(text), end + context)
    before = ("… " if before_from else "") + text[before_from:start]
    after = text[end:after_to] + (" …" if after_to < len(text) else "")
    return mark_safe(f"{escape(before)}<mark>{escape(text[start:end])}</mark>{escape(after)}")  # noqa: S308


def review_queue(user, kind: str | None = None, limit: int = QUEUE_PAGE_FACTS) -> tuple[list[CableGroup], int]:
    """Pending facts the user is cleared for, grouped by cable (newest cable first), and how many wait in all.

    The source sentence is shown in its paragraph only when the user may see
    that paragraph and its cable; otherwise the quote alone, which carries the
    fact's own marking.
    """
    pending = Fact.objects.visible_to(user).pending().filter(cable__is_current=True)
    if kind:
        pending = pending.filter(kind=kind)
    total = pending.count()
    facts = list(
        pending.select_related("cable").order_by("-cable__created", "cable_id", "paragraph", "span_start", "id")[:limit]
    )
    cable_ids = {fact.cable_id for fact in facts}
    paragraphs = {
        (p.cable_id, p.number): p.text
        for p in Paragraph.objects.visible_to(user).filter(cable_id__in=cable_ids).only("cable_id", "number", "text")
    }
    groups: list[CableGroup] = []
    for fact in facts:
        if not groups or groups[-1].facts[0].fact.cable_id != fact.cable_id:
            groups.append(CableGroup(cable=fact.cable if can_see(user, fact.cable.marking) else None))
        text = paragraphs.get((fact.cable_id, fact.paragraph))
        if text is not None and fact.span_end <= len(text):
            source = highlighted(text, fact.span_start, fact.span_end)
        else:
            source = mark_safe(f"<mark>{escape(fact.quote)}</mark>")  # noqa: S308
        groups[-1].facts.append(QueuedFact(fact, source))
    return groups, total


def queue_markings(groups: list[CableGroup]) -> list[Marking]:
    """What the queue page displays: each fact's marking and each named cable's classification."""
    markings = [item.fact.marking for group in groups for item in group.facts]
    markings += [group.cable.marking for group in groups if group.cable is not None]
    return markings
