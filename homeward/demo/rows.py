"""The rows of the demo's exchange files (SPEC.md §9) and how they are written.

Values are typed here (dates, aware datetimes, booleans); :func:`files_write` turns them into the
exchange format: dates ``YYYY-MM-DD``, instants in UTC with ``Z``, flags ``Y``/``N``.
"""

import csv
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from pathlib import Path


@dataclass(frozen=True)
class ChildRow:
    child_id: str
    first_name: str
    last_name: str
    date_of_birth: date
    sex: str
    gender: str
    ethnicity: str
    upn: str
    responsible_authority: str
    home_postcode: str


@dataclass(frozen=True)
class CarePeriodRow:
    child_id: str
    start_date: date
    end_date: date | None
    rne: str
    legal_status: str
    cin: str
    placement_type: str
    provider: str
    placement_postcode: str
    in_area: bool
    unregulated: bool
    reason_ceased: str
    placement_name: str


@dataclass(frozen=True)
class EpisodeRow:
    episode_id: str
    child_id: str
    category: str
    went_missing_at: datetime
    reported_at: datetime | None
    returned_at: datetime | None
    risk_level: str
    police_reference: str
    last_seen_place: str
    stayed_place: str
    found_place: str
    recorded_in_error: bool


@dataclass(frozen=True)
class InterviewRow:
    episode_id: str
    offered_at: datetime | None
    accepted: bool | None
    declined_reason: str
    completed_at: datetime | None
    interviewer_role: str
    voided_reason: str
    shared_with_police_at: datetime | None


@dataclass(frozen=True)
class CMEReferralRow:
    referral_id: str
    child_id: str
    school: str
    referred_on: date
    located_on: date | None
    outcome: str
    closed_on: date | None


FILES: dict[str, type] = {
    "children.csv": ChildRow,
    "care_periods.csv": CarePeriodRow,
    "episodes.csv": EpisodeRow,
    "interviews.csv": InterviewRow,
    "cme_referrals.csv": CMEReferralRow,
}


def columns(row_type: type) -> list[str]:
    return [f.name for f in fields(row_type)]


def cell(value) -> str:
    """One value in the exchange format's canonical form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def file_write(path: Path, row_type: type, rows: list) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        names = columns(row_type)
        writer.writerow(names)
        for row in rows:
            writer.writerow([cell(getattr(row, name)) for name in names])
