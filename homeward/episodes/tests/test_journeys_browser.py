"""The recording journeys end to end in Debian's Chromium (issue 4 item 9).

Sign in → find the child → report missing → raise the risk → record the return → offer → complete
the interview → a manager authorises → it is on the child's timeline; and a child not yet in
Homeward reported from scratch. Every page is screenshotted and checked with axe-core.
"""

import datetime

import pytest
from django.utils import timezone

from homeward.accounts.models import Role
from homeward.accounts.tests.factories import UserFactory
from homeward.children.tests.factories import CarePeriodFactory, ChildFactory
from homeward.timeutil import to_london

pytestmark = pytest.mark.e2e


def _type_instant(page, field: str, instant: datetime.datetime) -> None:
    local = to_london(instant)
    page.fill(f"#id_{field}_0", str(local.day))
    page.fill(f"#id_{field}_1", str(local.month))
    page.fill(f"#id_{field}_2", str(local.year))
    page.fill(f"#id_{field}_3", local.strftime("%H:%M"))


def _check(page, name, screenshot, assert_no_serious_axe_violations):
    screenshot(page, f"journeys-{name}")
    assert_no_serious_axe_violations(page)


@pytest.fixture
def journey_child(local_authority, placement):
    child = ChildFactory(
        organisation=local_authority,
        first_name="Jordan",
        last_name="Journeytest",
        date_of_birth=datetime.date(2011, 4, 9),
    )
    CarePeriodFactory(
        child=child,
        start_date=datetime.date(2023, 1, 1),
        placement=placement,
        placement_name="Oak House",
        in_area=False,
    )
    return child


@pytest.fixture
def named_manager(local_authority):
    return UserFactory(
        username="manager.m",
        first_name="Morgan",
        last_name="Manager",
        organisation=local_authority,
        role=Role.MANAGER,
    )


def test_report_to_authorised_interview_journey(
    browser_page,
    sign_in,
    screenshot,
    assert_no_serious_axe_violations,
    coordinator,
    named_manager,
    journey_child,
):
    page = browser_page
    check = lambda name: _check(page, name, screenshot, assert_no_serious_axe_violations)  # noqa: E731
    now = timezone.now()

    sign_in(page, coordinator)
    page.get_by_label("Name or person ID").fill("Journeytest")
    page.get_by_role("button", name="Search").click()
    check("01-search-results")
    page.get_by_role("link", name="Jordan Journeytest").click()
    check("02-child-record")

    page.get_by_role("link", name="Report Jordan missing").click()
    check("03-report-form")
    _type_instant(page, "went_missing_at", now - datetime.timedelta(hours=3))
    _type_instant(page, "reported_at", now - datetime.timedelta(hours=2, minutes=30))
    page.get_by_label("Residential staff").check()
    page.get_by_label("Police reference").fill("TS-0001-ZZ")
    page.get_by_label("Police risk level").select_option("medium")
    page.get_by_label("Or name a new place").fill("Testtown bus station")
    page.get_by_label("What were they wearing?").fill("Grey hoodie, black trainers")
    page.get_by_role("button", name="Report missing").click()
    page.get_by_text("has been reported missing").wait_for()
    check("04-episode-missing")

    page.get_by_role("link", name="Update risk level").click()
    page.get_by_label("High").check()
    _type_instant(page, "at", now - datetime.timedelta(hours=1))
    check("05-risk-form")
    page.get_by_role("button", name="Save risk level").click()
    page.get_by_text("Risk level high recorded").wait_for()

    page.get_by_role("link", name="Record the return").click()
    _type_instant(page, "returned_at", now - datetime.timedelta(minutes=20))
    page.get_by_label("Found by police").check()
    page.get_by_label("Where was the child and who were they with?").fill("With friends in a park")
    page.get_by_label("Child criminal exploitation").check()
    check("06-return-form")
    page.get_by_role("button", name="Save the return").click()
    page.get_by_text("The 72-hour clock has started").wait_for()
    assert "left" in page.locator("#rhi-clock").inner_text()
    check("07-episode-returned")

    page.get_by_role("link", name="Open the return home interview").click()
    check("08-interview-not-started")
    page.get_by_role("link", name="Record the offer").click()
    page.get_by_role("button", name="Save the offer").click()
    page.get_by_text("The offer has been recorded").wait_for()

    page.get_by_role("link", name="Complete the interview").click()
    page.get_by_label("Independent co-ordinator").check()
    page.get_by_label("Rules or boundaries").check()
    page.get_by_label("Associating with older people").check()
    page.get_by_label("The child's own words").fill("I just wanted to see my mates.")
    page.get_by_label("Actions, safety and disruption plan").fill(
        "Safety plan reviewed with Oak House."
    )
    check("09-complete-form")
    page.get_by_role("button", name="Save the interview").click()
    page.get_by_text("The return home interview has been saved").wait_for()
    assert "Completed in timescales" in page.locator("#rhi-clock").inner_text()
    check("10-interview-completed")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, named_manager)
    page.goto(f"/children/{journey_child.pk}/")
    page.get_by_role("link", name="Return interview completed").click()
    page.get_by_role("link", name="Authorise").click()
    check("11-authorise")
    page.get_by_role("button", name="Authorise").click()
    page.get_by_text("The interview has been authorised").wait_for()

    page.goto(f"/children/{journey_child.pk}/")
    timeline = page.locator(".hw-timeline")
    assert timeline.get_by_text("Return interview authorised").is_visible()
    assert timeline.get_by_text("Returned").first.is_visible()
    check("12-child-timeline")

    page.get_by_role("link", name="Missing episodes").click()
    page.get_by_label("Return interview status").select_option("completed_in_time")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**rhi_status=completed_in_time**")
    page.locator("#episode-list").get_by_text("Jordan Journeytest").wait_for()
    assert "csrfmiddlewaretoken" not in page.url
    check("13-episode-list")


def test_unknown_child_reported_from_scratch(
    browser_page, sign_in, screenshot, assert_no_serious_axe_violations, police, local_authority
):
    page = browser_page
    check = lambda name: _check(page, name, screenshot, assert_no_serious_axe_violations)  # noqa: E731
    now = timezone.now()

    sign_in(page, police)
    page.get_by_label("Name or person ID").fill("Nobodyknown")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="report a child missing who is not in Homeward").click()
    check("20-new-child-form")
    page.get_by_role("button", name="Create record and report missing").click()
    page.locator(".govuk-error-summary").wait_for()
    check("21-new-child-errors")
    assert page.locator(".govuk-error-summary").count() == 1
    assert page.get_by_role("link", name="Enter first name").is_visible()

    page.get_by_label("First name").fill("Alex")
    page.get_by_label("Last name").fill("Nobodyknown")
    page.fill("#id_child-date_of_birth_0", "3")
    page.fill("#id_child-date_of_birth_1", "2")
    page.fill("#id_child-date_of_birth_2", "2012")
    page.get_by_label("Female").first.check()
    page.get_by_label(local_authority.name).check()
    _type_instant(page, "went_missing_at", now - datetime.timedelta(hours=1))
    page.get_by_role("button", name="Create record and report missing").click()
    page.get_by_text("Alex Nobodyknown has been reported missing").wait_for()
    check("22-new-child-episode")


def test_report_form_on_a_phone(
    browser_page, sign_in, screenshot, assert_no_serious_axe_violations, carer, journey_child
):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, carer)
    page.goto(f"/episodes/report/child/{journey_child.pk}/")
    _check(page, "30-report-form-phone", screenshot, assert_no_serious_axe_violations)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375
