"""The administrator's screens: organisations, users and roles. No child data is registered here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from homeward.accounts.models import Organisation, Partnership, User


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ons_code", "partnership"]
    list_filter = ["kind", "partnership"]
    search_fields = ["name", "ons_code"]


@admin.register(User)
class HomewardUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation", "is_active"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Homeward", {"fields": ["organisation", "role"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        ("Homeward", {"fields": ["organisation", "role"]}),
    ]
