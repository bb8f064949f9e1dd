"""Filters of the cable and fact lists, shared by the API and the web pages."""

import django_filters

from cables.choices import FactKind, ReviewState
from cables.clearance import CLASSIFICATIONS
from cables.models import Cable, Fact


class CableFilter(django_filters.FilterSet):
    """Tag, origin, date range, classification and a full-text query `q`."""

    q = django_filters.CharFilter(method="search_text", label="Words in the cable")
    tag = django_filters.CharFilter(method="with_tag", label="TAGS code, e.g. KV")
    origin = django_filters.CharFilter(field_name="origin", lookup_expr="icontains", label="Origin (FM line)")
    created_after = django_filters.DateFilter(method="sent_on_or_after", label="Sent on or after")
    created_before = django_filters.DateFilter(method="sent_on_or_before", label="Sent on or before")
    classification = django_filters.ChoiceFilter(choices=[(c, c) for c in CLASSIFICATIONS])

    class Meta:
        model = Cable
        fields = ["q", "tag", "origin", "created_after", "created_before", "classification"]

    def search_text(self, queryset, name, value):
        return queryset.search(value)

    def sent_on_or_after(self, queryset, name, value):
        return queryset.sent_on_or_after(value)

    def sent_on_or_before(self, queryset, name, value):
        return queryset.sent_on_or_before(value)

    def with_tag(self, queryset, name, value):
        return queryset.filter(tags__code=value.strip().upper())


class CableBrowserFilter(CableFilter):
    """The browser's filters: `q` only selects; the browser orders, and snippets only the page it shows."""

    def search_text(self, queryset, name, value):
        return queryset.matching(value)


class FactFilter(django_filters.FilterSet):
    """Kind, entity, country, cable and review state of facts."""

    kind = django_filters.ChoiceFilter(choices=FactKind.choices)
    entity = django_filters.CharFilter(field_name="entity_code", lookup_expr="iexact", label="Entity code, e.g. XK")
    country = django_filters.CharFilter(field_name="country_code", lookup_expr="iexact",
                                        label="State the fact is about, e.g. RS")
    cable = django_filters.CharFilter(method="from_cable", label="Cable reference id, e.g. 09STATE39345")
    review_state = django_filters.ChoiceFilter(choices=ReviewState.choices)

    class Meta:
        model = Fact
        fields = ["kind", "entity", "country", "cable", "review_state"]

    def from_cable(self, queryset, name, value):
        """Facts of a cable the caller may see: filtering by a hidden cable finds nothing, not its facts."""
        user = getattr(self.request, "user", None)
        cables = Cable.objects.visible_to(user).filter(reference_id=value.strip().upper())
        return queryset.filter(cable__in=cables)
