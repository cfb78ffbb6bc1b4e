"""Missing episodes, their risk history and notes, and named places (SPEC.md §1, §2)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Category(models.TextChoices):
    MISSING = "missing", "Missing"
    AWAY = "away", "Away from placement without authorisation"
    ABSENT = "absent", "Absent (historic)"


class RiskLevel(models.TextChoices):
    VERY_LOW = "very_low", "Very low"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


RISK_ORDER = {RiskLevel.VERY_LOW: 0, RiskLevel.LOW: 1, RiskLevel.MEDIUM: 2, RiskLevel.HIGH: 3}


class ReportedBy(models.TextChoices):
    PARENT = "parent", "Parent"
    CARER = "carer", "Foster carer"
    RESIDENTIAL_STAFF = "residential_staff", "Residential staff"
    SCHOOL = "school", "School"
    OTHER = "other", "Other"


class HowEnded(models.TextChoices):
    RETURNED = "returned", "Returned of own accord"
    FOUND_BY_POLICE = "found_by_police", "Found by police"
    FOUND_BY_FAMILY = "found_by_family", "Found by family or carer"
    LOCATED_ELSEWHERE = "located_elsewhere", "Located elsewhere"
    IN_CUSTODY = "in_custody", "In custody"
    DECEASED = "deceased", "Deceased"


class ExploitationConcern(models.TextChoices):
    CSE = "cse", "Child sexual exploitation"
    CCE = "cce", "Child criminal exploitation"
    COUNTY_LINES = "county_lines", "County lines"
    TRAFFICKING = "trafficking", "Trafficking"
    OTHER = "other", "Other exploitation"


class Location(models.Model):
    """A named place: last seen, stayed, found. Hot-spot reports count these."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="locations"
    )
    name = models.CharField(max_length=200)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="location_unique_name"),
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Episode(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="episodes"
    )
    # The partner's episode id (exchange files); Homeward assigns one for episodes reported here.
    external_id = models.CharField("episode ID", max_length=40)
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="episodes")
    category = models.CharField(max_length=10, choices=Category.choices)
    went_missing_at = models.DateTimeField("went missing at (last seen)")
    # The Europe/London date of went_missing_at (SPEC.md §3): derived on every write, indexed
    # because every period count selects on it.
    went_missing_on = models.DateField(editable=False)
    reported_at = models.DateTimeField(null=True, blank=True)
    reported_by = models.CharField(max_length=20, choices=ReportedBy.choices, blank=True)
    police_reference = models.CharField(max_length=40, blank=True)
    # The highest risk level recorded in the episode (SPEC.md §1: "report the highest");
    # the full history is in RiskLevelChange.
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    last_seen_place = models.ForeignKey(
        Location, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    stayed_place = models.ForeignKey(
        Location, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    found_place = models.ForeignKey(
        Location, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_seen_details = models.TextField(blank=True)
    may_be_with = models.TextField(blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    how_ended = models.CharField(max_length=20, choices=HowEnded.choices, blank=True)
    where_found = models.TextField("where the child was and with whom", blank=True)
    harm_disclosed = models.BooleanField(null=True)
    exploitation_concerns = models.JSONField(default=list, blank=True)
    recorded_in_error = models.BooleanField(default=False)
    # The care period covering went_missing_on (SPEC.md §3), kept by children.services whenever
    # care periods or the episode date change; null means not looked after for this episode.
    care_period = models.ForeignKey(
        "children.CarePeriod", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="episode_unique_external_id"
            ),
            models.CheckConstraint(
                condition=Q(returned_at__isnull=True) | Q(returned_at__gte=F("went_missing_at")),
                name="episode_returns_after_going_missing",
            ),
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="episode_category_code"
            ),
            models.CheckConstraint(
                condition=Q(risk_level__in=["", *RiskLevel.values]), name="episode_risk_code"
            ),
        ]
        indexes = [
            models.Index(fields=["went_missing_on"]),
            models.Index(fields=["child", "went_missing_at"]),
            models.Index(
                fields=["went_missing_at"],
                name="episode_open_idx",
                condition=Q(returned_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"Episode {self.external_id}"

    def save(self, *args, **kwargs):
        from homeward.timeutil import local_date

        self.went_missing_on = local_date(self.went_missing_at)
        super().save(*args, **kwargs)


class RiskLevelChange(models.Model):
    """The police risk grading as it changed during an episode."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="risk_changes")
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} risk at {self.at:%Y-%m-%d %H:%M}"


class EpisodeNote(models.Model):
    """A sighting or a note added while the child is missing."""

    class Kind(models.TextChoices):
        SIGHTING = "sighting", "Sighting"
        NOTE = "note", "Note"

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    at = models.DateTimeField()
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    # Police see notes only when shared (SPEC.md §8: police do not see case notes).
    shared_with_police = models.BooleanField(default=False)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"
