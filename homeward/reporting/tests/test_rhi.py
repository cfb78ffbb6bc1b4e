"""The RHI status of an episode as at an instant (SPEC.md §3, §4)."""

from datetime import timedelta

import pytest

from homeward.episodes.models import Episode
from homeward.reporting import rhi
from homeward.reporting.tests.counting_cases import at, child, episode

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


@pytest.fixture
def kid(local_authority):
    return child(local_authority)


def status(made, as_at):
    return rhi.rhi_status_of(made, as_at=as_at)


def test_child_not_returned_is_not_due(kid):
    made = episode(kid, at(2021, 6, 1, 20), hours=None)
    assert status(made, at(2021, 6, 10)) == rhi.NOT_DUE


def test_return_after_as_at_is_not_due(kid):
    made = episode(kid, at(2021, 6, 1, 20), hours=10)
    assert status(made, at(2021, 6, 2, 5, 59)) == rhi.NOT_DUE


def test_returned_within_72_hours_without_interview_is_pending(kid):
    made = episode(kid, at(2021, 6, 1, 20), hours=4)
    assert status(made, at(2021, 6, 3)) == rhi.PENDING


def test_returned_more_than_72_hours_ago_without_interview_is_overdue(kid):
    made = episode(kid, at(2021, 6, 1, 20), hours=4)
    assert status(made, at(2021, 6, 6)) == rhi.OVERDUE


def test_as_at_exactly_at_the_deadline_is_still_pending(kid):
    made = episode(kid, at(2021, 6, 1, 20), hours=4)
    assert status(made, at(2021, 6, 5, 0)) == rhi.PENDING


def test_as_at_one_second_after_the_deadline_is_overdue(kid):
    made = episode(kid, at(2021, 6, 1, 20), hours=4)
    assert status(made, at(2021, 6, 5, 0, 0, 1)) == rhi.OVERDUE


def test_voided_interview_is_voided_even_when_completed(kid):
    made = episode(
        kid,
        at(2021, 6, 1, 20),
        interview={
            "completed_at": at(2021, 6, 2, 12),
            "voided_reason": "Linked to an episode already interviewed",
            "voided_at": at(2021, 6, 3),
        },
    )
    assert status(made, at(2021, 6, 10)) == rhi.VOIDED


def test_voided_reason_without_a_voided_date_is_voided(kid):
    made = episode(kid, at(2021, 6, 1, 20), interview={"voided_reason": "Moved out of area"})
    assert status(made, at(2021, 6, 10)) == rhi.VOIDED


def test_voiding_after_as_at_has_not_happened_yet(kid):
    made = episode(
        kid,
        at(2021, 6, 1, 20),
        interview={"voided_reason": "Turned 18", "voided_at": at(2021, 7, 1)},
    )
    assert status(made, at(2021, 6, 10)) == rhi.OVERDUE


def test_completion_within_72_hours_is_completed_in_time(kid):
    made = episode(kid, at(2021, 6, 1, 20), interview={"completed_at": at(2021, 6, 3)})
    assert status(made, at(2021, 6, 10)) == rhi.COMPLETED_IN_TIME


def test_completion_after_72_hours_is_completed_late(kid):
    made = episode(kid, at(2021, 6, 1, 20), interview={"completed_at": at(2021, 6, 6)})
    assert status(made, at(2021, 6, 10)) == rhi.COMPLETED_LATE


def test_completion_after_as_at_is_not_yet_completed(kid):
    made = episode(kid, at(2021, 6, 1, 20), interview={"completed_at": at(2021, 6, 3)})
    assert status(made, at(2021, 6, 2, 12)) == rhi.PENDING


def test_offered_and_declined_is_declined(kid):
    made = episode(
        kid, at(2021, 6, 1, 20), interview={"offered_at": at(2021, 6, 2), "accepted": False}
    )
    assert status(made, at(2021, 6, 10)) == rhi.DECLINED


def test_declined_offer_made_after_as_at_is_not_yet_declined(kid):
    made = episode(
        kid, at(2021, 6, 1, 20), interview={"offered_at": at(2021, 6, 4), "accepted": False}
    )
    assert status(made, at(2021, 6, 3)) == rhi.PENDING


def test_declined_then_completed_is_completed(kid):
    made = episode(
        kid,
        at(2021, 6, 1, 20),
        interview={"offered_at": at(2021, 6, 2), "accepted": False, "completed_at": at(2021, 6, 3)},
    )
    assert status(made, at(2021, 6, 10)) == rhi.COMPLETED_IN_TIME


# Daylight saving: 28 March 2021 (clocks forward at 01:00 UTC) and 31 October 2021 (clocks
# back at 01:00 UTC). The return is an hour before each change; the deadline is 72 elapsed hours.
@pytest.mark.parametrize("returned_at", [at(2021, 3, 28, 0), at(2021, 10, 31, 0)])
def test_completed_exactly_72_elapsed_hours_after_a_return_before_a_clock_change_is_in_time(
    kid, returned_at
):
    made = episode(
        kid,
        returned_at - 2 * HOUR,
        hours=2,
        interview={"completed_at": returned_at + timedelta(hours=72)},
    )
    assert status(made, returned_at + timedelta(days=10)) == rhi.COMPLETED_IN_TIME


@pytest.mark.parametrize("returned_at", [at(2021, 3, 28, 0), at(2021, 10, 31, 0)])
def test_completed_one_minute_after_72_elapsed_hours_across_a_clock_change_is_late(
    kid, returned_at
):
    made = episode(
        kid,
        returned_at - 2 * HOUR,
        hours=2,
        interview={"completed_at": returned_at + timedelta(hours=72, minutes=1)},
    )
    assert status(made, returned_at + timedelta(days=10)) == rhi.COMPLETED_LATE


@pytest.mark.parametrize("returned_at", [at(2021, 3, 28, 0), at(2021, 10, 31, 0)])
def test_pending_until_72_elapsed_hours_across_a_clock_change(kid, returned_at):
    made = episode(kid, returned_at - 2 * HOUR, hours=2)
    deadline = returned_at + timedelta(hours=72)
    assert (status(made, deadline), status(made, deadline + timedelta(seconds=1))) == (
        rhi.PENDING,
        rhi.OVERDUE,
    )


def test_rhi_deadline_annotation_is_72_elapsed_hours_after_return(kid):
    made = episode(kid, at(2021, 3, 27, 22), hours=2)
    annotated = rhi.with_rhi_status(Episode.objects.filter(pk=made.pk), as_at=at(2021, 4, 1)).get()
    assert annotated.rhi_deadline == at(2021, 3, 31, 0) == rhi.rhi_deadline(made.returned_at)


def test_status_counts_include_every_status_with_zeros(kid):
    episode(kid, at(2021, 6, 1, 20), interview={"completed_at": at(2021, 6, 2)})
    counts = rhi.rhi_status_counts(Episode.objects.all(), as_at=at(2021, 6, 10))
    assert counts == dict.fromkeys(rhi.STATUSES, 0) | {rhi.COMPLETED_IN_TIME: 1}


def test_episode_without_interview_row_is_counted_once(kid):
    episode(kid, at(2021, 6, 1, 20))
    episode(kid, at(2021, 6, 5, 20), interview={"offered_at": at(2021, 6, 6)})
    counts = rhi.rhi_status_counts(Episode.objects.all(), as_at=at(2021, 6, 20))
    assert counts[rhi.OVERDUE] == 2
