"""The "as of" status engine: who recognizes an entity on a day, counted every way the desk needs.

Pure functions over rows a selector already loaded (`recognitions.selectors`),
so they answer for any date without touching the database and are tested
with plain values.

The rules, as the reference dataset states them:

* A state recognizes the entity on day D (inclusive) when its latest event on
  or before D is `recognized` or `reconfirmed`; `withdrawn` and `suspended`
  remove it (Serbia's view of the disputed withdrawals). An announced
  intention counts only in the "recognized or announced" figures and never
  undoes a recognition.
* The `ever` figures ignore withdrawals (Kosovo's view).
* Headline counts cover UN member states on day D; the `all_states` figures
  also count recognizing states outside the UN (Taiwan, the Cook Islands, Niue).
* An event superseded by a correction is left out; the correction counts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from cables.clearance import Marking, highest
from recognitions.choices import CountedCategory, RecognitionKind

UN = "UN"

RECOGNIZING = "recognizing"
ANNOUNCED = "announced_intent"

NOT_UN_MEMBER = "recognizes but is not a UN member; the claim may count it"
COUNTED_EARLY = "recognized on {date}, after the date; the claim may count it early"

_STARTS = {RecognitionKind.RECOGNIZED, RecognitionKind.RECONFIRMED}
_ENDS = {RecognitionKind.WITHDRAWN, RecognitionKind.SUSPENDED}


@dataclass(frozen=True, order=True)
class StateRef:
    code: str
    name: str


@dataclass(frozen=True)
class LedgerEvent:
    id: int
    state: StateRef
    kind: str
    date: dt.date
    supersedes_id: int | None = None
    marking: Marking = Marking()


@dataclass(frozen=True)
class Spell:
    """One spell of a state's membership of an organization."""

    organization: str
    state: StateRef
    joined_on: dt.date
    left_on: dt.date | None = None

    def active_on(self, day: dt.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day < self.left_on)


@dataclass(frozen=True)
class LedgerClaim:
    id: int
    as_of: dt.date
    number: int | None
    counted: str = CountedCategory.RECOGNIZED
    exact: bool = True
    stated_on: dt.date | None = None
    organization: str | None = None
    members: int | None = None
    share_over: Decimal | None = None
    marking: Marking = Marking()


@dataclass(frozen=True)
class Standing:
    """Where one state stands on day D, and since when."""

    state: StateRef
    standing: str  # recognizing, announced_intent, withdrawn, suspended
    since: dt.date
    first_recognized_on: dt.date | None
    event_id: int


@dataclass
class OrganizationShare:
    organization: str
    name: str
    members: int
    recognizing: int
    recognizing_states: list[StateRef]
    not_recognizing_states: list[StateRef]


@dataclass
class Status:
    entity: StateRef
    as_of: dt.date
    un_member_states: int
    un_members_recognizing: int
    all_states_recognizing: int
    un_members_recognizing_or_announced: int
    all_states_recognizing_or_announced: int
    un_members_ever_recognized: int
    all_states_ever_recognized: int
    recognizing: list[Standing]
    announced: list[Standing]
    withdrawn: list[Standing]
    organizations: list[OrganizationShare]
    marking: Marking


@dataclass
class TimelineStep:
    date: dt.date
    un_members_recognizing: int
    all_states_recognizing: int
    un_members_recognizing_or_announced: int
    all_states_recognizing_or_announced: int
    events: list[LedgerEvent]


@dataclass
class Explanation:
    state: StateRef
    date: dt.date | None
    reason: str


@dataclass
class Reconciliation:
    claim: LedgerClaim
    ledger_number: int | None
    ledger_members: int | None
    difference: int | None
    agrees: bool | None
    explained_by: list[Explanation] = field(default_factory=list)
    note: str = ""
    ledger_number_when_stated: int | None = None
    recognized_since: list[Explanation] = field(default_factory=list)


def effective_events(events: Iterable[LedgerEvent]) -> list[LedgerEvent]:
    """The events that count, in order: those no correction among `events` supersedes."""
    events = list(events)
    superseded = {e.supersedes_id for e in events if e.supersedes_id is not None}
    return sorted((e for e in events if e.id not in superseded), key=lambda e: (e.date, e.id))


def standings_on(events: Sequence[LedgerEvent], on: dt.date) -> dict[str, Standing]:
    """Each state's standing on day `on` (inclusive), from effective events in date order."""
    standings: dict[str, Standing] = {}
    for event in events:
        if event.date > on:
            break
        _apply(standings, event)
    return standings


def _apply(standings: dict[str, Standing], event: LedgerEvent) -> None:
    current = standings.get(event.state.code)
    first = current.first_recognized_on if current else None
    if event.kind in _STARTS:
        if current is not None and current.standing == RECOGNIZING:
            return
        standings[event.state.code] = Standing(event.state, RECOGNIZING, event.date, first or event.date, event.id)
    elif event.kind in _ENDS:
        standings[event.state.code] = Standing(event.state, event.kind, event.date, first, event.id)
    elif event.kind == RecognitionKind.ANNOUNCED_INTENT and (current is None or current.standing != RECOGNIZING):
        standings[event.state.code] = Standing(event.state, ANNOUNCED, event.date, first, event.id)


def members_on(spells: Iterable[Spell], organization: str, day: dt.date) -> dict[str, StateRef]:
    return {s.state.code: s.state for s in spells if s.organization == organization and s.active_on(day)}


def status_as_of(
    entity: StateRef,
    events: Iterable[LedgerEvent],
    spells: Iterable[Spell],
    on: dt.date,
    organizations: Sequence[tuple[str, str]] = (),
) -> Status:
    """The entity's recognition on day `on`, with the share of each organization's members.

    `organizations` gives (code, name) of the organizations to break down, in
    the order to show them; one with no members on the day is left out.
    """
    events = effective_events(events)
    spells = list(spells)
    standings = standings_on(events, on)
    un = members_on(spells, UN, on)
    recognizing = sorted((s for s in standings.values() if s.standing == RECOGNIZING), key=_by_name)
    announced = sorted((s for s in standings.values() if s.standing == ANNOUNCED), key=_by_name)
    withdrawn = sorted((s for s in standings.values() if s.standing in _ENDS), key=_by_name)
    ever = {s.state.code for s in standings.values() if s.first_recognized_on is not None}
    recognizing_codes = {s.state.code for s in recognizing}
    either = recognizing_codes | {s.state.code for s in announced}
    shares = []
    for code, name in organizations:
        members = members_on(spells, code, on)
        if not members:
            continue
        yes = sorted((members[c] for c in members if c in recognizing_codes), key=_name)
        no = sorted((members[c] for c in members if c not in recognizing_codes), key=_name)
        shares.append(OrganizationShare(code, name, len(members), len(yes), yes, no))
    counted = [e for e in events if e.date <= on]
    return Status(
        entity=entity,
        as_of=on,
        un_member_states=len(un),
        un_members_recognizing=len(recognizing_codes & un.keys()),
        all_states_recognizing=len(recognizing_codes),
        un_members_recognizing_or_announced=len(either & un.keys()),
        all_states_recognizing_or_announced=len(either),
        un_members_ever_recognized=len(ever & un.keys()),
        all_states_ever_recognized=len(ever),
        recognizing=recognizing,
        announced=announced,
        withdrawn=withdrawn,
        organizations=shares,
        marking=highest(e.marking for e in counted),
    )


def _by_name(standing: Standing) -> str:
    return standing.state.name


def _name(state: StateRef) -> str:
    return state.name


def timeline(
    events: Iterable[LedgerEvent],
    spells: Iterable[Spell],
    until: dt.date,
    since: dt.date | None = None,
) -> list[TimelineStep]:
    """The counts after each day with events, up to `until`, with that day's events.

    Steps fall on event days only; UN membership is taken on each step's day.
    """
    events = effective_events(events)
    un_spells: dict[str, list[Spell]] = defaultdict(list)
    for spell in spells:
        if spell.organization == UN:
            un_spells[spell.state.code].append(spell)
    # UN membership only changes on these days; between two of them a state's membership stands.
    boundaries = sorted({day for found in un_spells.values() for spell in found
                         for day in (spell.joined_on, spell.left_on) if day is not None})
    by_day: dict[dt.date, list[LedgerEvent]] = defaultdict(list)
    for event in events:
        if event.date <= until:
            by_day[event.date].append(event)
    standings: dict[str, Standing] = {}
    recognizing: set[str] = set()
    either: set[str] = set()
    un: set[str] = set()
    passed = 0
    steps = []
    for day in sorted(by_day):
        changed = set()
        for event in by_day[day]:
            _apply(standings, event)
            changed.add(event.state.code)
        for code in changed:
            standing = standings[code].standing
            recognizing.discard(code)
            either.discard(code)
            if standing == RECOGNIZING:
                recognizing.add(code)
            if standing in (RECOGNIZING, ANNOUNCED):
                either.add(code)
        crossed = passed
        while crossed < len(boundaries) and boundaries[crossed] <= day:
            crossed += 1
        recheck = standings.keys() if crossed != passed else changed
        passed = crossed
        for code in recheck:
            if any(spell.active_on(day) for spell in un_spells.get(code, ())):
                un.add(code)
            else:
                un.discard(code)
        if since is not None and day < since:
            continue
        steps.append(
            TimelineStep(
                date=day,
                un_members_recognizing=len(recognizing & un),
                all_states_recognizing=len(recognizing),
                un_members_recognizing_or_announced=len(either & un),
                all_states_recognizing_or_announced=len(either),
                events=by_day[day],
            )
        )
    return steps


def reconcile(
    claims: Iterable[LedgerClaim],
    events: Iterable[LedgerEvent],
    spells: Iterable[Spell],
) -> list[Reconciliation]:
    """Each count claim beside the ledger's number for the same date and the same category.

    A claim about "recognized" states is compared with the UN members the
    ledger has recognizing (the convention cables and trackers use); with an
    organization, with that organization's members on the day. Where they
    differ, `explained_by` names the states that account for the gap: the
    latest recognitions before the date when the claim is lower (it predates
    them), and states outside the UN or the next recognitions after the date
    when it is higher (it counts them, or counts them early). A claim stated
    later than its as-of date is also set beside the ledger on the day it
    was stated, to show a stale figure.
    """
    events = effective_events(events)
    spells = list(spells)
    return [_reconcile_one(claim, events, spells) for claim in sorted(claims, key=lambda c: (c.as_of, c.id))]


def _counted_states(standings: dict[str, Standing], counted: str) -> dict[str, Standing]:
    wanted = {RECOGNIZING, ANNOUNCED} if counted == CountedCategory.RECOGNIZED_OR_ANNOUNCED else {RECOGNIZING}
    return {c: s for c, s in standings.items() if s.standing in wanted}


def _reconcile_one(claim: LedgerClaim, events: list[LedgerEvent], spells: list[Spell]) -> Reconciliation:
    if claim.counted == CountedCategory.LEANING:
        return Reconciliation(
            claim, None, None, None, None, note="The ledger keeps stances, not a count of leaning states."
        )
    population = UN if claim.organization is None else claim.organization
    members = members_on(spells, population, claim.as_of)
    counted = {c: s for c, s in _counted_states(standings_on(events, claim.as_of), claim.counted).items()
               if c in members}
    ledger = len(counted)
    ledger_members = len(members) if claim.organization else None
    result = Reconciliation(claim, ledger, ledger_members, None, None)
    if claim.number is None:
        total = claim.members or len(members)
        result.agrees = Decimal(ledger) > claim.share_over * total
        result.note = f"The claim says more than {claim.share_over:g} of {total} members; the ledger has {ledger}."
    else:
        result.difference = claim.number - ledger
        tolerance = 0 if claim.exact else max(1, round(claim.number / 10))
        result.agrees = abs(result.difference) <= tolerance
        if result.difference:
            result.explained_by = _explain(claim, result.difference, counted, members, events)
    if claim.organization and claim.members is not None and claim.members != len(members):
        result.note = (result.note + " " if result.note else "") + (
            f"The claim gives {claim.members} members; the membership table has {len(members)} on {claim.as_of}."
        )
    if claim.stated_on and claim.stated_on > claim.as_of:
        members_then = members_on(spells, population, claim.stated_on)
        then = _counted_states(standings_on(events, claim.stated_on), claim.counted)
        then = {c: s for c, s in then.items() if c in members_then}
        result.ledger_number_when_stated = len(then)
        result.recognized_since = [
            Explanation(s.state, s.since, f"began counting on {s.since}, after the as-of date and before the claim")
            for s in sorted(then.values(), key=lambda s: (s.since, s.state.name))
            if s.state.code not in counted
        ]
    return result


def _explain(
    claim: LedgerClaim, difference: int, counted: dict[str, Standing], members: dict[str, StateRef], events
) -> list[Explanation]:
    if difference < 0:
        latest = sorted(counted.values(), key=lambda s: (s.since, s.state.name), reverse=True)[: -difference]
        return [
            Explanation(s.state, s.since, f"recognized on {s.since}; the claim may predate it") for s in latest
        ]
    explanations: list[Explanation] = []
    if claim.organization is None:
        everyone = _counted_states(standings_on(events, claim.as_of), claim.counted)
        for standing in sorted(everyone.values(), key=_by_name):
            if standing.state.code not in members:
                explanations.append(
                    Explanation(standing.state, standing.since, NOT_UN_MEMBER)
                )
    seen = set(counted) | {e.state.code for e in explanations}
    for event in events:
        if len(explanations) >= difference:
            break
        if event.date <= claim.as_of or event.kind not in _STARTS | {RecognitionKind.ANNOUNCED_INTENT}:
            continue
        if event.state.code in seen or event.state.code not in members:
            continue
        seen.add(event.state.code)
        explanations.append(
            Explanation(event.state, event.date, COUNTED_EARLY.format(date=event.date))
        )
    return explanations[:difference]
