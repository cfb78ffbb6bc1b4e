"""Children missing education referrals (SPEC.md §1, §2)."""

from django.db import models
from django.db.models import F, Q


class CMEReferral(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    external_id = models.CharField("referral ID", max_length=40)
    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, related_name="cme_referrals"
    )
    school = models.CharField(max_length=200)
    referred_on = models.DateField()
    located_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=200, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="cme_unique_external_id"
            ),
            models.CheckConstraint(
                condition=Q(located_on__isnull=True) | Q(located_on__gte=F("referred_on")),
                name="cme_located_after_referral",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("referred_on")),
                name="cme_closed_after_referral",
            ),
        ]
        indexes = [models.Index(fields=["referred_on"])]

    def __str__(self) -> str:
        return f"CME referral {self.external_id}"
