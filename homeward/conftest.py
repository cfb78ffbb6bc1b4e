"""The base cast every access test uses (STYLE.md §9): a co-ordinator, a police user, a carer of
one placement and a carer of another, the other roles, and an outsider from another partnership."""

import pytest

from homeward.accounts.models import Organisation, Role
from homeward.accounts.tests.factories import (
    TEST_PASSWORD,
    OrganisationFactory,
    PartnershipFactory,
    UserFactory,
)
from homeward.children.tests.factories import PlacementFactory

pytest_plugins = ["homeward.testing.browser"]


@pytest.fixture
def password():
    return TEST_PASSWORD


@pytest.fixture
def partnership(db):
    return PartnershipFactory(name="Testshire Safeguarding Partnership")


@pytest.fixture
def local_authority(partnership):
    return OrganisationFactory(
        partnership=partnership, name="Testshire Council", ons_code="E06009999"
    )


@pytest.fixture
def police_force(partnership):
    return OrganisationFactory(
        partnership=partnership, name="Testshire Police", kind=Organisation.Kind.POLICE, ons_code=""
    )


@pytest.fixture
def placement(local_authority):
    return PlacementFactory(organisation=local_authority, name="Oak House")


@pytest.fixture
def other_placement(local_authority):
    return PlacementFactory(organisation=local_authority, name="Elm House")


def _user(organisation, role, username):
    return UserFactory(username=username, organisation=organisation, role=role)


@pytest.fixture
def coordinator(local_authority):
    return _user(local_authority, Role.COORDINATOR, "coordinator")


@pytest.fixture
def social_worker(local_authority):
    return _user(local_authority, Role.SOCIAL_WORKER, "socialworker")


@pytest.fixture
def manager(local_authority):
    return _user(local_authority, Role.MANAGER, "manager")


@pytest.fixture
def analyst(local_authority):
    return _user(local_authority, Role.ANALYST, "analyst")


@pytest.fixture
def administrator(local_authority):
    return _user(local_authority, Role.ADMINISTRATOR, "administrator")


@pytest.fixture
def police(police_force):
    return _user(police_force, Role.POLICE, "police")


@pytest.fixture
def carer(local_authority, placement):
    user = _user(local_authority, Role.CARER, "carer")
    placement.carers.add(user)
    return user


@pytest.fixture
def other_carer(local_authority, other_placement):
    user = _user(local_authority, Role.CARER, "othercarer")
    other_placement.carers.add(user)
    return user


@pytest.fixture
def outsider(db):
    other = OrganisationFactory(partnership=PartnershipFactory(name="Elsewhere Partnership"))
    return _user(other, Role.COORDINATOR, "outsider")
