from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import AccessLog, User
from cables.clearance import visible_q


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ("username", "email", "clearance", "noforn_release", "is_active", "is_staff")
    list_filter = ("clearance", "noforn_release", "groups", "is_active")
    fieldsets = (*BaseUserAdmin.fieldsets, ("Clearance", {"fields": ("clearance", "noforn_release")}))
    add_fieldsets = (*BaseUserAdmin.add_fieldsets, ("Clearance", {"fields": ("clearance", "noforn_release")}))


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the access log is evidence, not data to edit."""

    list_display = ("at", "event", "username", "ip_address")
    list_filter = ("event",)
    search_fields = ("username", "ip_address")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ClearedReadOnlyAdmin(admin.ModelAdmin):
    """Shows rows through the one clearance rule and lets nobody write them here:
    classified material is written by its own services (ingestion, review)."""

    clearance_fields: tuple[str, str] | None = None

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.clearance_fields:
            return queryset.filter(visible_q(request.user, *self.clearance_fields))
        if hasattr(queryset, "visible_to"):
            return queryset.visible_to(request.user)
        return queryset

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
