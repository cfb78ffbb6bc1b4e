import datetime

import pytest

from homeward.children.tests.factories import CarePeriodFactory, ChildFactory
from homeward.episodes.models import Category, RiskLevel
from homeward.episodes.services import episode_report

UTC = datetime.UTC
NOW = datetime.datetime(2024, 3, 10, 12, 0, tzinfo=UTC)


def hours_ago(hours: float) -> datetime.datetime:
    return NOW - datetime.timedelta(hours=hours)


def report(child, actor, now, **extra):
    """Report ``child`` missing through the service: gone 3 hours ago, reported 2 hours ago,
    medium risk, unless ``extra`` says otherwise."""
    values = {
        "category": Category.MISSING,
        "went_missing_at": hours_ago(3),
        "reported_at": hours_ago(2),
        "risk_level": RiskLevel.MEDIUM,
    }
    values.update(extra)
    return episode_report(actor=actor, child=child, now=now, **values)


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def child(local_authority, placement):
    """A looked after child living at the carer's placement (Oak House)."""
    child = ChildFactory(organisation=local_authority, date_of_birth=datetime.date(2009, 5, 17))
    CarePeriodFactory(
        child=child,
        start_date=datetime.date(2022, 1, 1),
        placement=placement,
        placement_name=placement.name,
        in_area=False,
    )
    return child
