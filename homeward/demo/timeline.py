"""When the demo's episodes happen and how long they last.

Children with a few episodes have them in a burst (so the "3 in 30 days" rule fires for some);
the busiest spread theirs over most of a year. A child has at most one episode starting on a
local day, and every episode ends before the child's next one starts (SPEC.md §9: no overlap).
"""

import random
from datetime import date, datetime, timedelta
from itertools import pairwise

from homeward.demo.people import DraftEpisode, Kid, Year, weighted
from homeward.timeutil import LONDON, UTC

# Children go missing mostly in the afternoon and evening.
HOUR_WEIGHTS = dict(
    enumerate([2, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 3, 4, 5, 6, 7, 8, 9, 10, 10, 9, 8, 6, 4])
)
# Hours missing: most back within 24 hours, a long tail of days (SPEC.md §6 "duration").
DURATION_BANDS = {
    (0.5, 4): 30,
    (4, 12): 25,
    (12, 24): 25,
    (24, 72): 12,
    (72, 168): 6,
    (168, 504): 2,
}
# An episode still open at "now" must have started within this long of it.
OPEN_WINDOW = timedelta(days=4)


def pick_days(rng: random.Random, first: date, last: date, count: int) -> list[date]:
    """``count`` distinct days in [first, last]: a burst for a few, most of the year for many."""
    available = (last - first).days + 1
    if available <= 0 or count <= 0:
        return []
    if count >= 10:
        span = rng.randint(max(count * 3, 150), 365)
    elif count >= 2:
        span = rng.randint(max(count * 5, 20), 120)
    else:
        span = available
    span = min(max(span, count), available)
    offset = rng.randint(0, available - span)
    picked = rng.sample(range(offset, offset + span), min(count, span))
    return sorted(first + timedelta(days=n) for n in picked)


def kid_days(rng: random.Random, kid: Kid, years: list[Year], last_day: date) -> None:
    """Give ``kid`` its episodes' days: before the 18th birthday, up to ``last_day``."""
    final = kid.bday18 - timedelta(days=1)
    for year in years:
        count = kid.counts.get(year.index, 0)
        for day in pick_days(rng, year.start, min(year.end, final), count):
            if day <= last_day:
                kid.episodes.append(DraftEpisode(kid=kid, day=day, year=year.index))


def local_instant(day: date, hour: int, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON).astimezone(UTC)


def duration(rng: random.Random, category: str) -> timedelta:
    low, high = weighted(rng, DURATION_BANDS)
    hours = rng.uniform(low, high)
    if category == "away":  # whereabouts known: usually back the same day
        hours = min(hours, rng.uniform(1, 20))
    elif category == "absent":
        hours = min(hours, rng.uniform(0.5, 10))
    return timedelta(minutes=round(hours * 60))


def time_episode(rng: random.Random, episode: DraftEpisode) -> None:
    hour = weighted(rng, HOUR_WEIGHTS)
    episode.start = local_instant(episode.day, hour, rng.randint(0, 59))
    episode.end = episode.start + duration(rng, episode.category)


def settle(rng: random.Random, kid: Kid, cutoff: datetime, may_stay_open: bool) -> None:
    """End each episode before the next starts and every return before ``cutoff`` ("now").

    The last episode may stay open (no return) only if it began within OPEN_WINDOW of now.
    """
    episodes = kid.episodes
    for current, following in pairwise([*episodes, None]):
        limit = following.start if following is not None else cutoff
        if current.end is None or current.end <= limit:
            continue
        if following is None and may_stay_open and current.start >= cutoff - OPEN_WINDOW:
            current.end = None
            continue
        minutes = (limit - current.start).total_seconds() / 60
        current.end = current.start + timedelta(
            minutes=max(1, int(minutes * rng.uniform(0.3, 0.9)))
        )
