"""``homeward scorecard`` (SPEC.md §9): JSON keys, the table, and clear errors."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from homeward.accounts.tests.factories import OrganisationFactory
from homeward.reporting.tests.counting_cases import at, child, episode

pytestmark = pytest.mark.django_db

HOMEWARD = str(Path(sys.executable).parent / "homeward")  # the console script
YEAR = ["--from", "2021-04-01", "--to", "2022-03-31", "--as-at", "2023-01-01T00:00Z"]


def run(*args) -> str:
    out = StringIO()
    call_command("scorecard", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def eight_episodes(local_authority):
    """One child, eight episodes in 2021/22, one of them offered an RHI (1 of 8 = 13 %)."""
    kid = child(local_authority)
    episode(kid, at(2021, 6, 1, 20), interview={"offered_at": at(2021, 6, 2)})
    for day in range(2, 9):
        episode(kid, at(2021, 6, day, 20))


def test_json_gives_the_counts_and_percentages_under_spec_keys(eight_episodes):
    data = json.loads(run(*YEAR, "--format", "json"))
    assert (data["episodes"], data["children"], data["rhi_offered"], data["rhi_offered_pct"]) == (
        8,
        1,
        1,
        13,
    )


def test_json_percentage_is_null_when_the_denominator_is_zero(eight_episodes):
    data = json.loads(run(*YEAR, "--format", "json"))
    assert data["rhi_completed_pct"] is None


def test_json_breakdown_is_children_and_episodes(eight_episodes):
    data = json.loads(run(*YEAR, "--format", "json"))
    assert data["by_category"]["missing"] == {"children": 1, "episodes": 8}


def test_lac_option_counts_looked_after_children_only(eight_episodes):
    data = json.loads(run(*YEAR, "--lac", "--format", "json"))
    assert data["episodes"] == 0


def test_table_states_count_percentage_and_denominator(eight_episodes):
    output = run(*YEAR)
    assert "Offered RHI (% of all episodes)" in output and "1 (13%) of 8" in output


def test_table_names_the_period_and_the_as_at_time(eight_episodes):
    first_line, second_line = run(*YEAR).splitlines()[:2]
    assert (first_line, second_line) == (
        "Homeward scorecard: 2021/22 (1 April 2021 to 31 March 2022)",
        "As at 1 January 2023 00:00 (London); cohort: all episodes",
    )


def test_period_key_is_accepted_instead_of_dates(eight_episodes):
    data = json.loads(run("--period", "2021-22", "--format", "json"))
    assert data["period"]["label"] == "2021/22"


def test_organisation_option_counts_only_its_episodes(eight_episodes):
    episode(child(OrganisationFactory(name="Elsewhere Council")), at(2021, 7, 1, 12))
    data = json.loads(run(*YEAR, "--organisation", "e06009999", "--format", "json"))
    assert data["episodes"] == 8


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2021-04-01"], "Give the period"),
        (["--from", "2022-04-01", "--to", "2021-03-31"], "is before --from"),
        (["--from", "2021-02-30", "--to", "2021-03-31"], "is not a date"),
        (["--period", "2021-23"], "not a valid period"),
        ([*YEAR[:4], "--as-at", "2021-03-28T01:30"], "does not exist in London time"),
        ([*YEAR, "--organisation", "Nowhere"], "No organisation"),
        ([*YEAR, "--format", "xml"], "invalid choice"),
    ],
)
def test_bad_arguments_give_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_bad_arguments_on_the_command_line_exit_non_zero_without_a_traceback():
    result = subprocess.run(
        [HOMEWARD, "scorecard", "--from", "2021-13-01", "--to", "x"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "is not a date" in result.stderr
