"""The cable browser: search the archive at /cables/ and read a cable at /cables/<reference id>/."""

from django.shortcuts import render
from django.urls import path
from django.utils.http import urlencode

from cables.browsing import SORT_LABELS, cable_get, cable_page, cable_search, results_details
from cables.clearance import CLASSIFICATIONS, note_shown

#: Results per page of the browser.
PAGE_SIZE = 25


def browse(request):
    found = cable_search(request.user, request.GET)
    search, sort, q = found.search, found.sort, found.q
    page = found.paginator(PAGE_SIZE).get_page(request.GET.get("page"))
    cables = list(page.object_list)
    details = results_details(request.user, cables, q)
    results = [(cable, details[cable.pk]) for cable in cables if cable.pk in details]
    note_shown(request, *(cable.marking for cable, _ in results))
    kept = {k: v for k, v in request.GET.items() if k not in ("page", "sort") and v}
    context = {
        "search": search,
        "form": search.form,
        "page": page,
        "results": results,
        "q": q,
        "sort": sort,
        "ranked_part": page.paginator.capped and "rank" in found.rows.query.annotations,
        "sorts": [(key, label) for key, label in SORT_LABELS.items() if key != "relevance" or q],
        "classifications": CLASSIFICATIONS,
        "kept_query": urlencode(kept),
        "kept_with_sort": urlencode({**kept, "sort": sort}),
        "has_filters": bool(kept),
    }
    return render(request, "cables/browse.html", context)


def cable_detail(request, reference_id):
    cable = cable_get(request.user, reference_id)
    if cable is None:
        # The page does not repeat the reference id: a hidden cable and a missing one read the same.
        return render(request, "cables/not_found.html", status=404)
    page = cable_page(cable, request.user, request.GET.get("hl", "")[:500], request.GET.get("q", "")[:200])
    note_shown(request, page.marking)
    return render(request, "cables/cable.html", {"cable": cable, "page": page, "q": request.GET.get("q", "")})


urlpatterns = [
    path("", browse, name="browse"),
    path("<str:reference_id>/", cable_detail, name="cable"),
]
