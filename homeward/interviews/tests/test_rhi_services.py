import datetime

import pytest
from django.core.exceptions import ValidationError

from homeward.episodes.tests.conftest import NOW, hours_ago
from homeward.episodes.tests.factories import EpisodeFactory
from homeward.interviews.models import InterviewerRole, ReturnInterview
from homeward.interviews.services import (
    return_interview_authorise,
    return_interview_complete,
    return_interview_offer,
    return_interview_record_answer,
    return_interview_share_with_police,
    return_interview_void,
)


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def episode(local_authority):
    return EpisodeFactory(
        child__organisation=local_authority,
        went_missing_at=hours_ago(30),
        returned_at=hours_ago(20),
    )


def version(episode):
    interview = ReturnInterview.objects.filter(episode=episode).first()
    return interview.version if interview else 1


def offer(episode, actor, now, at=None):
    return return_interview_offer(
        actor=actor,
        episode=episode,
        offered_at=at or hours_ago(19),
        offered_by="Independent co-ordinator",
        expected_version=version(episode),
        now=now,
    )


def complete(episode, actor, now, at=None, **content):
    return return_interview_complete(
        actor=actor,
        episode=episode,
        completed_at=at or hours_ago(2),
        interviewer_role=InterviewerRole.INDEPENDENT,
        expected_version=version(episode),
        now=now,
        **content,
    )


def test_offer_is_recorded_with_who_offered(episode, coordinator, now):
    interview = offer(episode, coordinator, now)
    assert (interview.offered_at, interview.offered_by) == (
        hours_ago(19),
        "Independent co-ordinator",
    )


def test_offer_before_the_return_is_refused(episode, coordinator, now):
    with pytest.raises(ValidationError) as error:
        offer(episode, coordinator, now, at=hours_ago(21))
    assert "before the child returned" in error.value.message_dict["offered_at"][0]


def test_offer_while_still_missing_is_refused(local_authority, coordinator, now):
    open_episode = EpisodeFactory(child__organisation=local_authority, went_missing_at=hours_ago(3))
    with pytest.raises(ValidationError) as error:
        offer(open_episode, coordinator, now, at=hours_ago(1))
    assert "not returned" in error.value.message_dict["offered_at"][0]


def test_decline_needs_a_reason(episode, coordinator, now):
    offer(episode, coordinator, now)
    with pytest.raises(ValidationError) as error:
        return_interview_record_answer(
            actor=coordinator, episode=episode, accepted=False, expected_version=2, now=now
        )
    assert "declined_reason" in error.value.message_dict


def test_decline_is_recorded_with_its_reason(episode, coordinator, now):
    offer(episode, coordinator, now)
    interview = return_interview_record_answer(
        actor=coordinator,
        episode=episode,
        accepted=False,
        declined_reason="Did not want to talk",
        expected_version=2,
        now=now,
    )
    assert (interview.accepted, interview.declined_reason) == (False, "Did not want to talk")


def test_answer_before_an_offer_is_refused(episode, coordinator, now):
    with pytest.raises(ValidationError):
        return_interview_record_answer(
            actor=coordinator, episode=episode, accepted=True, expected_version=1, now=now
        )


def test_completion_records_the_content_and_counts_as_accepted(episode, coordinator, now):
    interview = complete(
        episode,
        coordinator,
        now,
        push_factors=["rules_boundaries"],
        cre_indicators=["older_associates"],
        childs_words="I went to see my friends.",
    )
    assert (interview.accepted, interview.push_factors, interview.interviewer) == (
        True,
        ["rules_boundaries"],
        coordinator,
    )


def test_completion_before_the_return_is_refused(episode, coordinator, now):
    with pytest.raises(ValidationError) as error:
        complete(episode, coordinator, now, at=hours_ago(25))
    assert "before the child returned" in error.value.message_dict["completed_at"][0]


def test_completion_in_the_future_is_refused(episode, coordinator, now):
    with pytest.raises(ValidationError) as error:
        complete(episode, coordinator, now, at=now + datetime.timedelta(hours=1))
    assert "future" in error.value.message_dict["completed_at"][0]


def test_residential_staff_may_interview_under_exception_guidance(episode, carer, now):
    interview = return_interview_complete(
        actor=carer,
        episode=episode,
        completed_at=hours_ago(2),
        interviewer_role=InterviewerRole.RESIDENTIAL_EXCEPTION,
        expected_version=1,
        now=now,
    )
    assert interview.interviewer_role == "residential_exception"


def test_sharing_an_incomplete_interview_is_refused(episode, coordinator, now):
    offer(episode, coordinator, now)
    with pytest.raises(ValidationError):
        return_interview_share_with_police(
            actor=coordinator, episode=episode, expected_version=2, now=now
        )


def test_sharing_a_completed_interview_stamps_the_time(episode, coordinator, now):
    complete(episode, coordinator, now)
    interview = return_interview_share_with_police(
        actor=coordinator, episode=episode, expected_version=2, now=now
    )
    assert interview.shared_with_police_at == now


def test_manager_authorises_a_completed_interview(episode, coordinator, manager, now):
    complete(episode, coordinator, now)
    interview = return_interview_authorise(
        actor=manager, episode=episode, expected_version=2, now=now
    )
    assert (interview.authorised_by, interview.authorised_at) == (manager, now)


def test_coordinator_cannot_authorise(episode, coordinator, now):
    complete(episode, coordinator, now)
    with pytest.raises(PermissionError):
        return_interview_authorise(actor=coordinator, episode=episode, expected_version=2, now=now)


def test_void_needs_a_reason(episode, coordinator, now):
    with pytest.raises(ValidationError) as error:
        return_interview_void(
            actor=coordinator, episode=episode, reason="", expected_version=1, now=now
        )
    assert "reason" in error.value.message_dict


def test_voided_interview_cannot_be_completed(episode, coordinator, now):
    return_interview_void(
        actor=coordinator, episode=episode, reason="Moved out of area", expected_version=1, now=now
    )
    with pytest.raises(ValidationError, match="voided"):
        complete(episode, coordinator, now)
