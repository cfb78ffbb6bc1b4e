import pytest
from django.core.exceptions import ValidationError

from homeward.accounts.models import AuditEvent
from homeward.episodes.models import HowEnded
from homeward.episodes.services import episode_return_record
from homeward.episodes.tests.conftest import hours_ago
from homeward.episodes.tests.factories import EpisodeFactory


@pytest.fixture
def episode(child):
    return EpisodeFactory(child=child, went_missing_at=hours_ago(10), reported_at=hours_ago(9))


def record(episode, actor, now, **extra):
    values = {"returned_at": hours_ago(1), "how_ended": HowEnded.FOUND_BY_POLICE}
    values.update(extra)
    return episode_return_record(
        actor=actor, episode=episode, expected_version=episode.version, now=now, **values
    )


def test_return_closes_the_episode(episode, coordinator, now):
    closed = record(episode, coordinator, now, found_place_new="Bus station", harm_disclosed=False)
    assert (closed.returned_at, closed.found_place.name, closed.harm_disclosed) == (
        hours_ago(1),
        "Bus station",
        False,
    )


def test_return_bumps_the_version(episode, coordinator, now):
    assert record(episode, coordinator, now).version == episode.version + 1


def test_return_audit_names_the_changed_fields(episode, coordinator, now):
    record(episode, coordinator, now, exploitation_concerns=["cce"])
    event = AuditEvent.objects.get(action=AuditEvent.Action.CHANGED)
    assert event.detail["event"] == "return recorded"
    assert {"returned_at", "how_ended", "exploitation_concerns"} <= set(event.detail["changes"])


def test_return_before_going_missing_is_refused(episode, coordinator, now):
    with pytest.raises(ValidationError) as error:
        record(episode, coordinator, now, returned_at=hours_ago(11))
    assert "after the child went missing" in error.value.message_dict["returned_at"][0]


def test_return_in_the_future_is_refused(episode, coordinator, now):
    with pytest.raises(ValidationError) as error:
        record(episode, coordinator, now, returned_at=hours_ago(-2))
    assert "future" in error.value.message_dict["returned_at"][0]


def test_return_running_into_a_later_episode_is_refused(episode, coordinator, now, child):
    EpisodeFactory(child=child, went_missing_at=hours_ago(200), returned_at=hours_ago(190))
    EpisodeFactory(child=child, went_missing_at=hours_ago(20), returned_at=hours_ago(15))
    episode.went_missing_at = hours_ago(30)
    episode.save()
    with pytest.raises(ValidationError) as error:
        record(episode, coordinator, now, returned_at=hours_ago(16))
    assert "overlaps" in error.value.message_dict["returned_at"][0]


def test_refused_return_leaves_the_episode_open(episode, coordinator, now):
    with pytest.raises(ValidationError):
        record(episode, coordinator, now, returned_at=hours_ago(11))
    episode.refresh_from_db()
    assert (episode.returned_at, episode.version) == (None, 1)
