"""Pages of the diplomatic picture."""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from recognitions.models import Country, Membership, Organization


def parse_as_of(request) -> dt.date:
    """The `as_of` query parameter as a date, today when absent; a bad value is a 400 page."""
    raw = request.GET.get("as_of", "").strip()
    if not raw:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise BadAsOf(f"as_of {raw!r} is not a date; write it as YYYY-MM-DD, e.g. 2009-04-07.") from None


class BadAsOf(Exception):
    pass


def home(request):
    entities = Country.objects.filter(is_contested=True).order_by("name")
    organizations = Organization.objects.order_by("code")
    return render(request, "recognitions/home.html", {"entities": entities, "organizations": organizations})


def country_detail(request, code):
    country = get_object_or_404(Country.objects.prefetch_related("aliases"), code=code.upper())
    memberships = Membership.objects.filter(country=country).select_related("organization").order_by("joined_on")
    return render(request, "recognitions/country.html", {"country": country, "memberships": memberships})


def organization_detail(request, code):
    organization = Organization.objects.filter(code__iexact=code).first()
    if organization is None:
        raise Http404(f"No organization with the code {code!r}.")
    try:
        as_of = parse_as_of(request)
    except BadAsOf as exc:
        return render(request, "bad_request.html", {"message": str(exc)}, status=400)
    members = (
        Membership.objects.active_on(as_of).filter(organization=organization).select_related("country")
        .order_by("country__name")
    )
    return render(
        request,
        "recognitions/organization.html",
        {"organization": organization, "members": members, "as_of": as_of},
    )
