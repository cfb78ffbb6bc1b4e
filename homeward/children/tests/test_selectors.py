"""Who sees which child (SPEC.md §8): children_for_user and child_get_for_user."""

import datetime

import pytest
from django.http import Http404

from homeward.accounts.models import Role
from homeward.accounts.tests.factories import OrganisationFactory, UserFactory
from homeward.children.selectors import child_get_for_user, children_for_user
from homeward.children.tests.factories import CarePeriodFactory, ChildFactory

TODAY = datetime.date(2024, 3, 15)


@pytest.fixture
def child(local_authority):
    return ChildFactory(organisation=local_authority, first_name="Alex", last_name="Testwood")


@pytest.fixture
def child_at_placement(local_authority, placement):
    child = ChildFactory(organisation=local_authority, first_name="Bo", last_name="Testfield")
    CarePeriodFactory(child=child, start_date=datetime.date(2023, 1, 1), placement=placement)
    return child


def _visible(user):
    return set(children_for_user(user, today=TODAY))


@pytest.mark.parametrize("role", ["coordinator", "social_worker", "manager", "police"])
def test_partnership_roles_see_every_child_of_their_partnership(request, role, child):
    user = request.getfixturevalue(role)
    assert _visible(user) == {child}


def test_police_see_children_recorded_by_the_local_authority(police, local_authority):
    # Police belong to a police organisation, not the authority: the partnership is what counts.
    child = ChildFactory(organisation=local_authority)
    assert child in _visible(police)


def test_a_child_of_another_organisation_in_the_partnership_is_visible(coordinator, partnership):
    neighbour = OrganisationFactory(partnership=partnership, name="Neighbouring Council")
    child = ChildFactory(organisation=neighbour)
    assert _visible(coordinator) == {child}


def test_outsider_from_another_partnership_sees_none_of_our_children(outsider, child):
    assert _visible(outsider) == set()


def test_outsider_cannot_get_our_child(outsider, child):
    with pytest.raises(Http404):
        child_get_for_user(outsider, child.pk, today=TODAY)


@pytest.mark.parametrize("role", ["analyst", "administrator"])
def test_analysts_and_administrators_see_no_child_records(request, role, child):
    assert _visible(request.getfixturevalue(role)) == set()


def test_user_without_role_sees_no_children(local_authority, child):
    user = UserFactory(organisation=local_authority, role="")
    assert _visible(user) == set()


def test_inactive_user_sees_no_children(local_authority, child):
    user = UserFactory(organisation=local_authority, role=Role.COORDINATOR, is_active=False)
    assert _visible(user) == set()


def test_carer_sees_the_child_currently_placed_with_them(carer, child_at_placement, child):
    assert _visible(carer) == {child_at_placement}


def test_carer_of_another_placement_does_not_see_the_child(other_carer, child_at_placement):
    assert _visible(other_carer) == set()


def test_carer_no_longer_sees_a_child_whose_placement_ended(carer, local_authority, placement):
    child = ChildFactory(organisation=local_authority)
    CarePeriodFactory(
        child=child,
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2024, 3, 14),
        placement=placement,
    )
    assert _visible(carer) == set()


def test_carer_does_not_yet_see_a_child_whose_placement_starts_tomorrow(
    carer, local_authority, placement
):
    child = ChildFactory(organisation=local_authority)
    CarePeriodFactory(child=child, start_date=datetime.date(2024, 3, 16), placement=placement)
    assert _visible(carer) == set()


def test_on_a_placement_move_day_the_new_carer_sees_the_child_and_the_old_does_not(
    carer, other_carer, local_authority, placement, other_placement
):
    # SPEC.md §9: where one period ends the day the next starts, the one that starts applies.
    child = ChildFactory(organisation=local_authority)
    CarePeriodFactory(
        child=child, start_date=datetime.date(2023, 1, 1), end_date=TODAY, placement=placement
    )
    CarePeriodFactory(child=child, start_date=TODAY, placement=other_placement, rne="P")
    assert (_visible(carer), _visible(other_carer)) == (set(), {child})


def test_carer_cannot_get_a_child_placed_elsewhere(other_carer, child_at_placement):
    with pytest.raises(Http404):
        child_get_for_user(other_carer, child_at_placement.pk, today=TODAY)


def test_child_get_for_user_returns_a_child_in_reach(coordinator, child):
    assert child_get_for_user(coordinator, child.pk, today=TODAY) == child


def test_child_get_for_user_is_404_for_an_id_that_does_not_exist(coordinator):
    with pytest.raises(Http404):
        child_get_for_user(coordinator, 987654, today=TODAY)
