"""Reading demarches: coverage, the posts x objectives matrix, the history, what is due.

Every selector starts from `visible_to(user)`, so a demarche or outcome above
the user's clearance neither shows nor counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import chain

from django.db.models import Count, F, Q

from cables.clearance import visible_q
from recognitions.demarches.models import Demarche, Objective, Outcome, TalkingPoint, Target


def demarche_list(user):
    """Demarches the user may see, each with `targets_total` and `targets_delivered`."""
    delivered = Q(outcomes__isnull=False) & visible_q(user, "outcomes__marking_level", "outcomes__noforn")
    return (
        Demarche.objects.visible_to(user)
        .select_related("entity")
        .annotate(
            targets_total=Count("targets", distinct=True),
            targets_delivered=Count("outcomes__target", filter=delivered, distinct=True),
        )
    )


def demarche_get(user, pk) -> Demarche | None:
    return demarche_list(user).filter(pk=pk).first()


def is_overdue(demarche: Demarche, on: dt.date) -> bool:
    """Past its deadline with posts still to report."""
    return bool(demarche.deadline and demarche.deadline < on and demarche.targets_delivered < demarche.targets_total)


def open_demarches(user, on: dt.date | None = None, entity=None):
    """Demarches sent by `on` with posts still to report, soonest deadline first (the dashboard's "due" list).

    Each row has `targets_total`, `targets_delivered` and `overdue` (past its
    deadline on `on`). Only outcomes delivered by `on` count, so the list at a
    past date shows what was still open then.
    """
    on = on or dt.date.today()
    delivered = (
        Q(outcomes__isnull=False, outcomes__delivered_on__lte=on)
        & visible_q(user, "outcomes__marking_level", "outcomes__noforn")
    )
    rows = (
        Demarche.objects.visible_to(user)
        .filter(cable_date__lte=on)
        .select_related("entity")
        .annotate(
            targets_total=Count("targets", distinct=True),
            targets_delivered=Count("outcomes__target", filter=delivered, distinct=True),
        )
        .order_by(F("deadline").asc(nulls_last=True), "id")
    )
    if entity is not None:
        rows = rows.filter(entity=entity)
    rows = [d for d in rows if d.targets_delivered < d.targets_total]
    for row in rows:
        row.overdue = is_overdue(row, on)
    return rows


def deliveries_in(country, user) -> list[Target]:
    """The demarche targets at posts in `country`, each with its visible outcomes as `reports` (one or two queries)."""
    targets = list(
        Target.objects.filter(country=country, demarche__in=Demarche.objects.visible_to(user))
        .select_related("demarche__entity", "post")
        .order_by("-demarche__cable_date", "post__name")
    )
    reports: dict[int, list[Outcome]] = {}
    if targets:
        for outcome in Outcome.objects.visible_to(user).filter(target__in=targets).order_by("delivered_on", "id"):
            reports.setdefault(outcome.target_id, []).append(outcome)
    for target in targets:
        target.reports = reports.get(target.pk, [])
    return targets


def outcomes_visible(demarche: Demarche, user):
    return (
        Outcome.objects.visible_to(user)
        .filter(demarche=demarche)
        .select_related("target__post", "target__country", "created_by", "stance", "recognition_event")
        .order_by("target__post__name", "delivered_on", "id")
    )


@dataclass
class MatrixRow:
    target: Target
    outcomes: list[Outcome] = field(default_factory=list)
    responses: list[str] = field(default_factory=list)

    @property
    def latest(self) -> Outcome | None:
        return self.outcomes[-1] if self.outcomes else None

    @property
    def delivered(self) -> bool:
        return bool(self.outcomes)


@dataclass
class Matrix:
    objectives: list[Objective]
    rows: list[MatrixRow]

    @property
    def delivered(self) -> int:
        return sum(1 for row in self.rows if row.delivered)

    @property
    def total(self) -> int:
        return len(self.rows)

    def groups(self):
        """Rows grouped by host country, in name order (posts with no host country last)."""
        groups: dict[str, list[MatrixRow]] = {}
        for row in self.rows:
            name = row.target.country.name if row.target.country_id else "(no host country)"
            groups.setdefault(name, []).append(row)
        return sorted(groups.items(), key=lambda item: (item[0].startswith("("), item[0]))


def demarche_matrix(demarche: Demarche, user) -> Matrix:
    """Posts x objectives: each post's latest report answers each objective (three queries)."""
    objectives = list(demarche.objectives.all())
    targets = list(demarche.targets.select_related("post", "country").order_by("post__name"))
    by_target: dict[int, list[Outcome]] = {}
    for outcome in outcomes_visible(demarche, user):
        by_target.setdefault(outcome.target_id, []).append(outcome)
    rows = []
    for target in targets:
        outcomes = sorted(by_target.get(target.pk, []), key=lambda o: (o.delivered_on, o.pk))
        latest = outcomes[-1] if outcomes else None
        responses = [latest.response_to(objective) if latest else "" for objective in objectives]
        rows.append(MatrixRow(target, outcomes, responses))
    return Matrix(objectives, rows)


def next_undelivered_target(demarche: Demarche, user, after: Target | None = None) -> Target | None:
    """The next target post (by name) with no report the user can see, wrapping round to the first."""
    delivered = set(Outcome.objects.visible_to(user).filter(demarche=demarche).values_list("target_id", flat=True))
    targets = [t for t in demarche.targets.select_related("post").order_by("post__name") if t.pk not in delivered]
    if not targets:
        return None
    if after is not None:
        later = [t for t in targets if t.post.name > after.post.name]
        if later:
            return later[0]
    return targets[0]


@dataclass(frozen=True)
class HistoryEntry:
    when: dt.datetime
    who: str
    action: str
    what: str
    changes: tuple[str, ...]


_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def _entries(records, describe) -> list[HistoryEntry]:
    out = []
    for record in records:
        changes: tuple[str, ...] = ()
        if record.history_type == "~" and record.prev_record is not None:
            delta = record.diff_against(record.prev_record)
            changes = tuple(
                f"{change.field}: {change.old!s} → {change.new!s}"
                for change in delta.changes
                if change.field != "version"
            )
        user = record.history_user
        out.append(
            HistoryEntry(
                when=record.history_date,
                who=user.get_username() if user is not None else "system",
                action=_ACTIONS.get(record.history_type, record.history_type),
                what=describe(record),
                changes=changes,
            )
        )
    return out


def demarche_history(demarche: Demarche, user) -> list[HistoryEntry]:
    """Every change to the demarche, its objectives, targets and the outcomes the user may see, newest first."""
    visible_outcomes = set(Outcome.objects.visible_to(user).filter(demarche=demarche).values_list("pk", flat=True))
    histories = chain(
        _entries(Demarche.history.filter(id=demarche.pk).select_related("history_user"), lambda r: "demarche"),
        _entries(
            Objective.history.filter(demarche_id=demarche.pk).select_related("history_user"),
            lambda r: f"objective {r.position}",
        ),
        _entries(
            TalkingPoint.history.filter(demarche_id=demarche.pk).select_related("history_user"),
            lambda r: f"talking point {r.position}",
        ),
        _entries(
            Outcome.history.filter(id__in=visible_outcomes).select_related("history_user", "target__post"),
            lambda r: f"outcome at {r.target.post.name} ({r.delivered_on})",
        ),
    )
    return sorted(histories, key=lambda entry: entry.when, reverse=True)


@dataclass(frozen=True)
class ReportedDelivery:
    """A delivery a post's cable reports (a `demarche` fact with `delivery`), not yet filed as an outcome."""

    fact_id: int
    reference_id: str
    target: Target
    delivered_on: dt.date | None
    interlocutor_name: str
    interlocutor_office: str
    response: str
    marking: object


def reported_deliveries(demarche: Demarche, user) -> list[ReportedDelivery]:
    """Deliveries reported by cables that cite the demarche's cable, from posts it targets.

    Only facts the user may see, from cables the user may see (the reference
    id is offered as the reporting cable), and not yet filed from that cable.
    """
    if not demarche.reference_id:
        return []
    from cables.models import Fact
    from recognitions.posts import resolve_post

    facts = (
        Fact.objects.visible_to(user)
        .filter(visible_q(user, "cable__classification_level", "cable__noforn"))
        .filter(kind="demarche", cable__is_current=True, cable__references_made__reference_id=demarche.reference_id)
        .exclude(review_state__in=["rejected", "superseded"])
        .select_related("cable")
        .distinct()
        .order_by("cable__created", "id")
    )
    targets = {t.post.name: t for t in demarche.targets.select_related("post", "country")}
    filed = set(
        Outcome.objects.filter(demarche=demarche).exclude(reporting_reference_id="")
        .values_list("target_id", "reporting_reference_id")
    )
    offered = []
    for fact in facts:
        delivery = fact.claim.get("delivery") or {}
        post = resolve_post(delivery.get("post") or fact.cable.origin or "")
        target = targets.get(post.name) if post else None
        if target is None or (target.pk, fact.cable.reference_id) in filed:
            continue
        official = delivery.get("official") or {}
        try:
            day = dt.date.fromisoformat(str(delivery.get("date") or "")[:10])
        except ValueError:
            day = fact.cable.created.date() if fact.cable.created else None
        offered.append(
            ReportedDelivery(
                fact_id=fact.pk,
                reference_id=fact.cable.reference_id,
                target=target,
                delivered_on=day,
                interlocutor_name=official.get("name") or "",
                interlocutor_office=official.get("office") or "",
                response=delivery.get("response") or "",
                marking=fact.cable.marking,
            )
        )
    return offered
