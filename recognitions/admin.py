from django.contrib import admin

from recognitions.models import Country, CountryAlias, Membership, Organization, Post


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
