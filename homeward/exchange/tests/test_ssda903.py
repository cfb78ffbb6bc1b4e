"""The SSDA903 return (SPEC.md §7): the rows, and the DfE rules on missing periods."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from homeward.exchange import ssda903
from homeward.exchange.loader import exchange_load
from homeward.exchange.ssda903 import (
    CollectionYear,
    EpisodeRow,
    HeaderRow,
    MissingRow,
    Return,
    SSDA903Error,
    ssda903_export,
)
from homeward.exchange.tests.exchange_data import CHILD, row, write_folder

D = datetime.date
YEAR = CollectionYear(2023)
DOB = D(2008, 5, 17)
CARE_START = D(2022, 1, 1)
JUNE_1 = D(2023, 6, 1)
JUNE_2 = D(2023, 6, 2)


def care(decom=CARE_START, dec=None, rec="", child="C1") -> EpisodeRow:
    return EpisodeRow(child, decom, "S", "C2", "N1", "K2", "PR1", dec, rec, "", "", "", "")


def missing(start=JUNE_1, end=JUNE_2, child="C1", kind="M", dob=DOB, ep="E1"):
    return MissingRow(child, dob, kind, start, end, ep)


def rules_broken(missing_rows, episodes=None, header=None) -> list[str]:
    ret = Return(
        year=YEAR,
        header=header if header is not None else [HeaderRow("C1", "2", DOB, "WBRI", "")],
        episodes=episodes if episodes is not None else [care()],
        missing=missing_rows,
    )
    return [breach.rule for breach in ssda903.ssda903_validate(ret)]


def test_a_clean_return_breaks_no_rule():
    assert rules_broken([missing(), missing(D(2023, 6, 2), D(2023, 6, 3), ep="E2")]) == []


BREACHES = {
    "564 no start": ([missing(start=None, end=None)], None, ["564"]),
    "565 end without start": ([missing(start=None)], None, ["565"]),
    "566 no type": ([missing(kind="")], None, ["566", "1006"]),
    "567 end before start": ([missing(D(2023, 6, 5), D(2023, 6, 1))], None, ["567"]),
    "570 start after the year": ([missing(D(2024, 4, 2), None)], None, ["570"]),
    "571 end after the year": ([missing(D(2024, 3, 30), D(2024, 4, 2))], None, ["571"]),
    "574 new period while one is open": (
        [missing(D(2023, 6, 1), None), missing(D(2023, 7, 1), D(2023, 7, 2), ep="E2")],
        None,
        ["574"],
    ),
    "574 overlap": (
        [missing(D(2023, 6, 1), D(2023, 6, 5)), missing(D(2023, 6, 3), D(2023, 6, 9), ep="E2")],
        None,
        ["574"],
    ),
    "575 open after the placement ended": (
        [missing(D(2023, 6, 1), None)],
        [care(dec=D(2023, 6, 10), rec="X1"), care(D(2023, 6, 10))],
        ["575"],
    ),
    "577 open after care ended": (
        [missing(D(2023, 6, 1), None)],
        [care(dec=D(2023, 6, 10), rec="E8")],
        ["575", "577"],
    ),
    "578 start after care ceased": (
        [missing(D(2023, 7, 1), D(2023, 7, 2))],
        [care(dec=D(2023, 6, 10), rec="E4A")],
        ["578"],
    ),
    "581 start before care began": (
        [missing(D(2023, 6, 1), D(2023, 6, 2))],
        [care(D(2023, 7, 1))],
        ["581"],
    ),
    "580 missing when care ends needs E8": (
        [missing(D(2023, 6, 1), D(2023, 6, 12))],
        [care(dec=D(2023, 6, 10), rec="E4A")],
        ["580"],
    ),
    "586 before birth": (
        [missing(D(2023, 6, 1), D(2023, 6, 2), dob=D(2023, 7, 1))],
        None,
        ["586", "INT13"],
    ),
    "1006 bad type": ([missing(kind="X")], None, ["1006"]),
    "INT04 child not in Header": ([missing(child="C2")], [care(child="C2")], ["INT04"]),
    "INT13 DOB differs from Header": ([missing(dob=D(2008, 5, 18))], None, ["INT13"]),
}


@pytest.mark.parametrize(("rows", "episodes", "expected"), BREACHES.values(), ids=BREACHES)
def test_each_dfe_rule_finds_its_breach(rows, episodes, expected):
    assert rules_broken(rows, episodes) == expected


def test_two_periods_on_the_same_day_do_not_overlap():
    same_day = [
        missing(D(2023, 6, 1), D(2023, 6, 1)),
        missing(D(2023, 6, 1), D(2023, 6, 2), ep="E2"),
    ]
    assert rules_broken(same_day) == []


def test_missing_when_care_ends_with_e8_is_allowed():
    rows = [missing(D(2023, 6, 1), D(2023, 6, 12))]
    assert rules_broken(rows, [care(dec=D(2023, 6, 10), rec="E8")]) == []


# The export from stored records.

IN_CARE = row("care_periods.csv", start_date="2022-01-01")


def load(tmp_path, organisation, episodes, care_periods=(IN_CARE,)):
    folder = write_folder(
        tmp_path / "in", children=[CHILD], care_periods=list(care_periods), episodes=episodes
    )
    exchange_load(folder=folder, organisation=organisation)


def episode(episode_id, went, returned, **changes):
    return row(
        "episodes.csv",
        episode_id=episode_id,
        went_missing_at=went,
        reported_at="",
        returned_at=returned,
        **changes,
    )


def read(folder, name):
    return (folder / name).read_text().splitlines()


def test_export_writes_header_episodes_and_missing(local_authority, tmp_path):
    load(tmp_path, local_authority, [episode("E1", "2023-06-01T20:00:00Z", "2023-06-02T08:00:00Z")])

    ssda903_export(folder=tmp_path / "out", organisation=local_authority, year=2023)

    assert read(tmp_path / "out", "Header.csv") == [
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
        "C1,2,17/05/2008,WBRI,,,",
    ]
    assert read(tmp_path / "out", "Episodes.csv")[1] == (
        "C1,01/01/2022,S,C2,N1,K2,PR4,,,,ZZ99 1AA,ZZ99 2BB,"
    )
    assert read(tmp_path / "out", "Missing.csv") == [
        "CHILD,DOB,MISSING,MIS_START,MIS_END",
        "C1,17/05/2008,M,01/06/2023,02/06/2023",
    ]


def test_missing_has_only_missing_and_away_episodes_of_looked_after_children(
    local_authority, tmp_path
):
    episodes = [
        episode("E1", "2023-06-01T20:00:00Z", "2023-06-02T08:00:00Z", category="away"),
        episode("E2", "2023-07-01T20:00:00Z", "2023-07-02T08:00:00Z", category="absent"),
        episode("E3", "2023-08-01T20:00:00Z", "2023-08-02T08:00:00Z", recorded_in_error="Y"),
    ]
    ended = row(
        "care_periods.csv", start_date="2022-01-01", end_date="2023-07-15", reason_ceased="E4A"
    )
    load(tmp_path, local_authority, [*episodes, episode("E4", "2023-09-01T20:00:00Z", "")], [ended])

    ssda903_export(folder=tmp_path / "out", organisation=local_authority, year=2023)

    assert read(tmp_path / "out", "Missing.csv")[1:] == ["C1,17/05/2008,A,01/06/2023,02/06/2023"]


def test_a_period_that_began_before_the_year_and_ended_in_it_is_included(local_authority, tmp_path):
    episodes = [
        episode("E1", "2023-03-30T20:00:00Z", "2023-04-02T08:00:00Z"),
        episode("E2", "2023-03-01T20:00:00Z", "2023-03-02T08:00:00Z"),
    ]
    load(tmp_path, local_authority, episodes)

    ret = ssda903_export(folder=tmp_path / "out", organisation=local_authority, year=2023)

    assert [m.episode_id for m in ret.missing] == ["E1"]


def test_an_export_that_breaks_a_rule_lists_the_record_and_writes_nothing(
    local_authority, tmp_path
):
    ended = row(
        "care_periods.csv", start_date="2022-01-01", end_date="2023-06-10", reason_ceased="E4A"
    )
    load(
        tmp_path,
        local_authority,
        [episode("E1", "2023-06-01T20:00:00Z", "2023-06-12T08:00:00Z")],
        [ended],
    )

    with pytest.raises(SSDA903Error) as caught:
        ssda903_export(folder=tmp_path / "out", organisation=local_authority, year=2023)

    assert [str(b) for b in caught.value.breaches] == [
        "580: child C1, episode of care from 01/01/2022: missing when care ended, so REC must "
        "be E8 not E4A"
    ]
    assert not (tmp_path / "out").exists()


def test_the_command_exits_non_zero_and_prints_the_breaches(local_authority, tmp_path, capsys):
    ended = row(
        "care_periods.csv", start_date="2022-01-01", end_date="2023-06-10", reason_ceased="E4A"
    )
    load(
        tmp_path,
        local_authority,
        [episode("E1", "2023-06-01T20:00:00Z", "2023-06-12T08:00:00Z")],
        [ended],
    )

    with pytest.raises(CommandError, match="1 DfE validation rule breach"):
        call_command("ssda903", str(tmp_path / "out"), year=2023)

    assert "580: child C1" in capsys.readouterr().err


def test_the_command_writes_the_three_files(local_authority, tmp_path, capsys):
    load(tmp_path, local_authority, [episode("E1", "2023-06-01T20:00:00Z", "2023-06-02T08:00:00Z")])

    call_command("ssda903", str(tmp_path / "out"), year=2023)

    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "Episodes.csv",
        "Header.csv",
        "Missing.csv",
    ]
    assert "1 missing periods" in capsys.readouterr().out
