from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts import services
from accounts.forms import RolesField
from accounts.models import Organisation, User

# What only a superuser (a deployment operator) may change on an account: Django's UserAdmin lets anyone with the
# "change user" permission set them, their own included, which is superuser status by another name.
PRIVILEGE_FIELDS = ["is_superuser", "is_staff", "groups", "user_permissions", "organisation"]


class VersionedAdmin(admin.ModelAdmin):
    """A change saved here is a new version too, so an edit form a user has open meanwhile becomes stale
    (core/versioning.py). The admin itself compares no version: it is the superuser's maintenance tool."""

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

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A checkbox per role, as in the organisation admin's form. Django's default for an ArrayField, a
        # comma-separated SimpleArrayField, repeats an unknown item in its error message and then %-formats that
        # message a second time: a typed "%" (as in "{% now %}") made the page a server error.
        if db_field.name == "roles":
            return RolesField(required=False, label=db_field.verbose_name)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # Staff who are not superusers: their own organisation's accounts only, never a superuser's (whose password
    # they could otherwise set), no privileges for anyone, and their own roles as read-only as in the app
    # (accounts.services.user_update: nobody changes their own roles).
    def get_queryset(self, request):
        users = super().get_queryset(request)
        return users if request.user.is_superuser else users.for_user(request.user).filter(is_superuser=False)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return readonly
        readonly += PRIVILEGE_FIELDS
        if obj is not None and obj.pk == request.user.pk:
            readonly.append("roles")
        return readonly

    def save_model(self, request, obj, form, change):
        # Each role added or removed here is in the audit log by name too, as in the app (and so shown to the
        # organisation's service leads when it opens client data).
        previous = User.objects.filter(pk=obj.pk).values_list("roles", flat=True).first() if change else None
        super().save_model(request, obj, form, change)
        services.user_role_changes_record(user=obj, previous=previous or [], current=obj.roles)
