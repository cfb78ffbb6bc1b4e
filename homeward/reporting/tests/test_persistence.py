"""Persistently missing: threshold rules met at an instant (SPEC.md §5)."""

from datetime import timedelta

import pytest

from homeward.episodes.models import Episode
from homeward.reporting import persistence
from homeward.reporting.tests.counting_cases import at, child, episode
from homeward.safeguarding.models import ThresholdRule

pytestmark = pytest.mark.django_db

START = at(2021, 6, 1, 12)
DAY = timedelta(days=1)


@pytest.fixture
def kid(local_authority):
    return child(local_authority)


@pytest.fixture
def three_in_30():
    return ThresholdRule.objects.get(episodes=3, days=30)


@pytest.fixture
def three_in_90():
    return ThresholdRule.objects.get(episodes=3, days=90)


def missing_at(kid, *instants, **kwargs):
    return [episode(kid, instant, hours=1, **kwargs) for instant in instants]


def test_defaults_are_3_in_30_and_3_in_90_days():
    assert set(ThresholdRule.objects.values_list("episodes", "days")) >= {(3, 30), (3, 90)}


def test_third_episode_exactly_30_days_after_the_first_meets_3_in_30(kid, three_in_30):
    missing_at(kid, START, START + 10 * DAY, START + 30 * DAY)
    met = persistence.rule_met_instants(kid, three_in_30, now=at(2022, 1, 1))
    assert met == [START + 30 * DAY]


def test_third_episode_one_second_past_30_days_does_not_meet_3_in_30(kid, three_in_30):
    missing_at(kid, START, START + 10 * DAY, START + 30 * DAY + timedelta(seconds=1))
    assert persistence.rule_met_instants(kid, three_in_30, now=at(2022, 1, 1)) == []


def test_every_episode_completing_a_run_meets_the_rule(kid, three_in_30):
    missing_at(kid, START, START + DAY, START + 2 * DAY, START + 3 * DAY)
    met = persistence.rule_met_instants(kid, three_in_30, now=at(2022, 1, 1))
    assert met == [START + 2 * DAY, START + 3 * DAY]


def test_recorded_in_error_episode_does_not_count_towards_a_rule(kid, three_in_30):
    missing_at(kid, START, START + DAY)
    missing_at(kid, START + 2 * DAY, recorded_in_error=True)
    assert persistence.rule_met_instants(kid, three_in_30, now=at(2022, 1, 1)) == []


def test_episodes_after_now_do_not_count(kid, three_in_30):
    missing_at(kid, START, START + DAY, START + 2 * DAY)
    assert persistence.rule_met_instants(kid, three_in_30, now=START + DAY) == []


def test_rule_met_episodes_partition_by_child(local_authority, three_in_30):
    first, second = child(local_authority), child(local_authority)
    missing_at(first, START, START + DAY)
    missing_at(second, START + 2 * DAY)
    assert persistence.rule_met_episodes(Episode.objects.all(), three_in_30).count() == 0


def test_child_meets_a_rule_now_while_the_triggering_episode_is_within_d_days(kid, three_in_30):
    missing_at(kid, START, START + DAY, START + 2 * DAY)
    statuses = persistence.child_rule_statuses(kid, now=START + 32 * DAY, rules=[three_in_30])
    assert (statuses[0].met_now, statuses[0].last_met_at, statuses[0].episodes_in_window) == (
        True,
        START + 2 * DAY,
        1,
    )


def test_child_no_longer_meets_a_rule_d_days_after_the_triggering_episode(kid, three_in_30):
    missing_at(kid, START, START + DAY, START + 2 * DAY)
    later = START + 32 * DAY + timedelta(seconds=1)
    status = persistence.child_rule_statuses(kid, now=later, rules=[three_in_30])[0]
    assert (status.met_now, status.last_met_at) == (False, START + 2 * DAY)


def test_longer_rule_still_met_when_shorter_is_not(kid, three_in_30, three_in_90):
    missing_at(kid, START, START + 40 * DAY, START + 80 * DAY)
    statuses = persistence.child_rule_statuses(
        kid, now=START + 81 * DAY, rules=[three_in_30, three_in_90]
    )
    assert [s.met_now for s in statuses] == [False, True]


def test_children_meeting_a_rule_now_for_list_filters(local_authority, three_in_30):
    persistent, occasional = child(local_authority), child(local_authority)
    missing_at(persistent, START, START + DAY, START + 2 * DAY)
    missing_at(occasional, START, START + 5 * DAY)
    ids = persistence.children_meeting_rule(Episode.objects.all(), three_in_30, now=START + 3 * DAY)
    assert [row["child"] for row in ids] == [persistent.pk]


def test_recent_episode_counts_over_30_90_and_365_days(kid):
    now = at(2022, 6, 1, 12)
    missing_at(kid, now - 30 * DAY, now - 31 * DAY, now - 200 * DAY, now - 366 * DAY)
    missing_at(kid, now - DAY, recorded_in_error=True)
    assert persistence.recent_episode_counts(kid, now=now) == {30: 1, 90: 2, 365: 3}
