"""Writes for RHI quality audits (SPEC.md §2 "RHI audit"): draw a round's sample, score an RHI."""

import random
import secrets
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from homeward.accounts.audit import audit_record, changed_fields
from homeward.accounts.models import AuditEvent, Organisation, User
from homeward.interviews.audits.scores import LINES
from homeward.interviews.models import AuditRound, InterviewAudit, ReturnInterview
from homeward.timeutil import LONDON, UTC

MAX_SAMPLE = 500


def local_day_start(day: date) -> datetime:
    """The UTC instant at which a Europe/London calendar day begins (SPEC.md §3)."""
    return datetime.combine(day, time.min, tzinfo=LONDON).astimezone(UTC)


def sample_candidates(
    *, organisation: Organisation, period_start: date, period_end: date
) -> QuerySet[ReturnInterview]:
    """Completed, not voided RHIs of the partnership, completed within the period, by pk.

    Episodes recorded in error are never counted or sampled (SPEC.md §2).
    """
    return (
        ReturnInterview.objects.filter(
            episode__organisation__partnership_id=organisation.partnership_id,
            episode__recorded_in_error=False,
            completed_at__gte=local_day_start(period_start),
            completed_at__lt=local_day_start(period_end + timedelta(days=1)),
            voided_at__isnull=True,
            voided_reason="",
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def draw_sample(candidate_ids: list[int], *, size: int, seed: int) -> list[int]:
    """A random but reproducible sample: the same candidates and seed give the same sample."""
    ordered = sorted(candidate_ids)
    return sorted(random.Random(seed).sample(ordered, min(size, len(ordered))))


def new_seed() -> int:
    return secrets.randbits(48)


@transaction.atomic
def audit_round_create(
    *,
    organisation: Organisation,
    name: str,
    held_on: date,
    period_start: date,
    period_end: date,
    sample_size: int,
    created_by: User,
    seed: int | None = None,
) -> AuditRound:
    """Create a round and its sample of completed RHIs, one unscored audit per sampled RHI."""
    if period_end < period_start:
        raise ValidationError("The period must end on or after the day it starts.")
    if not 1 <= sample_size <= MAX_SAMPLE:
        raise ValidationError(f"The sample size must be between 1 and {MAX_SAMPLE}.")
    seed = new_seed() if seed is None else seed
    candidates = list(
        sample_candidates(
            organisation=organisation, period_start=period_start, period_end=period_end
        )
    )
    if not candidates:
        raise ValidationError("No completed return interviews were found in that period.")
    chosen = draw_sample(candidates, size=sample_size, seed=seed)
    audit_round = AuditRound.objects.create(
        organisation=organisation,
        name=name,
        held_on=held_on,
        period_start=period_start,
        period_end=period_end,
        sample_size=sample_size,
        seed=seed,
        created_by=created_by,
    )
    InterviewAudit.objects.bulk_create(
        InterviewAudit(round=audit_round, interview_id=pk) for pk in chosen
    )
    audit_record(
        action=AuditEvent.Action.CREATED,
        actor=created_by,
        obj=audit_round,
        detail={"sampled": len(chosen), "candidates": len(candidates), "seed": seed},
    )
    return audit_round


@transaction.atomic
def interview_audit_score(
    *,
    audit: InterviewAudit,
    scores: Mapping[str, int],
    comments: Mapping[str, str],
    auditor: User,
    now: datetime,
) -> InterviewAudit:
    """Record the auditor's 1–4 score and comment on each of the seven key lines of enquiry."""
    before = InterviewAudit.objects.get(pk=audit.pk)
    for line in LINES:
        score = scores.get(line)
        if score is None or not 1 <= int(score) <= 4:
            raise ValidationError(f"Score every key line of enquiry from 1 to 4 ({line}).")
        setattr(audit, line, int(score))
    audit.comments = {line: comments.get(line, "").strip() for line in LINES if comments.get(line)}
    audit.auditor = auditor
    audit.scored_at = now
    audit.save()
    audit_record(
        action=AuditEvent.Action.CHANGED,
        actor=auditor,
        obj=audit,
        child=audit.interview.episode.child,
        detail=changed_fields(before, audit),
        at=now,
    )
    return audit
