import datetime

import pytest

from homeward.children.tests.factories import CarePeriodFactory, ChildFactory

UTC = datetime.UTC
NOW = datetime.datetime(2024, 3, 10, 12, 0, tzinfo=UTC)


def hours_ago(hours: float) -> datetime.datetime:
    return NOW - datetime.timedelta(hours=hours)


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
