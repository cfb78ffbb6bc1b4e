import pytest
import time_machine
from django.urls import reverse

from homeward.episodes.tests.conftest import NOW, hours_ago
from homeward.episodes.tests.factories import EpisodeFactory
from homeward.interviews.models import ReturnInterview
from homeward.interviews.tests.factories import ReturnInterviewFactory
from homeward.timeutil import to_london


@pytest.fixture(autouse=True)
def pinned_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def episode(child):
    return EpisodeFactory(child=child, went_missing_at=hours_ago(30), returned_at=hours_ago(20))


@pytest.fixture
def completed(episode, coordinator):
    return ReturnInterviewFactory(
        episode=episode,
        completed_at=hours_ago(2),
        accepted=True,
        interviewer_role="independent",
        childs_words="I stayed at a friend's flat.",
    )


def when(prefix, instant):
    local = to_london(instant)
    return {
        f"{prefix}_0": local.day,
        f"{prefix}_1": local.month,
        f"{prefix}_2": local.year,
        f"{prefix}_3": local.strftime("%H:%M"),
    }


def test_offer_is_recorded_through_the_form(client, coordinator, episode):
    client.force_login(coordinator)
    data = {"version": 1, "offered_by": "Sam, independent", **when("offered_at", hours_ago(19))}
    response = client.post(reverse("interviews:offer", args=[episode.pk]), data)
    assert response.status_code == 302
    assert ReturnInterview.objects.get(episode=episode).offered_by == "Sam, independent"


def test_completion_before_the_return_is_refused_on_the_form(client, coordinator, episode):
    client.force_login(coordinator)
    data = {
        "version": 1,
        "interviewer_role": "independent",
        **when("completed_at", hours_ago(25)),
    }
    response = client.post(reverse("interviews:complete", args=[episode.pk]), data)
    assert "cannot be before the child returned" in response.content.decode()
    assert not ReturnInterview.objects.filter(completed_at__isnull=False).exists()


def test_completion_through_the_form_keeps_the_content(client, carer, episode):
    client.force_login(carer)
    data = {
        "version": 1,
        "interviewer_role": "residential_exception",
        "push_factors": ["rules_boundaries"],
        "cre_indicators": ["older_associates", "gifts_money"],
        "childs_words": "I wanted to see my mates.",
        **when("completed_at", hours_ago(1)),
    }
    client.post(reverse("interviews:complete", args=[episode.pk]), data)
    interview = ReturnInterview.objects.get(episode=episode)
    assert interview.cre_indicators == ["older_associates", "gifts_money"]


def test_interview_page_shows_status_and_deadline(client, coordinator, completed):
    client.force_login(coordinator)
    response = client.get(reverse("interviews:detail", args=[completed.episode.pk]))
    page = response.content.decode()
    assert "Completed in timescales" in page and "Due by" in page


def test_manager_authorises(client, manager, completed):
    client.force_login(manager)
    client.post(reverse("interviews:authorise", args=[completed.episode.pk]), {"version": 1})
    completed.refresh_from_db()
    assert completed.authorised_by == manager


def test_coordinator_may_not_authorise(client, coordinator, completed):
    client.force_login(coordinator)
    response = client.post(
        reverse("interviews:authorise", args=[completed.episode.pk]), {"version": 1}
    )
    assert response.status_code == 403


def test_police_read_a_shared_interview(client, police, completed):
    completed.shared_with_police_at = hours_ago(1)
    completed.save()
    client.force_login(police)
    response = client.get(reverse("interviews:detail", args=[completed.episode.pk]))
    assert "I stayed at a friend" in response.content.decode()


def test_police_cannot_open_an_unshared_interview(client, police, completed):
    client.force_login(police)
    response = client.get(reverse("interviews:detail", args=[completed.episode.pk]))
    assert response.status_code == 404


def test_police_cannot_change_an_interview(client, police, completed):
    completed.shared_with_police_at = hours_ago(1)
    completed.save()
    client.force_login(police)
    response = client.get(reverse("interviews:complete", args=[completed.episode.pk]))
    assert response.status_code == 403


def test_share_with_police_through_the_button(client, coordinator, completed):
    client.force_login(coordinator)
    client.post(reverse("interviews:share", args=[completed.episode.pk]), {"version": 1})
    completed.refresh_from_db()
    assert completed.shared_with_police_at == NOW


def test_void_with_another_reason_needs_the_reason(client, coordinator, episode):
    client.force_login(coordinator)
    response = client.post(
        reverse("interviews:void", args=[episode.pk]),
        {"version": 1, "reason_choice": "other", "other_reason": ""},
    )
    assert "Enter why the interview is void" in response.content.decode()


def test_void_records_the_reason(client, coordinator, episode):
    client.force_login(coordinator)
    client.post(
        reverse("interviews:void", args=[episode.pk]),
        {"version": 1, "reason_choice": "Child turned 18"},
    )
    assert ReturnInterview.objects.get(episode=episode).voided_reason == "Child turned 18"


def test_stale_interview_save_is_refused(client, coordinator, completed):
    completed.version = 4
    completed.save()
    client.force_login(coordinator)
    response = client.post(reverse("interviews:share", args=[completed.episode.pk]), {"version": 3})
    assert "changed this record" in response.content.decode()
    completed.refresh_from_db()
    assert completed.shared_with_police_at is None


def test_interview_page_says_who_changed_what(client, coordinator, episode):
    client.force_login(coordinator)
    data = {"version": 1, "offered_by": "Sam, independent", **when("offered_at", hours_ago(19))}
    client.post(reverse("interviews:offer", args=[episode.pk]), data)
    page = client.get(reverse("interviews:detail", args=[episode.pk])).content.decode()
    assert "Changed: offered at, offered by" in page
