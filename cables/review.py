"""The analysts' decisions on facts: accept (perhaps corrected), reject with a reason, in bulk too.

Every decision names who took it and when, refuses a fact that changed since
the analyst read it (`version`), and runs in one transaction with the ledger
rows an accepted fact stands for: either both are written or neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from cables.choices import FactKind, ReviewState
from cables.clearance import can_see
from cables.facts import claim_codes
from cables.ledger import ClaimError, ledger_row_record
from cables.models import AutoAcceptRule, Fact
from recognitions.services import LedgerError

NOT_ANALYST = "Only analysts may review facts."
STALE = (
    "This fact changed after you opened it ({what}); reload it and decide again. "
    "Your version {given}, current version {current}."
)
NOT_PENDING = "This fact is no longer waiting for review: it is {state}."
NO_REASON = "Say why the fact is rejected."
ABOVE_CLEARANCE = "This fact is above your clearance."
BAD_EDIT = "A corrected fact must be a set of named fields."
UNKNOWN_KIND = "{kind!r} is not a kind of fact; use one of: {kinds}."


class FactReviewError(ValueError):
    """A decision on a fact was refused; the message says why."""


class StaleFact(FactReviewError):
    """The fact changed since the analyst read it."""


@dataclass
class BulkOutcome:
    decided: list[Fact] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)


def _describe(fact: Fact) -> str:
    who = f" by {fact.reviewed_by}" if fact.reviewed_by_id else ""
    when = f" at {fact.reviewed_at:%Y-%m-%d %H:%M} UTC" if fact.reviewed_at else ""
    return f"{fact.get_review_state_display().lower()}{who}{when}"


def _lock(fact: Fact | int, user, version: int | None) -> Fact:
    if not getattr(user, "is_analyst", False):
        raise FactReviewError(NOT_ANALYST)
    pk = fact.pk if isinstance(fact, Fact) else fact
    locked = Fact.objects.select_for_update(of=("self",)).select_related("cable", "reviewed_by").filter(pk=pk).first()
    if locked is None or not can_see(user, locked.marking):
        raise FactReviewError(ABOVE_CLEARANCE)
    if version is not None and int(version) != locked.version:
        raise StaleFact(STALE.format(what=_describe(locked), given=version, current=locked.version))
    if locked.review_state != ReviewState.PENDING:
        raise FactReviewError(NOT_PENDING.format(state=_describe(locked)))
    return locked


def _decide(fact: Fact, user, state: str) -> None:
    fact.review_state = state
    fact.reviewed_by = user
    fact.reviewed_at = timezone.now()
    fact.version += 1
    fact._history_user = user


@transaction.atomic
def fact_accept(fact: Fact | int, user, *, version: int | None, edited_payload: dict | None = None,
                auto: bool = False) -> Fact:
    """Accept a fact, corrected or as extracted, and write the ledger row it stands for.

    `version` is the one the analyst read; a fact decided or changed since is
    refused with a message naming who changed it. Passing None skips that
    check (automatic acceptance, which reads the fact in the same breath).
    """
    locked = _lock(fact, user, version)
    if edited_payload is not None:
        if not isinstance(edited_payload, dict):
            raise FactReviewError(BAD_EDIT)
        if edited_payload == locked.payload:
            edited_payload = None
    claim = edited_payload if edited_payload is not None else locked.payload
    try:
        row = ledger_row_record(locked, claim, user)
    except (ClaimError, LedgerError) as exc:
        raise FactReviewError(str(exc)) from exc
    if edited_payload is not None:
        locked.edited_payload = edited_payload
        locked.entity_code, locked.country_code = claim_codes(edited_payload)
    if row is not None:
        locked.ledger_row = row
    locked.auto_accepted = auto
    locked.reason = ""
    _decide(locked, user, ReviewState.ACCEPTED)
    locked.save()
    return locked


@transaction.atomic
def fact_reject(fact: Fact | int, user, *, reason: str, version: int | None) -> Fact:
    """Reject a fact with the analyst's reason; it stays, out of the ledger."""
    reason = (reason or "").strip()
    if not reason:
        raise FactReviewError(NO_REASON)
    locked = _lock(fact, user, version)
    locked.reason = reason
    _decide(locked, user, ReviewState.REJECTED)
    locked.save()
    return locked


def _bulk(decide, items, user, **kwargs) -> BulkOutcome:
    outcome = BulkOutcome()
    for pk, version in items:
        try:
            outcome.decided.append(decide(pk, user, version=version, **kwargs))
        except FactReviewError as exc:
            outcome.refused.append((pk, str(exc)))
    return outcome


def facts_accept(items: list[tuple[int, int | None]], user) -> BulkOutcome:
    """Accept many facts, each (id, version read) on its own: one refusal does not stop the others."""
    return _bulk(fact_accept, items, user)


def facts_reject(items: list[tuple[int, int | None]], user, *, reason: str) -> BulkOutcome:
    """Reject many facts with one reason, each on its own."""
    if not (reason or "").strip():
        return BulkOutcome(refused=[(pk, NO_REASON) for pk, _ in items])
    return _bulk(fact_reject, items, user, reason=reason)


def facts_auto_accept(facts) -> int:
    """Accept the facts of the kinds analysts chose to accept automatically, in the chooser's name.

    A fact the ledger refuses as it stands (a state it does not know, no
    date) stays waiting, with the reason among its warnings.
    """
    rules = {rule.kind: rule.enabled_by for rule in AutoAcceptRule.objects.select_related("enabled_by")}
    if not rules:
        return 0
    accepted = 0
    for fact in facts.filter(kind__in=list(rules)):
        try:
            fact_accept(fact, rules[fact.kind], version=None, auto=True)
            accepted += 1
        except FactReviewError as exc:
            note = f"not accepted automatically: {exc}"
            if note not in fact.warnings:
                Fact.objects.filter(pk=fact.pk).update(warnings=[*fact.warnings, note])
    return accepted


@transaction.atomic
def auto_accept_rules_set(kinds, user) -> list[str]:
    """Make `kinds` the kinds accepted automatically from now on, chosen by `user`."""
    if not getattr(user, "is_analyst", False):
        raise FactReviewError(NOT_ANALYST)
    kinds = list(dict.fromkeys(kinds))
    for kind in kinds:
        if kind not in FactKind.values:
            raise FactReviewError(UNKNOWN_KIND.format(kind=kind, kinds=", ".join(FactKind.values)))
    for rule in AutoAcceptRule.objects.exclude(kind__in=kinds):
        rule._history_user = user
        rule.delete()
    existing = set(AutoAcceptRule.objects.filter(kind__in=kinds).values_list("kind", flat=True))
    for kind in kinds:
        if kind not in existing:
            rule = AutoAcceptRule(kind=kind, enabled_by=user)
            rule._history_user = user
            rule.save()
    return kinds
