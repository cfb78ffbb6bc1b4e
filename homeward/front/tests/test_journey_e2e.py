"""In a real browser: a co-ordinator signs in, finds a child and opens the child's record."""

import datetime

import pytest

from homeward.children.services import episode_care_periods_refresh
from homeward.children.tests.factories import CarePeriodFactory, ChildFactory
from homeward.episodes.tests.factories import EpisodeFactory
from homeward.testing.browser import DESKTOP, PHONE

pytestmark = pytest.mark.e2e


@pytest.fixture
def child(local_authority, placement):
    child = ChildFactory(
        organisation=local_authority,
        first_name="Robin",
        last_name="Testbrook",
        local_id="P900123",
        date_of_birth=datetime.date(2009, 2, 3),
        home_postcode="ZZ99 3AB",
    )
    CarePeriodFactory(
        child=child,
        start_date=datetime.date(2022, 9, 1),
        end_date=datetime.date(2023, 4, 30),
        placement_type="U4",
        placement_name="Foster household (Testshire)",
        in_area=True,
    )
    CarePeriodFactory(
        child=child,
        start_date=datetime.date(2023, 4, 30),
        placement=placement,
        placement_name="Oak House",
        placement_type="K2",
        in_area=False,
        rne="P",
    )
    EpisodeFactory(
        child=child,
        went_missing_at=datetime.datetime(2024, 6, 1, 20, 0, tzinfo=datetime.UTC),
        returned_at=datetime.datetime(2024, 6, 2, 8, 15, tzinfo=datetime.UTC),
        risk_level="high",
    )
    EpisodeFactory(
        child=child,
        category="away",
        went_missing_at=datetime.datetime(2024, 5, 11, 16, 30, tzinfo=datetime.UTC),
        returned_at=datetime.datetime(2024, 5, 11, 23, 5, tzinfo=datetime.UTC),
        risk_level="low",
    )
    episode_care_periods_refresh(child_ids=[child.pk])
    return child


def test_coordinator_searches_for_a_child_and_opens_the_record(
    browser_page, coordinator, child, sign_in, screenshot, assert_no_serious_axe_violations
):
    page = browser_page
    page.goto("/accounts/sign-in/")
    assert_no_serious_axe_violations(page)
    screenshot(page, "journey-01-sign-in")

    sign_in(page, coordinator)
    assert page.get_by_role("heading", name="Find a child").is_visible()
    assert_no_serious_axe_violations(page)
    screenshot(page, "journey-02-home")

    page.get_by_label("Name or person ID").fill("testbrook")
    page.get_by_role("button", name="Search").click()
    results = page.locator("#search-results")
    results.wait_for()
    assert "?" not in page.url and "testbrook" not in page.url.lower()
    assert results.get_by_role("link", name="Robin Testbrook").is_visible()
    assert_no_serious_axe_violations(page)
    screenshot(page, "journey-03-search-results")
    page.set_viewport_size(PHONE)
    assert_no_serious_axe_violations(page)
    screenshot(page, "journey-03-search-results-phone")
    page.set_viewport_size(DESKTOP)

    results.get_by_role("link", name="Robin Testbrook").click()
    page.get_by_role("heading", name="Robin Testbrook").wait_for()
    assert page.url.endswith(f"/children/{child.pk}/")
    assert page.get_by_role("heading", name="Care periods").is_visible()
    assert page.get_by_text("1 Jun 2024, 21:00").is_visible()
    assert_no_serious_axe_violations(page)
    screenshot(page, "journey-04-child-record")

    page.set_viewport_size(PHONE)
    assert_no_serious_axe_violations(page)
    screenshot(page, "journey-05-child-record-phone")


def test_search_error_summary_links_to_the_field(
    browser_page, coordinator, sign_in, screenshot, assert_no_serious_axe_violations
):
    page = browser_page
    sign_in(page, coordinator)
    page.get_by_role("button", name="Search").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "Enter a name, a person ID or a date of birth" in summary.inner_text()
    assert_no_serious_axe_violations(page)
    screenshot(page, "search-error-summary")


def test_pages_work_with_javascript_off(chromium_browser, live_server, coordinator, child):
    from homeward.testing.browser import sign_in as sign_in_helper

    context = chromium_browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in_helper(page, coordinator)
        page.get_by_label("Name or person ID").fill("P900123")
        page.get_by_role("button", name="Search").click()
        page.get_by_role("link", name="Robin Testbrook").click()
        page.get_by_role("heading", name="Missing episodes").wait_for()
        page.get_by_role("button", name="Sign out").click()
        page.get_by_role("heading", name="Sign in to Homeward").wait_for()
    finally:
        context.close()
