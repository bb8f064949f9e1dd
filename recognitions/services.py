"""Writing the recognition ledger: every change goes through one of these services.

The API, the admin and the acceptance of facts from cables all call them, so
the rules (a correction supersedes and never overwrites, a source is always
named, nobody files what they could not read) hold whoever writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from cables.clearance import Marking, U, can_see, highest
from recognitions.choices import AdmissionStatus, CountedCategory, RecognitionKind, SourceKind, StancePosition
from recognitions.models import (
    AdmissionBid,
    AdmissionBidStatus,
    CountClaim,
    Country,
    Organization,
    RecognitionEvent,
    Stance,
)

NO_CITATION = "An entry needs a citation: say where the information comes from."
NO_REFERENCE_ID = "A row from a cable needs the cable's reference id (e.g. 09STATE39345)."
SELF_RECOGNITION = "A state cannot recognize itself."
FUTURE_DATE = "The date {date} is in the future; the ledger records what has happened."
BEFORE_DECLARATION = "The date {date} is before {entity} was declared ({declared_on})."
ALREADY_SUPERSEDED = "This event was already corrected; correct its latest version (event {latest})."
ABOVE_CLEARANCE = "The marking {marking} is above your clearance; you cannot file material you cannot read."
UNKNOWN_CHOICE = "{value!r} is not a {what}; use one of: {choices}."
NO_NUMBER = "A count claim needs a number or a share of members (e.g. over half: 0.5)."
SHARE_WITHOUT_ORGANIZATION = "A share of members needs the organization."
BLOCKED_BY_WITHOUT_BLOCK = "Only a blocked bid names who blocked it."
RECOGNIZED_EXCEEDS_MEMBERS = "{number} recognizing cannot exceed the {members} members."


class LedgerError(ValueError):
    """A ledger write was refused; the message says what is wrong."""


@dataclass(frozen=True)
class Source:
    """Where a ledger row comes from and the marking of that source."""

    kind: str = SourceKind.ANALYST
    citation: str = ""
    reference_id: str = ""
    paragraph: int | None = None
    quote: str = ""
    marking: Marking = Marking(U)

    def check(self, user=None) -> None:
        if self.kind not in SourceKind.values:
            raise LedgerError(
                UNKNOWN_CHOICE.format(value=self.kind, what="source kind", choices=", ".join(SourceKind.values))
            )
        if self.kind == SourceKind.CABLE and not self.reference_id.strip():
            raise LedgerError(NO_REFERENCE_ID)
        if self.kind != SourceKind.CABLE and not self.citation.strip():
            raise LedgerError(NO_CITATION)
        if user is not None and not can_see(user, self.marking):
            raise LedgerError(ABOVE_CLEARANCE.format(marking=self.marking.portion))

    def fields(self) -> dict:
        return {
            "source_kind": self.kind,
            "citation": self.citation.strip(),
            "source_reference_id": self.reference_id.strip().upper(),
            "source_paragraph": self.paragraph,
            "source_quote": self.quote,
            "marking_level": self.marking.level,
            "noforn": self.marking.noforn,
        }


def _check_choice(value: str, choices, what: str) -> None:
    if value not in choices.values:
        raise LedgerError(UNKNOWN_CHOICE.format(value=value, what=what, choices=", ".join(choices.values)))


def _check_date(day: dt.date, entity: Country | None = None) -> None:
    if day > dt.date.today():
        raise LedgerError(FUTURE_DATE.format(date=day))
    if entity is not None and entity.declared_on and day < entity.declared_on:
        raise LedgerError(BEFORE_DECLARATION.format(date=day, entity=entity.name, declared_on=entity.declared_on))


@transaction.atomic
def recognition_event_record(
    *,
    state: Country,
    entity: Country,
    kind: str,
    date: dt.date,
    source: Source,
    note: str = "",
    created_by=None,
) -> RecognitionEvent:
    """Add a recognition event to the ledger."""
    _check_choice(kind, RecognitionKind, "recognition kind")
    if state.pk == entity.pk:
        raise LedgerError(SELF_RECOGNITION)
    _check_date(date, entity)
    source.check(created_by)
    return RecognitionEvent.objects.create(
        state=state, entity=entity, kind=kind, date=date, note=note, created_by=created_by, **source.fields()
    )


@transaction.atomic
def recognition_event_correct(
    event: RecognitionEvent,
    *,
    source: Source,
    state: Country | None = None,
    kind: str | None = None,
    date: dt.date | None = None,
    note: str | None = None,
    created_by=None,
) -> RecognitionEvent:
    """Record a correction: a new event that supersedes `event`, which stays in the ledger.

    What the correction does not change is taken from the old event, so the
    correction carries at least the old event's marking: otherwise copying a
    CONFIDENTIAL event into an unclassified correction would disclose it.
    """
    locked = RecognitionEvent.objects.select_for_update().get(pk=event.pk)
    latest = RecognitionEvent.objects.filter(supersedes=locked).first()
    if latest is not None:
        while (newer := RecognitionEvent.objects.filter(supersedes=latest).first()) is not None:
            latest = newer
        raise LedgerError(ALREADY_SUPERSEDED.format(latest=latest.pk))
    kind = kind if kind is not None else locked.kind
    state = state if state is not None else locked.state
    date = date if date is not None else locked.date
    _check_choice(kind, RecognitionKind, "recognition kind")
    if state.pk == locked.entity_id:
        raise LedgerError(SELF_RECOGNITION)
    _check_date(date, locked.entity)
    source.check(created_by)
    marking = highest((source.marking, locked.marking))
    source = Source(source.kind, source.citation, source.reference_id, source.paragraph, source.quote, marking)
    return RecognitionEvent.objects.create(
        state=state,
        entity=locked.entity,
        kind=kind,
        date=date,
        note=note if note is not None else locked.note,
        supersedes=locked,
        created_by=created_by,
        **source.fields(),
    )


@transaction.atomic
def stance_record(
    *,
    state: Country,
    entity: Country,
    stance: str,
    date: dt.date,
    source: Source,
    context: str = "",
    person: str = "",
    note: str = "",
    created_by=None,
) -> Stance:
    """Record a state's expected position on an entity ("Spain will oppose")."""
    _check_choice(stance, StancePosition, "stance")
    if state.pk == entity.pk:
        raise LedgerError(SELF_RECOGNITION)
    _check_date(date)
    source.check(created_by)
    return Stance.objects.create(
        state=state,
        entity=entity,
        stance=stance,
        date=date,
        context=context,
        person=person,
        note=note,
        created_by=created_by,
        **source.fields(),
    )


@transaction.atomic
def admission_bid_status_record(
    *,
    entity: Country,
    organization: Organization,
    status: str,
    date: dt.date,
    source: Source,
    blocked_by: Country | None = None,
    votes_for: int | None = None,
    votes_against: int | None = None,
    votes_abstain: int | None = None,
    note: str = "",
    created_by=None,
) -> AdmissionBidStatus:
    """Add a step to an entity's bid to join an organization, opening the bid if it is new."""
    _check_choice(status, AdmissionStatus, "bid status")
    if blocked_by is not None and status != AdmissionStatus.BLOCKED:
        raise LedgerError(BLOCKED_BY_WITHOUT_BLOCK)
    _check_date(date, entity)
    source.check(created_by)
    bid, _ = AdmissionBid.objects.get_or_create(entity=entity, organization=organization)
    return AdmissionBidStatus.objects.create(
        bid=bid,
        status=status,
        date=date,
        blocked_by=blocked_by,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        note=note,
        created_by=created_by,
        **source.fields(),
    )


@transaction.atomic
def count_claim_record(
    *,
    entity: Country,
    as_of: dt.date,
    source: Source,
    number: int | None = None,
    counted: str = CountedCategory.RECOGNIZED,
    exact: bool = True,
    stated_on: dt.date | None = None,
    organization: Organization | None = None,
    members: int | None = None,
    share_over=None,
    note: str = "",
    created_by=None,
) -> CountClaim:
    """Keep a count a source gives, to be set beside the ledger's own number."""
    _check_choice(counted, CountedCategory, "counted category")
    if number is None and share_over is None:
        raise LedgerError(NO_NUMBER)
    if share_over is not None and organization is None:
        raise LedgerError(SHARE_WITHOUT_ORGANIZATION)
    if number is not None and members is not None and number > members:
        raise LedgerError(RECOGNIZED_EXCEEDS_MEMBERS.format(number=number, members=members))
    _check_date(as_of, entity)
    if stated_on is not None:
        _check_date(stated_on, entity)
    source.check(created_by)
    return CountClaim.objects.create(
        entity=entity,
        as_of=as_of,
        number=number,
        counted=counted,
        exact=exact,
        stated_on=stated_on,
        organization=organization,
        members=members,
        share_over=share_over,
        note=note,
        created_by=created_by,
        **source.fields(),
    )
