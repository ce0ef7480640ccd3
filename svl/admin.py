from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from svl.models import AuditEvent, Organisation, User


class VersionedAdmin(admin.ModelAdmin):
    """A change saved here is a new version too, so an edit form a user has open meanwhile becomes stale
    (svl/versioning.py). The admin itself compares no version: it is the superuser's maintenance tool."""

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(VersionedAdmin):
    list_display = ["name", "ico", "kind", "seat_municipality", "require_two_factor_for_apk"]
    search_fields = ["name", "ico"]
    list_filter = ["kind"]


@admin.register(User)
class SvlUserAdmin(VersionedAdmin, UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "roles", "is_active"]
    list_filter = ["organisation", "is_active", "is_superuser"]
    list_select_related = ["organisation"]
    fieldsets = UserAdmin.fieldsets + ((None, {"fields": ["organisation", "roles"]}),)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only (svl/audit.py); superusers see every organisation's events here,
    including failed logins with an unknown user name, which belong to no organisation."""

    list_display = ["at", "organisation", "username", "action", "object_type", "object_id", "object_repr", "ip_address"]
    list_filter = ["action", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["username", "object_type"]
    date_hierarchy = "at"
    show_full_result_count = False  # no COUNT(*) over a table that grows without bound

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
