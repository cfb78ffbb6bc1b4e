from django.contrib import admin

from homeward.safeguarding.models import ThresholdRule


@admin.register(ThresholdRule)
class ThresholdRuleAdmin(admin.ModelAdmin):
    """Persistent-missing thresholds are settings, kept as data (SPEC.md §5)."""

    list_display = ["name", "episodes", "days", "action", "active"]
