"""The audit log in the Django admin: read-only, for the deployment's operators."""

from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only (audit/services.py); superusers see every organisation's events here,
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
