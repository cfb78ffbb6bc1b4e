"""The demo generator's files: deterministic, and shaped like the seeds (issue 2 item 6).

The shape is measured from the generated rows themselves, for the two complete reporting years.
Generated once per module: these tests need no database.
"""

import re
from collections import Counter
from datetime import date, timedelta

import pytest

from homeward.children.codes import placement_group
from homeward.demo import catalogue
from homeward.demo.generator import demo_files_write, demo_generate
from homeward.episodes.rules import Interval, before_eighteenth_birthday, overlapping_pairs
from homeward.exchange.files import COLUMNS
from homeward.timeutil import RHI_TIMESCALE, age_on, local_date

TODAY = date(2026, 11, 22)
SEED = 7
COMPLETE_YEARS = (0, 1)


@pytest.fixture(scope="module")
def data():
    return demo_generate(seed=SEED, today=TODAY)


@pytest.fixture(scope="module")
def files(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    demo_files_write(data=data, folder=folder)
    return folder


@pytest.fixture(scope="module")
def periods_of(data):
    periods = {}
    for period in data.care_periods:
        periods.setdefault(period.child_id, []).append(period)
    return periods


@pytest.fixture(scope="module")
def period_on(periods_of):
    """The care period covering a child's day; on a move day the one that starts (SPEC.md §9)."""

    def lookup(child_id, day):
        found = None
        for period in periods_of.get(child_id, []):
            if period.start_date <= day and (period.end_date is None or period.end_date >= day):
                found = period
        return found

    return lookup


@pytest.fixture(scope="module")
def year_episodes(data):
    """Counted episodes (not recorded in error) of each reporting year, by year index."""
    by_year = {}
    for year in data.years:
        by_year[year.index] = [
            episode
            for episode in data.episodes
            if year.start <= local_date(episode.went_missing_at) <= year.end
            and not episode.recorded_in_error
        ]
    return by_year


@pytest.fixture(scope="module")
def interviews(data):
    return {row.episode_id: row for row in data.interviews}


def test_same_seed_and_today_give_identical_files(files, tmp_path):
    demo_files_write(data=demo_generate(seed=SEED, today=TODAY), folder=tmp_path)
    for name in COLUMNS:
        assert (tmp_path / name).read_bytes() == (files / name).read_bytes(), name


def test_another_seed_gives_other_data(files, tmp_path):
    demo_files_write(data=demo_generate(seed=SEED + 1, today=TODAY), folder=tmp_path)
    assert (tmp_path / "episodes.csv").read_bytes() != (files / "episodes.csv").read_bytes()


def test_files_have_the_exchange_columns(files):
    for name, columns in COLUMNS.items():
        header = (files / name).read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == list(columns)


def test_span_is_two_complete_reporting_years_and_the_year_to_date(data):
    days = [local_date(e.went_missing_at) for e in data.episodes]
    assert [y.start for y in data.years] == [date(2024, 4, 1), date(2025, 4, 1), date(2026, 4, 1)]
    assert min(days) >= date(2024, 4, 1)
    assert max(days) < TODAY


@pytest.mark.parametrize("year", COMPLETE_YEARS)
def test_a_complete_year_has_600_to_800_episodes_by_250_to_320_children(year_episodes, year):
    episodes = year_episodes[year]
    assert 600 <= len(episodes) <= 800
    assert 250 <= len({e.child_id for e in episodes}) <= 320


@pytest.mark.parametrize("year", COMPLETE_YEARS)
def test_looked_after_children_have_about_40_percent_of_episodes(year_episodes, period_on, year):
    episodes = year_episodes[year]
    lac = [e for e in episodes if period_on(e.child_id, local_date(e.went_missing_at))]
    assert 0.33 <= len(lac) / len(episodes) <= 0.47


@pytest.mark.parametrize("year", COMPLETE_YEARS)
def test_a_heavy_tail_of_persistently_missing_children(year_episodes, year):
    counts = Counter(e.child_id for e in year_episodes[year]).most_common()
    assert 40 <= counts[0][1] <= 55
    assert sum(1 for _, n in counts if n >= 20) >= 3
    persistent = [n for _, n in counts if n >= 3]
    assert 25 <= len(persistent) <= 80
    assert sum(persistent) >= len(year_episodes[year]) / 2


@pytest.mark.parametrize("year", COMPLETE_YEARS)
def test_rhi_rates_follow_the_seeds(year_episodes, interviews, year):
    episodes = year_episodes[year]
    rows = [interviews.get(e.episode_id) for e in episodes]
    offered = [r for r in rows if r and (r.offered_at or r.completed_at)]
    accepted = [r for r in rows if r and (r.accepted or r.completed_at)]
    completed = [r for r in rows if r and r.completed_at]
    returned = {e.episode_id: e.returned_at for e in episodes}
    in_time = [r for r in completed if r.completed_at <= returned[r.episode_id] + RHI_TIMESCALE]
    assert 0.85 <= len(offered) / len(episodes) <= 0.95
    assert 0.75 <= len(accepted) / len(episodes) <= 0.85
    assert 0.8 <= len(completed) / len(accepted) <= 0.97
    assert 0.6 <= len(in_time) / len(completed) <= 0.8
    assert any(r and r.voided_reason for r in rows)
    assert any(r and r.accepted is False and r.declined_reason for r in rows)


def test_absent_only_in_the_oldest_year_and_away_only_when_looked_after(data, period_on):
    for episode in data.episodes:
        day = local_date(episode.went_missing_at)
        if episode.category == "absent":
            assert day <= data.years[0].end
        if episode.category == "away":
            assert period_on(episode.child_id, day) is not None
    categories = Counter(e.category for e in data.episodes)
    assert categories["missing"] > 10 * categories["away"] > 0
    assert 0 < categories["absent"] < categories["away"] * 3


def test_most_children_are_back_within_a_day_with_a_long_tail(data):
    hours = [
        (e.returned_at - e.went_missing_at).total_seconds() / 3600
        for e in data.episodes
        if e.returned_at
    ]
    assert sum(1 for h in hours if h <= 24) / len(hours) >= 0.7
    assert sum(1 for h in hours if h > 72) >= 20


def test_episodes_never_overlap_for_a_child(data):
    by_child = {}
    for e in data.episodes:
        by_child.setdefault(e.child_id, []).append(
            Interval(e.episode_id, e.went_missing_at, e.returned_at)
        )
    assert all(not overlapping_pairs(intervals) for intervals in by_child.values())


def test_no_episode_starts_on_or_after_the_18th_birthday(data):
    born = {c.child_id: c.date_of_birth for c in data.children}
    for episode in data.episodes:
        assert before_eighteenth_birthday(born[episode.child_id], episode.went_missing_at) is None


def test_children_are_missing_now_only_from_the_last_few_days(data):
    open_episodes = [e for e in data.episodes if e.returned_at is None]
    assert open_episodes
    assert all(data.now - e.went_missing_at < timedelta(days=5) for e in open_episodes)


def test_nothing_is_timed_after_now(data):
    instants = [
        value
        for row in (*data.episodes, *data.interviews)
        for value in vars(row).values()
        if hasattr(value, "tzinfo") and hasattr(value, "hour")
    ]
    assert max(instants) <= data.now


def test_some_interviews_are_pending_and_some_overdue_now(data, interviews):
    pending = overdue = 0
    for episode in data.episodes:
        row = interviews.get(episode.episode_id)
        done = row and (row.completed_at or row.voided_reason or row.accepted is False)
        if episode.returned_at is None or done or episode.recorded_in_error:
            continue
        if data.now <= episode.returned_at + RHI_TIMESCALE:
            pending += 1
        else:
            overdue += 1
    assert pending >= 1
    assert overdue >= 1


def test_every_placement_group_is_present_in_the_complete_years(year_episodes, period_on):
    groups = set()
    for year in COMPLETE_YEARS:
        for episode in year_episodes[year]:
            period = period_on(episode.child_id, local_date(episode.went_missing_at))
            if period:
                groups.add(placement_group(period.placement_type, unregulated=period.unregulated))
    assert groups == {
        "foster",
        "residential",
        "semi_independent",
        "unregulated",
        "placed_with_parents",
        "other",
    }


def test_children_placed_out_of_area_and_placed_here_by_other_authorities(data, periods_of):
    authority = {c.child_id: c.responsible_authority for c in data.children}
    ours = catalogue.COUNCIL_CODE
    out_of_area = [p for p in data.care_periods if authority[p.child_id] == ours and not p.in_area]
    placed_here = {c for c in periods_of if authority[c] in catalogue.OTHER_AUTHORITIES}
    assert out_of_area
    assert placed_here


def test_placement_moves_end_the_day_the_next_starts(periods_of):
    moves = 0
    for periods in periods_of.values():
        for earlier, later in zip(periods, periods[1:], strict=False):
            assert earlier.end_date == later.start_date
            assert earlier.reason_ceased == "X1" and later.rne in ("P", "T")
            moves += 1
    assert moves >= 50


def test_a_realistic_gender_mix_and_mostly_teenagers(data, year_episodes):
    genders = Counter(c.gender for c in data.children)
    assert genders["male"] > genders["transgender"] > 0
    assert genders["female"] > genders["non_binary"] > 0
    born = {c.child_id: c.date_of_birth for c in data.children}
    ages = [
        age_on(born[e.child_id], local_date(e.went_missing_at))
        for year in COMPLETE_YEARS
        for e in year_episodes[year]
    ]
    assert sum(1 for a in ages if 13 <= a <= 17) / len(ages) >= 0.75


def test_only_non_geographic_postcodes(data):
    postcodes = [c.home_postcode for c in data.children]
    postcodes += [p.placement_postcode for p in data.care_periods if p.placement_postcode]
    assert all(re.fullmatch(r"ZZ99 \d[A-Z]{2}", code) for code in postcodes)


def test_about_a_hundred_cme_referrals_a_year_nearly_all_closed(data):
    for year in (data.years[0], data.years[1]):
        rows = [r for r in data.cme_referrals if year.start <= r.referred_on <= year.end]
        assert 85 <= len(rows) <= 115
        assert sum(1 for r in rows if r.closed_on) >= 0.95 * len(rows)


def test_named_hot_spots_are_used_as_last_seen_stayed_and_found(data):
    last_seen = Counter(e.last_seen_place for e in data.episodes)
    assert last_seen.most_common(1)[0][0] == "Northmoor Bus Station"
    assert any(e.stayed_place for e in data.episodes)
    assert any(e.found_place for e in data.episodes)
