"""Pages of the diplomatic picture: the entity dashboard, a country, an organization."""

import datetime as dt
from functools import wraps

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from cables.clearance import note_shown
from recognitions import pages, selectors
from recognitions.dashboard import MapStatus, entity_dashboard

#: The entity the home page shows.
HOME_ENTITY = "XK"

NOT_A_DATE = "as_of {raw!r} is not a date; write it as YYYY-MM-DD, e.g. 2009-04-07."
IN_THE_FUTURE = "as_of {day} is in the future; the desk shows what has happened, up to today ({today})."
BEFORE_DECLARED = "as_of {day} is before {entity} was declared on {declared_on}; pick a date from then on."
NO_ENTITY = "No tracked entity has the code {code!r}."


class BadAsOf(Exception):
    """The `as_of` parameter cannot be shown; the message says why."""


def parse_as_of(request, entity=None) -> dt.date:
    """The `as_of` query parameter as a date, today when absent.

    A value that is not a date, a future date, or a date before the entity
    was declared raises `BadAsOf` with a message for the page.
    """
    raw = request.GET.get("as_of", "").strip()
    today = dt.date.today()
    if not raw:
        return today
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise BadAsOf(NOT_A_DATE.format(raw=raw[:40])) from None
    if day > today:
        raise BadAsOf(IN_THE_FUTURE.format(day=day, today=today))
    if entity is not None and entity.declared_on and day < entity.declared_on:
        raise BadAsOf(BEFORE_DECLARED.format(day=day, entity=entity.name, declared_on=entity.declared_on))
    return day


def bad_as_of_is_400(view):
    """Turn a `BadAsOf` raised by the view into a page saying what is wrong, status 400."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadAsOf as exc:
            return render(request, "bad_request.html", {"message": str(exc)}, status=400)

    return wrapper


def home(request):
    """The dashboard of the home entity; a page saying how to load it when it is absent."""
    entity = selectors.entity_get(HOME_ENTITY)
    if entity is None:
        return render(request, "recognitions/home.html", {"entities": selectors.tracked_entities()})
    return _dashboard(request, entity)


def entity_detail(request, code):
    entity = selectors.entity_get(code)
    if entity is None:
        raise Http404(NO_ENTITY.format(code=code[:16]))
    return _dashboard(request, entity)


@bad_as_of_is_400
def _dashboard(request, entity):
    as_of = parse_as_of(request, entity)
    dashboard = entity_dashboard(entity, request.user, as_of)
    note_shown(request, dashboard.marking)
    context = {
        "dashboard": dashboard,
        "entity": entity,
        "as_of": as_of,
        "entities": selectors.tracked_entities().order_by("name"),
        "map_statuses": [(key, MapStatus.LABELS[key]) for key in MapStatus.ORDER],
        "chart": pages.timeline_chart(dashboard),
        "map": pages.map_data(dashboard),
        "state_lists": pages.state_lists(dashboard),
        "timeline_rows": pages.timeline_rows(dashboard),
        "sources": pages.claim_sources(request.user, [row for _, row in dashboard.reconciliation]),
        "panels": pages.dashboard_panels(request, entity, as_of),
    }
    return render(request, "recognitions/dashboard.html", context)


@bad_as_of_is_400
def country_detail(request, code):
    country = get_object_or_404(selectors.countries_with_aliases(), code=code.upper())
    as_of = parse_as_of(request)
    page = pages.country_page(country, request.user, as_of)
    note_shown(request, page.marking)
    context = {"country": country, "page": page, "as_of": as_of,
               "panels": pages.country_panels(request, country)}
    return render(request, "recognitions/country.html", context)


@bad_as_of_is_400
def organization_detail(request, code):
    organization = selectors.organization_get(code)
    if organization is None:
        raise Http404(f"No organization has the code {code[:16]!r}.")
    entities = list(selectors.tracked_entities().order_by("name"))
    wanted = request.GET.get("entity", HOME_ENTITY).strip().upper()
    entity = next((e for e in entities if e.code == wanted), None)
    if entity is None and entities:
        raise Http404(NO_ENTITY.format(code=wanted[:16]))
    as_of = parse_as_of(request)
    page = pages.organization_page(organization, entity, request.user, as_of)
    note_shown(request, page.marking)
    context = {"organization": organization, "entity": entity, "entities": entities, "page": page, "as_of": as_of}
    return render(request, "recognitions/organization.html", context)
