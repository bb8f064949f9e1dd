"""The health check and the audit trail page."""

import csv
import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts.api import escape_formula
from accounts.audit import audit_kinds, audit_trail


@never_cache
@login_not_required
def healthz(request):
    """200 when the database (and the broker, if one is configured) answers, else 503."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any failure means unhealthy; the message says which
        checks["database"] = f"error: {exc.__class__.__name__}"
    if settings.CELERY_BROKER_URL:
        from config.celery import app

        try:
            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
            checks["broker"] = "ok"
        except Exception as exc:  # unreachable broker of any kind
            checks["broker"] = f"error: {exc.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)


def _audit_filters(request):
    def day(name):
        raw = request.GET.get(name, "").strip()
        if not raw:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise ValueError(f"{name} {raw!r} is not a date; write it as YYYY-MM-DD.") from None

    return {
        "username": request.GET.get("user", "").strip(),
        "kind": request.GET.get("kind", "").strip(),
        "since": day("since"),
        "until": day("until"),
    }


def audit_trail_view(request):
    """Administrators read the trail of every change and sign-in; nobody edits it."""
    if not request.user.is_administrator:
        raise PermissionDenied("Only administrators may read the audit trail.")
    try:
        filters = _audit_filters(request)
    except ValueError as exc:
        return render(request, "bad_request.html", {"message": str(exc)}, status=400)
    entries = audit_trail(request.user, **filters, limit=5000 if request.GET.get("format") == "csv" else 200)
    if request.GET.get("format") == "csv":
        return _audit_csv(entries)
    return render(
        request, "accounts/audit.html", {"entries": entries, "filters": filters, "kinds": audit_kinds()}
    )


def _audit_csv(entries):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-trail.csv"'
    writer = csv.writer(response)
    writer.writerow(["at", "user", "action", "kind", "object id", "object", "changes", "reason"])
    for e in entries:
        changes = "; ".join(f"{name}: {old!r} -> {new!r}" for name, old, new in e.changes)
        row = [e.at.isoformat(), e.user, e.action, e.kind, e.object_id, e.object_label, changes, e.reason]
        writer.writerow([escape_formula(cell) for cell in row])
    return response
