import pytest
from django.core.exceptions import ValidationError

from homeward.episodes.models import EpisodeNote, RiskLevel
from homeward.episodes.services import episode_note_add, episode_risk_update
from homeward.episodes.tests.conftest import hours_ago
from homeward.episodes.tests.factories import EpisodeFactory


@pytest.fixture
def episode(child):
    return EpisodeFactory(child=child, went_missing_at=hours_ago(10), risk_level=RiskLevel.MEDIUM)


def grade(episode, level, actor, now, at=None):
    episode.refresh_from_db()
    return episode_risk_update(
        actor=actor,
        episode=episode,
        level=level,
        at=at or hours_ago(2),
        expected_version=episode.version,
        now=now,
    )


def test_raising_the_risk_raises_the_episode_level(episode, coordinator, now):
    grade(episode, RiskLevel.HIGH, coordinator, now)
    episode.refresh_from_db()
    assert episode.risk_level == RiskLevel.HIGH


def test_lowering_the_risk_keeps_the_highest_on_the_episode(episode, police, now):
    grade(episode, RiskLevel.HIGH, police, now, at=hours_ago(3))
    grade(episode, RiskLevel.LOW, police, now)
    episode.refresh_from_db()
    assert episode.risk_level == RiskLevel.HIGH


def test_every_grading_is_kept_in_order(episode, police, now):
    grade(episode, RiskLevel.LOW, police, now, at=hours_ago(1))
    grade(episode, RiskLevel.HIGH, police, now, at=hours_ago(3))
    assert list(episode.risk_changes.values_list("level", flat=True)) == ["high", "low"]


def test_grading_before_the_child_went_missing_is_refused(episode, police, now):
    with pytest.raises(ValidationError) as error:
        grade(episode, RiskLevel.HIGH, police, now, at=hours_ago(11))
    assert "before the child went missing" in error.value.message_dict["at"][0]


def test_sighting_after_the_return_is_refused(episode, carer, now):
    episode.returned_at = hours_ago(5)
    episode.save()
    with pytest.raises(ValidationError) as error:
        episode_note_add(
            actor=carer,
            episode=episode,
            kind=EpisodeNote.Kind.SIGHTING,
            text="Seen at the shops",
            at=hours_ago(2),
            now=now,
        )
    assert "after the child returned" in error.value.message_dict["at"][0]


def test_sighting_while_missing_is_added(episode, carer, now):
    note = episode_note_add(
        actor=carer,
        episode=episode,
        kind=EpisodeNote.Kind.SIGHTING,
        text="Seen at the shops",
        at=hours_ago(2),
        now=now,
    )
    assert (note.author, note.shared_with_police) == (carer, False)


def test_empty_note_is_refused(episode, carer, now):
    with pytest.raises(ValidationError) as error:
        episode_note_add(
            actor=carer, episode=episode, kind="note", text="  ", at=hours_ago(2), now=now
        )
    assert "text" in error.value.message_dict
