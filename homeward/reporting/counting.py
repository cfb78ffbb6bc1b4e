"""The one place every number comes from (SPEC.md §3–§6). CONTRACT — to be implemented.

Every page, download, API response, committee report and the ``homeward scorecard`` command
calls these functions; nothing else counts episodes. Counting happens in the database
(aggregates, conditional counts, window functions), never by looping over rows in Python.

Inputs:
- ``episodes``: the caller's scoped queryset (e.g. the user's partnership); counting narrows it.
- ``period``: a :class:`homeward.reporting.periods.Period` (local dates, both ends inclusive).
- ``cohort``: a :class:`Cohort` filter applied to the period's episodes before any measure.
- ``as_at``: the instant T of SPEC.md §4 — anything timed after T has not happened yet.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet

from homeward.reporting.periods import Period


@dataclass(frozen=True)
class Cohort:
    """Which of the period's episodes a report counts (SPEC.md §6)."""

    looked_after: bool = False  # the child was looked after on the episode's local date
    # None, "in_area", "out_of_area" (our looked-after children placed outside our area),
    # or "placed_here" (looked after by another authority, placed in our area).
    placement: str | None = None
    responsible_authority: str | None = None  # as written in the records (name or ONS code)


@dataclass(frozen=True)
class Count:
    """Episodes and distinct children."""

    episodes: int
    children: int


@dataclass(frozen=True)
class Share:
    """A numerator over a denominator; ``pct`` rounded half up, None when the denominator is 0."""

    count: int
    of: int
    pct: int | None


@dataclass(frozen=True)
class Scorecard:
    period: Period
    cohort: Cohort
    as_at: datetime
    episodes: int
    children: int
    lac_episodes: int
    lac_children: int
    rhi_offered: Share  # of episodes
    rhi_accepted: Share  # of episodes
    rhi_completed: Share  # of accepted
    rhi_in_time: Share  # of completed
    rhi_status: dict[str, int]  # every SPEC.md §4 status, zeros included
    persistent_children: int
    persistent_episodes: int
    by_category: dict[str, Count]
    by_gender: dict[str, Count]
    by_age_band: dict[str, Count]
    by_placement_group: dict[str, Count]
    by_placement_area: dict[str, Count]  # in_area, out_of_area, placed_here, not_looked_after
    by_risk_level: dict[str, Count]
    by_responsible_authority: dict[str, Count]
    duration_median_hours: float | None
    duration_p90_hours: float | None
    returned_within_24h: Share
    still_missing: int  # episodes of the period open at the end of the period (or at as_at)
    extra: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        """The JSON object of SPEC.md §9 (``homeward scorecard --format json``)."""
        raise NotImplementedError


def scorecard(
    *, episodes: QuerySet, period: Period, cohort: Cohort, as_at: datetime
) -> Scorecard:
    raise NotImplementedError
