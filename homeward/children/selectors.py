"""Reads about children, always scoped by who is asking (STYLE.md §3, SPEC.md §8).

A child outside the user's reach does not exist for them: ``child_get_for_user`` raises Http404,
never PermissionDenied, so a guessed id reveals nothing.
"""

import re
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from homeward.accounts.models import Role
from homeward.children import codes
from homeward.children.models import CarePeriod, Child
from homeward.episodes.models import Episode
from homeward.timeutil import local_date

# Roles that see every child of their partnership (SPEC.md §8). Police read them too: what they
# may see *within* a record (no case notes) is decided by the pages, and they have no write views.
PARTNERSHIP_READERS = (Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MANAGER, Role.POLICE)

SEARCH_RESULT_LIMIT = 50


def _today() -> date:
    return local_date(timezone.now())


def _current_care_period(today: date) -> QuerySet[CarePeriod]:
    """The care period covering ``today`` for OuterRef("pk"), the latest start winning.

    On the day one period ends and the next starts, the one that starts applies (SPEC.md §9).
    """
    return (
        CarePeriod.objects.filter(child_id=OuterRef("pk"), start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .order_by("-start_date", "-pk")
    )


def children_for_user(user, *, today: date | None = None) -> QuerySet[Child]:
    """The children ``user`` may see (SPEC.md §8), as at the London date ``today``.

    - co-ordinators, social workers, managers and police: the children of their partnership;
    - carers: children whose care period current today is at a placement they care at;
    - analysts, administrators, users without a role or organisation: none (analysts work
      with pseudonymised report data, administrators with users and settings).
    """
    if not (user.is_authenticated and user.is_active and user.organisation_id):
        return Child.objects.none()
    if user.role in PARTNERSHIP_READERS:
        return Child.objects.filter(organisation__partnership_id=user.organisation.partnership_id)
    if user.role == Role.CARER:
        current = _current_care_period(today or _today())
        return Child.objects.annotate(current_period_id=Subquery(current.values("pk")[:1])).filter(
            Exists(
                CarePeriod.objects.filter(pk=OuterRef("current_period_id"), placement__carers=user)
            )
        )
    return Child.objects.none()


def child_get_for_user(user, pk: int, *, today: date | None = None) -> Child:
    """One child within ``user``'s reach, or Http404 (SPEC.md §8)."""
    return get_object_or_404(children_for_user(user, today=today), pk=pk)


def children_with_current_placement(children: QuerySet[Child], *, today: date) -> QuerySet[Child]:
    """Annotate ``current_placement_name`` and ``current_placement_type`` (today's care period)."""
    current = _current_care_period(today)
    return children.annotate(
        current_placement_name=Subquery(current.values("placement_name")[:1]),
        current_placement_home=Subquery(current.values("placement__name")[:1]),
        current_placement_type=Subquery(current.values("placement_type")[:1]),
    )


def _name_terms(text: str) -> list[str]:
    return [term for term in re.split(r"[\s,]+", text.strip()) if term]


def children_search(
    user,
    *,
    text: str = "",
    date_of_birth: date | None = None,
    today: date | None = None,
    limit: int = SEARCH_RESULT_LIMIT,
) -> list[Child]:
    """Children in ``user``'s reach matching a name or person id and/or a date of birth.

    ``text`` matches the person id exactly (ignoring case), or every word of it matches the
    start or any part of the first or last name (partial, case-insensitive): "sam ex" finds
    Sam Example. With both ``text`` and ``date_of_birth``, a child must match both. Returns at
    most ``limit`` children, ordered by last then first name, with today's placement annotated.
    """
    today = today or _today()
    children = children_for_user(user, today=today)
    terms = _name_terms(text)
    if not terms and date_of_birth is None:
        return []
    if terms:
        by_name = Q()
        for term in terms:
            by_name &= Q(first_name__icontains=term) | Q(last_name__icontains=term)
        children = children.filter(by_name | Q(local_id__iexact=text.strip()))
    if date_of_birth is not None:
        children = children.filter(date_of_birth=date_of_birth)
    children = children_with_current_placement(children, today=today)
    found = list(children.order_by("last_name", "first_name", "pk")[:limit])
    for child in found:
        child.current_placement_type_label = _placement_type_label(child.current_placement_type)
    return found


def _placement_type_label(code: str | None) -> str:
    if not code:
        return ""
    try:
        return f"{code}: {codes.PlacementType(code).label}"
    except ValueError:  # a valid SSDA903 code Homeward's list does not name
        return code


def child_care_periods(child: Child) -> list[CarePeriod]:
    """The child's care periods, newest first, with their placements and placement group label."""
    periods = list(child.care_periods.select_related("placement").order_by("-start_date", "-pk"))
    for period in periods:
        period.placement_group_label = codes.PlacementGroup(period.placement_group).label
    return periods


def child_episodes(child: Child) -> QuerySet[Episode]:
    """The child's missing episodes, newest first (episodes recorded in error included, marked)."""
    return Episode.objects.filter(child=child).order_by("-went_missing_at", "-pk")
