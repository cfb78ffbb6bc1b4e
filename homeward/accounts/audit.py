"""Writing the audit trail (SPEC.md §2 "Audit trail"; §8: every read of a child is logged)."""

from datetime import datetime

from django.db import models
from django.utils import timezone

from homeward.accounts.models import AuditEvent, User


def audit_record(
    *,
    action: str,
    actor: User | None = None,
    actor_label: str = "",
    obj: models.Model | None = None,
    child=None,
    detail: dict | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Append one audit event. ``obj`` names what was touched; ``child`` whose record it is."""
    if child is None and obj is not None and obj._meta.model_name == "child":
        child = obj
    return AuditEvent.objects.create(
        at=at or timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=actor_label,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        child=child,
        detail=detail or {},
    )


def changed_fields(before: models.Model | None, after: models.Model) -> dict:
    """The concrete fields whose values differ, as {name: [old, new]} in JSON-safe form."""
    changes = {}
    for field in after._meta.concrete_fields:
        new = field.value_from_object(after)
        old = field.value_from_object(before) if before is not None else None
        if old != new:
            changes[field.attname] = [_json_safe(old), _json_safe(new)]
    return changes


def _json_safe(value):
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)
