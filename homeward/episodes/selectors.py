"""Reads about episodes and their interviews, scoped by who is asking (STYLE.md §3, SPEC.md §8).

The reach is the child's: a user sees an episode when they may see its child
(``children.selectors.children_for_user``). Within an episode, police see only what is shared
with them: notes marked shared, and a return home interview once it is shared.
"""

from datetime import date

from django.db import connection
from django.db.models import F, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from homeward.accounts.models import Organisation, Role
from homeward.children.selectors import PARTNERSHIP_READERS, children_for_user
from homeward.episodes.models import Episode, EpisodeNote, Location
from homeward.interviews.models import ReturnInterview


def episodes_for_user(user, *, today: date | None = None) -> QuerySet[Episode]:
    """The episodes of the children ``user`` may see.

    Partnership readers filter on the episode's own organisation; carers go through their
    children.
    """
    if not (user.is_authenticated and user.is_active and user.organisation_id):
        return Episode.objects.none()
    if user.role in PARTNERSHIP_READERS:
        organisations = list(
            Organisation.objects.filter(
                partnership_id=user.organisation.partnership_id
            ).values_list("pk", flat=True)
        )
        if connection.vendor == "sqlite":
            # SQLite's planner would take the organisation index (most of the table) and sort;
            # "+ 0" keeps it on the went_missing_on index the list walks (decision 0042).
            return Episode.objects.alias(_organisation=F("organisation_id") + 0).filter(
                _organisation__in=organisations
            )
        return Episode.objects.filter(organisation_id__in=organisations)
    children = children_for_user(user, today=today).values("pk")
    return Episode.objects.filter(child_id__in=children)


def episode_get_for_user(user, pk: int, *, today: date | None = None) -> Episode:
    """One episode within ``user``'s reach, with its child and places, or Http404."""
    episodes = episodes_for_user(user, today=today).select_related(
        "child", "last_seen_place", "found_place", "stayed_place", "care_period"
    )
    return get_object_or_404(episodes, pk=pk)


def episode_notes_for_user(user, episode: Episode) -> QuerySet[EpisodeNote]:
    """Sightings and notes; police read only those shared with them (no case notes, §8)."""
    notes = episode.notes.select_related("author").order_by("-at", "-pk")
    if user.role == Role.POLICE:
        notes = notes.filter(shared_with_police=True)
    return notes


def interview_for_user(user, episode: Episode) -> ReturnInterview | None:
    """The episode's interview as ``user`` may read it: police only once shared, else None."""
    interview = (
        ReturnInterview.objects.filter(episode=episode)
        .select_related("interviewer", "authorised_by")
        .first()
    )
    if interview is not None and user.role == Role.POLICE and not interview.shared_with_police_at:
        return None
    return interview


def interview_get_for_user(user, episode: Episode) -> ReturnInterview | None:
    """For the interview page: police may not open one that is not shared (404)."""
    interview = interview_for_user(user, episode)
    if interview is None and user.role == Role.POLICE:
        raise Http404
    return interview


def locations_for_child(child) -> QuerySet[Location]:
    """The places a form offers for a child's episode: the child's organisation's places."""
    return Location.objects.filter(organisation_id=child.organisation_id)
