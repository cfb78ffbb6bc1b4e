"""The integrity rules the database cannot hold (SPEC.md §1, §2, §9).

Pure functions over values, so every entry path — forms, the exchange loader, the API — applies
the same rule: services call them with records fetched from the database, the loader with the
rows of a file set merged with what is already stored. Each returns an error message or None.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from homeward.timeutil import eighteenth_birthday, local_date, to_london


@dataclass(frozen=True)
class Interval:
    """An episode's time span; ``end`` None means still missing. ``key`` names it in messages."""

    key: str
    start: datetime
    end: datetime | None


def return_after_going_missing(
    went_missing_at: datetime, returned_at: datetime | None
) -> str | None:
    if returned_at is not None and returned_at < went_missing_at:
        return "The return must be after the child went missing."
    return None


def before_eighteenth_birthday(date_of_birth: date, went_missing_at: datetime) -> str | None:
    """No new episode may start on or after the 18th birthday (SPEC.md §1 "child")."""
    birthday = eighteenth_birthday(date_of_birth)
    if local_date(went_missing_at) >= birthday:
        return (
            f"The child turned 18 on {birthday:%-d %B %Y}; an episode cannot start on or after "
            "the 18th birthday."
        )
    return None


def not_before_birth(date_of_birth: date, went_missing_at: datetime) -> str | None:
    if local_date(went_missing_at) < date_of_birth:
        return "The child cannot go missing before they were born."
    return None


def not_in_future(value: datetime | None, now: datetime, label: str) -> str | None:
    if value is not None and value > now:
        return f"{label} cannot be in the future."
    return None


def overlaps(candidate: Interval, others: Iterable[Interval]) -> Interval | None:
    """The first other episode of the same child whose span overlaps the candidate's.

    Spans are half-open: an episode may start at the very instant the previous one ended.
    An open episode (no return) runs on for ever, so a child has at most one open episode.
    """
    for other in others:
        if other.key == candidate.key:
            continue
        starts_before_other_ends = other.end is None or candidate.start < other.end
        ends_after_other_starts = candidate.end is None or candidate.end > other.start
        if starts_before_other_ends and ends_after_other_starts:
            return other
    return None


def overlap_message(other: Interval) -> str:
    when = to_london(other.start).strftime("%-d %B %Y %H:%M")
    return f"This overlaps episode {other.key}, which started {when}."


def overlapping_pairs(intervals: Iterable[Interval]) -> list[tuple[Interval, Interval]]:
    """Every (later, earlier) pair of one child's intervals that overlap, in one sorted pass."""
    ordered = sorted(intervals, key=lambda i: i.start)
    pairs = []
    furthest: Interval | None = None  # the interval reaching furthest forward so far
    for interval in ordered:
        if furthest is not None and (furthest.end is None or interval.start < furthest.end):
            pairs.append((interval, furthest))
        if furthest is None or (
            furthest.end is not None and (interval.end is None or interval.end > furthest.end)
        ):
            furthest = interval
    return pairs


def reported_after_going_missing(
    went_missing_at: datetime, reported_at: datetime | None
) -> str | None:
    """A child is reported missing after they were last seen, never before."""
    if reported_at is not None and reported_at < went_missing_at:
        return "The report must be made after the child was last seen."
    return None


def within_episode(
    went_missing_at: datetime, returned_at: datetime | None, at: datetime, label: str
) -> str | None:
    """A risk change or sighting is timed while the child is missing (SPEC.md §2)."""
    if at < went_missing_at:
        return f"{label} cannot be before the child went missing."
    if returned_at is not None and at > returned_at:
        return f"{label} cannot be after the child returned."
    return None


def after_return(returned_at: datetime | None, at: datetime | None, label: str) -> str | None:
    """Return home interviews follow the return (SPEC.md §1 "return home interview")."""
    if at is None:
        return None
    if returned_at is None:
        return "The child has not returned yet; record the return first."
    if at < returned_at:
        return f"{label} cannot be before the child returned."
    return None


def ends_after_start(start: date, end: date | None) -> str | None:
    """A care period (DEC ≥ DECOM) or a CME referral's later dates (SPEC.md §2, §9)."""
    if end is not None and end < start:
        return f"cannot be before the start ({start:%-d %B %Y})."
    return None


def care_period_clashes(periods: list[tuple[date, date | None]]) -> list[tuple[int, int]]:
    """(later, earlier) indexes of one child's care periods that overlap (SPEC.md §2, §9).

    A period may end on the day the next starts (the SSDA903 placement move); an open period
    (no end) runs on, so no period may start after it.
    """
    clashes = []
    furthest: int | None = None  # the period reaching furthest forward so far
    for i in sorted(range(len(periods)), key=lambda i: periods[i][0]):
        start, end = periods[i]
        if furthest is not None:
            reach = periods[furthest][1]
            if reach is None or start < reach:
                clashes.append((i, furthest))
            if reach is not None and (end is None or end > reach):
                furthest = i
        else:
            furthest = i
    return clashes
