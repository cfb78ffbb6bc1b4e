"""Writes about return home interviews: offer, answer, complete, share, authorise, void.

SPEC.md §1 ("return home interview"), §2 ("Return home interview"), §4 (what the status is
derived from) and §8 (managers authorise). One interview per episode, created when first
touched. Every service takes the ``expected_version`` of the interview the user saw, and
writes an audit entry naming the fields it changed, so "who changed what" is always known.
"""

import copy
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from homeward.accounts.models import Role, User
from homeward.episodes import rules
from homeward.episodes.models import Episode
from homeward.episodes.services import StaleRecord, record_save_changed
from homeward.interviews.models import InterviewerRole, ReturnInterview
from homeward.reporting.facts import episode_facts_refresh

_CONTENT_FIELDS = (
    "push_factors",
    "pull_factors",
    "factors_details",
    "where_stayed",
    "travel",
    "harm_suffered",
    "cre_indicators",
    "childs_words",
    "analysis",
    "actions",
)


def _open_interview(episode: Episode, expected_version: int | None) -> ReturnInterview:
    """The episode's interview, locked, created on first use, checked against the version seen."""
    ReturnInterview.objects.get_or_create(episode_id=episode.pk)
    interview = (
        ReturnInterview.objects.select_for_update()
        .select_related("episode__child")
        .get(episode_id=episode.pk)
    )
    if expected_version is not None and interview.version != expected_version:
        raise StaleRecord(interview)
    return interview


def _refuse(field: str, message: str) -> None:
    raise ValidationError({field: message})


def _not_voided(interview: ReturnInterview) -> None:
    if interview.voided_at is not None:
        _refuse(
            "__all__",
            f"This return home interview was voided ({interview.voided_reason}); "
            "it cannot be changed.",
        )


def _timed_after_return(
    interview: ReturnInterview, field: str, at: datetime, now: datetime, label: str
) -> None:
    episode = interview.episode
    message = rules.not_in_future(at, now, label) or rules.after_return(
        episode.returned_at, at, label
    )
    if message:
        _refuse(field, message)


def _save(
    actor: User | None, before: ReturnInterview, after: ReturnInterview, event: str
) -> ReturnInterview:
    record_save_changed(
        actor=actor, before=before, after=after, event=event, child=after.episode.child
    )
    episode_facts_refresh(episode_ids=[after.episode_id])
    return after


@transaction.atomic
def return_interview_offer(
    *,
    actor: User | None,
    episode: Episode,
    offered_at: datetime,
    offered_by: str,
    expected_version: int | None,
    now: datetime,
) -> ReturnInterview:
    """Record when and by whom the interview was offered (SPEC.md §2)."""
    interview = _open_interview(episode, expected_version)
    _not_voided(interview)
    _timed_after_return(interview, "offered_at", offered_at, now, "The offer")
    if not offered_by.strip():
        _refuse("offered_by", "Enter who offered the interview")
    before = copy.copy(interview)
    interview.offered_at = offered_at
    interview.offered_by = offered_by.strip()
    return _save(actor, before, interview, "offered")


@transaction.atomic
def return_interview_record_answer(
    *,
    actor: User | None,
    episode: Episode,
    accepted: bool,
    declined_reason: str = "",
    expected_version: int | None,
    now: datetime,
) -> ReturnInterview:
    """Record whether the child accepted the offer; a decline needs its reason (SPEC.md §2)."""
    interview = _open_interview(episode, expected_version)
    _not_voided(interview)
    if interview.offered_at is None:
        _refuse("accepted", "Record the offer before the child's answer")
    if interview.completed_at is not None and not accepted:
        _refuse("accepted", "The interview was completed, so the child accepted it")
    if not accepted and not declined_reason.strip():
        _refuse("declined_reason", "Enter why the child declined")
    before = copy.copy(interview)
    interview.accepted = accepted
    interview.declined_reason = "" if accepted else declined_reason.strip()
    return _save(actor, before, interview, "accepted" if accepted else "declined")


@transaction.atomic
def return_interview_complete(
    *,
    actor: User | None,
    episode: Episode,
    completed_at: datetime,
    interviewer_role: str,
    expected_version: int | None,
    now: datetime,
    interviewer_name: str = "",
    **content,
) -> ReturnInterview:
    """Complete the interview with its SPEC.md §2 content; completing means accepting (§4)."""
    unknown = set(content) - set(_CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"return_interview_complete() has no field {sorted(unknown)}")
    interview = _open_interview(episode, expected_version)
    _not_voided(interview)
    _timed_after_return(interview, "completed_at", completed_at, now, "The completion")
    if interview.offered_at is not None and completed_at < interview.offered_at:
        _refuse("completed_at", "The interview cannot be completed before it was offered")
    if interviewer_role not in InterviewerRole.values:
        _refuse("interviewer_role", "Select the interviewer's role")
    before = copy.copy(interview)
    interview.completed_at = completed_at
    interview.accepted = True
    interview.declined_reason = ""
    interview.interviewer_role = interviewer_role
    interview.interviewer = actor if actor is not None and actor.is_authenticated else None
    interview.interviewer_name = interviewer_name.strip() or _name(actor)
    for name, value in content.items():
        setattr(interview, name, value)
    event = "completed" if before.completed_at is None else "content changed"
    return _save(actor, before, interview, event)


@transaction.atomic
def return_interview_share_with_police(
    *, actor: User | None, episode: Episode, expected_version: int | None, now: datetime
) -> ReturnInterview:
    """Mark a completed interview as shared: police then read it (SPEC.md §8)."""
    interview = _open_interview(episode, expected_version)
    _not_voided(interview)
    if interview.completed_at is None:
        _refuse("__all__", "Complete the interview before sharing it with the police")
    if interview.shared_with_police_at is not None:
        return interview
    before = copy.copy(interview)
    interview.shared_with_police_at = now
    return _save(actor, before, interview, "shared with police")


@transaction.atomic
def return_interview_authorise(
    *, actor: User, episode: Episode, expected_version: int | None, now: datetime
) -> ReturnInterview:
    """Management authorisation of a completed interview; managers only (SPEC.md §8)."""
    if not actor.has_role(Role.MANAGER):
        raise PermissionError("Only a manager can authorise a return home interview.")
    interview = _open_interview(episode, expected_version)
    _not_voided(interview)
    if interview.completed_at is None:
        _refuse("__all__", "Only a completed interview can be authorised")
    if interview.authorised_at is not None:
        _refuse("__all__", "This interview has already been authorised")
    before = copy.copy(interview)
    interview.authorised_by = actor
    interview.authorised_at = now
    return _save(actor, before, interview, "authorised")


@transaction.atomic
def return_interview_void(
    *,
    actor: User | None,
    episode: Episode,
    reason: str,
    expected_version: int | None,
    now: datetime,
) -> ReturnInterview:
    """Void the interview with a reason (moved out of area, turned 18, in custody, …)."""
    interview = _open_interview(episode, expected_version)
    _not_voided(interview)
    if not reason.strip():
        _refuse("reason", "Enter why the interview is voided")
    before = copy.copy(interview)
    interview.voided_reason = reason.strip()[:200]
    interview.voided_at = now
    return _save(actor, before, interview, "voided")


def _name(user: User | None) -> str:
    if user is None or not user.is_authenticated:
        return ""
    return user.get_full_name() or user.username
