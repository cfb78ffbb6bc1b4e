import datetime

import pytest
import time_machine

from homeward.accounts.tests.factories import UserFactory
from homeward.episodes.models import HowEnded, RiskLevel
from homeward.episodes.services import StaleRecord, episode_return_record, episode_risk_update
from homeward.episodes.tests.conftest import hours_ago
from homeward.episodes.tests.factories import EpisodeFactory


@pytest.fixture
def episode(child):
    return EpisodeFactory(child=child, went_missing_at=hours_ago(10))


def test_save_with_a_stale_version_is_refused_and_names_who_changed_it(
    episode, coordinator, local_authority, now
):
    colleague = UserFactory(organisation=local_authority, first_name="Sam", last_name="Colleague")
    seen = episode.version
    episode_risk_update(
        actor=colleague,
        episode=episode,
        level=RiskLevel.HIGH,
        at=hours_ago(2),
        expected_version=seen,
        now=now,
    )
    with pytest.raises(StaleRecord, match=r"Sam Colleague changed this record at \d\d:\d\d"):
        episode_return_record(
            actor=coordinator,
            episode=episode,
            returned_at=hours_ago(1),
            how_ended=HowEnded.RETURNED,
            expected_version=seen,
            now=now,
        )


def test_refused_stale_save_overwrites_nothing(episode, coordinator, now):
    episode_risk_update(
        actor=coordinator,
        episode=episode,
        level=RiskLevel.HIGH,
        at=hours_ago(2),
        expected_version=1,
        now=now,
    )
    with pytest.raises(StaleRecord):
        episode_return_record(
            actor=coordinator,
            episode=episode,
            returned_at=hours_ago(1),
            how_ended=HowEnded.RETURNED,
            expected_version=1,
            now=now,
        )
    episode.refresh_from_db()
    assert (episode.returned_at, episode.version) == (None, 2)


def test_stale_message_shows_london_time(episode, coordinator, now):
    summer = datetime.datetime(2024, 7, 1, 9, 5, tzinfo=datetime.UTC)
    with time_machine.travel(summer, tick=False):
        episode_risk_update(
            actor=coordinator,
            episode=episode,
            level=RiskLevel.HIGH,
            at=hours_ago(2),
            expected_version=1,
            now=summer,
        )
    with pytest.raises(StaleRecord, match="at 10:05"):
        episode_risk_update(
            actor=coordinator,
            episode=episode,
            level=RiskLevel.LOW,
            at=hours_ago(2),
            expected_version=1,
            now=summer,
        )
