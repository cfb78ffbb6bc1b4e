"""Writes about missing episodes: report, risk, notes, return (SPEC.md §1, §2; STYLE.md §2).

Every entry path calls these services, so each rule of ``episodes.rules`` is applied once.
Each service runs in a transaction, validates (raising ``ValidationError`` keyed by the form
field at fault), saves, and writes the audit entry with the fields it changed. Services that
change an existing record take the ``expected_version`` the user saw and refuse a stale one
(:class:`StaleRecord`) rather than overwrite someone else's change.
"""

import copy
import uuid
from datetime import date, datetime
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from homeward.accounts.audit import audit_record, changed_fields
from homeward.accounts.models import AuditEvent, Organisation, User
from homeward.children.models import Child
from homeward.children.services import episode_care_periods_refresh
from homeward.episodes import rules
from homeward.episodes.models import (
    RISK_ORDER,
    Episode,
    EpisodeNote,
    Location,
    RiskLevelChange,
)
from homeward.reporting.facts import episode_facts_refresh
from homeward.safeguarding.models import PhilomenaReport
from homeward.timeutil import to_london

M = TypeVar("M", bound=models.Model)


class StaleRecord(Exception):
    """Someone saved the record after the user opened it; nothing was overwritten."""

    def __init__(self, record: models.Model):
        self.record = record
        last = (
            AuditEvent.objects.filter(
                object_type=record._meta.label_lower, object_id=str(record.pk)
            )
            .exclude(action=AuditEvent.Action.VIEWED)
            .select_related("actor")
            .order_by("-at", "-pk")
            .first()
        )
        who = "Someone else"
        when = ""
        if last is not None:
            if last.actor is not None:
                who = last.actor.get_full_name() or last.actor.username
            elif last.actor_label:
                who = last.actor_label
            local = to_london(last.at)
            when = f" at {local:%H:%M}"
        super().__init__(
            f"{who} changed this record{when}, after you opened it. Review their changes "
            "and make yours again: nothing you entered has been saved."
        )


def record_lock(queryset: models.QuerySet[M], pk: int, expected_version: int | None) -> M:
    """Fetch a record for update and check the version the user saw (optimistic locking)."""
    record = queryset.select_for_update().get(pk=pk)
    if expected_version is not None and record.version != expected_version:
        raise StaleRecord(record)
    return record


def record_save_changed(
    *, actor: User | None, before: models.Model, after: models.Model, event: str, child: Child
) -> dict:
    """Bump the version, save, and audit the fields that changed."""
    after.version = before.version + 1
    after.save()
    changes = changed_fields(before, after)
    for noise in ("version", "updated_at"):
        changes.pop(noise, None)
    audit_record(
        action=AuditEvent.Action.CHANGED,
        actor=actor,
        obj=after,
        child=child,
        detail={"event": event, "changes": changes},
    )
    return changes


class _Errors:
    """Collects the first message for each field; raises them together."""

    def __init__(self) -> None:
        self.by_field: dict[str, str] = {}

    def add(self, field: str, message: str | None) -> None:
        if message and field not in self.by_field:
            self.by_field[field] = message

    def raise_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def episode_span_check(
    *,
    child: Child,
    went_missing_at: datetime,
    returned_at: datetime | None,
    reported_at: datetime | None,
    now: datetime,
    episode_pk: int | None = None,
    overlap_field: str = "went_missing_at",
) -> None:
    """Apply every episode-date rule of SPEC.md §1, §2, §9 (decision 0005) or raise."""
    errors = _Errors()
    errors.add(
        "went_missing_at",
        rules.not_in_future(went_missing_at, now, "The time the child was last seen"),
    )
    errors.add("went_missing_at", rules.not_before_birth(child.date_of_birth, went_missing_at))
    errors.add(
        "went_missing_at", rules.before_eighteenth_birthday(child.date_of_birth, went_missing_at)
    )
    errors.add("reported_at", rules.not_in_future(reported_at, now, "The time of the report"))
    errors.add("reported_at", rules.reported_after_going_missing(went_missing_at, reported_at))
    errors.add("returned_at", rules.not_in_future(returned_at, now, "The return"))
    errors.add("returned_at", rules.return_after_going_missing(went_missing_at, returned_at))
    errors.raise_any()
    # Episodes recorded in error are kept but never count, so they do not block a correction.
    others = (
        Episode.objects.filter(child=child, recorded_in_error=False)
        .exclude(pk=episode_pk)
        .values_list("external_id", "went_missing_at", "returned_at")
    )
    candidate = rules.Interval("this", went_missing_at, returned_at)
    clash = rules.overlaps(candidate, (rules.Interval(*row) for row in others))
    if clash is not None:
        raise ValidationError({overlap_field: rules.overlap_message(clash)})


def location_resolve(
    *, organisation_id: int, place: Location | None, new_name: str = ""
) -> Location | None:
    """The chosen known place, or the place named (found case-insensitively, else created)."""
    name = " ".join(new_name.split())
    if not name:
        return place
    found = Location.objects.filter(organisation_id=organisation_id, name__iexact=name).first()
    return found or Location.objects.create(organisation_id=organisation_id, name=name)


@transaction.atomic
def episode_report(
    *,
    actor: User | None,
    child: Child,
    category: str,
    went_missing_at: datetime,
    now: datetime,
    reported_at: datetime | None = None,
    reported_by: str = "",
    police_reference: str = "",
    risk_level: str = "",
    last_seen_place: Location | None = None,
    last_seen_place_new: str = "",
    last_seen_details: str = "",
    may_be_with: str = "",
    clothing: str = "",
    last_seen_with: str = "",
) -> Episode:
    """Report a child missing (SPEC.md §2 "Missing episode"), with Philomena part 2 if given."""
    Child.objects.select_for_update().filter(pk=child.pk).first()  # one report at a time
    episode_span_check(
        child=child,
        went_missing_at=went_missing_at,
        returned_at=None,
        reported_at=reported_at,
        now=now,
    )
    episode = Episode.objects.create(
        organisation_id=child.organisation_id,
        external_id=f"new-{uuid.uuid4().hex}",
        child=child,
        category=category,
        went_missing_at=went_missing_at,
        reported_at=reported_at,
        reported_by=reported_by,
        police_reference=police_reference.strip(),
        risk_level=risk_level,
        last_seen_place=location_resolve(
            organisation_id=child.organisation_id,
            place=last_seen_place,
            new_name=last_seen_place_new,
        ),
        last_seen_details=last_seen_details,
        may_be_with=may_be_with,
    )
    # Homeward's own ids for episodes reported here; partners' ids come through the loader.
    episode.external_id = f"HW{episode.pk:07d}"
    Episode.objects.filter(pk=episode.pk).update(external_id=episode.external_id)
    if risk_level:
        RiskLevelChange.objects.create(
            episode=episode, level=risk_level, at=reported_at or now, recorded_by=actor
        )
    if clothing or last_seen_with or last_seen_details:
        PhilomenaReport.objects.create(
            episode=episode,
            clothing=clothing,
            last_seen_where=last_seen_details,
            last_seen_with=last_seen_with,
        )
    episode_care_periods_refresh(child_ids=[child.pk])  # and the child's episode facts
    episode.refresh_from_db()
    audit_record(
        action=AuditEvent.Action.CREATED,
        actor=actor,
        obj=episode,
        child=child,
        detail={"event": "reported missing", "changes": changed_fields(None, episode)},
        at=now,
    )
    return episode


@transaction.atomic
def episode_report_new_child(
    *,
    actor: User | None,
    organisation: Organisation,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    sex: str,
    gender: str = "",
    now: datetime,
    **report,
) -> Episode:
    """Create a child not yet known to Homeward and report them missing, all or nothing."""
    child = Child.objects.create(
        organisation=organisation,
        local_id=f"HW-{uuid.uuid4().hex[:10].upper()}",
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        date_of_birth=date_of_birth,
        sex=sex,
        gender=gender,
        responsible_authority=organisation.name,
    )
    audit_record(
        action=AuditEvent.Action.CREATED,
        actor=actor,
        obj=child,
        detail={"event": "created when reported missing", "changes": changed_fields(None, child)},
        at=now,
    )
    return episode_report(actor=actor, child=child, now=now, **report)


EPISODE_DETAIL_FIELDS = (
    "category",
    "went_missing_at",
    "reported_at",
    "reported_by",
    "police_reference",
    "last_seen_details",
    "may_be_with",
)


@transaction.atomic
def episode_update(
    *,
    actor: User | None,
    episode: Episode,
    expected_version: int,
    now: datetime,
    last_seen_place: Location | None = None,
    last_seen_place_new: str = "",
    **details,
) -> Episode:
    """Correct the details of a report; the care-period link follows a new date (SPEC.md §3)."""
    unknown = set(details) - set(EPISODE_DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"episode_update() cannot change {sorted(unknown)}")
    current = record_lock(Episode.objects.select_related("child"), episode.pk, expected_version)
    before = copy.copy(current)
    for name, value in details.items():
        setattr(current, name, value)
    current.last_seen_place = location_resolve(
        organisation_id=current.organisation_id,
        place=last_seen_place,
        new_name=last_seen_place_new,
    )
    episode_span_check(
        child=current.child,
        went_missing_at=current.went_missing_at,
        returned_at=current.returned_at,
        reported_at=current.reported_at,
        now=now,
        episode_pk=current.pk,
    )
    _interview_still_after_return(current)
    record_save_changed(
        actor=actor, before=before, after=current, event="details corrected", child=current.child
    )
    if before.went_missing_at != current.went_missing_at:
        episode_care_periods_refresh(child_ids=[current.child_id])  # and their facts
        current.refresh_from_db()
    else:
        episode_facts_refresh(episode_ids=[current.pk])
    return current


@transaction.atomic
def episode_risk_update(
    *,
    actor: User | None,
    episode: Episode,
    level: str,
    at: datetime,
    expected_version: int,
    now: datetime,
) -> RiskLevelChange:
    """Record a new police risk grading; the episode keeps the highest (SPEC.md §1)."""
    current = record_lock(Episode.objects.select_related("child"), episode.pk, expected_version)
    errors = _Errors()
    errors.add("at", rules.not_in_future(at, now, "The time of the grading"))
    errors.add(
        "at", rules.within_episode(current.went_missing_at, current.returned_at, at, "The grading")
    )
    errors.raise_any()
    change = RiskLevelChange.objects.create(episode=current, level=level, at=at, recorded_by=actor)
    before = copy.copy(current)
    if not current.risk_level or RISK_ORDER[level] > RISK_ORDER[current.risk_level]:
        current.risk_level = level
    record_save_changed(
        actor=actor,
        before=before,
        after=current,
        event=f"risk graded {level}",
        child=current.child,
    )
    episode_facts_refresh(episode_ids=[current.pk])
    return change


@transaction.atomic
def episode_note_add(
    *,
    actor: User | None,
    episode: Episode,
    kind: str,
    text: str,
    at: datetime,
    now: datetime,
    shared_with_police: bool = False,
) -> EpisodeNote:
    """Add a sighting (timed while the child is missing) or a note to an episode."""
    errors = _Errors()
    errors.add("at", rules.not_in_future(at, now, "The time"))
    if kind == EpisodeNote.Kind.SIGHTING:
        errors.add(
            "at",
            rules.within_episode(episode.went_missing_at, episode.returned_at, at, "A sighting"),
        )
    elif at < episode.went_missing_at:
        errors.add("at", "A note cannot be before the child went missing.")
    if not text.strip():
        errors.add("text", "Enter what happened")
    errors.raise_any()
    note = EpisodeNote.objects.create(
        episode=episode,
        kind=kind,
        at=at,
        text=text.strip(),
        author=actor,
        shared_with_police=shared_with_police,
    )
    audit_record(
        action=AuditEvent.Action.CREATED,
        actor=actor,
        obj=note,
        child=episode.child,
        detail={"event": f"{kind} added", "episode": episode.external_id},
        at=now,
    )
    return note


def _interview_still_after_return(episode: Episode) -> None:
    """An offer or completion already recorded must not come to precede the return."""
    interview = getattr(episode, "return_interview", None)
    if interview is None or episode.returned_at is None:
        return
    for label, at in (("an offer", interview.offered_at), ("a completion", interview.completed_at)):
        if at is not None and at < episode.returned_at:
            raise ValidationError(
                {
                    "returned_at": f"The return home interview records {label} at "
                    f"{to_london(at):%-d %B %Y %H:%M}, before this return. Correct the "
                    "interview first."
                }
            )


@transaction.atomic
def episode_return_record(
    *,
    actor: User | None,
    episode: Episode,
    returned_at: datetime,
    how_ended: str,
    expected_version: int,
    now: datetime,
    where_found: str = "",
    found_place: Location | None = None,
    found_place_new: str = "",
    stayed_place: Location | None = None,
    stayed_place_new: str = "",
    harm_disclosed: bool | None = None,
    exploitation_concerns: list[str] | None = None,
) -> Episode:
    """Record (or correct) the return; the 72-hour RHI clock starts at ``returned_at`` (§3)."""
    current = record_lock(Episode.objects.select_related("child"), episode.pk, expected_version)
    episode_span_check(
        child=current.child,
        went_missing_at=current.went_missing_at,
        returned_at=returned_at,
        reported_at=current.reported_at,
        now=now,
        episode_pk=current.pk,
        overlap_field="returned_at",
    )
    before = copy.copy(current)
    current.returned_at = returned_at
    current.how_ended = how_ended
    current.where_found = where_found
    current.harm_disclosed = harm_disclosed
    current.exploitation_concerns = list(exploitation_concerns or [])
    org = current.organisation_id
    current.found_place = location_resolve(
        organisation_id=org, place=found_place, new_name=found_place_new
    )
    current.stayed_place = location_resolve(
        organisation_id=org, place=stayed_place, new_name=stayed_place_new
    )
    _interview_still_after_return(current)
    event = "return recorded" if before.returned_at is None else "return corrected"
    record_save_changed(actor=actor, before=before, after=current, event=event, child=current.child)
    episode_facts_refresh(episode_ids=[current.pk])
    return current


@transaction.atomic
def episode_mark_recorded_in_error(
    *,
    actor: User | None,
    episode: Episode,
    recorded_in_error: bool,
    expected_version: int,
    now: datetime,
) -> Episode:
    """Mark (or unmark) an episode recorded in error: kept, never counted (SPEC.md §2)."""
    current = record_lock(Episode.objects.select_related("child"), episode.pk, expected_version)
    if not recorded_in_error:  # restoring it must not create an overlap
        episode_span_check(
            child=current.child,
            went_missing_at=current.went_missing_at,
            returned_at=current.returned_at,
            reported_at=None,
            now=now,
            episode_pk=current.pk,
            overlap_field="__all__",
        )
    before = copy.copy(current)
    current.recorded_in_error = recorded_in_error
    event = "marked recorded in error" if recorded_in_error else "restored (not in error)"
    record_save_changed(actor=actor, before=before, after=current, event=event, child=current.child)
    episode_facts_refresh(episode_ids=[current.pk])
    return current
