"""The audit trail: every recorded change (django-simple-history) and every
sign-in event, newest first, filtered by user, kind of object and date.

History rows of classified material carry the marking of what they record,
so the trail goes through the clearance rule like everything else.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field

from simple_history.models import registered_models
from simple_history.utils import get_history_manager_for_model

from accounts.models import AccessLog
from cables.clearance import visible_q

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
SIGN_IN_KIND = "sign-in"


@dataclass
class AuditEntry:
    at: dt.datetime
    user: str
    action: str
    kind: str
    object_id: str
    object_label: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    reason: str = ""


def audit_kinds() -> list[tuple[str, str]]:
    """(label, name) of every kind of object with a history, plus sign-ins."""
    kinds = sorted((m._meta.label_lower, str(m._meta.verbose_name)) for m in registered_models.values())
    return [*kinds, (SIGN_IN_KIND, "sign-ins and sign-outs")]


def _cleared(queryset, user):
    names = {f.name for f in queryset.model._meta.get_fields()}
    if "classification_level" in names:
        return queryset.filter(visible_q(user))
    if "marking_level" in names:
        return queryset.filter(visible_q(user, level_field="marking_level"))
    return queryset


def _withheld_cables(records, user) -> set[int]:
    """Ids of the cables named by these records that the user is not cleared for.

    A fact from an unclassified paragraph may sit in a CONFIDENTIAL cable: the
    fact's entry shows, but not the cable's reference id in its label.
    """
    from cables.models import Cable

    named = {record.cable_id for record in records if getattr(record, "cable_id", None)}
    if not named:
        return set()
    return named - set(Cable.objects.filter(pk__in=named).filter(visible_q(user)).values_list("pk", flat=True))


def _label(model, record, withheld: set[int]) -> str:
    if getattr(record, "cable_id", None) in withheld:
        return f"{model._meta.verbose_name} {getattr(record, model._meta.pk.attname)} (in a cable above your clearance)"
    return str(record.instance)[:200]


def _history_entries(model, user, username, since, until, limit):
    history = _cleared(get_history_manager_for_model(model).all(), user)
    history = history.select_related("history_user").order_by("-history_date")
    if username:
        history = history.filter(history_user__username=username)
    if since:
        history = history.filter(history_date__date__gte=since)
    if until:
        history = history.filter(history_date__date__lte=until)
    records = list(history[:limit])
    withheld = _withheld_cables(records, user)
    for record in records:
        changes = []
        previous = record.prev_record if record.history_type == "~" else None
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [(c.field, _show(c.old), _show(c.new)) for c in delta.changes]
        yield AuditEntry(
            at=record.history_date,
            user=record.history_user.get_username() if record.history_user else "(system)",
            action=ACTIONS.get(record.history_type, record.history_type),
            kind=model._meta.label_lower,
            object_id=str(getattr(record, model._meta.pk.attname)),
            object_label=_label(model, record, withheld),
            changes=changes,
            reason=record.history_change_reason or "",
        )


def _access_entries(username, since, until, limit):
    log = AccessLog.objects.all()
    if username:
        log = log.filter(username=username)
    if since:
        log = log.filter(at__date__gte=since)
    if until:
        log = log.filter(at__date__lte=until)
    for entry in log[:limit]:
        yield AuditEntry(
            at=entry.at,
            user=entry.username,
            action=entry.event,
            kind=SIGN_IN_KIND,
            object_id=str(entry.user_id or ""),
            object_label=f"from {entry.ip_address or 'unknown address'}",
        )


def _show(value) -> str:
    return "" if value is None else str(value)[:500]


def audit_trail(viewer, *, username="", kind="", since=None, until=None, limit=200) -> list[AuditEntry]:
    """The newest `limit` entries matching the filters, as `viewer` is cleared to see them."""
    streams = []
    for model in registered_models.values():
        if kind and kind != model._meta.label_lower:
            continue
        streams.append(_history_entries(model, viewer, username, since, until, limit))
    if not kind or kind == SIGN_IN_KIND:
        streams.append(_access_entries(username, since, until, limit))
    merged = heapq.merge(*streams, key=lambda entry: entry.at, reverse=True)
    return [entry for _, entry in zip(range(limit), merged, strict=False)]
