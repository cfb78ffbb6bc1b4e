import datetime

import pytest
import time_machine
from django.urls import reverse

from homeward.episodes.filters import Cursor, keyset_page
from homeward.episodes.models import Episode
from homeward.episodes.tests.conftest import NOW
from homeward.episodes.tests.factories import EpisodeFactory
from homeward.interviews.tests.factories import ReturnInterviewFactory

UTC = datetime.UTC


def _rows(ids):
    return Episode.objects.filter(pk__in=ids)


@pytest.fixture(autouse=True)
def pinned_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def many(child):
    # 23:30 UTC in summer is the next London day: the order must follow the instant.
    start = datetime.datetime(2023, 6, 1, 23, 30, tzinfo=UTC)
    return [
        EpisodeFactory(
            child=child,
            went_missing_at=start + datetime.timedelta(hours=5 * i),
            returned_at=start + datetime.timedelta(hours=5 * i + 1),
        )
        for i in range(7)
    ]


def test_pages_walk_every_episode_once_newest_first(many):
    seen, after = [], None
    while True:
        page = keyset_page(Episode.objects.all(), rows=_rows, after=after, before=None, size=3)
        seen += [row.pk for row in page.rows]
        if not page.next_cursor:
            break
        after = Cursor.decode(page.next_cursor)
    assert seen == [e.pk for e in reversed(many)]


def test_newer_link_returns_to_the_previous_page(many):
    first = keyset_page(Episode.objects.all(), rows=_rows, after=None, before=None, size=3)
    second = keyset_page(
        Episode.objects.all(),
        rows=_rows,
        after=Cursor.decode(first.next_cursor),
        before=None,
        size=3,
    )
    back = keyset_page(
        Episode.objects.all(),
        rows=_rows,
        after=None,
        before=Cursor.decode(second.previous_cursor),
        size=3,
    )
    assert ([r.pk for r in back.rows], back.is_first) == ([r.pk for r in first.rows], True)


def test_a_mangled_cursor_is_ignored():
    assert Cursor.decode("not-a-cursor") is None


def test_list_filters_by_open_episodes(client, coordinator, child, many):
    many[-1].returned_at = None
    many[-1].save()
    client.force_login(coordinator)
    response = client.get(reverse("episodes:list"), {"state": "open"})
    assert [row.pk for row in response.context["page"].rows] == [many[-1].pk]


def test_list_filters_by_rhi_status(client, coordinator, many):
    ReturnInterviewFactory(episode=many[2], completed_at=many[2].returned_at)
    client.force_login(coordinator)
    response = client.get(reverse("episodes:list"), {"rhi_status": "completed_in_time"})
    assert [row.pk for row in response.context["page"].rows] == [many[2].pk]


def test_list_filters_by_date_range(client, coordinator, many):
    client.force_login(coordinator)
    response = client.get(
        reverse("episodes:list"),
        {"went_missing_from": "2023-06-02", "went_missing_to": "2023-06-02"},
    )
    assert len(response.context["page"].rows) == 5


def test_list_filters_by_risk_and_category(client, coordinator, many):
    many[0].risk_level = "high"
    many[0].category = "away"
    many[0].save()
    client.force_login(coordinator)
    response = client.get(reverse("episodes:list"), {"risk_level": "high", "category": "away"})
    assert [row.pk for row in response.context["page"].rows] == [many[0].pk]


def test_list_filters_by_looked_after(client, coordinator, many):
    client.force_login(coordinator)
    response = client.get(reverse("episodes:list"), {"looked_after": "yes"})
    assert response.context["page"].rows == []
