"""Organisations, users with roles, and the audit trail (SPEC.md §2, §8)."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class Partnership(models.Model):
    """A safeguarding partnership: the organisations that share records about missing children."""

    name = models.CharField(max_length=200, unique=True)

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        POLICE = "police", "Police force"
        CARE_PROVIDER = "care_provider", "Care provider"
        OTHER = "other", "Other partner"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="organisations"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # ONS code of a local authority; a child's "responsible authority" matches it or the name.
    ons_code = models.CharField(max_length=12, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"], name="organisation_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """The roles of SPEC.md §8."""

    COORDINATOR = "coordinator", "Missing co-ordinator"
    SOCIAL_WORKER = "social_worker", "Social worker"
    CARER = "carer", "Residential or foster carer"
    POLICE = "police", "Police missing-person co-ordinator"
    ANALYST = "analyst", "Partnership analyst"
    MANAGER = "manager", "Manager"
    ADMINISTRATOR = "administrator", "Administrator"


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)

    @property
    def partnership_id(self) -> int | None:
        return self.organisation.partnership_id if self.organisation_id else None

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles


class AuditEvent(models.Model):
    """One line of the audit trail. Written by services only; never edited or deleted in the app.

    ``detail`` may hold old and new field values: the trail is protected like the records it
    describes, and unlike the server log it is allowed to hold personal data.
    """

    class Action(models.TextChoices):
        VIEWED = "viewed", "Viewed"
        CREATED = "created", "Created"
        CHANGED = "changed", "Changed"
        DELETED = "deleted", "Deleted"
        EXPORTED = "exported", "Exported"
        LOADED = "loaded", "Loaded"
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        SIGNED_OUT = "signed_out", "Signed out"

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True)
    # A command-line run has no user: it names itself here (e.g. "homeward load").
    actor_label = models.CharField(max_length=100, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=50, blank=True)
    object_id = models.CharField(max_length=50, blank=True)
    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["child", "at"]), models.Index(fields=["actor", "at"])]
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are never deleted.")
