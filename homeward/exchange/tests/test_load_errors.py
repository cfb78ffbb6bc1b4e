"""Every bad row is reported as file:line: column: reason, and nothing is loaded (SPEC.md §9)."""

import datetime

import pytest

from homeward.children.models import Child
from homeward.children.tests.factories import ChildFactory
from homeward.episodes.models import Episode
from homeward.episodes.tests.factories import EpisodeFactory
from homeward.exchange.loader import ExchangeLoadError, exchange_load
from homeward.exchange.tests.exchange_data import (
    CHILD,
    EPISODE,
    INTERVIEW,
    row,
    write_file,
    write_folder,
)


def load_errors(folder, organisation) -> list[str]:
    with pytest.raises(ExchangeLoadError) as caught:
        exchange_load(folder=folder, organisation=organisation)
    return [str(error) for error in caught.value.errors]


def test_one_bad_row_loads_nothing_at_all(local_authority, tmp_path):
    second = row("children.csv", child_id="C2", date_of_birth="2009-02-30")
    folder = write_folder(tmp_path, children=[CHILD, second], episodes=[EPISODE])

    load_errors(folder, local_authority)

    assert not Child.objects.exists() and not Episode.objects.exists()


def test_every_bad_row_is_reported_not_only_the_first(local_authority, tmp_path):
    bad = [
        row("children.csv", child_id="C2", sex="9"),
        row("children.csv", child_id="C3", ethnicity="XXXX"),
    ]
    folder = write_folder(tmp_path, children=[CHILD, *bad])

    assert load_errors(folder, local_authority) == [
        "children.csv:3: sex: '9' is not a valid code (one of 1, 2)",
        "children.csv:4: ethnicity: '"
        "XXXX' is not a valid code (one of WBRI, WIRI, WOTH, WIRT, WROM, MWBC, MWBA, MWAS, MOTH, "
        "AIND, APKN, ABAN, AOTH, BCRB, BAFR, BOTH, CHNE, OOTH, REFU, NOBT)",
    ]


# (file, changes to the base row of that file, expected error). The base child C1 is loaded
# alongside, so the bad row is on line 2 of its file.
ROW_ERRORS = {
    "impossible date": (
        "children.csv",
        {"date_of_birth": "2009-02-30"},
        "children.csv:2: date_of_birth: '2009-02-30' is not a date that exists",
    ),
    "date in another form": (
        "children.csv",
        {"date_of_birth": "17/05/2008"},
        "children.csv:2: date_of_birth: '17/05/2008' is not a date in YYYY-MM-DD form",
    ),
    "malformed instant": (
        "episodes.csv",
        {"went_missing_at": "2021-06-01 8pm"},
        "episodes.csv:2: went_missing_at: '2021-06-01 8pm' is not an ISO 8601 date and time",
    ),
    "instant that does not exist": (
        "episodes.csv",
        {"reported_at": "2021-06-31T10:00:00Z"},
        "episodes.csv:2: reported_at: '2021-06-31T10:00:00Z' is not a date and time that exists",
    ),
    "London time in the spring-forward gap": (
        "episodes.csv",
        {"went_missing_at": "2021-03-28T01:30:00", "reported_at": "", "returned_at": ""},
        "episodes.csv:2: went_missing_at: '2021-03-28T01:30:00' does not exist in London time "
        "(the clocks go forward)",
    ),
    "ambiguous London time": (
        "episodes.csv",
        {"went_missing_at": "2021-10-31T01:30:00", "reported_at": "", "returned_at": ""},
        "episodes.csv:2: went_missing_at: '2021-10-31T01:30:00' is ambiguous in London time "
        "(the clocks go back); give an offset",
    ),
    "care period ends before it starts": (
        "care_periods.csv",
        {"end_date": "2019-12-31"},
        "care_periods.csv:2: end_date: cannot be before the start (1 January 2020).",
    ),
    "episode returns before going missing": (
        "episodes.csv",
        {"returned_at": "2021-06-01T19:00:00Z"},
        "episodes.csv:2: returned_at: The return must be after the child went missing.",
    ),
    "episode reported before going missing": (
        "episodes.csv",
        {"reported_at": "2021-06-01T19:00:00Z"},
        "episodes.csv:2: reported_at: The report must be made after the child was last seen.",
    ),
    "CME located before referral": (
        "cme_referrals.csv",
        {"located_on": "2021-08-31"},
        "cme_referrals.csv:2: located_on: cannot be before the start (1 September 2021).",
    ),
    "CME closed before referral": (
        "cme_referrals.csv",
        {"closed_on": "2021-08-31", "located_on": ""},
        "cme_referrals.csv:2: closed_on: cannot be before the start (1 September 2021).",
    ),
    "unknown child of an episode": (
        "episodes.csv",
        {"child_id": "C404"},
        "episodes.csv:2: child_id: no child with id 'C404' in children.csv or already stored",
    ),
    "unknown child of a care period": (
        "care_periods.csv",
        {"child_id": "C404"},
        "care_periods.csv:2: child_id: no child with id 'C404' in children.csv or already stored",
    ),
    "unknown child of a CME referral": (
        "cme_referrals.csv",
        {"child_id": "C404"},
        "cme_referrals.csv:2: child_id: no child with id 'C404' in children.csv or already stored",
    ),
    "episode on the 18th birthday": (
        "episodes.csv",
        {"went_missing_at": "2026-05-17T10:00:00Z", "reported_at": "", "returned_at": ""},
        "episodes.csv:2: went_missing_at: The child turned 18 on 17 May 2026; an episode cannot "
        "start on or after the 18th birthday.",
    ),
    "episode before birth": (
        "episodes.csv",
        {"went_missing_at": "2008-05-16T10:00:00Z", "reported_at": "", "returned_at": ""},
        "episodes.csv:2: went_missing_at: The child cannot go missing before they were born.",
    ),
    "bad category": (
        "episodes.csv",
        {"category": "lost"},
        "episodes.csv:2: category: 'lost' is not a valid code (one of missing, away, absent)",
    ),
    "bad risk level": (
        "episodes.csv",
        {"risk_level": "severe"},
        "episodes.csv:2: risk_level: 'severe' is not a valid code "
        "(one of very_low, low, medium, high)",
    ),
    "bad gender": (
        "children.csv",
        {"gender": "f"},
        "children.csv:2: gender: 'f' is not a valid code "
        "(one of male, female, transgender, non_binary, other)",
    ),
    "bad placement type": (
        "care_periods.csv",
        {"placement_type": "H4"},
        "care_periods.csv:2: placement_type: 'H4' is not a valid code",
    ),
    "bad legal status": (
        "care_periods.csv",
        {"legal_status": "V1"},
        "care_periods.csv:2: legal_status: 'V1' is not a valid code",
    ),
    "bad category of need": (
        "care_periods.csv",
        {"cin": "N9"},
        "care_periods.csv:2: cin: 'N9' is not a valid code",
    ),
    "bad reason for new episode": (
        "care_periods.csv",
        {"rne": "X"},
        "care_periods.csv:2: rne: 'X' is not a valid code",
    ),
    "bad reason ceased": (
        "care_periods.csv",
        {"end_date": "2021-01-01", "reason_ceased": "E10"},
        "care_periods.csv:2: reason_ceased: 'E10' is not a valid code",
    ),
    "bad provider": (
        "care_periods.csv",
        {"provider": "PR6"},
        "care_periods.csv:2: provider: 'PR6' is not a valid code",
    ),
    "bad interviewer role": (
        "interviews.csv",
        {"interviewer_role": "teacher"},
        "interviews.csv:2: interviewer_role: 'teacher' is not a valid code",
    ),
    "bad flag": (
        "care_periods.csv",
        {"in_area": "yes"},
        "care_periods.csv:2: in_area: 'yes' is not Y or N",
    ),
    "required value missing": (
        "episodes.csv",
        {"category": ""},
        "episodes.csv:2: category: is required",
    ),
    "value too long": (
        "episodes.csv",
        {"police_reference": "X" * 41},
        "episodes.csv:2: police_reference: is longer than 40 characters",
    ),
    "interview for an unknown episode": (
        "interviews.csv",
        {"episode_id": "E404"},
        "interviews.csv:2: episode_id: no episode with id 'E404' in episodes.csv or already stored",
    ),
    "interview completed before the return": (
        "interviews.csv",
        {"completed_at": "2021-06-02T07:00:00Z"},
        "interviews.csv:2: completed_at: The interview cannot be before the child returned.",
    ),
}


@pytest.mark.parametrize(("file", "changes", "expected"), ROW_ERRORS.values(), ids=ROW_ERRORS)
def test_a_bad_row_is_reported_with_file_line_column_and_reason(
    local_authority, tmp_path, file, changes, expected
):
    files = {
        "children.csv": [CHILD],
        "episodes.csv": [EPISODE],
        "interviews.csv": [INTERVIEW],
    }
    files[file] = [row(file, **changes)]
    for name, rows in files.items():
        write_file(tmp_path, name, rows)

    errors = load_errors(tmp_path, local_authority)

    assert errors[0].startswith(expected), errors  # later errors follow from it


def test_an_interview_for_an_episode_still_missing_is_refused(local_authority, tmp_path):
    open_episode = row("episodes.csv", returned_at="")
    folder = write_folder(
        tmp_path, children=[CHILD], episodes=[open_episode], interviews=[INTERVIEW]
    )

    assert load_errors(folder, local_authority) == [
        "interviews.csv:2: completed_at: The child has not returned yet; record the return first."
    ]


def test_an_interview_for_an_episode_with_bad_row_says_why(local_authority, tmp_path):
    folder = write_folder(
        tmp_path,
        children=[CHILD],
        episodes=[row("episodes.csv", category="lost")],
        interviews=[INTERVIEW],
    )

    assert load_errors(folder, local_authority)[1] == (
        "interviews.csv:2: episode_id: episode 'E1' is not loaded: its row in episodes.csv "
        "has errors"
    )


DUPLICATES = {
    "child": ("children", CHILD, "children.csv:3: child_id: child 'C1' is already on line 2"),
    "episode": (
        "episodes",
        EPISODE,
        "episodes.csv:3: episode_id: episode 'E1' is already on line 2",
    ),
    "interview": (
        "interviews",
        INTERVIEW,
        "interviews.csv:3: episode_id: an interview for episode 'E1' is already on line 2",
    ),
    "care period": (
        "care_periods",
        row("care_periods.csv"),
        "care_periods.csv:3: start_date: the care period starting 2020-01-01 is already on line 2",
    ),
    "CME referral": (
        "cme_referrals",
        row("cme_referrals.csv"),
        "cme_referrals.csv:3: referral_id: referral 'R1' is already on line 2",
    ),
}


@pytest.mark.parametrize(("stem", "values", "expected"), DUPLICATES.values(), ids=DUPLICATES)
def test_a_duplicate_key_within_a_file_is_reported(
    local_authority, tmp_path, stem, values, expected
):
    files = {"children": [CHILD], "episodes": [EPISODE], stem: [values, values]}
    folder = write_folder(tmp_path, **files)

    errors = load_errors(folder, local_authority)

    assert any(error.startswith(expected) for error in errors), errors


def test_overlapping_episodes_in_the_file_are_reported(local_authority, tmp_path):
    inside = row(
        "episodes.csv",
        episode_id="E2",
        went_missing_at="2021-06-02T01:00:00Z",
        reported_at="",
        returned_at="2021-06-02T02:00:00Z",
    )
    folder = write_folder(tmp_path, children=[CHILD], episodes=[EPISODE, inside])

    assert load_errors(folder, local_authority) == [
        "episodes.csv:3: went_missing_at: This overlaps episode E1, which started 1 June 2021 "
        "21:00."
    ]


def test_an_episode_overlapping_a_stored_episode_is_reported(local_authority, tmp_path):
    child = ChildFactory(organisation=local_authority, local_id="C1")
    EpisodeFactory(
        child=child,
        external_id="S1",
        went_missing_at=datetime.datetime(2021, 6, 1, 12, tzinfo=datetime.UTC),
        returned_at=None,
    )
    folder = write_folder(tmp_path, episodes=[EPISODE])

    assert load_errors(folder, local_authority) == [
        "episodes.csv:2: went_missing_at: This overlaps episode S1, which started 1 June 2021 "
        "13:00."
    ]


def test_a_missing_column_is_reported_on_the_header_line(local_authority, tmp_path):
    columns = [c for c in CHILD if c != "upn"]
    write_file(tmp_path, "children.csv", [CHILD], columns=columns)

    assert load_errors(tmp_path, local_authority) == ["children.csv:1: upn: the column is missing"]


def test_an_unknown_column_is_reported_on_the_header_line(local_authority, tmp_path):
    write_file(tmp_path, "children.csv", [CHILD], columns=[*CHILD, "shoe_size"])

    assert load_errors(tmp_path, local_authority) == [
        "children.csv:1: shoe_size: is not a column of this file"
    ]


def test_a_row_with_the_wrong_number_of_fields_is_reported(local_authority, tmp_path):
    path = write_file(tmp_path, "children.csv", [CHILD])
    path.write_text(path.read_text() + "C2,Only,Three\n")

    assert load_errors(tmp_path, local_authority) == [
        "children.csv:3: : the row has 3 fields; the header has 10"
    ]


def test_line_numbers_count_physical_lines_of_quoted_newlines(local_authority, tmp_path):
    two_line_name = row("children.csv", child_id="C2", last_name="Line\nBreak", sex="3")
    write_file(tmp_path, "children.csv", [two_line_name, row("children.csv", sex="3")])

    assert [e.split(": ")[0] for e in load_errors(tmp_path, local_authority)] == [
        "children.csv:2",
        "children.csv:4",
    ]


def test_overlapping_care_periods_of_a_child_are_reported(local_authority, tmp_path):
    periods = [
        row("care_periods.csv", start_date="2020-01-01", end_date="2020-06-30", reason_ceased="X1"),
        row("care_periods.csv", start_date="2020-06-01", end_date=""),
    ]
    folder = write_folder(tmp_path, children=[CHILD], care_periods=periods)

    assert load_errors(folder, local_authority) == [
        "care_periods.csv:3: start_date: overlaps the care period starting 2020-01-01"
    ]


def test_a_care_period_may_start_on_the_day_the_last_one_ends(local_authority, tmp_path):
    periods = [
        row("care_periods.csv", start_date="2020-01-01", end_date="2020-06-30", reason_ceased="X1"),
        row("care_periods.csv", start_date="2020-06-30", end_date="", rne="P"),
    ]
    folder = write_folder(tmp_path, children=[CHILD], care_periods=periods)

    assert (
        exchange_load(folder=folder, organisation=local_authority)["care_periods.csv"].created == 2
    )


def test_a_care_period_after_a_stored_open_one_is_reported(local_authority, tmp_path):
    exchange_load(
        folder=write_folder(
            tmp_path / "a", children=[CHILD], care_periods=[row("care_periods.csv")]
        ),
        organisation=local_authority,
    )
    later = row("care_periods.csv", start_date="2021-01-01")

    assert load_errors(write_folder(tmp_path / "b", care_periods=[later]), local_authority) == [
        "care_periods.csv:2: start_date: overlaps the care period starting 2020-01-01"
    ]
