"""Pages of the review queue: the waiting facts, a fact's correction, the kinds accepted automatically.

Analysts only (anyone else: 403); a fact above the analyst's clearance does
not exist for them (404). Every form works without JavaScript; review.js
adds the keyboard.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from cables.choices import FactKind
from cables.clearance import can_see, note_shown
from cables.forms import AutoAcceptForm, FactEditForm
from cables.models import AutoAcceptRule, Fact
from cables.review import FactReviewError, auto_accept_rules_set, fact_accept, fact_reject, facts_accept, facts_reject
from cables.review_queue import highlighted, queue_markings, review_queue

FOR_ANALYSTS = "Only analysts review facts."
NOTHING_SELECTED = "Select the facts first (the boxes beside them)."


def _analyst(request) -> None:
    if not request.user.is_analyst:
        raise PermissionDenied(FOR_ANALYSTS)


def _visible_fact(request, pk) -> Fact:
    fact = Fact.objects.visible_to(request.user).select_related("cable").filter(pk=pk).first()
    if fact is None:
        raise Http404("No such fact.")
    return fact


def _version(request, pk) -> int | None:
    try:
        return int(request.POST.get(f"version-{pk}", ""))
    except ValueError:
        return None


def _selected(request) -> list[tuple[int, int | None]]:
    items = []
    for value in request.POST.getlist("fact"):
        if value.isdigit():
            _visible_fact(request, value)
            items.append((int(value), _version(request, value)))
    return items


def _report(request, outcome, verb: str) -> None:
    if outcome.decided:
        messages.success(request, f"{len(outcome.decided)} fact(s) {verb}.")
    for pk, message in outcome.refused:
        messages.error(request, f"Fact {pk}: {message}")


def _decide(request) -> None:
    """One decision from the queue form: a fact's own button, or a bulk action on the ticked facts."""
    user = request.user
    try:
        if request.POST.get("accept", "").isdigit():
            fact = _visible_fact(request, request.POST["accept"])
            fact_accept(fact, user, version=_version(request, fact.pk))
            messages.success(request, f"Accepted: {fact.get_kind_display().lower()} from ¶{fact.paragraph}.")
        elif request.POST.get("reject", "").isdigit():
            fact = _visible_fact(request, request.POST["reject"])
            reason = request.POST.get(f"reason-{fact.pk}", "")
            fact_reject(fact, user, reason=reason, version=_version(request, fact.pk))
            messages.success(request, f"Rejected: {fact.get_kind_display().lower()} from ¶{fact.paragraph}.")
        elif request.POST.get("bulk") in ("accept", "reject"):
            items = _selected(request)
            if not items:
                messages.error(request, NOTHING_SELECTED)
            elif request.POST["bulk"] == "accept":
                _report(request, facts_accept(items, user), "accepted")
            else:
                _report(request, facts_reject(items, user, reason=request.POST.get("bulk_reason", "")), "rejected")
    except FactReviewError as exc:
        messages.error(request, str(exc))


def queue(request):
    _analyst(request)
    kind = request.GET.get("kind") if request.GET.get("kind") in FactKind.values else None
    if request.method == "POST":
        _decide(request)
        return redirect(f"{reverse('review:queue')}{'?kind=' + kind if kind else ''}")
    groups, total = review_queue(request.user, kind)
    note_shown(request, *queue_markings(groups))
    shown = sum(len(group.facts) for group in groups)
    return render(request, "cables/review.html", {
        "groups": groups, "total": total, "shown": shown, "kind": kind, "kinds": FactKind.choices,
    })


def edit(request, pk):
    """Correct a fact's claim, then accept it."""
    _analyst(request)
    fact = _visible_fact(request, pk)
    form = FactEditForm(fact, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            fact_accept(fact, request.user, version=form.cleaned_data["version"], edited_payload=form.claim())
        except FactReviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Corrected and accepted: {fact.get_kind_display().lower()}.")
            return redirect("review:queue")
    cable_shown = can_see(request.user, fact.cable.marking)
    note_shown(request, fact.marking, *([fact.cable.marking] if cable_shown else []))
    paragraph = None
    if cable_shown:
        paragraph = fact.cable.paragraphs.visible_to(request.user).filter(number=fact.paragraph).first()
    source = highlighted(paragraph.text, fact.span_start, fact.span_end) if paragraph else None
    return render(request, "cables/review_edit.html", {
        "fact": fact, "form": form, "cable_shown": cable_shown, "source": source,
    })


def auto_accept(request):
    """Choose the kinds of fact accepted without review."""
    _analyst(request)
    rules = AutoAcceptRule.objects.select_related("enabled_by")
    data = request.POST if request.method == "POST" else None
    form = AutoAcceptForm(data, initial={"kinds": [rule.kind for rule in rules]})
    if request.method == "POST" and form.is_valid():
        try:
            kinds = auto_accept_rules_set(form.cleaned_data["kinds"], request.user)
        except FactReviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{len(kinds)} kind(s) of fact will be accepted automatically.")
            return redirect("review:auto-accept")
    return render(request, "cables/auto_accept.html", {"form": form, "rules": rules})
