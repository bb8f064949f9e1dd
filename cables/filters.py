"""Filters of the cable lists, shared by the API and the web cable browser."""

import django_filters

from cables.clearance import CLASSIFICATIONS
from cables.models import Cable


class CableFilter(django_filters.FilterSet):
    """Tag, origin, date range, classification and a full-text query `q`."""

    q = django_filters.CharFilter(method="search_text", label="Words in the cable")
    tag = django_filters.CharFilter(method="with_tag", label="TAGS code, e.g. KV")
    origin = django_filters.CharFilter(field_name="origin", lookup_expr="icontains", label="Origin (FM line)")
    created_after = django_filters.DateFilter(field_name="created", lookup_expr="date__gte", label="Sent on or after")
    created_before = django_filters.DateFilter(field_name="created", lookup_expr="date__lte", label="Sent on or before")
    classification = django_filters.ChoiceFilter(choices=[(c, c) for c in CLASSIFICATIONS])

    class Meta:
        model = Cable
        fields = ["q", "tag", "origin", "created_after", "created_before", "classification"]

    def search_text(self, queryset, name, value):
        return queryset.search(value)

    def with_tag(self, queryset, name, value):
        return queryset.filter(tags__code=value.strip().upper())
