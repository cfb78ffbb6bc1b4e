"""The child search on the home page: by name, person id or date of birth, POST only, scoped."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from homeward.accounts.tests.factories import OrganisationFactory, PartnershipFactory
from homeward.children.selectors import children_search
from homeward.children.tests.factories import CarePeriodFactory, ChildFactory

CURRENT_TIME = datetime.datetime(2024, 7, 1, 9, 30, tzinfo=datetime.UTC)
HOME = "/"


@pytest.fixture(autouse=True)
def _pinned_time():
    with time_machine.travel(CURRENT_TIME, tick=False):
        yield


@pytest.fixture
def jordan(local_authority, placement):
    child = ChildFactory(
        organisation=local_authority,
        first_name="Jordan",
        last_name="Testingham",
        local_id="LL-40001",
        date_of_birth=datetime.date(2010, 3, 27),
    )
    CarePeriodFactory(
        child=child,
        start_date=datetime.date(2024, 1, 1),
        placement=placement,
        placement_name="Oak House",
        placement_type="K2",
    )
    return child


@pytest.fixture
def casey(local_authority):
    return ChildFactory(
        organisation=local_authority,
        first_name="Casey",
        last_name="Exampleton",
        local_id="LL-40002",
        date_of_birth=datetime.date(2011, 8, 9),
    )


@pytest.fixture
def far_away_child():
    other = OrganisationFactory(partnership=PartnershipFactory(name="Far Partnership"))
    return ChildFactory(
        organisation=other,
        first_name="Jordan",
        last_name="Testingham",
        local_id="LL-40001",
        date_of_birth=datetime.date(2010, 3, 27),
    )


def _search(client, **data):
    payload = {"query": "", "date_of_birth_0": "", "date_of_birth_1": "", "date_of_birth_2": ""}
    payload.update(data)
    return client.post(HOME, payload)


def _found(response):
    return list(response.context["results"] or [])


def test_home_url_is_the_root():
    assert reverse("front:home") == HOME


def test_search_by_last_name_finds_the_child(client, coordinator, jordan, casey):
    client.force_login(coordinator)
    assert _found(_search(client, query="Testingham")) == [jordan]


def test_search_by_part_of_a_first_name_ignores_case(client, coordinator, jordan, casey):
    client.force_login(coordinator)
    assert _found(_search(client, query="JORD")) == [jordan]


def test_search_by_first_and_last_name_together(client, coordinator, jordan, casey):
    client.force_login(coordinator)
    assert _found(_search(client, query="jordan testing")) == [jordan]


def test_search_words_must_all_match(client, coordinator, jordan, casey):
    client.force_login(coordinator)
    assert _found(_search(client, query="jordan exampleton")) == []


def test_search_by_person_id(client, coordinator, jordan, casey):
    client.force_login(coordinator)
    assert _found(_search(client, query="ll-40002")) == [casey]


def test_search_by_date_of_birth(client, coordinator, jordan, casey):
    client.force_login(coordinator)
    response = _search(client, date_of_birth_0="27", date_of_birth_1="3", date_of_birth_2="2010")
    assert _found(response) == [jordan]


def test_search_by_name_and_date_of_birth_needs_both_to_match(client, coordinator, jordan, casey):
    client.force_login(coordinator)
    response = _search(
        client, query="casey", date_of_birth_0="27", date_of_birth_1="3", date_of_birth_2="2010"
    )
    assert _found(response) == []


def test_child_outside_the_users_reach_is_not_found(client, outsider, jordan):
    client.force_login(outsider)
    assert _found(_search(client, query="Jordan")) == []


def test_child_of_another_partnership_with_same_name_is_not_found(
    client, coordinator, far_away_child
):
    client.force_login(coordinator)
    assert _found(_search(client, query="LL-40001")) == []


def test_carer_finds_only_the_children_placed_with_them(client, carer, jordan, casey):
    client.force_login(carer)
    assert _found(_search(client, query="LL-4000")) == [] and _found(
        _search(client, query="Jordan")
    ) == [jordan]


def test_results_show_id_dob_authority_and_current_placement(client, coordinator, jordan):
    client.force_login(coordinator)
    content = _search(client, query="Jordan").content.decode()
    for expected in ("LL-40001", "27 March 2010", "Testshire Council", "Oak House", "K2: Children"):
        assert expected in content
    assert reverse("children:detail", args=[jordan.pk]) in content


def test_results_table_has_column_and_row_headers(client, coordinator, jordan):
    client.force_login(coordinator)
    content = _search(client, query="Jordan").content.decode()
    assert content.count('<th scope="col"') == 5
    assert '<th scope="row"' in content


def test_empty_search_shows_an_error_summary(client, coordinator, jordan):
    client.force_login(coordinator)
    response = _search(client)
    content = response.content.decode()
    assert response.context["results"] is None
    assert "govuk-error-summary" in content
    assert "Enter a name, a person ID or a date of birth" in content


def test_a_date_of_birth_that_does_not_exist_is_an_error(client, coordinator):
    client.force_login(coordinator)
    response = _search(client, date_of_birth_0="30", date_of_birth_1="2", date_of_birth_2="2010")
    assert "Date of birth must be a real date" in response.content.decode()


def test_a_date_of_birth_in_the_future_is_an_error(client, coordinator):
    client.force_login(coordinator)
    response = _search(client, date_of_birth_0="1", date_of_birth_1="1", date_of_birth_2="2030")
    assert "Date of birth must be in the past" in response.content.decode()


def test_search_form_posts_to_a_url_without_a_query_string(client, coordinator):
    client.force_login(coordinator)
    content = client.get(HOME).content.decode()
    assert 'method="post"' in content
    assert "?" not in content.split('class="hw-search-form"')[0].rsplit("<form", 1)[1]


def test_a_search_sent_in_the_query_string_is_ignored(client, coordinator, jordan):
    # GET never searches: a name in a URL would end up in logs and browser history.
    client.force_login(coordinator)
    response = client.get(HOME, {"query": "Jordan"})
    assert response.context["results"] is None


def test_search_results_are_rendered_in_the_post_response_not_a_redirect(
    client, coordinator, jordan
):
    client.force_login(coordinator)
    response = _search(client, query="Jordan")
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == HOME and response.request["QUERY_STRING"] == ""


@pytest.mark.parametrize("role", ["analyst", "administrator"])
def test_analyst_and_administrator_home_pages_have_no_search(client, request, role):
    client.force_login(request.getfixturevalue(role))
    content = client.get(HOME).content.decode()
    assert "Find a child" not in content
    assert "cannot search for children" in content


def test_analyst_post_does_not_search(client, analyst, jordan):
    client.force_login(analyst)
    assert _search(client, query="Jordan").context["results"] is None


def test_search_selector_limits_the_number_of_results(coordinator, local_authority):
    ChildFactory.create_batch(4, organisation=local_authority, last_name="Manyton")
    found = children_search(coordinator, text="manyton", limit=3)
    assert len(found) == 3
