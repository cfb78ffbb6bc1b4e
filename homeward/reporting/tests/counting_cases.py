"""Small hand-built cases for the counting tests: an episode, its interview, a care period."""

from datetime import UTC, date, datetime, timedelta

from homeward.children.services import episode_care_periods_refresh
from homeward.children.tests.factories import CarePeriodFactory, ChildFactory
from homeward.episodes.tests.factories import EpisodeFactory
from homeward.interviews.tests.factories import ReturnInterviewFactory


def at(*args) -> datetime:
    """A UTC instant: at(2021, 6, 30, 23, 30)."""
    return datetime(*args, tzinfo=UTC)


def child(organisation, **kwargs):
    return ChildFactory(organisation=organisation, **kwargs)


def episode(who, went_missing_at, *, hours: float | None = 5, interview: dict | None = None, **kw):
    """An episode of ``who`` lasting ``hours`` (None: still missing), with an optional RHI."""
    returned_at = None if hours is None else went_missing_at + timedelta(hours=hours)
    made = EpisodeFactory(child=who, went_missing_at=went_missing_at, returned_at=returned_at, **kw)
    if interview is not None:
        ReturnInterviewFactory(episode=made, **interview)
    return made


def looked_after(who, start: date, end: date | None = None, **kwargs):
    """A care period for ``who``; refreshes the episodes' care-period links."""
    period = CarePeriodFactory(child=who, start_date=start, end_date=end, **kwargs)
    episode_care_periods_refresh(child_ids=[who.pk])
    return period
