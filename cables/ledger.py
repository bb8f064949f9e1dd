"""From an accepted fact to the recognition ledger, through the ledger's own services.

A recognition becomes a recognition event, a stance a stance, an admission
bid a step of the bid, a count or a share of an organization's members a
count claim. The ledger row carries the fact's marking (its paragraph's) and
names the cable, the paragraph and the quoted sentence as its source.
Demarches, events, missions and points of contact stay accepted facts:
other parts of the desk read them from there.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cables.choices import FactKind
from recognitions.choices import SourceKind
from recognitions.demarches.services import demarche_record_from_fact
from recognitions.models import Country, Organization
from recognitions.services import (
    Source,
    admission_bid_status_record,
    count_claim_record,
    recognition_event_record,
    stance_record,
)

UNKNOWN_COUNTRY = "{what} {name!r} is not a state or entity of the reference data; edit the fact to give its code."
UNKNOWN_ORGANIZATION = "The organization {name!r} is not in the reference data; edit the fact to give its code."
NO_DATE = "The fact gives no date for the {what}; edit it to give one (YYYY-MM-DD)."
BAD_DATE = "{value!r} is not a date; write it as YYYY-MM-DD."
BAD_NUMBER = "{value!r} is not a whole number."
UPPER_BOUND = (
    "The ledger keeps a share as a lower bound ({bound} gives only an upper one); "
    "edit the fact to give the number of members that recognized."
)

#: "over half" and its kin as the lower bound a count claim stores.
FRACTIONS = {
    "half": Decimal("0.5"),
    "third": Decimal("0.333"),
    "one_third": Decimal("0.333"),
    "two_thirds": Decimal("0.667"),
    "quarter": Decimal("0.25"),
    "three_quarters": Decimal("0.75"),
}


class ClaimError(ValueError):
    """An accepted claim that cannot become a ledger row as it stands; the message says what to edit."""


def _code(value) -> str:
    if isinstance(value, dict):
        return str(value.get("code") or value.get("name") or "")
    return str(value or "")


def _country(value, what: str) -> Country:
    code = _code(value).strip()
    country = Country.objects.filter(code__iexact=code).first() if code else None
    if country is None:
        name = value.get("name") if isinstance(value, dict) and value.get("name") else code
        raise ClaimError(UNKNOWN_COUNTRY.format(what=what, name=name))
    return country


def _optional_country(value, what: str) -> Country | None:
    return _country(value, what) if _code(value).strip() else None


def _organization(value) -> Organization:
    code = _code(value).strip()
    organization = Organization.objects.filter(code__iexact=code).first() if code else None
    if organization is None:
        raise ClaimError(UNKNOWN_ORGANIZATION.format(name=code))
    return organization


def _day(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ClaimError(BAD_DATE.format(value=value)) from exc


def _required_day(claim: dict, what: str, *keys: str) -> dt.date:
    for key in keys:
        day = _day(claim.get(key))
        if day is not None:
            return day
    raise ClaimError(NO_DATE.format(what=what))


def _number(value) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise ClaimError(BAD_NUMBER.format(value=value)) from exc


def fact_source(fact) -> Source:
    return Source(
        kind=SourceKind.CABLE,
        reference_id=fact.cable.reference_id,
        paragraph=fact.paragraph,
        quote=fact.quote,
        marking=fact.marking,
    )


def _recognition(fact, claim, user):
    return recognition_event_record(
        state=_country(claim.get("state"), "The recognizing state"),
        entity=_country(claim.get("entity"), "The entity"),
        kind=claim.get("status") or "recognized",
        date=_required_day(claim, "recognition", "date", "as_of"),
        source=fact_source(fact),
        note="" if claim.get("date") else "The cable gives no date: recognized by the cable's date.",
        created_by=user,
    )


def _stance(fact, claim, user):
    return stance_record(
        state=_country(claim.get("state"), "The state"),
        entity=_country(claim.get("entity"), "The entity"),
        stance=claim.get("stance") or "",
        date=_required_day(claim, "stance", "date", "as_of"),
        context=str(claim.get("context") or "")[:200],
        person=str(claim.get("person") or "")[:120],
        source=fact_source(fact),
        created_by=user,
    )


def _admission_bid(fact, claim, user):
    return admission_bid_status_record(
        entity=_country(claim.get("entity"), "The entity"),
        organization=_organization(claim.get("organization")),
        status=claim.get("status") or "",
        date=_required_day(claim, "bid", "date", "as_of"),
        blocked_by=_optional_country(claim.get("blocked_by"), "The blocking state"),
        source=fact_source(fact),
        created_by=user,
    )


def _recognition_count(fact, claim, user):
    return count_claim_record(
        entity=_country(claim.get("entity"), "The entity"),
        as_of=_required_day(claim, "count", "as_of", "date"),
        number=_number(claim.get("number")),
        counted=claim.get("counted") or "recognized",
        exact=bool(claim.get("exact", True)),
        stated_on=fact.cable.created.date() if fact.cable.created else None,
        source=fact_source(fact),
        created_by=user,
    )


def _organization_share(fact, claim, user):
    bound = str(claim.get("bound") or "exact")
    share_over = None
    number = _number(claim.get("recognized"))
    organization = _organization(claim.get("organization"))
    as_of = _required_day(claim, "share", "as_of", "date")
    members = _number(claim.get("members"))
    if bound == "all":
        # "all of the G-7": as many as the organization had members that day.
        members = members if members is not None else organization.memberships.active_on(as_of).count()
        number = number if number is not None else members
    if bound.startswith("under_"):
        raise ClaimError(UPPER_BOUND.format(bound=bound.replace("_", " ")))
    if bound.startswith("over_"):
        share_over = FRACTIONS.get(bound.removeprefix("over_").removeprefix("well_"))
        if share_over is None and number is None:
            raise ClaimError(UPPER_BOUND.format(bound=bound.replace("_", " ")))
    return count_claim_record(
        entity=_country(claim.get("entity"), "The entity"),
        as_of=as_of,
        number=number,
        counted=claim.get("counted") or "recognized",
        exact=bound in ("exact", "all"),
        organization=organization,
        members=members,
        share_over=share_over,
        stated_on=fact.cable.created.date() if fact.cable.created else None,
        source=fact_source(fact),
        created_by=user,
    )


RECORDERS = {
    FactKind.RECOGNITION: _recognition,
    FactKind.STANCE: _stance,
    FactKind.ADMISSION_BID: _admission_bid,
    FactKind.RECOGNITION_COUNT: _recognition_count,
    FactKind.ORGANIZATION_SHARE: _organization_share,
    FactKind.DEMARCHE: demarche_record_from_fact,
}


def ledger_row_record(fact, claim: dict, user):
    """Write the ledger row an accepted claim stands for, or None for kinds the ledger does not keep.

    Raises `ClaimError` or the ledger's `LedgerError` with a message an analyst can act on.
    """
    recorder = RECORDERS.get(fact.kind)
    return recorder(fact, claim, user) if recorder else None
