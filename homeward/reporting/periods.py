"""Reporting periods (SPEC.md §3). CONTRACT — to be implemented.

A period is a range of Europe/London calendar dates, both ends inclusive.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str = ""

    def year_earlier(self) -> "Period":
        """The same period a year earlier (29 February falls back to 28 February)."""
        raise NotImplementedError


def reporting_year(start_year: int) -> Period:
    """1 April start_year – 31 March start_year+1, labelled '2020/21'."""
    raise NotImplementedError


def reporting_quarter(start_year: int, quarter: int) -> Period:
    """Q1 April–June … Q4 January–March of the reporting year starting 1 April start_year."""
    raise NotImplementedError


def calendar_quarter(year: int, quarter: int) -> Period:
    """Q1 January–March … Q4 October–December."""
    raise NotImplementedError


def month(year: int, month: int) -> Period:
    raise NotImplementedError
