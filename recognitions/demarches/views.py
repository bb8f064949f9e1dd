"""Pages of demarches: the list with coverage, the posts x objectives matrix, the outcome form, CSV."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.api import escape_formula
from cables.clearance import Marking, highest, note_shown
from recognitions.demarches import selectors, services
from recognitions.demarches.forms import OutcomeForm
from recognitions.demarches.models import Demarche
from recognitions.models import Post


def _demarche_or_404(request, pk) -> Demarche:
    demarche = selectors.demarche_get(request.user, pk)
    if demarche is None:
        raise Http404("No such demarche.")
    note_shown(request, demarche.marking)
    return demarche


def _analyst_only(request) -> None:
    if not request.user.is_analyst:
        raise PermissionDenied("Only analysts file outcomes.")


def demarche_list(request):
    today = dt.date.today()
    demarches = list(selectors.demarche_list(request.user).order_by("deadline", "-cable_date", "id"))
    for demarche in demarches:
        demarche.overdue = selectors.is_overdue(demarche, today)
    note_shown(request, *(d.marking for d in demarches))
    return render(request, "demarches/list.html", {"demarches": demarches, "today": today})


def demarche_detail(request, pk):
    demarche = _demarche_or_404(request, pk)
    matrix = selectors.demarche_matrix(demarche, request.user)
    outcomes = [o for row in matrix.rows for o in row.outcomes]
    reported = selectors.reported_deliveries(demarche, request.user)
    note_shown(request, *(o.marking for o in outcomes), *(r.marking for r in reported))
    return render(
        request,
        "demarches/detail.html",
        {
            "demarche": demarche,
            "matrix": matrix,
            "history": selectors.demarche_history(demarche, request.user),
            "overdue": selectors.is_overdue(demarche, dt.date.today()),
            "next_target": selectors.next_undelivered_target(demarche, request.user),
            "reported": reported,
        },
    )


def _file_url(demarche, post: Post | None, delivered_on=None) -> str:
    url = reverse("demarches:demarche-outcome-file", args=[demarche.pk])
    if post is None:
        return reverse("demarches:demarche-detail", args=[demarche.pk])
    query = f"?post={post.pk}"
    if delivered_on:
        query += f"&on={delivered_on.isoformat()}"
    return url + query


def _initial_from_report(request, demarche) -> dict:
    """The form filled from a delivery a cable reports (`?fact=<id>`), when the user may see it."""
    fact_id = request.GET.get("fact", "")
    report = next((r for r in selectors.reported_deliveries(demarche, request.user) if str(r.fact_id) == fact_id), None)
    if report is None:
        return {}
    note_shown(request, report.marking)
    return {
        "post": report.target.post.name,
        "delivered_on": report.delivered_on,
        "interlocutor_name": report.interlocutor_name,
        "interlocutor_office": report.interlocutor_office,
        "summary": report.response,
        "reporting_reference_id": report.reference_id,
        "marking": highest((demarche.marking, report.marking)).portion,
    }


def outcome_file(request, pk):
    """File one post's outcome, then go straight to the next post that has not reported."""
    demarche = _demarche_or_404(request, pk)
    _analyst_only(request)
    if request.method == "POST":
        form = OutcomeForm(request.POST, demarche=demarche, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            post = Post.objects.filter(name=data["post"]).first()
            try:
                if post is None:
                    raise services.DemarcheError(services.NOT_A_TARGET.format(post=data["post"]), "post")
                outcome = services.demarche_record_outcome(
                    demarche=demarche,
                    post=post,
                    marking=Marking.parse(data["marking"]),
                    **form.report(),
                    implication=data["implication"] or "",
                    created_by=request.user,
                )
            except services.DemarcheError as exc:
                form.add_refusal(exc)
            else:
                following = selectors.next_undelivered_target(demarche, request.user, after=outcome.target)
                if following is None:
                    messages.success(request, f"Filed {post.name}. Every target post has now reported.")
                    return redirect("demarches:demarche-detail", pk=demarche.pk)
                messages.success(request, f"Filed {post.name}. Next post without a report: {following.post.name}.")
                return redirect(_file_url(demarche, following.post, data["delivered_on"]))
    else:
        initial = _initial_from_report(request, demarche)
        target = demarche.targets.select_related("post").filter(post_id=request.GET.get("post") or 0).first()
        if target is None:
            target = selectors.next_undelivered_target(demarche, request.user)
        if target is not None:
            initial.setdefault("post", target.post.name)
        with contextlib.suppress(ValueError):
            initial.setdefault("delivered_on", dt.date.fromisoformat(request.GET.get("on", "")))
        form = OutcomeForm(initial=initial, demarche=demarche, user=request.user)
    return render(request, "demarches/outcome_form.html", {"demarche": demarche, "form": form, "outcome": None})


def outcome_edit(request, pk, outcome_pk):
    demarche = _demarche_or_404(request, pk)
    _analyst_only(request)
    outcome = selectors.outcomes_visible(demarche, request.user).filter(pk=outcome_pk).first()
    if outcome is None:
        raise Http404("No such outcome.")
    note_shown(request, outcome.marking)
    if request.method == "POST":
        form = OutcomeForm(request.POST, demarche=demarche, user=request.user, outcome=outcome)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.outcome_update(
                    outcome,
                    version=data["version"] or 0,
                    user=request.user,
                    **form.report(),
                )
            except services.DemarcheError as exc:
                form.add_refusal(exc)
            else:
                messages.success(request, f"Saved the outcome at {outcome.target.post.name}.")
                return redirect("demarches:demarche-detail", pk=demarche.pk)
    else:
        form = OutcomeForm(demarche=demarche, user=request.user, outcome=outcome)
    return render(request, "demarches/outcome_form.html", {"demarche": demarche, "form": form, "outcome": outcome})


def matrix_csv(request, pk):
    """The posts x objectives matrix as CSV; cells a spreadsheet would run as formulas are escaped."""
    demarche = _demarche_or_404(request, pk)
    matrix = selectors.demarche_matrix(demarche, request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = demarche.reference_id or f"demarche-{demarche.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}-outcomes.csv"'
    writer = csv.writer(response)
    header = ["post", "host_country", "via", "reports", "delivered_on", "interlocutor", "interlocutor_office"]
    header += [f"objective_{o.position}" for o in matrix.objectives]
    header += ["summary", "follow_up_on", "reporting_cable", "marking"]
    writer.writerow(header)
    for row in matrix.rows:
        latest = row.latest
        marking = latest.marking if latest else demarche.marking
        cells = [
            row.target.post.name,
            row.target.country.name if row.target.country_id else "",
            row.target.via,
            len(row.outcomes),
            latest.delivered_on.isoformat() if latest else "",
            latest.interlocutor_name if latest else "",
            latest.interlocutor_office if latest else "",
            *row.responses,
            latest.summary if latest else "",
            latest.follow_up_on.isoformat() if latest and latest.follow_up_on else "",
            latest.reporting_reference_id if latest else "",
            marking.banner,
        ]
        writer.writerow([escape_formula(cell) for cell in cells])
    return response
