"""Storing the facts extraction draws from a stored cable: idempotent, revision-aware.

`cables.extraction` reads a parser record and knows nothing of rows; this
module rebuilds that record from the stored cable (so extraction needs no
parsing again), turns each extracted dict into a `Fact` marked as its
paragraph is, and supersedes the facts of revisions a corrected text replaced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from cables.choices import ReviewState
from cables.clearance import Marking
from cables.models import Cable, Fact
from cables.models.facts import fact_key

#: Keys of an extracted fact that say where it comes from rather than what it claims.
PROVENANCE_KEYS = ("kind", "source", "warnings")


@dataclass(frozen=True)
class Extracted:
    """What one extraction run did to a cable's facts."""

    new: int = 0
    unchanged: int = 0
    carried: int = 0
    superseded: int = 0
    auto_accepted: int = 0
    skipped: str = ""


def extractor():
    """The pure extractor, imported late: the archive runs (and is tested) without it."""
    from cables.extraction import extract_facts

    return extract_facts


def cable_record(cable: Cable) -> dict:
    """The parser record of a stored cable, as `cables.extraction.extract_facts` reads it."""
    return {
        "reference_id": cable.reference_id,
        "created": cable.created.isoformat() if cable.created else None,
        "origin": cable.origin or None,
        "classification": cable.classification or None,
        "handling": list(cable.handling or []),
        "subject": cable.subject or None,
        "tags": [tag.code for tag in cable.tags.all()],
        "references": [link.reference_id for link in cable.references_made.all()],
        "recipients": cable.recipients or {},
        "signer": cable.signer or None,
        "points_of_contact": list(cable.points_of_contact or []),
        "paragraphs": [
            {"number": p.number, "marking": p.portion_marking or None, "text": p.text}
            for p in cable.paragraphs.all()
        ],
        "warnings": list(cable.warnings or []),
    }


def _date(value) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _code(value) -> str:
    if isinstance(value, dict):
        value = value.get("code")
    return str(value or "")[:8]


def claim_codes(claim: dict) -> tuple[str, str]:
    """The entity and the state a claim is about, for filtering."""
    country = claim.get("state") or claim.get("blocked_by") or claim.get("country") or ""
    return _code(claim.get("entity")), _code(country)


def fact_build(cable: Cable, extracted: dict, markings: dict[int | None, Marking]) -> Fact:
    """A Fact row from one extracted dict.

    The fact takes the marking of the stored paragraph it quotes (the parser's
    reading, with an unreadable marking already raised to the cable's); a
    quote from the subject line, or from a paragraph the archive does not
    hold, takes the cable's overall classification.
    """
    source = extracted.get("source") or {}
    paragraph = source.get("paragraph")
    span = source.get("span") or (0, 0)
    payload = {key: value for key, value in extracted.items() if key not in PROVENANCE_KEYS}
    marking = markings.get(paragraph, cable.marking)
    entity, country = claim_codes(payload)
    return Fact(
        cable=cable,
        kind=extracted["kind"],
        key=fact_key(extracted["kind"], paragraph, (span[0], span[1]), payload),
        payload=payload,
        warnings=list(extracted.get("warnings") or []),
        paragraph=paragraph,
        span_start=span[0],
        span_end=span[1],
        quote=source.get("quote") or "",
        marking_level=marking.level,
        noforn=marking.noforn,
        date=_date(payload.get("date")),
        entity_code=entity,
        country_code=country,
    )


def revisions_supersede(cable: Cable) -> int:
    """Mark the facts of the revisions that `cable` replaced as superseded; they stay, with their decisions."""
    older = Fact.objects.filter(cable__reference_id=cable.reference_id, cable__revision__lt=cable.revision)
    rows = list(older.exclude(review_state=ReviewState.SUPERSEDED))
    for fact in rows:
        fact.review_state = ReviewState.SUPERSEDED
        fact.version += 1
    if rows:
        from simple_history.utils import bulk_update_with_history

        bulk_update_with_history(rows, Fact, ["review_state", "version"], default_change_reason="cable revised")
    return len(rows)


def _decisions_carry(cable: Cable, new_rows: list[Fact]) -> int:
    """Give a revision's facts the decisions already taken on the same claim at the same place.

    A corrected text usually leaves most paragraphs as they were; asking the
    analysts to decide those claims again would only repeat their work. The
    carried fact points at the same ledger row, so the ledger is not doubled.
    """
    earlier = {
        fact.key: fact
        for fact in Fact.objects.filter(
            cable__reference_id=cable.reference_id,
            cable__revision__lt=cable.revision,
            key__in=[row.key for row in new_rows],
            review_state__in=[ReviewState.ACCEPTED, ReviewState.REJECTED],
        ).order_by("cable__revision")
    }
    carried = 0
    for row in new_rows:
        decided = earlier.get(row.key)
        if decided is None:
            continue
        row.review_state = decided.review_state
        row.reviewed_by_id = decided.reviewed_by_id
        row.reviewed_at = decided.reviewed_at
        row.reason = decided.reason
        row.edited_payload = decided.edited_payload
        row.auto_accepted = decided.auto_accepted
        row.ledger_type_id = decided.ledger_type_id
        row.ledger_id = decided.ledger_id
        carried += 1
    return carried


def cable_facts_extract(cable_id: int) -> Extracted:
    """Extract a cable's facts and store the new ones; running it again changes nothing.

    A fact's natural key (kind, paragraph, span and claim, within the cable
    revision) makes the second run add nothing. Only the current revision is
    extracted: a task that arrives after its cable was corrected leaves the
    old revision alone. Extracting a revision supersedes the facts of the
    ones before it.
    """
    from cables.review import facts_auto_accept

    cable = (
        Cable.objects.filter(pk=cable_id)
        .prefetch_related("tags", "references_made", "paragraphs")
        .first()
    )
    if cable is None:
        return Extracted(skipped="no such cable")
    if not cable.is_current:
        return Extracted(skipped="a later revision replaced this cable")
    found = extractor()(cable_record(cable))
    if not found and cable.revision == 1:
        # Most of the archive concerns no tracked entity: nothing to store, nothing to supersede.
        return Extracted()
    markings = {p.number: p.marking for p in cable.paragraphs.all()}
    rows: dict[str, Fact] = {}
    for extracted in found:
        row = fact_build(cable, extracted, markings)
        rows.setdefault(row.key, row)
    with transaction.atomic():
        Cable.objects.select_for_update().filter(pk=cable.pk).first()
        existing = set(Fact.objects.filter(cable=cable, key__in=list(rows)).values_list("key", flat=True))
        new_rows = [row for key, row in rows.items() if key not in existing]
        carried = _decisions_carry(cable, new_rows) if cable.revision > 1 else 0
        superseded = revisions_supersede(cable) if cable.revision > 1 else 0
        if new_rows:
            now = timezone.now()
            for row in new_rows:
                row.extracted_at = now
            # The lock on the cable row serializes extraction runs of one cable, so the keys read above
            # are still the ones stored: no conflict to ignore.
            bulk_create_with_history(new_rows, Fact, default_change_reason="extracted")
    auto = facts_auto_accept(Fact.objects.filter(cable=cable, key__in=[row.key for row in new_rows]).pending())
    return Extracted(
        new=len(new_rows), unchanged=len(existing), carried=carried, superseded=superseded, auto_accepted=auto
    )
