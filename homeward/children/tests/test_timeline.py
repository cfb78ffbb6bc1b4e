import datetime

import pytest

from homeward.children.tests.factories import CarePeriodFactory, ChildFactory
from homeward.children.timeline import child_timeline
from homeward.episodes.tests.conftest import hours_ago
from homeward.episodes.tests.factories import EpisodeFactory
from homeward.interviews.tests.factories import ReturnInterviewFactory
from homeward.safeguarding.models import Plan


@pytest.fixture
def child(local_authority, placement):
    child = ChildFactory(organisation=local_authority, date_of_birth=datetime.date(2009, 5, 17))
    CarePeriodFactory(child=child, start_date=datetime.date(2022, 1, 1), in_area=False)
    return child


@pytest.fixture
def history(child):
    episode = EpisodeFactory(child=child, went_missing_at=hours_ago(30), returned_at=hours_ago(20))
    ReturnInterviewFactory(
        episode=episode, offered_at=hours_ago(5), completed_at=hours_ago(5), accepted=True
    )
    Plan.objects.create(
        child=child, kind=Plan.Kind.SAFETY, started_on=datetime.date(2024, 1, 5), content="Plan"
    )
    return episode


def test_timeline_is_newest_first_across_kinds(child, coordinator, history):
    titles = [entry.title for entry in child_timeline(child, user=coordinator)]
    assert titles == [
        "Return interview completed",
        "Return interview offered",
        "Returned",
        "Missing",
        "Safety plan started",
        "Care period started",
    ]


def test_police_do_not_see_an_unshared_interview_on_the_timeline(child, police, history):
    kinds = {entry.kind for entry in child_timeline(child, user=police)}
    assert "interview" not in kinds


def test_care_period_entry_says_out_of_area(child, coordinator):
    entries = child_timeline(child, user=coordinator)
    assert "out of area" in entries[0].detail


def test_child_page_shows_the_latest_thirty_entries_and_offers_the_rest(client, coordinator, child):
    from django.urls import reverse

    for i in range(20):
        EpisodeFactory(
            child=child,
            went_missing_at=hours_ago(100 * i + 10),
            returned_at=hours_ago(100 * i + 5),
        )
    client.force_login(coordinator)
    url = reverse("children:detail", args=[child.pk])
    assert len(client.get(url).context["timeline"]) == 30
    assert len(client.get(url, {"timeline": "all"}).context["timeline"]) == 41
