"""Filters of the ledger's list endpoints, shared by the API and its CSV exports."""

import django_filters as filters

from recognitions.choices import AdmissionStatus, CountedCategory, RecognitionKind, SourceKind, StancePosition
from recognitions.models import AdmissionBid, CountClaim, Country, Organization, RecognitionEvent, Stance


class CodeFilter(filters.CharFilter):
    """A country or organization given by its code, in any case."""

    def __init__(self, field_name, **kwargs):
        super().__init__(field_name=f"{field_name}__code", lookup_expr="iexact", **kwargs)


class CountryFilter(filters.FilterSet):
    name = filters.CharFilter(field_name="name", lookup_expr="icontains", help_text="Part of the name.")
    organization = filters.CharFilter(
        field_name="memberships__organization__code", lookup_expr="iexact", distinct=True,
        help_text="Members of this organization at any time (code, e.g. EU).",
    )

    class Meta:
        model = Country
        fields = ["is_contested", "name", "organization"]


class OrganizationFilter(filters.FilterSet):
    class Meta:
        model = Organization
        fields = ["kind"]


class SourcedFilter(filters.FilterSet):
    source_kind = filters.ChoiceFilter(choices=SourceKind.choices)
    source_reference_id = filters.CharFilter(lookup_expr="iexact", help_text="Cable reference id, e.g. 09STATE39345.")


class RecognitionEventFilter(SourcedFilter):
    entity = CodeFilter("entity", help_text="Recognized entity's code, e.g. XK.")
    state = CodeFilter("state", help_text="Recognizing state's code, e.g. FR.")
    kind = filters.MultipleChoiceFilter(choices=RecognitionKind.choices)
    date = filters.DateFromToRangeFilter(help_text="date_after / date_before, inclusive (YYYY-MM-DD).")
    current = filters.BooleanFilter(
        method="filter_current", help_text="true: only events no visible correction supersedes; false: only those."
    )

    class Meta:
        model = RecognitionEvent
        fields = ["entity", "state", "kind", "date", "source_kind", "source_reference_id", "current"]

    def filter_current(self, queryset, name, value):
        return queryset.filter(correction_id__isnull=value)


class StanceFilter(SourcedFilter):
    entity = CodeFilter("entity", help_text="Entity's code, e.g. XK.")
    state = CodeFilter("state", help_text="State's code, e.g. RU.")
    stance = filters.MultipleChoiceFilter(choices=StancePosition.choices)
    date = filters.DateFromToRangeFilter(help_text="date_after / date_before, inclusive (YYYY-MM-DD).")

    class Meta:
        model = Stance
        fields = ["entity", "state", "stance", "date", "source_kind", "source_reference_id"]


class AdmissionBidFilter(filters.FilterSet):
    entity = CodeFilter("entity", help_text="Entity's code, e.g. XK.")
    organization = CodeFilter("organization", help_text="Organization's code, e.g. IMF.")
    status = filters.ChoiceFilter(
        choices=AdmissionStatus.choices, field_name="statuses__status", distinct=True,
        help_text="Bids that passed through this status.",
    )

    class Meta:
        model = AdmissionBid
        fields = ["entity", "organization", "status"]


class CountClaimFilter(SourcedFilter):
    entity = CodeFilter("entity", help_text="Entity's code, e.g. XK.")
    organization = CodeFilter("organization", help_text="Organization's code, e.g. EU.")
    counted = filters.ChoiceFilter(choices=CountedCategory.choices)
    as_of = filters.DateFromToRangeFilter(help_text="as_of_after / as_of_before, inclusive (YYYY-MM-DD).")

    class Meta:
        model = CountClaim
        fields = ["entity", "organization", "counted", "as_of", "source_kind", "source_reference_id"]
