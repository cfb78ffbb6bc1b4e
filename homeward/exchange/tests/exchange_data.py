"""Small synthetic exchange folders written by the tests (invented people, ZZ99 postcodes)."""

import csv
from pathlib import Path

from homeward.exchange.files import COLUMNS

CHILD = {
    "child_id": "C1",
    "first_name": "Testa",
    "last_name": "Example",
    "date_of_birth": "2008-05-17",
    "sex": "2",
    "gender": "female",
    "ethnicity": "WBRI",
    "upn": "",
    "responsible_authority": "Testshire Council",
    "home_postcode": "ZZ99 1AA",
}
CARE_PERIOD = {
    "child_id": "C1",
    "start_date": "2020-01-01",
    "end_date": "",
    "rne": "S",
    "legal_status": "C2",
    "cin": "N1",
    "placement_type": "K2",
    "provider": "PR4",
    "placement_postcode": "ZZ99 2BB",
    "in_area": "N",
    "unregulated": "N",
    "reason_ceased": "",
    "placement_name": "Oak House",
}
EPISODE = {
    "episode_id": "E1",
    "child_id": "C1",
    "category": "missing",
    "went_missing_at": "2021-06-01T20:00:00Z",
    "reported_at": "2021-06-01T22:00:00Z",
    "returned_at": "2021-06-02T08:00:00Z",
    "risk_level": "medium",
    "police_reference": "TP-0001",
    "last_seen_place": "Test Park",
    "stayed_place": "",
    "found_place": "Test Bus Station",
    "recorded_in_error": "N",
}
INTERVIEW = {
    "episode_id": "E1",
    "offered_at": "2021-06-02T09:00:00Z",
    "accepted": "Y",
    "declined_reason": "",
    "completed_at": "2021-06-03T10:00:00Z",
    "interviewer_role": "independent",
    "voided_reason": "",
    "shared_with_police_at": "",
}
CME_REFERRAL = {
    "referral_id": "R1",
    "child_id": "C1",
    "school": "Test Academy",
    "referred_on": "2021-09-01",
    "located_on": "2021-09-10",
    "outcome": "Registered at a new school",
    "closed_on": "2021-09-15",
}
ROWS = {
    "children.csv": CHILD,
    "care_periods.csv": CARE_PERIOD,
    "episodes.csv": EPISODE,
    "interviews.csv": INTERVIEW,
    "cme_referrals.csv": CME_REFERRAL,
}


def row(file: str, **changes) -> dict:
    """The base row of a file with some values changed."""
    return {**ROWS[file], **changes}


def write_file(folder: Path, name: str, rows: list[dict], columns=None) -> Path:
    columns = list(columns or COLUMNS[name])
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for values in rows:
            writer.writerow([values.get(column, "") for column in columns])
    return path


def write_folder(folder: Path, **files: list[dict]) -> Path:
    """Write the given files (keyword = file name without .csv) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, rows in files.items():
        write_file(folder, f"{stem}.csv", rows)
    return folder


def full_folder(folder: Path) -> Path:
    """One child with a care period, an episode, its interview and a CME referral."""
    return write_folder(
        folder,
        children=[CHILD],
        care_periods=[CARE_PERIOD],
        episodes=[EPISODE],
        interviews=[INTERVIEW],
        cme_referrals=[CME_REFERRAL],
    )
