"""What an entity's dashboard shows on a day, read in a fixed handful of queries.

The ledger's events, the membership spells and the count claims are loaded
once (each through the clearance filter) and the status engine answers every
figure on the page from them: today's counts, the count thirty days before,
the timeline, the reconciliation with the cables, the organization shares and
the map.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cables.clearance import Marking, highest
from recognitions import selectors
from recognitions import status as engine
from recognitions.choices import StancePosition
from recognitions.models import AdmissionBidStatus, Country, Stance

#: How far back the dashboard's "change" looks.
CHANGE_WINDOW = dt.timedelta(days=30)


class MapStatus:
    """The colours of the world map, strongest first."""

    RECOGNIZED = "recognized"
    ANNOUNCED = "announced"
    WITHDRAWN = "withdrawn"
    SUPPORTIVE = "supportive"
    OPPOSED = "opposed"
    UNKNOWN = "unknown"

    LABELS = {
        RECOGNIZED: "Recognizes",
        ANNOUNCED: "Announced the intention to recognize",
        WITHDRAWN: "Withdrew or suspended recognition",
        SUPPORTIVE: "Expected to support or leaning",
        OPPOSED: "Expected to oppose",
        UNKNOWN: "No position recorded",
    }
    ORDER = (RECOGNIZED, ANNOUNCED, WITHDRAWN, SUPPORTIVE, OPPOSED, UNKNOWN)


_STANCE_TO_MAP = {
    StancePosition.SUPPORT: MapStatus.SUPPORTIVE,
    StancePosition.LEANING: MapStatus.SUPPORTIVE,
    StancePosition.OPPOSE: MapStatus.OPPOSED,
}


@dataclass(frozen=True)
class StateOnMap:
    code: str
    name: str
    numeric: str
    status: str
    since: dt.date | None
    detail: str

    @property
    def label(self) -> str:
        return MapStatus.LABELS[self.status]


@dataclass
class BidView:
    organization_code: str
    organization_name: str
    steps: list[AdmissionBidStatus]

    @property
    def current(self) -> AdmissionBidStatus | None:
        return self.steps[-1] if self.steps else None


@dataclass
class Dashboard:
    entity: Country
    as_of: dt.date
    status: engine.Status
    before: engine.Status | None
    since: dt.date
    timeline: list[engine.TimelineStep]
    reconciliation: list[tuple[engine.Reconciliation, object]]
    states: list[StateOnMap]
    bids: list[BidView]
    outside_un_codes: set[str] = field(default_factory=set)
    marking: Marking = field(default_factory=Marking)

    @property
    def change(self) -> int:
        before = self.before.un_members_recognizing if self.before else 0
        return self.status.un_members_recognizing - before

    @property
    def change_all_states(self) -> int:
        before = self.before.all_states_recognizing if self.before else 0
        return self.status.all_states_recognizing - before

    @property
    def outside_un(self) -> int:
        return self.status.all_states_recognizing - self.status.un_members_recognizing

    @property
    def outside_un_names(self) -> list[str]:
        return [s.state.name for s in self.status.recognizing if s.state.code in self.outside_un_codes]

    def states_by_status(self) -> list[tuple[str, str, list[StateOnMap]]]:
        groups = {key: [] for key in MapStatus.ORDER}
        for state in self.states:
            groups[state.status].append(state)
        return [(key, MapStatus.LABELS[key], groups[key]) for key in MapStatus.ORDER if key != MapStatus.UNKNOWN]

    def claims_for(self, organization: str | None):
        return [(r, row) for r, row in self.reconciliation if r.claim.organization == organization]


def stances_load(entity: Country, user, on: dt.date) -> dict[str, Stance]:
    """Each state's latest stance on the entity on or before `on`, as the user may see it (one query)."""
    latest: dict[str, Stance] = {}
    rows = (
        Stance.objects.visible_to(user)
        .filter(entity=entity, date__lte=on)
        .select_related("state")
        .order_by("date", "id")
    )
    for stance in rows:
        latest[stance.state.code] = stance
    return latest


def map_states(status: engine.Status, stances: dict[str, Stance], countries) -> list[StateOnMap]:
    """Every state with the colour it takes on the map: the ledger first, then its stance."""
    standing = {s.state.code: (MapStatus.RECOGNIZED, s.since, "recognized on") for s in status.recognizing}
    for s in status.announced:
        standing[s.state.code] = (MapStatus.ANNOUNCED, s.since, "announced on")
    for s in status.withdrawn:
        standing[s.state.code] = (MapStatus.WITHDRAWN, s.since, f"{s.standing} on")
    states = []
    for code, name, numeric in countries:
        if code in standing:
            colour, since, words = standing[code]
            detail = f"{words} {since.isoformat()}"
        elif code in stances:
            stance = stances[code]
            colour, since = _STANCE_TO_MAP.get(stance.stance, MapStatus.UNKNOWN), stance.date
            detail = f"{stance.get_stance_display().lower()} ({since.isoformat()})"
        else:
            colour, since, detail = MapStatus.UNKNOWN, None, "no position recorded"
        states.append(StateOnMap(code, name, numeric, colour, since, detail))
    return states


def bids_load(entity: Country, user, on: dt.date) -> list[BidView]:
    """The entity's admission bids with the steps the user may see up to `on` (one query)."""
    steps = (
        AdmissionBidStatus.objects.visible_to(user)
        .filter(bid__entity=entity, date__lte=on)
        .select_related("bid__organization", "blocked_by")
        .order_by("bid__organization__code", "date", "id")
    )
    bids: dict[str, BidView] = {}
    for step in steps:
        org = step.bid.organization
        bids.setdefault(org.code, BidView(org.code, org.name, [])).steps.append(step)
    return list(bids.values())


def entity_dashboard(entity: Country, user, on: dt.date) -> Dashboard:
    """Everything the entity's dashboard shows on day `on` (eight queries, whatever the ledger's size)."""
    events = selectors.ledger_events_load(entity, user)
    spells = selectors.membership_spells_load()
    organizations = selectors.organizations_load()
    ref = engine.StateRef(entity.code, entity.name)
    status = engine.status_as_of(ref, events, spells, on, organizations)
    since = on - CHANGE_WINDOW
    declared = entity.declared_on
    before = None if declared and since < declared else engine.status_as_of(ref, events, spells, since, ())
    claims = [(claim, row) for claim, row in selectors.ledger_claims_load(entity, user) if claim.as_of <= on]
    rows = {claim.id: row for claim, row in claims}
    reconciliation = [(r, rows[r.claim.id]) for r in engine.reconcile([c for c, _ in claims], events, spells)]
    countries = Country.objects.exclude(pk=entity.pk).order_by("name").values_list("code", "name", "numeric")
    stances = stances_load(entity, user, on)
    states = map_states(status, stances, countries)
    bids = bids_load(entity, user, on)
    marking = highest(
        [status.marking]
        + [stance.marking for stance in stances.values()]
        + [row.marking for _, row in reconciliation]
        + [step.marking for bid in bids for step in bid.steps]
    )
    return Dashboard(
        entity=entity,
        as_of=on,
        status=status,
        before=before,
        since=since,
        timeline=engine.timeline(events, spells, on),
        reconciliation=reconciliation,
        states=states,
        bids=bids,
        outside_un_codes={s.state.code for s in status.recognizing} - engine.members_on(spells, engine.UN, on).keys(),
        marking=marking,
    )
