"""The child record page: scoped, audited on every read, showing details, care and episodes."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from homeward.accounts.models import AuditEvent
from homeward.children.services import episode_care_periods_refresh
from homeward.children.tests.factories import CarePeriodFactory, ChildFactory
from homeward.episodes.tests.factories import EpisodeFactory

CURRENT_TIME = datetime.datetime(2024, 7, 1, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _pinned_time():
    with time_machine.travel(CURRENT_TIME, tick=False):
        yield


@pytest.fixture
def child(local_authority, placement):
    child = ChildFactory(
        organisation=local_authority,
        first_name="Robin",
        last_name="Testbrook",
        local_id="P123456",
        date_of_birth=datetime.date(2009, 2, 3),
    )
    CarePeriodFactory(
        child=child,
        start_date=datetime.date(2023, 5, 1),
        placement=placement,
        placement_name="Oak House",
        placement_type="K2",
        in_area=False,
    )
    return child


def _url(child):
    return reverse("children:detail", args=[child.pk])


def test_reading_a_child_record_writes_a_viewed_audit_event(client, coordinator, child):
    client.force_login(coordinator)
    client.get(_url(child))
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEWED)
    assert (event.actor, event.child, event.object_type, event.object_id, event.at) == (
        coordinator,
        child,
        "children.child",
        str(child.pk),
        CURRENT_TIME,
    )


def test_every_read_writes_its_own_audit_event(client, coordinator, child):
    client.force_login(coordinator)
    client.get(_url(child))
    client.get(_url(child))
    assert AuditEvent.objects.filter(action="viewed", child=child).count() == 2


def test_outsider_gets_404_and_no_audit_event(client, outsider, child):
    client.force_login(outsider)
    response = client.get(_url(child))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="viewed").exists()


def test_carer_of_the_childs_placement_can_read_the_record(client, carer, child):
    client.force_login(carer)
    assert client.get(_url(child)).status_code == 200


def test_carer_of_another_placement_gets_404(client, other_carer, child):
    client.force_login(other_carer)
    assert client.get(_url(child)).status_code == 404


def test_police_can_read_the_record(client, police, child):
    client.force_login(police)
    assert client.get(_url(child)).status_code == 200


def test_analyst_is_refused(client, analyst, child):
    client.force_login(analyst)
    assert client.get(_url(child)).status_code == 403


def test_page_shows_the_childs_details(client, coordinator, child):
    client.force_login(coordinator)
    content = client.get(_url(child)).content.decode()
    assert "Robin Testbrook" in content
    assert "P123456" in content
    assert "3 February 2009 (age 15)" in content


def test_care_periods_show_placement_type_label_group_and_area(client, coordinator, child):
    client.force_login(coordinator)
    content = client.get(_url(child)).content.decode()
    assert "K2: Children&#x27;s home" in content
    assert "Residential" in content
    assert "Out of area" in content
    assert "1 May 2023" in content


def test_episode_times_are_shown_in_london_time(client, coordinator, child):
    # 20:00 UTC in June is 21:00 British Summer Time.
    EpisodeFactory(
        child=child,
        went_missing_at=datetime.datetime(2024, 6, 1, 20, 0, tzinfo=datetime.UTC),
        returned_at=datetime.datetime(2024, 6, 2, 8, 15, tzinfo=datetime.UTC),
        risk_level="high",
    )
    episode_care_periods_refresh(child_ids=[child.pk])
    client.force_login(coordinator)
    content = client.get(_url(child)).content.decode()
    assert "1 Jun 2024, 21:00" in content
    assert "2 Jun 2024, 09:15" in content
    assert "High" in content


def test_an_open_episode_is_shown_as_still_missing(client, coordinator, child):
    EpisodeFactory(child=child, went_missing_at=CURRENT_TIME - datetime.timedelta(hours=3))
    client.force_login(coordinator)
    assert "Still missing" in client.get(_url(child)).content.decode()


def test_an_episode_recorded_in_error_is_marked(client, coordinator, child):
    EpisodeFactory(child=child, recorded_in_error=True)
    client.force_login(coordinator)
    assert "Recorded in error" in client.get(_url(child)).content.decode()


def test_page_title_does_not_name_the_child(client, coordinator, child):
    client.force_login(coordinator)
    content = client.get(_url(child)).content.decode()
    title = content.split("<title>")[1].split("</title>")[0]
    assert "Testbrook" not in title


def test_record_page_uses_the_section_includes(client, coordinator, child):
    client.force_login(coordinator)
    response = client.get(_url(child))
    names = {template.name for template in response.templates}
    assert {
        "children/_details.html",
        "children/_care_periods.html",
        "children/_episodes.html",
    } <= names


def test_a_care_period_without_a_placement_record_shows_its_placement_name(
    client, coordinator, child
):
    CarePeriodFactory(
        child=child,
        start_date=datetime.date(2021, 1, 4),
        end_date=datetime.date(2023, 4, 30),
        placement=None,
        placement_name="Foster household (Testshire)",
        placement_type="U4",
    )
    client.force_login(coordinator)
    content = client.get(_url(child)).content.decode()
    assert "Foster household (Testshire)" in content
    assert "Foster care" in content
