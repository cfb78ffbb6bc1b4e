import pytest
import time_machine
from django.urls import reverse

from homeward.episodes.models import Episode
from homeward.episodes.tests.conftest import NOW, hours_ago
from homeward.episodes.tests.factories import EpisodeFactory, LocationFactory
from homeward.timeutil import to_london


@pytest.fixture(autouse=True)
def pinned_time():
    with time_machine.travel(NOW, tick=False):
        yield


def when(prefix, instant):
    local = to_london(instant)
    return {
        f"{prefix}_0": local.day,
        f"{prefix}_1": local.month,
        f"{prefix}_2": local.year,
        f"{prefix}_3": local.strftime("%H:%M"),
    }


def report_data(**extra):
    data = {"category": "missing", "risk_level": "medium", **when("went_missing_at", hours_ago(2))}
    data.update(extra)
    return data


def test_coordinator_reports_a_known_child_missing(client, coordinator, child):
    client.force_login(coordinator)
    response = client.post(reverse("episodes:report", args=[child.pk]), report_data())
    episode = Episode.objects.get(child=child)
    assert response.status_code == 302
    assert response.url == reverse("episodes:detail", args=[episode.pk])


def test_report_with_a_new_place_creates_the_place(client, coordinator, child):
    client.force_login(coordinator)
    client.post(
        reverse("episodes:report", args=[child.pk]),
        report_data(last_seen_place_new="Canal towpath"),
    )
    assert Episode.objects.get(child=child).last_seen_place.name == "Canal towpath"


def test_report_offers_the_known_places(client, coordinator, child):
    LocationFactory(organisation=child.organisation, name="River Gardens")
    client.force_login(coordinator)
    response = client.get(reverse("episodes:report", args=[child.pk]))
    assert "River Gardens" in response.content.decode()


def test_report_in_the_future_shows_the_error_and_saves_nothing(client, coordinator, child):
    client.force_login(coordinator)
    response = client.post(
        reverse("episodes:report", args=[child.pk]),
        report_data(**when("went_missing_at", hours_ago(-3))),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "cannot be in the future" in page
    assert not Episode.objects.exists()


def test_overlapping_report_shows_the_error(client, coordinator, child):
    EpisodeFactory(child=child, went_missing_at=hours_ago(5))
    client.force_login(coordinator)
    response = client.post(reverse("episodes:report", args=[child.pk]), report_data())
    assert "overlaps episode" in response.content.decode()
    assert Episode.objects.count() == 1


def test_open_episode_is_pointed_out_on_the_report_page(client, coordinator, child):
    EpisodeFactory(child=child, went_missing_at=hours_ago(5))
    client.force_login(coordinator)
    response = client.get(reverse("episodes:report", args=[child.pk]))
    assert "already recorded as missing" in response.content.decode()


def test_time_in_the_spring_gap_is_refused_on_the_form(client, coordinator, child):
    gap = {
        "went_missing_at_0": 31,
        "went_missing_at_1": 3,
        "went_missing_at_2": 2024,
        "went_missing_at_3": "1:30am",
    }
    with time_machine.travel("2024-04-02 12:00Z", tick=False):
        client.force_login(coordinator)
        response = client.post(reverse("episodes:report", args=[child.pk]), report_data(**gap))
    assert "clocks went forward" in response.content.decode()


def test_police_report_an_unknown_child_and_choose_the_authority(client, police, local_authority):
    client.force_login(police)
    data = report_data(
        **{
            "child-first_name": "Newly",
            "child-last_name": "Reported",
            "child-date_of_birth_0": "3",
            "child-date_of_birth_1": "2",
            "child-date_of_birth_2": "2011",
            "child-sex": "2",
            "child-organisation": local_authority.pk,
        }
    )
    response = client.post(reverse("episodes:report_new_child"), data)
    episode = Episode.objects.get()
    assert response.status_code == 302
    assert (episode.child.last_name, episode.child.organisation) == ("Reported", local_authority)


def test_unknown_child_form_needs_the_names(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("episodes:report_new_child"), report_data())
    assert response.status_code == 200
    assert not Episode.objects.exists()


def test_raising_the_risk_through_the_form(client, police, child):
    episode = EpisodeFactory(child=child, went_missing_at=hours_ago(5), risk_level="low")
    client.force_login(police)
    data = {"version": episode.version, "level": "high", **when("at", hours_ago(1))}
    client.post(reverse("episodes:risk_update", args=[episode.pk]), data)
    episode.refresh_from_db()
    assert episode.risk_level == "high"


def test_recording_the_return_shows_the_deadline(client, carer, child):
    episode = EpisodeFactory(child=child, went_missing_at=hours_ago(5))
    client.force_login(carer)
    data = {"version": 1, "how_ended": "returned", **when("returned_at", hours_ago(2))}
    response = client.post(reverse("episodes:return", args=[episode.pk]), data, follow=True)
    page = response.content.decode()
    assert "Due by" in page and "Wednesday 13 March 2024, 10am" in page
    assert "70 hours left" in page


def test_return_before_going_missing_is_refused_on_the_form(client, coordinator, child):
    episode = EpisodeFactory(child=child, went_missing_at=hours_ago(5))
    client.force_login(coordinator)
    data = {"version": 1, "how_ended": "returned", **when("returned_at", hours_ago(6))}
    response = client.post(reverse("episodes:return", args=[episode.pk]), data)
    assert "must be after the child went missing" in response.content.decode()
    episode.refresh_from_db()
    assert episode.returned_at is None


def test_stale_return_form_is_refused_with_a_clear_message(client, coordinator, child):
    episode = EpisodeFactory(child=child, went_missing_at=hours_ago(5), version=3)
    client.force_login(coordinator)
    data = {"version": 2, "how_ended": "returned", **when("returned_at", hours_ago(1))}
    response = client.post(reverse("episodes:return", args=[episode.pk]), data)
    page = response.content.decode()
    assert "changed this record" in page and "nothing you entered has been saved" in page
    assert 'name="version" value="3"' in page
    episode.refresh_from_db()
    assert episode.returned_at is None


def test_sighting_added_by_police_is_shared_with_police(client, police, child):
    episode = EpisodeFactory(child=child, went_missing_at=hours_ago(5))
    client.force_login(police)
    data = {"kind": "sighting", "text": "Seen near the canal", **when("at", hours_ago(1))}
    client.post(reverse("episodes:note_add", args=[episode.pk]), data)
    assert episode.notes.get().shared_with_police is True
