"""The episode facts (decision 0024): every write path leaves them equal to the derived ones,
and the check and rebuild commands find and mend a difference."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from homeward.accounts.models import User
from homeward.children.services import episode_care_periods_refresh
from homeward.children.tests.factories import CarePeriodFactory, ChildFactory
from homeward.episodes.models import Category, HowEnded, RiskLevel
from homeward.episodes.services import (
    episode_mark_recorded_in_error,
    episode_report_new_child,
    episode_return_record,
    episode_risk_update,
    episode_update,
)
from homeward.episodes.tests.conftest import hours_ago, report
from homeward.episodes.tests.factories import EpisodeFactory
from homeward.exchange.loader import ExchangeLoadError, exchange_load
from homeward.exchange.tests.exchange_data import (
    CARE_PERIOD,
    CHILD,
    EPISODE,
    row,
    write_folder,
)
from homeward.interviews.models import InterviewerRole, ReturnInterview
from homeward.interviews.services import (
    return_interview_authorise,
    return_interview_complete,
    return_interview_offer,
    return_interview_record_answer,
    return_interview_share_with_police,
    return_interview_void,
)
from homeward.reporting import facts as facts_module
from homeward.reporting.facts import facts_differences
from homeward.reporting.models import EpisodeFacts

BEFORE_CARE = datetime.datetime(2021, 12, 30, 20, 0, tzinfo=datetime.UTC)


def facts(episode) -> EpisodeFacts:
    return EpisodeFacts.objects.get(pk=episode.pk)


# Episodes services


@pytest.fixture
def episode(child):
    """An open episode of the looked after child (care period from 2022 at Oak House, K2)."""
    return EpisodeFactory(child=child, went_missing_at=hours_ago(10), risk_level=RiskLevel.MEDIUM)


def test_report_writes_facts_of_the_looked_after_child(child, coordinator, now):
    reported = report(child, coordinator, now)
    assert (facts_differences(), facts(reported).placement_group) == ([], "residential")


def test_report_of_a_new_child_writes_their_facts(local_authority, coordinator, now):
    reported = episode_report_new_child(
        actor=coordinator,
        organisation=local_authority,
        first_name="Testnew",
        last_name="Example",
        date_of_birth=datetime.date(2010, 1, 1),
        sex="2",
        gender="female",
        now=now,
        category=Category.MISSING,
        went_missing_at=hours_ago(3),
    )
    found = facts(reported)
    assert (facts_differences(), found.gender, found.authority_is_recorder, found.age) == (
        [],
        "female",
        True,
        14,
    )


def test_correcting_details_rewrites_the_facts(episode, coordinator, now):
    episode_update(
        actor=coordinator, episode=episode, expected_version=1, now=now, category=Category.AWAY
    )
    assert (facts_differences(), facts(episode).category) == ([], Category.AWAY)


def test_moving_the_date_into_a_care_period_rewrites_the_facts(child, coordinator, now):
    before_care = EpisodeFactory(child=child, went_missing_at=BEFORE_CARE, returned_at=None)
    episode_update(
        actor=coordinator,
        episode=before_care,
        expected_version=1,
        now=now,
        went_missing_at=hours_ago(10),
    )
    found = facts(before_care)
    assert (facts_differences(), found.went_missing_on, found.looked_after) == (
        [],
        datetime.date(2024, 3, 10),
        True,
    )


def test_moving_the_date_before_care_rewrites_the_facts(episode, coordinator, now):
    episode_update(
        actor=coordinator, episode=episode, expected_version=1, now=now, went_missing_at=BEFORE_CARE
    )
    found = facts(episode)
    assert (facts_differences(), found.looked_after, found.placement_group) == (
        [],
        False,
        "not_looked_after",
    )


def test_a_risk_grading_rewrites_the_facts(episode, police, now):
    episode_risk_update(
        actor=police,
        episode=episode,
        level=RiskLevel.HIGH,
        at=hours_ago(2),
        expected_version=episode.version,
        now=now,
    )
    assert (facts_differences(), facts(episode).risk_level) == ([], RiskLevel.HIGH)


def test_recording_the_return_rewrites_the_facts(episode, coordinator, now):
    episode_return_record(
        actor=coordinator,
        episode=episode,
        returned_at=hours_ago(1),
        how_ended=HowEnded.FOUND_BY_POLICE,
        expected_version=episode.version,
        now=now,
        found_place_new="Test Bus Station",
    )
    found = facts(episode)
    assert (facts_differences(), found.returned_at, found.found_place_id is not None) == (
        [],
        hours_ago(1),
        True,
    )


def test_marking_recorded_in_error_rewrites_the_facts(episode, coordinator, now):
    episode_mark_recorded_in_error(
        actor=coordinator, episode=episode, recorded_in_error=True, expected_version=1, now=now
    )
    assert (facts_differences(), facts(episode).recorded_in_error) == ([], True)


def test_restoring_from_recorded_in_error_rewrites_the_facts(episode, coordinator, now):
    episode_mark_recorded_in_error(
        actor=coordinator, episode=episode, recorded_in_error=True, expected_version=1, now=now
    )
    episode_mark_recorded_in_error(
        actor=coordinator, episode=episode, recorded_in_error=False, expected_version=2, now=now
    )
    assert (facts_differences(), facts(episode).recorded_in_error) == ([], False)


# Return interview services


@pytest.fixture
def returned(local_authority):
    return EpisodeFactory(
        child__organisation=local_authority,
        went_missing_at=hours_ago(30),
        returned_at=hours_ago(20),
    )


def _version(episode) -> int:
    interview = ReturnInterview.objects.filter(episode=episode).first()
    return interview.version if interview else 1


def offer(episode, actor, when):
    return return_interview_offer(
        actor=actor,
        episode=episode,
        offered_at=hours_ago(19),
        offered_by="Independent co-ordinator",
        expected_version=_version(episode),
        now=when,
    )


def answer(episode, actor, when, accepted, reason=""):
    return return_interview_record_answer(
        actor=actor,
        episode=episode,
        accepted=accepted,
        declined_reason=reason,
        expected_version=_version(episode),
        now=when,
    )


def complete(episode, actor, when):
    return return_interview_complete(
        actor=actor,
        episode=episode,
        completed_at=hours_ago(2),
        interviewer_role=InterviewerRole.INDEPENDENT,
        expected_version=_version(episode),
        now=when,
        childs_words="Synthetic words.",
    )


def test_an_offer_rewrites_the_facts(returned, coordinator, now):
    offer(returned, coordinator, now)
    assert (facts_differences(), facts(returned).rhi_offered_at) == ([], hours_ago(19))


def test_an_accepted_offer_rewrites_the_facts(returned, coordinator, now):
    offer(returned, coordinator, now)
    answer(returned, coordinator, now, accepted=True)
    assert (facts_differences(), facts(returned).rhi_accepted) == ([], True)


def test_a_declined_offer_rewrites_the_facts(returned, coordinator, now):
    offer(returned, coordinator, now)
    answer(returned, coordinator, now, accepted=False, reason="Did not want to talk")
    assert (facts_differences(), facts(returned).rhi_accepted) == ([], False)


def test_completing_the_interview_rewrites_the_facts(returned, coordinator, now):
    offer(returned, coordinator, now)
    complete(returned, coordinator, now)
    found = facts(returned)
    assert (facts_differences(), found.rhi_completed_at, found.rhi_accepted) == (
        [],
        hours_ago(2),
        True,
    )


def test_sharing_and_authorising_keep_the_facts_true(returned, coordinator, manager, now):
    complete(returned, coordinator, now)
    return_interview_share_with_police(
        actor=coordinator, episode=returned, expected_version=_version(returned), now=now
    )
    return_interview_authorise(
        actor=manager, episode=returned, expected_version=_version(returned), now=now
    )
    assert facts_differences() == []


def test_voiding_the_interview_rewrites_the_facts(returned, coordinator, now):
    offer(returned, coordinator, now)
    return_interview_void(
        actor=coordinator,
        episode=returned,
        reason="Moved out of area",
        expected_version=_version(returned),
        now=now,
    )
    found = facts(returned)
    assert (facts_differences(), found.rhi_voided_at, found.rhi_voided_reason) == (
        [],
        now,
        "given",
    )


# The exchange loader

OFFERED_ONLY = row("interviews.csv", completed_at="", interviewer_role="")


@pytest.fixture
def loaded(local_authority, tmp_path):
    """A first load: one looked after child (out of area, K2), an episode, an interview offered
    and accepted but not yet completed."""
    folder = write_folder(
        tmp_path / "first",
        children=[CHILD],
        care_periods=[CARE_PERIOD],
        episodes=[EPISODE],
        interviews=[OFFERED_ONLY],
    )
    exchange_load(folder=folder, organisation=local_authority)
    return EpisodeFacts.objects.get()


def load_again(organisation, folder, **files):
    return exchange_load(folder=write_folder(folder, **files), organisation=organisation)


def test_a_first_load_writes_true_facts(loaded):
    assert (facts_differences(), loaded.looked_after, loaded.in_area) == ([], True, False)


def test_a_reload_of_unchanged_files_rewrites_no_facts(
    loaded, local_authority, tmp_path, monkeypatch
):
    rewritten = []
    monkeypatch.setattr(facts_module, "_write", lambda episodes: rewritten.append(episodes))
    load_again(
        local_authority,
        tmp_path / "again",
        children=[CHILD],
        care_periods=[CARE_PERIOD],
        episodes=[EPISODE],
        interviews=[OFFERED_ONLY],
    )
    assert rewritten == []


def test_a_load_changing_the_childs_gender_rewrites_the_facts(loaded, local_authority, tmp_path):
    load_again(local_authority, tmp_path / "again", children=[row("children.csv", gender="male")])
    assert (facts_differences(), EpisodeFacts.objects.get().gender) == ([], "male")


def test_a_load_changing_the_date_of_birth_rewrites_the_age(loaded, local_authority, tmp_path):
    older = row("children.csv", date_of_birth="2006-05-17")
    load_again(local_authority, tmp_path / "again", children=[older])
    assert (facts_differences(), loaded.age, EpisodeFacts.objects.get().age) == ([], 13, 15)


def test_a_load_changing_the_responsible_authority_rewrites_the_facts(
    loaded, local_authority, tmp_path
):
    elsewhere = row("children.csv", responsible_authority="Elsewhere Council")
    load_again(local_authority, tmp_path / "again", children=[elsewhere])
    found = EpisodeFacts.objects.get()
    assert (facts_differences(), found.responsible_authority, found.authority_is_recorder) == (
        [],
        "Elsewhere Council",
        False,
    )


def test_a_load_completing_the_interview_rewrites_the_facts(loaded, local_authority, tmp_path):
    completed = row("interviews.csv")  # the base row has completed_at 2021-06-03T10:00:00Z
    load_again(local_authority, tmp_path / "again", interviews=[completed])
    assert (facts_differences(), EpisodeFacts.objects.get().rhi_completed_at) == (
        [],
        datetime.datetime(2021, 6, 3, 10, 0, tzinfo=datetime.UTC),
    )


def test_a_load_changing_the_care_period_rewrites_the_facts(loaded, local_authority, tmp_path):
    foster_in_area = row("care_periods.csv", in_area="Y", placement_type="U1")
    load_again(local_authority, tmp_path / "again", care_periods=[foster_in_area])
    found = EpisodeFacts.objects.get()
    assert (facts_differences(), found.in_area, found.placement_type, found.placement_group) == (
        [],
        True,
        "U1",
        "foster",
    )


def test_a_load_moving_the_episode_before_care_rewrites_the_facts(
    loaded, local_authority, tmp_path
):
    earlier = row(
        "episodes.csv",
        went_missing_at="2019-06-01T20:00:00Z",
        reported_at="2019-06-01T22:00:00Z",
        returned_at="2019-06-02T08:00:00Z",
    )
    load_again(local_authority, tmp_path / "again", episodes=[earlier])
    assert (facts_differences(), EpisodeFacts.objects.get().looked_after) == ([], False)


def test_a_refused_load_changes_no_facts(loaded, local_authority, tmp_path):
    before = list(EpisodeFacts.objects.values())
    changed = row("children.csv", gender="male", responsible_authority="Elsewhere Council")
    bad = row("children.csv", child_id="C2", date_of_birth="2009-02-30")
    with pytest.raises(ExchangeLoadError):
        load_again(local_authority, tmp_path / "bad", children=[changed, bad])
    assert list(EpisodeFacts.objects.values()) == before


# Care periods


def test_adding_a_care_period_rewrites_the_facts(local_authority):
    kid = ChildFactory(organisation=local_authority)
    missing = EpisodeFactory(child=kid, went_missing_at=hours_ago(10))
    CarePeriodFactory(child=kid, start_date=datetime.date(2023, 1, 1), placement_type="U1")
    episode_care_periods_refresh(child_ids=[kid.pk])
    found = facts(missing)
    assert (facts_differences(), found.looked_after, found.placement_group) == ([], True, "foster")


def test_refreshing_every_child_rewrites_the_facts(local_authority):
    kid = ChildFactory(organisation=local_authority)
    missing = EpisodeFactory(child=kid, went_missing_at=hours_ago(10))
    CarePeriodFactory(child=kid, start_date=datetime.date(2023, 1, 1), unregulated=True)
    episode_care_periods_refresh()
    assert (facts_differences(), facts(missing).placement_group) == ([], "unregulated")


# The check and rebuild commands


@pytest.fixture
def two_episodes(local_authority):
    kid = ChildFactory(organisation=local_authority)
    return [
        EpisodeFactory(child=kid, went_missing_at=hours_ago(100), returned_at=hours_ago(90)),
        EpisodeFactory(child=kid, went_missing_at=hours_ago(10)),
    ]


def test_check_passes_when_the_facts_are_true(two_episodes, capsys):
    call_command("reporting_facts_check")
    assert "match the records" in capsys.readouterr().out


def test_check_names_an_episode_whose_facts_were_changed(two_episodes):
    EpisodeFacts.objects.filter(pk=two_episodes[1].pk).update(age=99)
    with pytest.raises(CommandError) as error:
        call_command("reporting_facts_check")
    assert f"records: {two_episodes[1].pk}." in str(error.value)


def test_check_names_an_episode_whose_facts_are_missing(two_episodes):
    EpisodeFacts.objects.filter(pk=two_episodes[0].pk).delete()
    with pytest.raises(CommandError) as error:
        call_command("reporting_facts_check")
    assert f"records: {two_episodes[0].pk}." in str(error.value)


def test_rebuild_mends_changed_and_missing_facts(two_episodes):
    EpisodeFacts.objects.filter(pk=two_episodes[0].pk).delete()
    EpisodeFacts.objects.filter(pk=two_episodes[1].pk).update(age=99)
    call_command("reporting_facts_rebuild")
    assert facts_differences() == []


# An organisation renamed by the administrator ("ours" reads its name and ONS code)


def test_renaming_the_organisation_in_the_admin_rewrites_the_facts(client, administrator):
    kid = ChildFactory(organisation=administrator.organisation)  # responsible: its old name
    missing = EpisodeFactory(child=kid, went_missing_at=hours_ago(10))
    User.objects.filter(pk=administrator.pk).update(is_staff=True, is_superuser=True)
    council = administrator.organisation
    client.force_login(administrator)
    client.post(
        reverse("admin:accounts_organisation_change", args=[council.pk]),
        {
            "name": "Renamed Council",
            "kind": council.kind,
            "ons_code": council.ons_code,
            "partnership": council.partnership_id,
        },
    )
    assert (facts_differences(), facts(missing).authority_is_recorder) == ([], False)


@pytest.mark.django_db
def test_a_refresh_of_many_children_goes_through_a_table_of_their_ids(monkeypatch):
    episodes = [EpisodeFactory() for _ in range(3)]
    EpisodeFacts.objects.all().delete()
    monkeypatch.setattr(facts_module, "_CHUNK", 2)  # three children are "many"
    written = facts_module.episode_facts_refresh(child_ids=[e.child_id for e in episodes])
    assert (written, facts_differences()) == (3, [])
