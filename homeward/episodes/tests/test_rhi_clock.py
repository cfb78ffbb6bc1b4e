import datetime

import pytest

from homeward.episodes.templatetags.episode_tags import london, rhi_clock

UTC = datetime.UTC
NOW = datetime.datetime(2025, 3, 28, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("hours", "shown"),
    [
        (40.2, "40 hours 12 min left"),
        (0.5, "30 minutes left"),
        (-3, "Overdue by 3 hours"),
        (-203, "Overdue by 8 days 11 hours"),
    ],
)
def test_clock_reads_as_a_person_would_say_it(hours, shown):
    assert rhi_clock(NOW + datetime.timedelta(hours=hours), NOW) == shown


def test_deadline_across_the_clock_change_is_72_elapsed_hours():
    # Returned Friday 28 March 2025 at noon GMT; the clocks go forward on Sunday 30 March.
    returned = datetime.datetime(2025, 3, 28, 12, 0, tzinfo=UTC)
    deadline = returned + datetime.timedelta(hours=72)
    assert london(deadline) == "Monday 31 March 2025, 1pm"
    assert rhi_clock(deadline, returned) == "3 days left"
