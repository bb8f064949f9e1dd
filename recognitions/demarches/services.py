"""Writing demarches and their outcomes: every change goes through one of these services.

The web forms, the API and the acceptance of a `demarche` fact all call them,
so the rules hold whoever writes: a deadline is not before its cable, an
outcome is not dated before its demarche, only target posts report, nobody
files what they could not read, and an edit made on a stale version is refused
instead of overwriting another analyst's work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from cables.clearance import Marking, U, can_see, highest
from recognitions.choices import RecognitionKind, SourceKind, StancePosition
from recognitions.demarches.choices import Implication, Response, TargetVia
from recognitions.demarches.models import Demarche, Objective, Outcome, TalkingPoint, Target
from recognitions.demarches.targets import expand_targets
from recognitions.models import Country, Membership, Post
from recognitions.services import LedgerError, Source, recognition_event_record, stance_record

DEADLINE_BEFORE_CABLE = "The deadline {deadline} is before the cable's date {cable_date}."
NO_TITLE = "A demarche needs a title (the cable's subject will do)."
NO_OBJECTIVE = "A demarche needs at least one objective: outcomes answer each objective."
NO_TARGET = "None of the addressees resolves to a post: the demarche would have no target."
OUTCOME_BEFORE_DEMARCHE = "The delivery date {delivered_on} is before the demarche's cable date {cable_date}."
FOLLOW_UP_BEFORE_DELIVERY = "The follow-up date {follow_up_on} is before the delivery date {delivered_on}."
DELIVERY_IN_FUTURE = "The delivery date {delivered_on} is in the future; file an outcome once it is delivered."
NOT_A_TARGET = "{post} is not a target of this demarche; file outcomes only for its target posts."
UNKNOWN_OBJECTIVE = "Objective {position} does not exist; this demarche has objectives 1 to {count}."
UNKNOWN_RESPONSE = "{value!r} is not a response; use one of: {choices}."
UNKNOWN_IMPLICATION = "{value!r} is not something an outcome can add; use one of: {choices}."
IMPLICATION_WITHOUT_COUNTRY = "{post} has no host country, so no stance or recognition can be filed for it."
ABOVE_CLEARANCE = "The marking {marking} is above your clearance; you cannot file material you cannot read."
STALE_VERSION = (
    "This {what} was changed by {who} at {when} (now version {current}) after you opened version {given}. "
    "Nothing was saved: reload it, check their change, and file yours again."
)
UNCLASSIFIED = Marking(U)

NOT_A_DEMARCHE_FACT = "Only a `demarche` fact creates a demarche; this one is {kind!r}."
UNKNOWN_ENTITY = "{code!r} is not a known country or entity."


class DemarcheError(LedgerError):
    """A demarche or outcome write was refused; `field` names the input at fault when there is one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class StaleVersion(DemarcheError):
    """An edit was made on a version that is no longer the latest."""


def _members_on(day: dt.date):
    def members_of(organization_code: str) -> list[str]:
        return list(
            Membership.objects.active_on(day)
            .filter(organization__code=organization_code)
            .values_list("country__code", flat=True)
        )

    return members_of


def _marking(value: Marking | str | None) -> Marking:
    """A marking given as text (`C`, `SECRET//NOFORN`) is read by the one clearance rule."""
    return value if isinstance(value, Marking) else Marking.parse(value)


def _check_clearance(user, marking: Marking) -> None:
    if user is not None and not can_see(user, marking):
        raise DemarcheError(ABOVE_CLEARANCE.format(marking=marking.portion), "marking")


def _check_deadline(deadline: dt.date | None, cable_date: dt.date) -> None:
    if deadline is not None and deadline < cable_date:
        raise DemarcheError(DEADLINE_BEFORE_CABLE.format(deadline=deadline, cable_date=cable_date), "deadline")


def _stamp(instance, user):
    """Name the user in the history row this save writes (outside a request there is no middleware)."""
    if user is not None:
        instance._history_user = user
    return instance


def _texts(values: Iterable[str]) -> list[str]:
    return [" ".join(str(v).split()) for v in values if str(v).strip()]


@transaction.atomic
def demarche_create(
    *,
    cable_date: dt.date,
    entity: Country,
    title: str,
    objectives: Iterable[str],
    reference_id: str = "",
    deadline: dt.date | None = None,
    talking_points: Iterable[str] = (),
    addressees: Iterable = (),
    collectives: Iterable = (),
    excluded: Iterable = (),
    marking: Marking = UNCLASSIFIED,
    source_fact_id: int | None = None,
    source_paragraph: int | None = None,
    cable=None,
    created_by=None,
) -> Demarche:
    """Record a demarche and resolve its targets (collectives expanded as of the cable's date, minus XMT).

    Without `cable`, the current revision of the cable named by `reference_id`
    is linked when the archive holds it. The demarche carries at least the
    cable's classification: it discloses the cable's existence and aims.
    """
    title = " ".join((title or "").split())
    objectives = _texts(objectives)
    if not title:
        raise DemarcheError(NO_TITLE, "title")
    if not objectives:
        raise DemarcheError(NO_OBJECTIVE, "objectives")
    _check_deadline(deadline, cable_date)
    reference_id = (reference_id or getattr(cable, "reference_id", "") or "").strip().upper()
    cable = cable or current_cable(reference_id)
    marking = highest((_marking(marking), cable.marking)) if cable is not None else _marking(marking)
    _check_clearance(created_by, marking)
    expansion = expand_targets(
        addressees=addressees, collectives=collectives, excluded=excluded, members_of=_members_on(cable_date)
    )
    posts = Post.objects.in_bulk([spec.post for spec in expansion.targets], field_name="name")
    countries = Country.objects.in_bulk([spec.country_code for spec in expansion.targets], field_name="code")
    warnings = list(expansion.warnings)
    specs = []
    for spec in expansion.targets:
        if spec.post not in posts:
            warnings.append(f"{spec.post} is not in the desk's list of posts; load the reference data.")
            continue
        specs.append(spec)
    if not specs:
        raise DemarcheError(NO_TARGET, "addressees")
    demarche = _stamp(
        Demarche(
            reference_id=reference_id,
            cable=cable,
            cable_date=cable_date,
            entity=entity,
            title=title,
            deadline=deadline,
            source_fact_id=source_fact_id,
            source_paragraph=source_paragraph,
            excluded_posts=expansion.excluded,
            warnings=warnings,
            marking_level=marking.level,
            noforn=marking.noforn,
            created_by=created_by,
        ),
        created_by,
    )
    demarche.save()
    marked = {"marking_level": marking.level, "noforn": marking.noforn}
    for position, text in enumerate(objectives, 1):
        _stamp(Objective(demarche=demarche, position=position, text=text, **marked), created_by).save()
    for position, text in enumerate(_texts(talking_points), 1):
        _stamp(TalkingPoint(demarche=demarche, position=position, text=text, **marked), created_by).save()
    for spec in specs:
        via = TargetVia.ADDRESSEE if spec.via == "addressee" else TargetVia.COLLECTIVE
        _stamp(
            Target(
                demarche=demarche,
                post=posts[spec.post],
                country=countries.get(spec.country_code),
                via=via,
                collective=spec.collective,
                **marked,
            ),
            created_by,
        ).save()
    return demarche


def _fact_fields(fact) -> dict:
    """The claim of a fact: a Fact row's `claim` (the analyst's correction if any), or a plain fact dict."""
    if isinstance(fact, dict):
        return fact
    for name in ("claim", "payload"):
        value = getattr(fact, name, None)
        if isinstance(value, dict):
            return value
    raise DemarcheError("The fact carries no fields to create a demarche from.")


def current_cable(reference_id: str):
    """The current revision of a cable in the archive, or None."""
    if not reference_id:
        return None
    from cables.models import Cable

    return Cable.objects.current().filter(reference_id=reference_id.strip().upper()).first()


def _date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def demarche_create_from_fact(fact, user, claim: dict | None = None) -> Demarche:
    """Create the demarche an accepted `demarche` fact describes; accepting it twice creates it once.

    The demarche takes its source cable's classification (a demarche discloses
    the cable's addressees and aims, not only its paragraph), the cable's date
    and subject. Without the cable in the archive it falls back to what the fact
    says: the paragraph's marking and the `cable_date` or `date` field.
    """
    fields = claim if claim is not None else _fact_fields(fact)
    kind = getattr(fact, "kind", None) or fields.get("kind", "demarche")
    if kind != "demarche":
        raise DemarcheError(NOT_A_DEMARCHE_FACT.format(kind=kind))
    fact_id = getattr(fact, "pk", None) or fields.get("id")
    if fact_id is not None:
        existing = Demarche.objects.filter(source_fact_id=fact_id).first()
        if existing is not None:
            return existing
    source = fields.get("source") or {}
    reference_id = (source.get("reference_id") or fields.get("reference_id") or "").upper()
    cable = getattr(fact, "cable", None) or current_cable(reference_id)
    marking = Marking.parse(source.get("marking")) if source.get("marking") else Marking(U)
    if isinstance(getattr(fact, "marking", None), Marking):
        marking = highest((marking, fact.marking))
    cable_date = _date(fields.get("cable_date"))
    title = fields.get("title") or ""
    if cable is not None:
        reference_id = reference_id or cable.reference_id
        marking = highest((marking, cable.marking))
        cable_date = cable_date or _date(getattr(cable, "created", None))
        title = title or getattr(cable, "subject", "")
    cable_date = cable_date or _date(fields.get("date"))
    entity_code = fields.get("entity")
    if isinstance(entity_code, dict):
        entity_code = entity_code.get("code")
    entity = Country.objects.filter(code=str(entity_code or "").upper()).first()
    if entity is None:
        raise DemarcheError(UNKNOWN_ENTITY.format(code=entity_code), "entity")
    return demarche_create(
        reference_id=reference_id,
        cable_date=cable_date,
        entity=entity,
        title=(title or f"Demarche of {reference_id}")[: Demarche._meta.get_field("title").max_length],
        deadline=_date(fields.get("deadline")),
        objectives=fields.get("objectives") or (),
        talking_points=fields.get("talking_points") or (),
        addressees=fields.get("addressees") or (),
        collectives=fields.get("collectives") or (),
        excluded=fields.get("excluded") or (),
        marking=marking,
        source_fact_id=fact_id,
        source_paragraph=source.get("paragraph") or getattr(fact, "paragraph", None),
        cable=cable,
        created_by=user,
    )


def demarche_record_from_fact(fact, claim: dict, user) -> Demarche | None:
    """The hook for accepting a `demarche` fact (the shape of `cables.ledger.RECORDERS`).

    An action request becomes a demarche; a delivery reported by a post (a
    `demarche` fact with `delivery` and no objectives) creates nothing: it is
    offered when an analyst files that post's outcome.
    """
    if claim.get("delivery") and not claim.get("objectives"):
        return None
    return demarche_create_from_fact(fact, user, claim=claim)


def _stale(what: str, row, given: int) -> StaleVersion:
    last = row.history.first()
    who = getattr(getattr(last, "history_user", None), "username", None) or "someone"
    when = last.history_date.strftime("%Y-%m-%d %H:%M UTC") if last else "an unknown time"
    return StaleVersion(
        STALE_VERSION.format(what=what, who=who, when=when, current=row.version, given=given), "version"
    )


@transaction.atomic
def demarche_update(demarche: Demarche, *, version: int, user, **changes) -> Demarche:
    """Change a demarche's title or deadline, refusing an edit made on a stale version."""
    row = Demarche.objects.select_for_update().get(pk=demarche.pk)
    if row.version != version:
        raise _stale("demarche", row, version)
    allowed = {"title", "deadline"}
    for name, value in changes.items():
        if name not in allowed:
            raise DemarcheError(f"{name!r} cannot be changed; only {', '.join(sorted(allowed))}.", name)
        setattr(row, name, value)
    if not " ".join((row.title or "").split()):
        raise DemarcheError(NO_TITLE, "title")
    _check_deadline(row.deadline, row.cable_date)
    if not Demarche.objects.filter(pk=row.pk, version=version).update(version=F("version") + 1):
        raise _stale("demarche", Demarche.objects.get(pk=row.pk), version)
    row.version = version + 1
    _stamp(row, user).save()
    return row


def _check_outcome(demarche: Demarche, delivered_on, follow_up_on, responses: dict) -> dict:
    if delivered_on < demarche.cable_date:
        raise DemarcheError(
            OUTCOME_BEFORE_DEMARCHE.format(delivered_on=delivered_on, cable_date=demarche.cable_date), "delivered_on"
        )
    if delivered_on > dt.date.today():
        raise DemarcheError(DELIVERY_IN_FUTURE.format(delivered_on=delivered_on), "delivered_on")
    if follow_up_on is not None and follow_up_on < delivered_on:
        raise DemarcheError(
            FOLLOW_UP_BEFORE_DELIVERY.format(follow_up_on=follow_up_on, delivered_on=delivered_on), "follow_up_on"
        )
    count = demarche.objectives.count()
    clean = {}
    for key, value in (responses or {}).items():
        try:
            position = int(key)
        except (TypeError, ValueError):
            position = None
        if position is None or not 1 <= position <= count:
            raise DemarcheError(UNKNOWN_OBJECTIVE.format(position=key, count=count), "responses")
        if value in ("", None):
            continue
        if value not in Response.values:
            raise DemarcheError(UNKNOWN_RESPONSE.format(value=value, choices=", ".join(Response.values)), "responses")
        clean[str(position)] = value
    return clean


def _target_for(demarche: Demarche, post) -> Target:
    target = demarche.targets.select_related("post", "country").filter(post=post).first()
    if target is None:
        raise DemarcheError(NOT_A_TARGET.format(post=getattr(post, "name", post)), "post")
    return target


def _file_implication(outcome: Outcome, implication: str, user) -> None:
    if implication not in Implication.values:
        raise DemarcheError(
            UNKNOWN_IMPLICATION.format(value=implication, choices=", ".join(v for v in Implication.values if v)),
            "implication",
        )
    if not implication:
        return
    target = outcome.target
    if target.country is None:
        raise DemarcheError(IMPLICATION_WITHOUT_COUNTRY.format(post=target.post.name), "implication")
    demarche = outcome.demarche
    citation = f"Outcome of demarche {demarche.reference_id or demarche.pk} at {target.post.name}"
    if outcome.interlocutor_name:
        citation += f", {outcome.interlocutor_name}"
    source = Source(
        kind=SourceKind.CABLE if outcome.reporting_reference_id else SourceKind.ANALYST,
        citation=citation,
        reference_id=outcome.reporting_reference_id,
        quote=outcome.summary,
        marking=outcome.marking,
    )
    try:
        if implication == Implication.STANCE_SUPPORT:
            outcome.stance = stance_record(
                state=target.country,
                entity=demarche.entity,
                stance=StancePosition.SUPPORT,
                date=outcome.delivered_on,
                source=source,
                context=citation,
                person=outcome.interlocutor_name,
                created_by=user,
            )
        else:
            outcome.recognition_event = recognition_event_record(
                state=target.country,
                entity=demarche.entity,
                kind=RecognitionKind.ANNOUNCED_INTENT,
                date=outcome.delivered_on,
                source=source,
                note=citation,
                created_by=user,
            )
    except LedgerError as exc:
        raise DemarcheError(str(exc), "implication") from exc


@transaction.atomic
def demarche_record_outcome(
    *,
    demarche: Demarche,
    post,
    delivered_on: dt.date,
    responses: dict | None = None,
    delivered_by: str = "",
    interlocutor_name: str = "",
    interlocutor_office: str = "",
    summary: str = "",
    follow_up_on: dt.date | None = None,
    reporting_reference_id: str = "",
    marking: Marking = UNCLASSIFIED,
    implication: str = "",
    created_by=None,
) -> Outcome:
    """File what a post reported of a delivery; another report on the same post is kept beside it.

    The outcome carries at least its demarche's marking. With an implication
    ("the host government will recognize") the stance or recognition event is
    filed in the same transaction, citing the outcome as its source.
    """
    _check_clearance(created_by, demarche.marking)
    reporting_reference_id = reporting_reference_id.strip().upper()
    reporting_cable = current_cable(reporting_reference_id)
    marking = highest((_marking(marking), demarche.marking))
    if reporting_cable is not None:
        # Naming a cable discloses it: the outcome is marked at least as the cable is.
        marking = highest((marking, reporting_cable.marking))
    _check_clearance(created_by, marking)
    target = _target_for(demarche, post)
    clean = _check_outcome(demarche, delivered_on, follow_up_on, responses or {})
    outcome = Outcome(
        demarche=demarche,
        target=target,
        delivered_on=delivered_on,
        delivered_by=delivered_by.strip(),
        interlocutor_name=interlocutor_name.strip(),
        interlocutor_office=interlocutor_office.strip(),
        responses=clean,
        summary=summary.strip(),
        follow_up_on=follow_up_on,
        reporting_reference_id=reporting_reference_id,
        reporting_cable=reporting_cable,
        marking_level=marking.level,
        noforn=marking.noforn,
        created_by=created_by,
    )
    _file_implication(outcome, implication or "", created_by)
    _stamp(outcome, created_by).save()
    return outcome


OUTCOME_FIELDS = {
    "delivered_on",
    "delivered_by",
    "interlocutor_name",
    "interlocutor_office",
    "responses",
    "summary",
    "follow_up_on",
    "reporting_reference_id",
}


@transaction.atomic
def outcome_update(outcome: Outcome, *, version: int, user, **changes) -> Outcome:
    """Edit a filed outcome; refused with a clear message when someone saved it since `version`."""
    row = Outcome.objects.select_for_update().select_related("demarche", "target__post").get(pk=outcome.pk)
    _check_clearance(user, row.marking)
    if row.version != version:
        raise _stale("outcome", row, version)
    for name in changes:
        if name not in OUTCOME_FIELDS:
            raise DemarcheError(f"{name!r} cannot be changed on an outcome.", name)
    for name, value in changes.items():
        if isinstance(value, str) and name != "responses":
            value = value.strip()
        setattr(row, name, value)
    row.reporting_reference_id = row.reporting_reference_id.upper()
    if "reporting_reference_id" in changes:
        row.reporting_cable = current_cable(row.reporting_reference_id)
        if row.reporting_cable is not None:
            raised = highest((row.marking, row.reporting_cable.marking))
            _check_clearance(user, raised)
            row.marking_level, row.noforn = raised.level, raised.noforn
    row.responses = _check_outcome(row.demarche, row.delivered_on, row.follow_up_on, row.responses)
    updated = Outcome.objects.filter(pk=row.pk, version=version).update(version=F("version") + 1)
    if not updated:
        raise _stale("outcome", Outcome.objects.get(pk=row.pk), version)
    row.version = version + 1
    _stamp(row, user).save()
    return row
