"""Writes about safeguarding: Philomena profiles, safety and disruption plans, meetings.

SPEC.md §2 ("Philomena profile", "Meeting and plan"). Keyword-only, transactional, validated,
audited like every other service (STYLE.md §2).
"""

import copy
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from homeward.accounts.audit import audit_record, changed_fields
from homeward.accounts.models import AuditEvent, Organisation, User
from homeward.children.models import Child
from homeward.episodes.services import record_lock, record_save_changed
from homeward.safeguarding.models import Meeting, MeetingAction, PhilomenaProfile, Plan
from homeward.timeutil import local_date

PROFILE_FIELDS = (
    "description",
    "vulnerabilities",
    "medical_needs",
    "medication",
    "associates",
    "addresses",
    "phone_numbers",
    "social_media",
    "transport",
    "finances",
    "reviewed_on",
)


@transaction.atomic
def philomena_profile_update(
    *, actor: User | None, child: Child, expected_version: int, now: datetime, **fields
) -> PhilomenaProfile:
    """Fill in or review Part 1 of the Philomena Protocol; it moves with the child."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"philomena_profile_update() has no field {sorted(unknown)}")
    reviewed_on = fields.get("reviewed_on")
    if reviewed_on is not None and reviewed_on > local_date(now):
        raise ValidationError({"reviewed_on": "The review date cannot be in the future"})
    profile_pk = PhilomenaProfile.objects.get_or_create(child=child)[0].pk
    profile = record_lock(PhilomenaProfile.objects.all(), profile_pk, expected_version)
    before = copy.copy(profile)
    for name, value in fields.items():
        setattr(profile, name, value)
    record_save_changed(
        actor=actor, before=before, after=profile, event="Philomena profile updated", child=child
    )
    return profile


@transaction.atomic
def plan_create(
    *,
    actor: User | None,
    child: Child,
    kind: str,
    started_on: date,
    content: str,
    now: datetime,
    review_on: date | None = None,
) -> Plan:
    """Start a safety or disruption plan for a child (SPEC.md §2)."""
    errors = {}
    if started_on > local_date(now):
        errors["started_on"] = "The start date cannot be in the future"
    if review_on is not None and review_on < started_on:
        errors["review_on"] = "The review date cannot be before the start"
    if not content.strip():
        errors["content"] = "Enter the plan"
    if errors:
        raise ValidationError(errors)
    plan = Plan.objects.create(
        child=child,
        kind=kind,
        started_on=started_on,
        review_on=review_on,
        content=content.strip(),
        created_by=actor,
    )
    audit_record(
        action=AuditEvent.Action.CREATED,
        actor=actor,
        obj=plan,
        child=child,
        detail={"event": f"{plan.get_kind_display()} started"},
        at=now,
    )
    return plan


@transaction.atomic
def plan_end(*, actor: User | None, plan: Plan, ended_on: date, now: datetime) -> Plan:
    if ended_on < plan.started_on or ended_on > local_date(now):
        raise ValidationError({"ended_on": "The end date must be between the start and today"})
    before = copy.copy(plan)
    plan.ended_on = ended_on
    plan.save(update_fields=["ended_on"])
    audit_record(
        action=AuditEvent.Action.CHANGED,
        actor=actor,
        obj=plan,
        child=plan.child,
        detail={"event": "plan ended", "changes": changed_fields(before, plan)},
        at=now,
    )
    return plan


@transaction.atomic
def meeting_record(
    *,
    actor: User | None,
    organisation: Organisation,
    kind: str,
    held_on: date,
    children: list[Child],
    now: datetime,
    agencies: str = "",
    decisions: str = "",
    action_description: str = "",
    action_owner: str = "",
    action_due_on: date | None = None,
) -> Meeting:
    """Record a meeting about one or more children, with an action if one was agreed."""
    errors = {}
    if held_on > local_date(now):
        errors["held_on"] = "The meeting date cannot be in the future"
    if action_description.strip() and not action_owner.strip():
        errors["action_owner"] = "Enter who owns the action"
    if action_due_on is not None and action_due_on < held_on:
        errors["action_due_on"] = "The action cannot be due before the meeting"
    if errors:
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        organisation=organisation,
        kind=kind,
        held_on=held_on,
        agencies=agencies.strip(),
        decisions=decisions.strip(),
        created_by=actor,
    )
    meeting.children.set(children)
    if action_description.strip():
        for child in children or [None]:
            MeetingAction.objects.create(
                meeting=meeting,
                child=child,
                description=action_description.strip(),
                owner=action_owner.strip(),
                due_on=action_due_on,
            )
    for child in children:
        audit_record(
            action=AuditEvent.Action.CREATED,
            actor=actor,
            obj=meeting,
            child=child,
            detail={"event": f"{meeting.get_kind_display()} recorded"},
            at=now,
        )
    return meeting
