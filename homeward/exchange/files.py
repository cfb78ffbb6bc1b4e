"""The exchange format (SPEC.md §9): file names, columns, and reading and writing values.

Reading is strict and reports every problem as a :class:`RowError`; writing produces the
canonical form (dates ``YYYY-MM-DD``, instants in UTC with ``Z``, flags ``Y``/``N``), so that
export → load → export is byte-identical. See docs/decisions/0060-exchange-canonical-form.md.
"""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from django.db import models

from homeward.timeutil import parse_instant

CHILDREN = "children.csv"
CARE_PERIODS = "care_periods.csv"
EPISODES = "episodes.csv"
INTERVIEWS = "interviews.csv"
CME_REFERRALS = "cme_referrals.csv"

# In load order: a file may refer to records of the files before it (or already stored).
COLUMNS: dict[str, tuple[str, ...]] = {
    CHILDREN: (
        "child_id",
        "first_name",
        "last_name",
        "date_of_birth",
        "sex",
        "gender",
        "ethnicity",
        "upn",
        "responsible_authority",
        "home_postcode",
    ),
    CARE_PERIODS: (
        "child_id",
        "start_date",
        "end_date",
        "rne",
        "legal_status",
        "cin",
        "placement_type",
        "provider",
        "placement_postcode",
        "in_area",
        "unregulated",
        "reason_ceased",
        "placement_name",
    ),
    EPISODES: (
        "episode_id",
        "child_id",
        "category",
        "went_missing_at",
        "reported_at",
        "returned_at",
        "risk_level",
        "police_reference",
        "last_seen_place",
        "stayed_place",
        "found_place",
        "recorded_in_error",
    ),
    INTERVIEWS: (
        "episode_id",
        "offered_at",
        "accepted",
        "declined_reason",
        "completed_at",
        "interviewer_role",
        "voided_reason",
        "shared_with_police_at",
    ),
    CME_REFERRALS: (
        "referral_id",
        "child_id",
        "school",
        "referred_on",
        "located_on",
        "outcome",
        "closed_on",
    ),
}

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INSTANT = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?"
)


_CODE_SETS: dict[type, frozenset[str]] = {}


def _codes(choices: type[models.TextChoices]) -> frozenset[str]:
    """The values of a choices class as a set, built once (``.values`` rebuilds a list)."""
    if choices not in _CODE_SETS:
        _CODE_SETS[choices] = frozenset(choices.values)
    return _CODE_SETS[choices]


@dataclass(frozen=True)
class RowError:
    """One problem in an exchange file; ``line`` is the physical line (the header is line 1)."""

    file: str
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.reason}"


class Row:
    """One data row being read: typed accessors that record a RowError instead of raising."""

    __slots__ = ("file", "line", "values", "errors", "ok")

    def __init__(self, file: str, line: int, values: dict[str, str], errors: list[RowError]):
        self.file = file
        self.line = line
        self.values = values
        self.errors = errors
        self.ok = True

    def error(self, column: str, reason: str) -> None:
        self.ok = False
        self.errors.append(RowError(self.file, self.line, column, reason))

    def text(self, column: str, *, field: models.Field, required: bool = False) -> str:
        value = self.values[column]
        if required and not value:
            self.error(column, "is required")
        elif field.max_length is not None and len(value) > field.max_length:
            self.error(column, f"is longer than {field.max_length} characters")
        return value

    def code(
        self, column: str, choices: type[models.TextChoices], *, required: bool = False
    ) -> str:
        value = self.values[column]
        if not value:
            if required:
                self.error(column, "is required")
        elif value not in _codes(choices):
            allowed = ", ".join(choices.values)
            self.error(column, f"'{value}' is not a valid code (one of {allowed})")
        return value

    def date(self, column: str, *, required: bool = False) -> date | None:
        value = self.values[column]
        if not value:
            if required:
                self.error(column, "is required")
            return None
        if not _DATE.fullmatch(value):
            self.error(column, f"'{value}' is not a date in YYYY-MM-DD form")
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.error(column, f"'{value}' is not a date that exists")
            return None

    def instant(self, column: str, *, required: bool = False) -> datetime | None:
        value = self.values[column]
        if not value:
            if required:
                self.error(column, "is required")
            return None
        if not _INSTANT.fullmatch(value):
            self.error(column, f"'{value}' is not an ISO 8601 date and time")
            return None
        try:
            return parse_instant(value)
        except ValueError as exc:
            reason = str(exc)
            if not reason.startswith(("is ambiguous", "does not exist")):
                reason = "is not a date and time that exists"
            self.error(column, f"'{value}' {reason}")
            return None

    def flag(self, column: str) -> bool | None:
        value = self.values[column]
        if value in ("", "Y", "N"):
            return {"": None, "Y": True, "N": False}[value]
        self.error(column, f"'{value}' is not Y or N")
        return None


@dataclass
class ExchangeReader:
    """Streams one exchange file as :class:`Row` objects; header problems become RowErrors."""

    path: Path
    errors: list[RowError]

    @property
    def name(self) -> str:
        return self.path.name

    def rows(self) -> Iterator[Row]:
        expected = COLUMNS[self.name]
        with self.path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            try:
                yield from self._rows(reader, expected)
            except UnicodeDecodeError:
                self.errors.append(
                    RowError(self.name, reader.line_num + 1, "", "the file is not UTF-8")
                )
            except csv.Error as exc:
                self.errors.append(RowError(self.name, reader.line_num, "", f"bad CSV: {exc}"))

    def _rows(self, reader, expected: tuple[str, ...]) -> Iterator[Row]:
        header = next(reader, None)
        if header is None:
            self.errors.append(RowError(self.name, 1, "", "the file is empty (no header row)"))
            return
        header = [name.strip() for name in header]
        if not self._header_ok(header, expected):
            return
        previous_end = reader.line_num
        for fields in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if not fields or fields == [""]:
                continue
            if len(fields) != len(header):
                self.errors.append(
                    RowError(
                        self.name,
                        line,
                        "",
                        f"the row has {len(fields)} fields; the header has {len(header)}",
                    )
                )
                continue
            values = {name: value.strip() for name, value in zip(header, fields, strict=True)}
            yield Row(self.name, line, values, self.errors)

    def _header_ok(self, header: list[str], expected: tuple[str, ...]) -> bool:
        ok = True
        for column in expected:
            if column not in header:
                self.errors.append(RowError(self.name, 1, column, "the column is missing"))
                ok = False
        for column in header:
            if column not in expected:
                self.errors.append(RowError(self.name, 1, column, "is not a column of this file"))
                ok = False
            elif header.count(column) > 1:
                self.errors.append(RowError(self.name, 1, column, "appears more than once"))
                ok = False
        return ok


def count_rows(path: Path) -> int:
    """Data rows in a file, approximately (physical lines less the header), read fast."""
    lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
    return max(lines - 1, 0)


# Writing: the canonical form.


def write_date(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def write_instant(value: datetime | None) -> str:
    if value is None:
        return ""
    value = value.astimezone(UTC)
    if value.microsecond:
        return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_flag(value: bool | None) -> str:
    return "" if value is None else ("Y" if value else "N")
