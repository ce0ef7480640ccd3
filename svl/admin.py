from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from svl.forms import RolesField
from svl.models import AuditEvent, Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "ico", "kind", "seat_municipality", "require_two_factor_for_apk"]
    search_fields = ["name", "ico"]
    list_filter = ["kind"]


@admin.register(User)
class SvlUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "roles", "is_active"]
    list_filter = ["organisation", "is_active", "is_superuser"]
    list_select_related = ["organisation"]
    fieldsets = UserAdmin.fieldsets + ((None, {"fields": ["organisation", "roles"]}),)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A checkbox per role, as in the organisation admin's form. Django's default for an ArrayField, a
        # comma-separated SimpleArrayField, repeats an unknown item in its error message and then %-formats that
        # message a second time: a typed "%" (as in "{% now %}") made the page a server error.
        if db_field.name == "roles":
            return RolesField(required=False, label=db_field.verbose_name)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


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
