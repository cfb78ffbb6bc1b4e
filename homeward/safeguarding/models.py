"""Persistent-missing rules, meetings and plans, Philomena profiles (SPEC.md §2, §5)."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class ThresholdRule(models.Model):
    """N episodes within D days triggers an action (SPEC.md §5)."""

    name = models.CharField(max_length=100, unique=True)
    episodes = models.PositiveSmallIntegerField()
    days = models.PositiveSmallIntegerField()
    action = models.CharField(max_length=200)
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(episodes__gte=2), name="rule_needs_two_episodes"),
            models.CheckConstraint(condition=Q(days__gte=1), name="rule_needs_a_day"),
        ]
        ordering = ["days", "episodes"]

    def __str__(self) -> str:
        return self.name


class PhilomenaProfile(models.Model):
    """Part 1 of the Philomena Protocol: filled in by the carer in advance, moves with the child."""

    child = models.OneToOneField(
        "children.Child", on_delete=models.CASCADE, related_name="philomena_profile"
    )
    description = models.TextField("physical description", blank=True)
    photo = models.FileField(upload_to="philomena/", blank=True)
    vulnerabilities = models.TextField(blank=True)
    medical_needs = models.TextField(blank=True)
    medication = models.TextField(blank=True)
    associates = models.TextField(blank=True)
    addresses = models.TextField("addresses and places frequented", blank=True)
    phone_numbers = models.TextField(blank=True)
    social_media = models.TextField(blank=True)
    transport = models.TextField(blank=True)
    finances = models.TextField(blank=True)
    reviewed_on = models.DateField("date last reviewed", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Philomena profile of child {self.child_id}"


class PhilomenaReport(models.Model):
    """Part 2 of the Philomena Protocol, completed at the time of a missing report."""

    episode = models.OneToOneField(
        "episodes.Episode", on_delete=models.CASCADE, related_name="philomena_report"
    )
    clothing = models.TextField(blank=True)
    last_seen_where = models.TextField(blank=True)
    last_seen_with = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Philomena part 2 for episode {self.episode_id}"


class Meeting(models.Model):
    class Kind(models.TextChoices):
        INTERVENTION_PLANNING = "intervention_planning", "Missing intervention planning meeting"
        STRATEGY = "strategy", "Strategy meeting"
        MULTI_AGENCY = "multi_agency", "Multi-agency discussion (MACE / VEMT / ERASE)"
        DAILY_DYNAMIC = "daily_dynamic", "Daily dynamic meeting"

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    held_on = models.DateField()
    agencies = models.TextField("agencies attending", blank=True)
    decisions = models.TextField(blank=True)
    children = models.ManyToManyField("children.Child", blank=True, related_name="meetings")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%d/%m/%Y}"


class MeetingAction(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    description = models.TextField()
    owner = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Action due {self.due_on}"


class Plan(models.Model):
    class Kind(models.TextChoices):
        SAFETY = "safety", "Safety plan"
        DISRUPTION = "disruption", "Disruption plan"

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="plans")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    started_on = models.DateField()
    review_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    content = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_on:%d/%m/%Y}"
