from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from svl.models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "ico", "kind", "seat_municipality"]
    search_fields = ["name", "ico"]
    list_filter = ["kind"]


@admin.register(User)
class SvlUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "roles", "is_active"]
    list_filter = ["organisation", "is_active", "is_superuser"]
    list_select_related = ["organisation"]
    fieldsets = UserAdmin.fieldsets + ((None, {"fields": ["organisation", "roles"]}),)
