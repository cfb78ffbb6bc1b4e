"""Ranked lists, children missing education and trends (SPEC.md §6), built on counting.

Top N children and places, CME referral counts, and each headline measure per quarter or month
beside the same period a year earlier. Everything is counted in the database; the functions are
also reachable as ``homeward.reporting.counting.<name>``.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.db.models import Q, QuerySet

from homeward.reporting import cohorts
from homeward.reporting.cohorts import Cohort
from homeward.reporting.counting import (
    Headline,
    _utc,
    episodes_in_period,
    headlines_by_period,
)
from homeward.reporting.periods import Period, months_in, quarters_in
from homeward.timeutil import local_date


@dataclass(frozen=True)
class TopChild:
    """One row of the top-N table (Derby's top 12): ``rank`` is the pseudonym 1, 2, 3 …"""

    rank: int
    child_id: int
    episodes: int
    placement_types: tuple[str, ...]  # PLACE codes across the child's episodes in the period
    placement_groups: tuple[str, ...]
    placement_areas: tuple[str, ...]


def top_children(
    *, episodes: QuerySet, period: Period, cohort: Cohort, as_at: datetime, n: int = 12
) -> list[TopChild]:
    """The ``n`` children with most episodes in the period, with the placements they went
    missing from (ties broken by the child's id, so the order is stable)."""
    selected = episodes_in_period(episodes=episodes, period=period, cohort=cohort, as_at=as_at)
    ranked = list(
        selected.values("child")
        .annotate(n=models.Count("pk"))
        .order_by("-n", "child")
        .values_list("child", "n")[:n]
    )
    placements = (
        selected.filter(child__in=[child for child, _ in ranked])
        .annotate(area=cohorts.placement_area_expression(cohort))
        .values_list("child", "placement_type", "placement_group", "area")
        .distinct()
    )
    seen: dict[int, tuple[set, set, set]] = {child: (set(), set(), set()) for child, _ in ranked}
    for child, place, group, area in placements:
        types, groups, areas = seen[child]
        if place:
            types.add(place)
        groups.add(group)
        areas.add(area)
    return [
        TopChild(rank, child, count, *(tuple(sorted(values)) for values in seen[child]))
        for rank, (child, count) in enumerate(ranked, start=1)
    ]


@dataclass(frozen=True)
class PlaceCount:
    location_id: int
    name: str
    episodes: int
    children: int


LOCATION_ROLES = ("last_seen_place", "stayed_place", "found_place")


def top_locations(
    *, episodes: QuerySet, period: Period, cohort: Cohort, as_at: datetime, n: int = 10
) -> dict[str, list[PlaceCount]]:
    """The hot spots: top places last seen / stayed / found, by episodes (SPEC.md §6)."""
    selected = episodes_in_period(episodes=episodes, period=period, cohort=cohort, as_at=as_at)
    result = {}
    for role in LOCATION_ROLES:
        rows = (
            selected.filter(**{f"{role}__isnull": False})
            .values(role, f"{role}__name")
            .annotate(e=models.Count("pk"), c=models.Count("child", distinct=True))
            .order_by("-e", f"{role}__name")
            .values_list(role, f"{role}__name", "e", "c")[:n]
        )
        result[role.removesuffix("_place")] = [PlaceCount(*row) for row in rows]
    return result


@dataclass(frozen=True)
class CMECounts:
    """Children missing education referrals received in the period and what became of them."""

    received: int
    located: int
    closed: int
    still_open: int


def cme_counts(*, referrals: QuerySet, period: Period, as_at: datetime) -> CMECounts:
    """Referrals received in the period (by T), located and closed by the end of the period
    (or T if earlier), and those still open then (SPEC.md §6 "CME", Hartlepool's table)."""
    cutoff = min(period.end, local_date(_utc(as_at)))
    received = referrals.filter(referred_on__range=(period.start, cutoff)).order_by()
    counts = received.aggregate(
        received=models.Count("pk"),
        located=models.Count("pk", filter=Q(located_on__lte=cutoff)),
        closed=models.Count("pk", filter=Q(closed_on__lte=cutoff)),
    )
    return CMECounts(
        received=counts["received"],
        located=counts["located"],
        closed=counts["closed"],
        still_open=counts["received"] - counts["closed"],
    )


@dataclass(frozen=True)
class TrendPoint:
    """One quarter or month of a trend, beside the same period a year earlier."""

    current: Headline
    year_earlier: Headline


def trend(
    *,
    episodes: QuerySet,
    period: Period,
    cohort: Cohort,
    as_at: datetime,
    unit: str = "quarter",
) -> list[TrendPoint]:
    """The headline measures per quarter (or month) of the period, each with the same
    quarter a year earlier, all as at T (SPEC.md §6 "trend"): one grouped query for all of
    them (two when the period is longer than a year, so the pieces would overlap)."""
    if unit not in ("quarter", "month"):
        raise ValueError("A trend is per quarter or per month.")
    pieces = quarters_in(period) if unit == "quarter" else months_in(period)
    earlier = [piece.year_earlier() for piece in pieces]
    if earlier[-1].end < pieces[0].start:
        headlines = headlines_by_period(
            episodes=episodes, periods=[*pieces, *earlier], cohort=cohort, as_at=as_at
        )
        current, before = headlines[: len(pieces)], headlines[len(pieces) :]
    else:
        current = headlines_by_period(episodes=episodes, periods=pieces, cohort=cohort, as_at=as_at)
        before = headlines_by_period(episodes=episodes, periods=earlier, cohort=cohort, as_at=as_at)
    return [TrendPoint(current=c, year_earlier=b) for c, b in zip(current, before, strict=True)]
