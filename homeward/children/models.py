"""Children, their care periods (SSDA903 episodes), placements and involvement (SPEC.md §2)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from homeward.children import codes


class Child(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="children"
    )
    # The partner's own person id (Liquidlogic / Mosaic), unique within the organisation.
    local_id = models.CharField("person ID", max_length=40)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, choices=codes.Sex.choices, blank=True)
    gender = models.CharField(
        "gender identity", max_length=20, choices=codes.Gender.choices, blank=True
    )
    ethnicity = models.CharField(max_length=4, choices=codes.Ethnicity.choices, blank=True)
    upn = models.CharField("unique pupil number", max_length=13, blank=True)
    # As the partner writes it: an authority's name or its ONS code.
    responsible_authority = models.CharField(max_length=100, blank=True)
    home_postcode = models.CharField(max_length=10, blank=True)
    send = models.BooleanField("special educational needs or disability", default=False)
    vulnerabilities = models.TextField(blank=True)
    known_associates = models.TextField(blank=True)
    photo = models.FileField(upload_to="photos/", blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "local_id"], name="child_unique_local_id"
            ),
            models.CheckConstraint(condition=Q(sex__in=["", "1", "2"]), name="child_sex_code"),
        ]
        indexes = [
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["date_of_birth"]),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Placement(models.Model):
    """A place children live (a children's home, a foster household); carers are attached here."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="placements"
    )
    name = models.CharField(max_length=200)
    postcode = models.CharField(max_length=10, blank=True)
    carers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="placements")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name", "postcode"], name="placement_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CarePeriod(models.Model):
    """One SSDA903 episode of care: DECOM to DEC, with its legal status and placement."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="care_periods")
    start_date = models.DateField("start date (DECOM)")
    end_date = models.DateField("end date (DEC)", null=True, blank=True)
    rne = models.CharField(
        "reason for new episode", max_length=1, choices=codes.ReasonNewEpisode.choices, blank=True
    )
    legal_status = models.CharField(max_length=2, choices=codes.LegalStatus.choices, blank=True)
    cin = models.CharField(
        "category of need", max_length=2, choices=codes.CategoryOfNeed.choices, blank=True
    )
    placement_type = models.CharField(max_length=2, choices=codes.PlacementType.choices)
    provider = models.CharField(max_length=3, choices=codes.PlacementProvider.choices, blank=True)
    placement_postcode = models.CharField(max_length=10, blank=True)
    # Inside the responsible authority's own area; null when not known.
    in_area = models.BooleanField(null=True)
    unregulated = models.BooleanField(default=False)
    reason_ceased = models.CharField(
        "reason episode ceased (REC)",
        max_length=3,
        choices=codes.ReasonEpisodeCeased.choices,
        blank=True,
    )
    reason_place_change = models.CharField(
        max_length=6, choices=codes.ReasonPlaceChange.choices, blank=True
    )
    placement_name = models.CharField(max_length=200, blank=True)
    placement = models.ForeignKey(
        Placement, on_delete=models.SET_NULL, null=True, blank=True, related_name="care_periods"
    )
    urn = models.CharField("Ofsted URN", max_length=10, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="care_period_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["child", "start_date"])]
        ordering = ["start_date"]

    def __str__(self) -> str:
        return f"Care period from {self.start_date:%d/%m/%Y} ({self.placement_type})"

    @property
    def placement_group(self) -> str:
        return codes.placement_group(self.placement_type, unregulated=self.unregulated)


class Involvement(models.Model):
    """Other involvement with children's services: early help, child in need, child protection."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="involvements")
    kind = models.CharField(max_length=20, choices=codes.InvolvementKind.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="involvement_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.start_date:%d/%m/%Y}"
