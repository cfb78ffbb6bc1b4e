import datetime

import pytest
from django.core.exceptions import ValidationError

from homeward.accounts.models import AuditEvent
from homeward.episodes.models import Category, Location, RiskLevel
from homeward.episodes.services import episode_report_new_child
from homeward.episodes.tests.conftest import hours_ago, report
from homeward.episodes.tests.factories import EpisodeFactory, LocationFactory


def test_report_creates_an_open_episode_with_homeward_id(child, coordinator, now):
    episode = report(child, coordinator, now)
    assert episode.returned_at is None
    assert episode.external_id == f"HW{episode.pk:07d}"


def test_report_links_the_care_period_covering_the_day(child, coordinator, now):
    episode = report(child, coordinator, now)
    assert episode.care_period == child.care_periods.get()


def test_report_keeps_the_first_risk_grading_in_the_history(child, coordinator, now):
    episode = report(child, coordinator, now)
    assert list(episode.risk_changes.values_list("level", flat=True)) == [RiskLevel.MEDIUM]


def test_report_writes_an_audit_entry_with_the_fields(child, coordinator, now):
    episode = report(child, coordinator, now)
    event = AuditEvent.objects.get(object_type="episodes.episode", object_id=str(episode.pk))
    assert event.action == AuditEvent.Action.CREATED
    assert event.detail["changes"]["category"] == [None, "missing"]


def test_report_names_a_new_place_once(child, coordinator, now):
    report(child, coordinator, now, last_seen_place_new="The  Bus Station")
    EpisodeFactory(child=child, went_missing_at=hours_ago(100), external_id="OLD")
    assert Location.objects.filter(name="The Bus Station").count() == 1


def test_report_finds_a_named_place_whatever_the_case(child, coordinator, now):
    park = LocationFactory(organisation=child.organisation, name="River Gardens")
    episode = report(child, coordinator, now, last_seen_place_new="river gardens")
    assert episode.last_seen_place == park


def test_report_saves_philomena_part_two(child, coordinator, now):
    episode = report(child, coordinator, now, clothing="Grey hoodie", last_seen_with="Two boys")
    assert episode.philomena_report.clothing == "Grey hoodie"


def test_report_in_the_future_is_refused(child, coordinator, now):
    with pytest.raises(ValidationError) as error:
        report(child, coordinator, now, went_missing_at=hours_ago(-1), reported_at=None)
    assert "future" in error.value.message_dict["went_missing_at"][0]


def test_report_made_before_the_child_was_last_seen_is_refused(child, coordinator, now):
    with pytest.raises(ValidationError) as error:
        report(child, coordinator, now, reported_at=hours_ago(4))
    assert "reported_at" in error.value.message_dict


def test_report_on_the_eighteenth_birthday_is_refused(child, coordinator, now):
    birthday = datetime.datetime(2027, 5, 17, 9, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError) as error:
        report(child, coordinator, birthday, went_missing_at=birthday, reported_at=None)
    assert "18" in error.value.message_dict["went_missing_at"][0]


def test_second_open_episode_is_refused_as_overlapping(child, coordinator, now):
    report(child, coordinator, now)
    with pytest.raises(ValidationError) as error:
        report(child, coordinator, now, went_missing_at=hours_ago(1), reported_at=None)
    assert "overlaps" in error.value.message_dict["went_missing_at"][0]


def test_episode_recorded_in_error_does_not_block_a_report(child, coordinator, now):
    EpisodeFactory(child=child, went_missing_at=hours_ago(5), recorded_in_error=True)
    assert report(child, coordinator, now).pk


def test_refused_report_saves_nothing(child, coordinator, now):
    with pytest.raises(ValidationError):
        report(child, coordinator, now, went_missing_at=hours_ago(-1), reported_at=None)
    assert not child.episodes.exists()


def test_unknown_child_is_created_with_the_report(local_authority, police, now):
    episode = episode_report_new_child(
        actor=police,
        organisation=local_authority,
        first_name="Testy",
        last_name="Newchild",
        date_of_birth=datetime.date(2011, 2, 3),
        sex="2",
        gender="female",
        now=now,
        category=Category.MISSING,
        went_missing_at=hours_ago(2),
    )
    assert episode.child.full_name == "Testy Newchild"
    assert episode.child.organisation == local_authority


def test_unknown_child_is_not_created_when_the_report_is_refused(local_authority, police, now):
    with pytest.raises(ValidationError):
        episode_report_new_child(
            actor=police,
            organisation=local_authority,
            first_name="Testy",
            last_name="Toolate",
            date_of_birth=datetime.date(2001, 2, 3),
            sex="2",
            now=now,
            category=Category.MISSING,
            went_missing_at=hours_ago(2),
        )
    assert not local_authority.children.filter(last_name="Toolate").exists()
