"""The administrator's screens: organisations, users and roles. No child data is registered here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from homeward.accounts.models import Organisation, Partnership, User
from homeward.reporting.facts import episode_facts_refresh


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ons_code", "partnership"]
    list_filter = ["kind", "partnership"]
    search_fields = ["name", "ons_code"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"name", "ons_code"} & set(form.changed_data):
            # "Ours" reads the name and ONS code: rewrite its episodes' facts (decision 0024).
            episode_facts_refresh(organisation_ids=[obj.pk])


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
