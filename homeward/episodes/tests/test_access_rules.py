"""Who may use the recording journeys (SPEC.md §8), page by page."""

import pytest
import time_machine
from django.urls import reverse

from homeward.episodes.tests.conftest import NOW, hours_ago
from homeward.episodes.tests.factories import EpisodeFactory
from homeward.interviews.tests.factories import ReturnInterviewFactory


@pytest.fixture(autouse=True)
def pinned_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def episode(child):
    episode = EpisodeFactory(child=child, went_missing_at=hours_ago(30), returned_at=hours_ago(20))
    ReturnInterviewFactory(episode=episode, completed_at=hours_ago(2), interviewer_role="other")
    return episode


EPISODE_PAGES = ["episodes:detail", "episodes:risk_update", "episodes:return", "episodes:note_add"]
INTERVIEW_WRITE_PAGES = [
    "interviews:offer",
    "interviews:answer",
    "interviews:complete",
    "interviews:share",
    "interviews:void",
]


@pytest.mark.parametrize("name", [*EPISODE_PAGES, *INTERVIEW_WRITE_PAGES, "interviews:detail"])
def test_carer_of_the_childs_placement_may_use_the_page(client, carer, episode, name):
    client.force_login(carer)
    assert client.get(reverse(name, args=[episode.pk])).status_code == 200


@pytest.mark.parametrize("name", [*EPISODE_PAGES, *INTERVIEW_WRITE_PAGES, "interviews:detail"])
def test_carer_of_another_placement_gets_404(client, other_carer, episode, name):
    client.force_login(other_carer)
    assert client.get(reverse(name, args=[episode.pk])).status_code == 404


def test_carer_of_another_placement_cannot_report_the_child(client, other_carer, child):
    client.force_login(other_carer)
    assert client.get(reverse("episodes:report", args=[child.pk])).status_code == 404


@pytest.mark.parametrize("name", EPISODE_PAGES)
def test_outsider_gets_404(client, outsider, episode, name):
    client.force_login(outsider)
    assert client.get(reverse(name, args=[episode.pk])).status_code == 404


@pytest.mark.parametrize("user", ["analyst", "administrator"])
@pytest.mark.parametrize("name", [*EPISODE_PAGES, "interviews:detail"])
def test_analysts_and_administrators_have_no_access(client, request, episode, user, name):
    client.force_login(request.getfixturevalue(user))
    assert client.get(reverse(name, args=[episode.pk])).status_code == 403


@pytest.mark.parametrize("user", ["analyst", "administrator"])
def test_analysts_and_administrators_cannot_list_episodes(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(reverse("episodes:list")).status_code == 403


@pytest.mark.parametrize("name", EPISODE_PAGES)
def test_police_may_record_on_an_episode(client, police, episode, name):
    client.force_login(police)
    assert client.get(reverse(name, args=[episode.pk])).status_code == 200


@pytest.mark.parametrize("name", [*INTERVIEW_WRITE_PAGES, "interviews:authorise"])
def test_police_cannot_change_an_interview(client, police, episode, name):
    client.force_login(police)
    assert client.get(reverse(name, args=[episode.pk])).status_code == 403


@pytest.mark.parametrize("user", ["coordinator", "social_worker", "carer"])
def test_only_managers_reach_the_authorise_page(client, request, episode, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(reverse("interviews:authorise", args=[episode.pk])).status_code == 403


def test_manager_reaches_the_authorise_page(client, manager, episode):
    client.force_login(manager)
    assert client.get(reverse("interviews:authorise", args=[episode.pk])).status_code == 200


def test_carer_cannot_report_a_child_not_in_homeward(client, carer):
    client.force_login(carer)
    assert client.get(reverse("episodes:report_new_child")).status_code == 403


def test_police_do_not_see_unshared_notes(client, police, episode, coordinator):
    episode.notes.create(
        kind="note", at=hours_ago(25), text="Case note for the LA", author=coordinator
    )
    client.force_login(police)
    page = client.get(reverse("episodes:detail", args=[episode.pk])).content.decode()
    assert "Case note for the LA" not in page


def test_carer_lists_only_their_placements_episodes(client, carer, other_carer, episode):
    client.force_login(other_carer)
    assert episode.child.full_name not in client.get(reverse("episodes:list")).content.decode()
    client.force_login(carer)
    assert episode.child.full_name in client.get(reverse("episodes:list")).content.decode()


def test_viewing_an_episode_is_audited(client, coordinator, episode):
    client.force_login(coordinator)
    client.get(reverse("episodes:detail", args=[episode.pk]))
    assert episode.child.pk in [
        event.child_id for event in coordinator.auditevent_set.filter(action="viewed")
    ]
