"""What the picture's pages show beyond the status engine: chart and map data, sources, side panels.

Each function reads a bounded number of rows through the clearance filter and
returns plain values for a template (or for `json_script`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import urlencode

from cables.clearance import Marking, highest, note_shown
from cables.models import Cable, Fact
from recognitions import selectors
from recognitions import status as engine
from recognitions.dashboard import Dashboard
from recognitions.demarches.selectors import deliveries_in, open_demarches
from recognitions.models import AdmissionBidStatus, Country, Membership, Organization, RecognitionEvent, Stance

#: Rows a side panel lists; its count covers the rest, up to the cap ("more than 1,000").
PANEL_ROWS = 8
PANEL_COUNT_CAP = 1000


def timeline_chart(dashboard: Dashboard) -> dict:
    """The timeline for the chart script: the ledger's steps and the cable claims drawn on it."""
    steps = [[s.date.isoformat(), s.un_members_recognizing, s.all_states_recognizing] for s in dashboard.timeline]
    claims = []
    for result, _row in dashboard.reconciliation:
        claim = result.claim
        if claim.organization is not None or claim.number is None or result.ledger_number is None:
            continue
        claims.append({
            "as_of": claim.as_of.isoformat(),
            "number": claim.number,
            "ledger": result.ledger_number,
            "agrees": bool(result.agrees),
            "counted": claim.counted,
        })
    return {"as_of": dashboard.as_of.isoformat(), "steps": steps, "claims": claims}


def country_url_at(as_of: dt.date):
    """A function giving a country's page on `as_of`: one `reverse` for the 250 states of the map, not one each."""
    head, tail = reverse("recognitions:country", args=["XX"]).rsplit("XX", 1)
    query = "?" + urlencode({"as_of": as_of.isoformat()})
    return lambda code: f"{head}{quote(code)}{tail}{query}"


def timeline_rows(dashboard: Dashboard) -> list[tuple[str, int, int, str]]:
    """The timeline as table rows: date, UN members, all states, and that day's events in words."""
    return [
        (step.date.isoformat(), step.un_members_recognizing, step.all_states_recognizing,
         ", ".join(f"{event.state.name} ({event.kind.replace('_', '')})" for event in step.events))
        for step in dashboard.timeline
    ]


def map_data(dashboard: Dashboard) -> dict:
    """Each state's colour, name, page and detail, keyed by ISO 3166-1 numeric code (the map's ids)."""
    url = country_url_at(dashboard.as_of)
    states = {}
    for state in dashboard.states:
        if not state.numeric:
            continue
        states[state.numeric] = [state.status, state.name, url(state.code),
                                 f"{state.name}: {state.label.lower()}; {state.detail}"]
    entity = dashboard.entity
    return {
        "entity": {"name": entity.name, "short": short_name(entity), "numeric": entity.numeric},
        "states": states,
    }


def state_lists(dashboard: Dashboard) -> list[tuple[str, str, list[tuple[object, str]]]]:
    """The map's states grouped by position, each with its country page on the dashboard's date."""
    url = country_url_at(dashboard.as_of)
    return [(key, label, [(state, url(state.code)) for state in states])
            for key, label, states in dashboard.states_by_status()]


@dataclass(frozen=True)
class SourceLink:
    reference_id: str
    paragraph: int | None
    url: str


def claim_sources(user, rows) -> dict[int, SourceLink]:
    """Links from ledger rows to the sentence of the cable they came from, for users cleared for that cable.

    A cable the user may not see leaves no trace: no link and no reference id.
    """
    wanted = {row.source_reference_id for row in rows if row.source_reference_id}
    if not wanted:
        return {}
    visible = set(
        Cable.objects.visible_to(user).current().filter(reference_id__in=wanted)
        .values_list("reference_id", flat=True)
    )
    links = {}
    for row in rows:
        if row.source_reference_id in visible:
            links[row.pk] = SourceLink(row.source_reference_id, row.source_paragraph, sentence_url(row))
    return links


def sentence_url(row) -> str:
    """The cable page at the row's paragraph, with its quoted words highlighted."""
    url = reverse("cables:cable", args=[row.source_reference_id])
    if row.source_quote:
        url += "?" + urlencode({"hl": row.source_quote[:300]})
    if row.source_paragraph is not None:
        url += f"#p{row.source_paragraph}"
    return url


@dataclass
class Panel:
    """A side panel of the dashboard: its rows (at most PANEL_ROWS), their total and the markings shown."""

    rows: list
    total: int
    markings: list[Marking] = field(default_factory=list)
    capped: bool = False


def dashboard_panels(request, entity: Country, as_of: dt.date) -> dict[str, Panel | None]:
    """Open demarches, the newest cables and, for analysts, the facts waiting for review (four queries).

    A panel is None when it does not apply to the user; an empty panel says
    what to do next.
    """
    user = request.user
    panels: dict[str, Panel | None] = {"cables": None, "facts": None}
    demarches = open_demarches(user, as_of, entity=entity)
    note_shown(request, *(d.marking for d in demarches[:PANEL_ROWS]))
    panels["demarches"] = Panel(demarches[:PANEL_ROWS], len(demarches))
    sent_by = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    cables = list(
        Cable.objects.visible_to(user).current().filter(created__lt=sent_by)
        .only("reference_id", "subject", "created", "origin", "classification", "classification_level", "noforn")
        .newest_first()[:PANEL_ROWS]
    )
    note_shown(request, *(c.marking for c in cables))
    panels["cables"] = Panel(cables, len(cables))
    if getattr(user, "is_analyst", False):
        waiting = Fact.objects.visible_to(user).pending()
        facts = list(waiting.select_related("cable").order_by("-extracted_at")[:PANEL_ROWS])
        note_shown(request, *(f.marking for f in facts))
        # A fact's link to its cable shows only to users cleared for the cable.
        total = waiting.values("pk")[: PANEL_COUNT_CAP + 1].count()
        panels["facts"] = Panel([(f, f.cable_visible_to(user)) for f in facts], min(total, PANEL_COUNT_CAP),
                                capped=total > PANEL_COUNT_CAP)
    return panels


def country_panels(request, country: Country) -> dict[str, Panel | None]:
    """The demarches delivered or due at the country's posts, and the newest cables that name it (three queries)."""
    cables = list(
        Cable.objects.visible_to(request.user).current().matching(f'"{short_name(country)}"')
        .only("reference_id", "subject", "created", "origin", "classification", "classification_level", "noforn")
        .newest_first()[:PANEL_ROWS]
    )
    note_shown(request, *(c.marking for c in cables))
    deliveries = deliveries_in(country, request.user)
    note_shown(request, *(t.demarche.marking for t in deliveries), *(o.marking for t in deliveries for o in t.reports))
    return {"cables": Panel(cables, len(cables)), "deliveries": Panel(deliveries, len(deliveries))}


def short_name(country: Country) -> str:
    """The name cables use: "Kosovo" for "Kosovo (Republic of Kosovo)"."""
    return country.name.split(" (")[0]


@dataclass
class EntityHistory:
    entity: Country
    events: list[RecognitionEvent]
    stances: list[Stance]
    standing: engine.Standing | None
    superseded: set[int]


@dataclass
class CountryPage:
    histories: list[EntityHistory]
    memberships: list[Membership]
    marking: Marking
    sources: dict[int, SourceLink]


def country_page(country: Country, user, as_of: dt.date) -> CountryPage:
    """The country's recognition events and stances toward each tracked entity, and its memberships.

    The standing on `as_of` comes from the status engine over the same
    visible events (three queries in all, plus one for sources).
    """
    events = list(
        RecognitionEvent.objects.visible_to(user).filter(state=country)
        .select_related("entity", "supersedes").order_by("entity__name", "date", "id")
    )
    stances = list(
        Stance.objects.visible_to(user).filter(state=country).select_related("entity").order_by("entity__name", "date")
    )
    entities: dict[int, Country] = {}
    for row in events + stances:
        entities.setdefault(row.entity_id, row.entity)
    histories = []
    for entity_id, entity in sorted(entities.items(), key=lambda item: item[1].name):
        own = [e for e in events if e.entity_id == entity_id]
        ledger = [
            engine.LedgerEvent(e.pk, engine.StateRef(country.code, country.name), e.kind, e.date, e.supersedes_id,
                               e.marking)
            for e in own
        ]
        standing = engine.standings_on(engine.effective_events(ledger), as_of).get(country.code)
        superseded = {e.supersedes_id for e in own if e.supersedes_id}
        histories.append(
            EntityHistory(entity, own, [s for s in stances if s.entity_id == entity_id], standing, superseded)
        )
    memberships = list(
        Membership.objects.filter(country=country).select_related("organization").order_by("joined_on")
    )
    rows = events + stances
    return CountryPage(histories, memberships, highest(r.marking for r in rows), claim_sources(user, rows))


@dataclass
class MemberStanding:
    membership: Membership
    status: str
    since: dt.date | None


@dataclass
class OrganizationPage:
    members: list[MemberStanding]
    recognizing: int
    bid_steps: list[AdmissionBidStatus]
    marking: Marking
    sources: dict[int, SourceLink]


_STANDING_LABELS = {
    engine.RECOGNIZING: "recognizes",
    engine.ANNOUNCED: "announced the intention",
    "withdrawn": "withdrew recognition",
    "suspended": "suspended recognition",
}


def organization_page(organization: Organization, entity: Country | None, user, as_of: dt.date) -> OrganizationPage:
    """Members on `as_of` with their standing toward the entity, and the entity's bid to join (four queries)."""
    memberships = list(
        Membership.objects.active_on(as_of).filter(organization=organization).select_related("country")
        .order_by("country__name")
    )
    if entity is None:
        members = [MemberStanding(m, "", None) for m in memberships]
        return OrganizationPage(members, 0, [], Marking(), {})
    events = selectors.ledger_events_load(entity, user)
    standings = engine.standings_on(engine.effective_events(events), as_of)
    members = []
    for membership in memberships:
        standing = standings.get(membership.country.code)
        label = _STANDING_LABELS.get(standing.standing, "") if standing else ""
        members.append(MemberStanding(membership, label, standing.since if standing else None))
    steps = list(
        AdmissionBidStatus.objects.visible_to(user).filter(bid__entity=entity, bid__organization=organization)
        .select_related("blocked_by").order_by("date", "id")
    )
    counted = [e.marking for e in events if e.date <= as_of]
    recognizing = sum(1 for m in members if m.status == _STANDING_LABELS[engine.RECOGNIZING])
    marking = highest(counted + [s.marking for s in steps])
    return OrganizationPage(members, recognizing, steps, marking, claim_sources(user, steps))
