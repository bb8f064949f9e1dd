"""Storing parsed cables: one cable, whole or not at all, idempotent, with revisions.

The only place where a parser record becomes rows. `cable_ingest` serves every
way in (upload, API, command, drop folder); bulk mode (`cables.bulk`) shares
`record_fields`, `paragraph_rows` and `content_hash` so both paths store the
same values.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Q

from cables.clearance import Marking
from cables.models import Cable, CableRecipient, CableReference, IngestionJob, Paragraph, RecipientKind, Tag
from cables.search import search_vectors_update
from cables.signals import cable_stored

NO_REFERENCE_ID = "the cable's reference id could not be read (no classification line with a serial, no id given)"

#: A marking nobody can read hides the material (see Marking.parse).
UNREADABLE = "UNREADABLE"


class CableRejected(Exception):
    """A parsed record that cannot be stored; the message says why."""


@dataclass(frozen=True)
class Stored:
    outcome: str  # "new", "updated" (a new revision) or "unchanged"
    cable: Cable


#: `json.dumps(content, sort_keys=True, ensure_ascii=False)`, built once: the digest of every
#: stored cable depends on these exact bytes. A record holds no cycles to look for.
_HASHED_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, check_circular=False).encode

#: The hashed fields, in the order `sort_keys` writes them, on either side of "paragraphs".
_HASHED_BEFORE_PARAGRAPHS = ("classification", "created", "declassify_on", "handling", "origin")
_HASHED_AFTER_PARAGRAPHS = ("recipients", "reference_id", "references", "signer", "subject", "tags")

#: ASCII control characters, which JSON writes as escapes.
_CONTROL_BYTES = bytes(range(0x20))


def content_hash(record: dict) -> str:
    """SHA-256 of what the cable says, not of how the copy was laid out.

    The same cable from the telegram, the web page or a cables.csv row reads to
    the same record and so the same hash; a corrected text changes the hash and
    makes a new revision. The digest is of `_HASHED_JSON` of the fields with
    the paragraphs as (number, marking, text) lists; `content_json` writes
    those bytes.
    """
    return hashlib.sha256(content_json(record).encode()).hexdigest()


def content_json(record: dict) -> str:
    """`_HASHED_JSON` of the hashed content, with the paragraph texts, nine tenths of it, written directly.

    The json module escapes a long text a character at a time; a text of
    plain ASCII without control characters needs only its backslashes and
    quotes escaped, which `str.replace` does at memory speed.
    """
    before = _HASHED_JSON({key: record.get(key) for key in _HASHED_BEFORE_PARAGRAPHS})
    after = _HASHED_JSON({key: record.get(key) for key in _HASHED_AFTER_PARAGRAPHS})
    paragraphs = ", ".join([
        f"[{_json_number(p.get('number'))}, {_json_text(p.get('marking'))}, {_json_text(p.get('text'))}]"
        for p in record.get("paragraphs") or []
    ])
    return f'{before[:-1]}, "paragraphs": [{paragraphs}], {after[1:]}'


def _json_number(value) -> str:
    return str(value) if type(value) is int else _HASHED_JSON(value)


def _json_text(value) -> str:
    if type(value) is str and value.isascii() and len(value.encode().translate(None, _CONTROL_BYTES)) == len(value):
        if "\\" in value:
            value = value.replace("\\", "\\\\")
        if '"' in value:
            value = value.replace('"', '\\"')
        return f'"{value}"'
    return _HASHED_JSON(value)


def _datetime(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _date(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def cable_marking(record: dict) -> Marking:
    """The overall marking; a cable whose classification could not be read is treated as SECRET//NOFORN."""
    return Marking.parse(record.get("classification") or UNREADABLE)


def record_fields(record: dict, raw_text: str, source: str = "") -> dict:
    """The Cable column values of a parsed record (everything but ids, revision and links)."""
    marking = cable_marking(record)
    return {
        "reference_id": record["reference_id"],
        "content_hash": content_hash(record),
        "transmission_id": (record.get("transmission_id") or "")[:40],
        "precedence": (record.get("precedence") or "")[:16],
        "created": _datetime(record.get("created")),
        "origin": (record.get("origin") or "")[:200],
        "classification": (record.get("classification") or "")[:64],
        "classification_level": marking.level,
        "noforn": marking.noforn,
        "handling": list(record.get("handling") or []),
        "sections": record.get("sections"),
        "declassify_on": _date(record.get("declassify_on")),
        "subject": record.get("subject") or "",
        "classified_by": (record.get("classified_by") or "")[:300],
        "classification_reasons": list(record.get("classification_reasons") or []),
        "signer": (record.get("signer") or "")[:120],
        "recipients": record.get("recipients") or {},
        "points_of_contact": list(record.get("points_of_contact") or []),
        "warnings": list(record.get("warnings") or []),
        "raw_text": raw_text,
        "source": (source or "")[:500],
    }


def paragraph_rows(record: dict, cable: Marking) -> list[tuple[int, str, int, bool, str]]:
    """(number, portion_marking, level, noforn, text) of each paragraph.

    A paragraph without a readable portion marking takes the cable's own
    classification: it may hold anything the cable holds.
    """
    rows = []
    for paragraph in record.get("paragraphs") or []:
        label = paragraph.get("marking")
        marking = Marking.parse(label) if label else cable
        rows.append((int(paragraph.get("number") or 0), (label or "")[:8], marking.level, marking.noforn,
                     paragraph.get("text") or ""))
    return rows


#: Read once: the enum builds the list anew on every access, which showed in bulk loads.
_RECIPIENT_KINDS = tuple(RecipientKind.values)


def recipient_rows(record: dict) -> list[tuple[str, int, str, str, str]]:
    """(kind, position, routing, post name, precedence) of each addressee line."""
    rows = []
    recipients = record.get("recipients") or {}
    for kind in _RECIPIENT_KINDS:
        for position, line in enumerate(recipients.get(kind) or []):
            rows.append((kind, position, (line.get("routing") or "")[:16], (line.get("post") or "")[:200],
                         (line.get("precedence") or "")[:16]))
    return rows


def post_lookup(names, routings) -> tuple[dict[str, int], dict[str, int]]:
    """Known posts by name and by routing indicator, for linking addressee lines."""
    from recognitions.models import Post

    by_name, by_routing = {}, {}
    rows = Post.objects.filter(Q(name__in=list(names)) | Q(routing__in=[r for r in routings if r]))
    for post_id, name, routing in rows.values_list("id", "name", "routing"):
        by_name[name.upper()] = post_id
        if routing:
            by_routing.setdefault(routing, post_id)
    return by_name, by_routing


def resolve_post(name: str, routing: str, by_name: dict, by_routing: dict) -> int | None:
    return by_name.get(name.upper()) or by_routing.get(routing)


def cable_ingest(record: dict, raw_text: str, *, job: IngestionJob | None = None, source: str = "") -> Stored:
    """Store one parsed cable with its paragraphs, tags, addressees and REF links, atomically.

    The same content again changes nothing ("unchanged"). New content under a
    reference id already in the archive becomes the next revision ("updated"):
    the old row keeps its paragraphs and anything drawn from them, and is no
    longer current. Listeners of `cable_stored` hear of new rows after commit.
    """
    if not record.get("reference_id"):
        raise CableRejected(NO_REFERENCE_ID)
    fields = record_fields(record, raw_text, source)
    for attempt in range(3):
        try:
            with transaction.atomic():
                return _store(record, fields, job)
        except IntegrityError:
            # Another worker stored this reference id between our read and our write: read again.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _store(record: dict, fields: dict, job: IngestionJob | None) -> Stored:
    reference_id = fields["reference_id"]
    revisions = Cable.objects.select_for_update().filter(reference_id=reference_id)
    current = None
    latest_revision = 0
    columns = ("id", "revision", "is_current", "content_hash")
    for revision_id, revision, is_current, digest in revisions.values_list(*columns):
        if digest == fields["content_hash"]:
            # This text is already here (perhaps as an older revision): storing it again would
            # only undo a correction.
            return Stored("unchanged", Cable.objects.get(pk=revision_id))
        latest_revision = max(latest_revision, revision)
        if is_current:
            current = revision_id
    if current is not None:
        Cable.objects.filter(pk=current).update(is_current=False)
    cable = Cable.objects.create(revision=latest_revision + 1, is_current=True, job=job, **fields)
    _store_parts(cable, record)
    search_vectors_update([cable.pk])
    if current is not None:
        CableReference.objects.filter(cited_id=current).update(cited=cable)
    else:
        CableReference.objects.filter(reference_id=reference_id, cited__isnull=True).update(cited=cable)
    outcome = "updated" if current is not None else "new"
    transaction.on_commit(
        lambda: cable_stored.send(
            sender=Cable, cable_id=cable.pk, reference_id=reference_id, revision=cable.revision,
            previous_id=current,
        )
    )
    return Stored(outcome, cable)


def _store_parts(cable: Cable, record: dict) -> None:
    Paragraph.objects.bulk_create(
        Paragraph(cable=cable, number=number, portion_marking=label, marking_level=level, noforn=noforn, text=text)
        for number, label, level, noforn, text in paragraph_rows(record, cable.marking)
    )
    codes = sorted({str(code)[:16] for code in record.get("tags") or [] if code})
    if codes:
        Tag.objects.bulk_create([Tag(code=code) for code in codes], ignore_conflicts=True)
        cable.tags.set(Tag.objects.filter(code__in=codes))
    lines = recipient_rows(record)
    if lines:
        by_name, by_routing = post_lookup({line[3].upper() for line in lines}, {line[2] for line in lines})
        CableRecipient.objects.bulk_create(
            CableRecipient(cable=cable, kind=kind, position=position, routing=routing, post_name=name,
                           precedence=precedence, post_id=resolve_post(name, routing, by_name, by_routing))
            for kind, position, routing, name, precedence in lines
        )
    references = [ref for ref in dict.fromkeys(record.get("references") or []) if ref]
    if references:
        cited = dict(
            Cable.objects.filter(reference_id__in=references, is_current=True).values_list("reference_id", "id")
        )
        CableReference.objects.bulk_create(
            CableReference(citing=cable, position=position, reference_id=ref[:40], cited_id=cited.get(ref))
            for position, ref in enumerate(references)
        )
