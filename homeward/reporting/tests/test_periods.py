"""Reporting periods and their keys (SPEC.md §3)."""

from datetime import UTC, date, datetime

import pytest

from homeward.reporting.periods import (
    PeriodKeyError,
    calendar_quarter,
    date_range,
    london_midnight,
    month,
    months_in,
    period_from_key,
    quarters_in,
    reporting_quarter,
    reporting_year,
)


def test_reporting_year_runs_april_to_march_with_its_label():
    year = reporting_year(2020)
    assert (year.start, year.end, year.label) == (date(2020, 4, 1), date(2021, 3, 31), "2020/21")


def test_reporting_quarter_four_is_january_to_march_of_the_next_calendar_year():
    q4 = reporting_quarter(2021, 4)
    assert (q4.start, q4.end) == (date(2022, 1, 1), date(2022, 3, 31))


def test_reporting_quarter_one_is_april_to_june():
    q1 = reporting_quarter(2021, 1)
    assert (q1.start, q1.end) == (date(2021, 4, 1), date(2021, 6, 30))


def test_calendar_quarter_one_is_january_to_march():
    q1 = calendar_quarter(2021, 1)
    assert (q1.start, q1.end) == (date(2021, 1, 1), date(2021, 3, 31))


def test_month_ends_on_its_last_day_in_a_leap_year():
    assert month(2024, 2).end == date(2024, 2, 29)


def test_year_earlier_of_a_reporting_year_is_the_previous_reporting_year():
    assert reporting_year(2020).year_earlier() == reporting_year(2019)


def test_year_earlier_moves_29_february_back_to_28_february():
    earlier = date_range(date(2024, 2, 29), date(2024, 3, 10)).year_earlier()
    assert (earlier.start, earlier.end) == (date(2023, 2, 28), date(2023, 3, 10))


def test_year_earlier_of_february_is_the_whole_february_before():
    assert month(2025, 2).year_earlier().end == date(2024, 2, 29)


def test_period_ends_at_london_midnight_after_its_last_day_in_utc():
    # 30 June is in British Summer Time: the period ends at 23:00 UTC on 30 June.
    assert month(2021, 6).ends_before == datetime(2021, 6, 30, 23, 0, tzinfo=UTC)


def test_london_midnight_in_winter_is_utc_midnight():
    assert london_midnight(date(2021, 1, 5)) == datetime(2021, 1, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [
        ("2021-22", date(2021, 4, 1), date(2022, 3, 31)),
        ("2021/22", date(2021, 4, 1), date(2022, 3, 31)),
        ("2021-22-Q3", date(2021, 10, 1), date(2021, 12, 31)),
        ("2021-Q1", date(2021, 1, 1), date(2021, 3, 31)),
        ("2021-07", date(2021, 7, 1), date(2021, 7, 31)),
        ("2021", date(2021, 1, 1), date(2021, 12, 31)),
        ("2021-04-03..2021-05-09", date(2021, 4, 3), date(2021, 5, 9)),
        ("2011-12", date(2011, 12, 1), date(2011, 12, 31)),
        ("fy2011-12", date(2011, 4, 1), date(2012, 3, 31)),
    ],
)
def test_period_from_key_reads_each_form(key, start, end):
    period = period_from_key(key)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    "period",
    [
        reporting_year(2021),
        reporting_year(2011),
        reporting_quarter(2021, 4),
        calendar_quarter(2021, 2),
        month(2021, 7),
        date_range(date(2021, 4, 3), date(2021, 5, 9)),
    ],
)
def test_period_key_reads_back_to_the_same_period(period):
    assert period_from_key(period.key) == period


@pytest.mark.parametrize("key", ["2021-23", "2021-13-01..2021-12-01", "last year", "2021-Q5"])
def test_period_from_key_rejects_what_is_not_a_period(key):
    with pytest.raises(PeriodKeyError):
        period_from_key(key)


def test_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        date_range(date(2021, 5, 1), date(2021, 4, 1))


def test_quarters_in_a_reporting_year_are_its_four_reporting_quarters():
    assert quarters_in(reporting_year(2021)) == [reporting_quarter(2021, q) for q in (1, 2, 3, 4)]


def test_quarters_in_a_free_range_are_clipped_to_it():
    pieces = quarters_in(date_range(date(2021, 5, 15), date(2021, 7, 10)))
    assert [(p.start, p.end) for p in pieces] == [
        (date(2021, 5, 15), date(2021, 6, 30)),
        (date(2021, 7, 1), date(2021, 7, 10)),
    ]


def test_months_in_a_quarter_are_its_three_months():
    assert months_in(calendar_quarter(2021, 1)) == [month(2021, m) for m in (1, 2, 3)]
