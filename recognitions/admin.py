from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from recognitions.models import (
    AdmissionBid,
    AdmissionBidStatus,
    CountClaim,
    Country,
    CountryAlias,
    Membership,
    Organization,
    Post,
    RecognitionEvent,
    Stance,
)


class CountryAliasInline(admin.TabularInline):
    model = CountryAlias
    extra = 0


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "alpha3", "is_contested", "declared_on")
    list_filter = ("is_contested",)
    search_fields = ("code", "name", "official_name", "aliases__alias")
    inlines = [CountryAliasInline]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "founded_on", "headquarters")
    search_fields = ("code", "name")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("organization", "country", "joined_on", "left_on")
    list_filter = ("organization",)
    search_fields = ("country__name", "country__code")
    list_select_related = ("organization", "country")


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "city", "country", "organization", "routing")
    list_filter = ("kind",)
    search_fields = ("name", "city", "routing", "archive_origin")
    list_select_related = ("country", "organization")


class LedgerAdmin(SimpleHistoryAdmin):
    """The ledger is written through its services (API, review queue); the admin only shows it and its history,
    through the one clearance rule."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RecognitionEvent)
class RecognitionEventAdmin(LedgerAdmin):
    list_display = ("entity", "state", "kind", "date", "source_kind", "source_reference_id", "supersedes")
    list_filter = ("entity", "kind", "source_kind")
    search_fields = ("state__name", "state__code", "citation", "source_reference_id")
    list_select_related = ("entity", "state", "supersedes")


@admin.register(Stance)
class StanceAdmin(LedgerAdmin):
    list_display = ("entity", "state", "stance", "date", "context", "source_reference_id")
    list_filter = ("entity", "stance")
    list_select_related = ("entity", "state")


@admin.register(AdmissionBid)
class AdmissionBidAdmin(LedgerAdmin):
    list_display = ("entity", "organization", "created_at")
    list_select_related = ("entity", "organization")


@admin.register(AdmissionBidStatus)
class AdmissionBidStatusAdmin(LedgerAdmin):
    list_display = ("bid", "status", "date", "blocked_by", "votes_for", "votes_against", "votes_abstain")
    list_select_related = ("bid__entity", "bid__organization", "blocked_by")


@admin.register(CountClaim)
class CountClaimAdmin(LedgerAdmin):
    list_display = ("entity", "number", "counted", "organization", "as_of", "source_reference_id")
    list_filter = ("entity", "counted")
    list_select_related = ("entity", "organization")
