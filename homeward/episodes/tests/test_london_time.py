import datetime

import pytest
from django.core.exceptions import ValidationError

from homeward.episodes.forms import LondonDateTimeField, format_clock, parse_clock

UTC = datetime.UTC


def clean(day, month, year, clock):
    return LondonDateTimeField(label="When").clean([day, month, year, clock])


def test_summer_time_is_converted_from_bst_to_utc():
    assert clean("4", "7", "2025", "7:30pm") == datetime.datetime(2025, 7, 4, 18, 30, tzinfo=UTC)


def test_winter_time_is_the_same_as_utc():
    assert clean("4", "3", "2025", "19:30") == datetime.datetime(2025, 3, 4, 19, 30, tzinfo=UTC)


@pytest.mark.parametrize("typed", ["7pm", "7.00pm", "19:00", "7 PM", " 7:00 pm "])
def test_common_ways_of_typing_a_time_are_understood(typed):
    assert parse_clock(typed)[0] == datetime.time(19, 0)


def test_midnight_is_the_start_of_the_day():
    assert parse_clock("midnight")[0] == datetime.time(0, 0)


def test_time_in_the_spring_forward_gap_is_refused():
    with pytest.raises(ValidationError, match="clocks went forward"):
        clean("30", "3", "2025", "1:30am")


def test_ambiguous_autumn_time_is_refused_without_a_zone():
    with pytest.raises(ValidationError, match="happened twice"):
        clean("26", "10", "2025", "1:30am")


def test_ambiguous_autumn_time_with_bst_is_the_first_one():
    assert clean("26", "10", "2025", "1:30am BST") == datetime.datetime(
        2025, 10, 26, 0, 30, tzinfo=UTC
    )


def test_ambiguous_autumn_time_with_gmt_is_the_second_one():
    assert clean("26", "10", "2025", "1:30am GMT") == datetime.datetime(
        2025, 10, 26, 1, 30, tzinfo=UTC
    )


def test_a_date_that_does_not_exist_is_refused():
    with pytest.raises(ValidationError, match="real date"):
        clean("30", "2", "2025", "10am")


def test_a_missing_time_is_refused():
    with pytest.raises(ValidationError, match="must include a time"):
        clean("3", "2", "2025", "")


def test_a_missing_year_is_named():
    with pytest.raises(ValidationError, match="must include a year"):
        clean("3", "2", "", "10am")


def test_clock_is_shown_in_gov_uk_style():
    assert [format_clock(datetime.time(h, m)) for h, m in [(19, 30), (10, 0), (0, 0), (12, 0)]] == [
        "7:30pm",
        "10am",
        "midnight",
        "midday",
    ]
