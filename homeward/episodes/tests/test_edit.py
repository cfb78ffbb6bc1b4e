import datetime

import pytest
import time_machine
from django.urls import reverse

from homeward.accounts.models import AuditEvent
from homeward.children.services import episode_care_periods_refresh
from homeward.episodes.services import episode_update
from homeward.episodes.tests.conftest import NOW, hours_ago
from homeward.episodes.tests.factories import EpisodeFactory
from homeward.timeutil import to_london

BEFORE_CARE = datetime.datetime(2021, 12, 30, 20, 0, tzinfo=datetime.UTC)


@pytest.fixture
def episode(child):
    episode = EpisodeFactory(child=child, went_missing_at=hours_ago(10))
    episode_care_periods_refresh(child_ids=[child.pk])
    episode.refresh_from_db()
    return episode


def test_moving_the_date_before_care_unlinks_the_care_period(episode, coordinator, now):
    assert episode.care_period is not None
    changed = episode_update(
        actor=coordinator,
        episode=episode,
        expected_version=1,
        now=now,
        went_missing_at=BEFORE_CARE,
    )
    assert changed.care_period is None


def test_correction_audits_old_and_new_values(episode, coordinator, now):
    episode_update(
        actor=coordinator, episode=episode, expected_version=1, now=now, police_reference="PR-9"
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.CHANGED)
    assert event.detail["changes"]["police_reference"] == ["", "PR-9"]


def test_correction_form_saves_through_the_page(client, coordinator, episode):
    local = to_london(hours_ago(12))
    data = {
        "version": 1,
        "category": "away",
        "went_missing_at_0": local.day,
        "went_missing_at_1": local.month,
        "went_missing_at_2": local.year,
        "went_missing_at_3": local.strftime("%H:%M"),
    }
    with time_machine.travel(NOW, tick=False):
        client.force_login(coordinator)
        response = client.post(reverse("episodes:edit", args=[episode.pk]), data)
    episode.refresh_from_db()
    assert response.status_code == 302
    assert (episode.category, episode.went_missing_at) == ("away", hours_ago(12))


def test_episode_marked_in_error_is_kept_and_flagged(client, coordinator, episode):
    with time_machine.travel(NOW, tick=False):
        client.force_login(coordinator)
        client.post(reverse("episodes:recorded_in_error", args=[episode.pk]), {"version": 1})
    episode.refresh_from_db()
    assert (episode.recorded_in_error, episode.version) == (True, 2)


def test_restoring_an_episode_that_now_overlaps_is_refused(coordinator, episode, child):
    from django.core.exceptions import ValidationError

    from homeward.episodes.services import episode_mark_recorded_in_error

    episode.recorded_in_error = True
    episode.save()
    EpisodeFactory(child=child, went_missing_at=hours_ago(9))
    with pytest.raises(ValidationError, match="overlaps"):
        episode_mark_recorded_in_error(
            actor=coordinator,
            episode=episode,
            recorded_in_error=False,
            expected_version=1,
            now=NOW,
        )


def test_carer_cannot_mark_an_episode_in_error(client, carer, episode):
    with time_machine.travel(NOW, tick=False):
        client.force_login(carer)
        response = client.get(reverse("episodes:recorded_in_error", args=[episode.pk]))
    assert response.status_code == 403
