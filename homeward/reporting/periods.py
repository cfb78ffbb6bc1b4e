"""Reporting periods (SPEC.md §3).

A period is a range of Europe/London calendar dates, both ends inclusive. Reporting years run
1 April – 31 March ("2020/21"), their quarters Q1 April–June … Q4 January–March; calendar
quarters (Derby's January–March …), months, calendar years and free ranges are offered too.

Every period has a ``key`` that pages put in URLs and the command line accepts, and
:func:`period_from_key` reads it back (see docs/decisions for the key grammar):

=====================  =====================================
``2021-22``            reporting year 1 April 2021 – 31 March 2022
``2021-22-Q3``         its third quarter (October – December 2021)
``2021-Q1``            calendar quarter January – March 2021
``2021-07``            the month July 2021
``2021``               the calendar year 2021
``2021-04-01..2021-06-30``  a free range
=====================  =====================================

``YYYY-YY`` and ``YYYY-MM`` collide for the years 2000–2011 (``2011-12`` could be December 2011
or the reporting year 2011/12): the month wins, and the reporting year is written ``fy2011-12``
(``fy`` is accepted before any reporting-year key, and ``2011/12`` is accepted too).
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from homeward.timeutil import LONDON, UTC


class PeriodKeyError(ValueError):
    """A period key that does not name a period."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str = ""
    # "reporting_year", "reporting_quarter", "calendar_quarter", "month", "calendar_year" or
    # "range": decides the label and key of this period and of the same period a year earlier.
    kind: str = "range"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("A period cannot end before it starts.")
        if not self.label:
            object.__setattr__(self, "label", _range_label(self.start, self.end))

    def year_earlier(self) -> "Period":
        """The same period a year earlier (29 February falls back to 28 February).

        A period ending on the last day of a month ends on the last day of that month a year
        earlier, so February 2025 compares with the whole of February 2024.
        """
        start = _year_back(self.start)
        end = _year_back(self.end)
        if self.end.day == _month_days(self.end):
            end = end.replace(day=_month_days(end))
        return _relabel(start, end, self.kind)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def starts_at(self) -> datetime:
        """The first instant of the period (London midnight of ``start``), in UTC."""
        return london_midnight(self.start)

    @property
    def ends_before(self) -> datetime:
        """The first instant after the period (London midnight after ``end``), in UTC."""
        return london_midnight(self.end + timedelta(days=1))

    @property
    def key(self) -> str:
        return _key(self)


def london_midnight(day: date) -> datetime:
    """The UTC instant at which a London calendar date begins."""
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


def _month_days(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _year_back(day: date) -> date:
    if day.month == 2 and day.day == 29:
        return date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def _range_label(start: date, end: date) -> str:
    return f"{start:%-d %B %Y} to {end:%-d %B %Y}"


def _relabel(start: date, end: date, kind: str) -> Period:
    """The period of ``kind`` with these dates, labelled as that kind labels itself."""
    if kind == "reporting_year":
        return reporting_year(start.year)
    if kind == "reporting_quarter":
        year = start.year if start.month >= 4 else start.year - 1
        return reporting_quarter(year, (start.month - 4) % 12 // 3 + 1)
    if kind == "calendar_quarter":
        return calendar_quarter(start.year, (start.month - 1) // 3 + 1)
    if kind == "month":
        return month(start.year, start.month)
    if kind == "calendar_year":
        return calendar_year(start.year)
    return Period(start, end)


def reporting_year(start_year: int) -> Period:
    """1 April start_year – 31 March start_year+1, labelled '2020/21'."""
    return Period(
        date(start_year, 4, 1),
        date(start_year + 1, 3, 31),
        f"{start_year}/{(start_year + 1) % 100:02d}",
        "reporting_year",
    )


def reporting_year_of(day: date) -> Period:
    """The reporting year containing a date."""
    return reporting_year(day.year if day.month >= 4 else day.year - 1)


def reporting_quarter(start_year: int, quarter: int) -> Period:
    """Q1 April–June … Q4 January–March of the reporting year starting 1 April start_year."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("A quarter is 1, 2, 3 or 4.")
    first_month = (quarter - 1) * 3 + 4
    year = start_year + (first_month > 12)
    first_month = (first_month - 1) % 12 + 1
    start = date(year, first_month, 1)
    end = date(year, first_month + 2, calendar.monthrange(year, first_month + 2)[1])
    label = f"{start_year}/{(start_year + 1) % 100:02d} Q{quarter} ({start:%B}–{end:%B %Y})"
    return Period(start, end, label, "reporting_quarter")


def calendar_quarter(year: int, quarter: int) -> Period:
    """Q1 January–March … Q4 October–December."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("A quarter is 1, 2, 3 or 4.")
    first_month = (quarter - 1) * 3 + 1
    start = date(year, first_month, 1)
    end = date(year, first_month + 2, calendar.monthrange(year, first_month + 2)[1])
    return Period(start, end, f"{start:%B} – {end:%B %Y}", "calendar_quarter")


def month(year: int, month: int) -> Period:
    start = date(year, month, 1)
    return Period(start, date(year, month, _month_days(start)), f"{start:%B %Y}", "month")


def calendar_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), str(year), "calendar_year")


def date_range(start: date, end: date) -> Period:
    """A free range of dates, both inclusive."""
    return Period(start, end)


def _key(period: Period) -> str:
    kind, start = period.kind, period.start
    if kind == "reporting_year":
        key = f"{start.year}-{(start.year + 1) % 100:02d}"
        return f"fy{key}" if _is_month_key(key) else key
    if kind == "reporting_quarter":
        year = start.year if start.month >= 4 else start.year - 1
        return f"{year}-{(year + 1) % 100:02d}-Q{(start.month - 4) % 12 // 3 + 1}"
    if kind == "calendar_quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if kind == "month":
        return f"{start:%Y-%m}"
    if kind == "calendar_year":
        return str(start.year)
    return f"{period.start.isoformat()}..{period.end.isoformat()}"


def _is_month_key(key: str) -> bool:
    return 1 <= int(key[5:7]) <= 12


_REPORTING_YEAR = re.compile(r"(?:fy)?(\d{4})[-/](\d{2})(?:-q([1-4]))?")
_CALENDAR_QUARTER = re.compile(r"(\d{4})-q([1-4])")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"(\d{4})")
_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")


def period_from_key(key: str) -> Period:
    """The period a key names (the module docstring lists the forms); PeriodKeyError if none."""
    text = key.strip().lower()
    try:
        period = _parse(text)
    except ValueError as error:  # an impossible date such as 2021-02-30
        raise PeriodKeyError(f"{key!r} is not a valid period: {error}.") from error
    if period is None:
        raise PeriodKeyError(
            f"{key!r} is not a period. Use 2021-22 (reporting year), 2021-22-Q3, 2021-Q1 "
            "(calendar quarter), 2021-07 (month), 2021 (calendar year) or "
            "2021-04-01..2021-06-30."
        )
    return period


def _parse(text: str) -> Period | None:
    if match := _RANGE.fullmatch(text):
        return date_range(date.fromisoformat(match[1]), date.fromisoformat(match[2]))
    if match := _CALENDAR_QUARTER.fullmatch(text):
        return calendar_quarter(int(match[1]), int(match[2]))
    if (match := _MONTH.fullmatch(text)) and 1 <= int(match[2]) <= 12:
        return month(int(match[1]), int(match[2]))
    if match := _REPORTING_YEAR.fullmatch(text):
        year = int(match[1])
        if int(match[2]) != (year + 1) % 100:
            raise ValueError("a reporting year runs into the next year (e.g. 2021-22)")
        return reporting_quarter(year, int(match[3])) if match[3] else reporting_year(year)
    if match := _YEAR.fullmatch(text):
        return calendar_year(int(match[1]))
    return None


def _clip(piece: Period, outer: Period) -> Period:
    if piece.start >= outer.start and piece.end <= outer.end:
        return piece
    return Period(max(piece.start, outer.start), min(piece.end, outer.end))


def quarters_in(period: Period, *, reporting: bool | None = None) -> list[Period]:
    """The quarters covering a period, in order, the first and last clipped to it.

    Reporting and calendar quarters share their boundaries; ``reporting`` only chooses the
    labels (by default reporting quarters unless the period is a calendar quarter or year).
    """
    if reporting is None:
        reporting = period.kind not in ("calendar_quarter", "calendar_year")
    pieces = []
    day = date(period.start.year, (period.start.month - 1) // 3 * 3 + 1, 1)
    while day <= period.end:
        if reporting:
            year = day.year if day.month >= 4 else day.year - 1
            piece = reporting_quarter(year, (day.month - 4) % 12 // 3 + 1)
        else:
            piece = calendar_quarter(day.year, (day.month - 1) // 3 + 1)
        pieces.append(_clip(piece, period))
        day = piece.end + timedelta(days=1)
    return pieces


def months_in(period: Period) -> list[Period]:
    """The months covering a period, in order, the first and last clipped to it."""
    pieces = []
    day = period.start.replace(day=1)
    while day <= period.end:
        piece = month(day.year, day.month)
        pieces.append(_clip(piece, period))
        day = piece.end + timedelta(days=1)
    return pieces


def recognise(start: date, end: date) -> Period:
    """The named period with exactly these dates (a reporting year, a reporting quarter, a
    calendar year, a month, a calendar quarter), or else a free range — for labels."""
    candidates = []
    if start.day == 1:
        candidates = [
            reporting_year_of(start),
            calendar_year(start.year),
            reporting_quarter(
                start.year if start.month >= 4 else start.year - 1, (start.month - 4) % 12 // 3 + 1
            ),
            calendar_quarter(start.year, (start.month - 1) // 3 + 1),
            month(start.year, start.month),
        ]
    for candidate in candidates:
        if (candidate.start, candidate.end) == (start, end):
            return candidate
    return date_range(start, end)
