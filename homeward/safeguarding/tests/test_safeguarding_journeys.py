import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from homeward.children.tests.factories import CarePeriodFactory, ChildFactory
from homeward.episodes.services import StaleRecord
from homeward.safeguarding.models import Meeting, MeetingAction, Plan
from homeward.safeguarding.services import (
    meeting_record,
    philomena_profile_update,
    plan_create,
    plan_end,
)

NOW = datetime.datetime(2024, 3, 10, 12, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2024, 3, 10)


@pytest.fixture(autouse=True)
def pinned_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def child(local_authority, placement):
    child = ChildFactory(organisation=local_authority, date_of_birth=datetime.date(2010, 1, 2))
    CarePeriodFactory(child=child, start_date=datetime.date(2022, 1, 1), placement=placement)
    return child


def test_profile_is_created_on_first_update(child, carer):
    profile = philomena_profile_update(
        actor=carer, child=child, expected_version=1, now=NOW, description="Tall, red coat"
    )
    assert (profile.description, profile.version) == ("Tall, red coat", 2)


def test_stale_profile_update_is_refused(child, carer):
    philomena_profile_update(actor=carer, child=child, expected_version=1, now=NOW, medication="")
    with pytest.raises(StaleRecord):
        philomena_profile_update(
            actor=carer, child=child, expected_version=1, now=NOW, medication="Inhaler"
        )


def test_plan_review_before_start_is_refused(child, coordinator):
    with pytest.raises(ValidationError) as error:
        plan_create(
            actor=coordinator,
            child=child,
            kind=Plan.Kind.SAFETY,
            started_on=TODAY,
            review_on=TODAY - datetime.timedelta(days=1),
            content="Check in nightly",
            now=NOW,
        )
    assert "review_on" in error.value.message_dict


def test_plan_ends_on_a_date(child, coordinator):
    plan = plan_create(
        actor=coordinator,
        child=child,
        kind=Plan.Kind.DISRUPTION,
        started_on=TODAY,
        content="Notices to adults of concern",
        now=NOW,
    )
    assert plan_end(actor=coordinator, plan=plan, ended_on=TODAY, now=NOW).ended_on == TODAY


def test_meeting_action_needs_an_owner(child, coordinator, local_authority):
    with pytest.raises(ValidationError) as error:
        meeting_record(
            actor=coordinator,
            organisation=local_authority,
            kind=Meeting.Kind.STRATEGY,
            held_on=TODAY,
            children=[child],
            now=NOW,
            action_description="Refer to MACE",
        )
    assert "action_owner" in error.value.message_dict


def test_meeting_is_recorded_with_its_action(child, coordinator, local_authority):
    meeting = meeting_record(
        actor=coordinator,
        organisation=local_authority,
        kind=Meeting.Kind.INTERVENTION_PLANNING,
        held_on=TODAY,
        children=[child],
        now=NOW,
        action_description="Refer to MACE",
        action_owner="Missing co-ordinator",
    )
    assert MeetingAction.objects.get(meeting=meeting).child == child


def test_police_read_the_philomena_profile(client, police, child):
    client.force_login(police)
    assert client.get(reverse("safeguarding:philomena", args=[child.pk])).status_code == 200


def test_police_cannot_edit_the_philomena_profile(client, police, child):
    client.force_login(police)
    response = client.get(reverse("safeguarding:philomena_edit", args=[child.pk]))
    assert response.status_code == 403


def test_carer_of_another_placement_cannot_read_the_profile(client, other_carer, child):
    client.force_login(other_carer)
    assert client.get(reverse("safeguarding:philomena", args=[child.pk])).status_code == 404


def test_carer_updates_the_profile_through_the_form(client, carer, child):
    client.force_login(carer)
    data = {"version": 1, "description": "Short, blue trainers"}
    client.post(reverse("safeguarding:philomena_edit", args=[child.pk]), data)
    assert child.philomena_profile.description == "Short, blue trainers"


def test_plan_added_through_the_form_shows_on_the_child_page(client, coordinator, child):
    client.force_login(coordinator)
    data = {
        "kind": "safety",
        "started_on_0": "1",
        "started_on_1": "3",
        "started_on_2": "2024",
        "content": "Check in every evening",
    }
    client.post(reverse("safeguarding:plan_add", args=[child.pk]), data)
    page = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "Check in every evening" in page and "Safety plan started" in page


def test_carer_cannot_record_a_meeting(client, carer, child):
    client.force_login(carer)
    assert client.get(reverse("safeguarding:meeting_add", args=[child.pk])).status_code == 403
