from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ("username", "email", "clearance", "noforn_release", "is_active", "is_staff")
    list_filter = ("clearance", "noforn_release", "groups", "is_active")
    fieldsets = (*BaseUserAdmin.fieldsets, ("Clearance", {"fields": ("clearance", "noforn_release")}))
    add_fieldsets = (*BaseUserAdmin.add_fieldsets, ("Clearance", {"fields": ("clearance", "noforn_release")}))
