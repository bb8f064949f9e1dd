"""Reading the ledger for the status engine: a fixed handful of queries, whatever its size.

Each selector loads only what the user is cleared for (through the one
clearance rule) and hands plain values to `recognitions.status`.
"""

from __future__ import annotations

import datetime as dt

from cables.clearance import Marking
from recognitions import status as engine
from recognitions.models import CountClaim, Country, Membership, Organization, RecognitionEvent


def tracked_entities():
    """The contested entities the desk tracks."""
    return Country.objects.filter(is_contested=True).select_related("parent_state")


def entity_get(code: str) -> Country | None:
    return tracked_entities().filter(code__iexact=code).first()


def countries_with_aliases():
    return Country.objects.select_related("parent_state").prefetch_related("aliases")


def organization_get(code: str) -> Organization | None:
    return Organization.objects.filter(code__iexact=code).first()


def _ref(country: Country) -> engine.StateRef:
    return engine.StateRef(country.code, country.name)


def ledger_events_load(entity: Country, user) -> list[engine.LedgerEvent]:
    """The entity's recognition events the user may see (one query)."""
    rows = (
        RecognitionEvent.objects.visible_to(user)
        .filter(entity=entity)
        .values_list("id", "state__code", "state__name", "kind", "date", "supersedes_id", "marking_level", "noforn")
    )
    return [
        engine.LedgerEvent(pk, engine.StateRef(code, name), kind, day, supersedes, Marking(level, noforn))
        for pk, code, name, kind, day, supersedes, level, noforn in rows
    ]


def membership_spells_load(organizations: list[str] | None = None, on: dt.date | None = None) -> list[engine.Spell]:
    """Membership spells, of some organizations or all, in force on a day or at any time (one query)."""
    rows = Membership.objects.all()
    if organizations is not None:
        rows = rows.filter(organization__code__in=organizations)
    if on is not None:
        rows = rows.active_on(on)
    return [
        engine.Spell(org, engine.StateRef(code, name), joined, left)
        for org, code, name, joined, left in rows.values_list(
            "organization__code", "country__code", "country__name", "joined_on", "left_on"
        ).order_by()
    ]


def organizations_load() -> list[tuple[str, str]]:
    return list(Organization.objects.order_by("code").values_list("code", "name"))


def entity_status(entity: Country, user, on: dt.date) -> engine.Status:
    """Status of the entity on day `on` as the user may see it (four queries)."""
    return engine.status_as_of(
        _ref(entity), ledger_events_load(entity, user), membership_spells_load(on=on), on, organizations_load()
    )


def entity_timeline(entity: Country, user, until: dt.date, since: dt.date | None = None) -> list[engine.TimelineStep]:
    """The entity's count after each day with events (two queries)."""
    return engine.timeline(ledger_events_load(entity, user), membership_spells_load([engine.UN]), until, since)


def ledger_claims_load(entity: Country, user) -> list[tuple[engine.LedgerClaim, CountClaim]]:
    claims = (
        CountClaim.objects.visible_to(user)
        .filter(entity=entity)
        .select_related("organization", "entity", "created_by")
    )
    return [
        (
            engine.LedgerClaim(
                id=c.pk,
                as_of=c.as_of,
                number=c.number,
                counted=c.counted,
                exact=c.exact,
                stated_on=c.stated_on,
                organization=c.organization.code if c.organization_id else None,
                members=c.members,
                share_over=c.share_over,
                marking=c.marking,
            ),
            c,
        )
        for c in claims
    ]


def entity_reconciliation(entity: Country, user) -> list[tuple[engine.Reconciliation, CountClaim]]:
    """Every count claim the user may see beside the ledger (three queries)."""
    pairs = ledger_claims_load(entity, user)
    rows = {claim.id: row for claim, row in pairs}
    results = engine.reconcile(
        [claim for claim, _ in pairs], ledger_events_load(entity, user), membership_spells_load()
    )
    return [(result, rows[result.claim.id]) for result in results]
