"""``homeward demo``: loads through the exchange loader, adds casework, re-runs without duplicates.

The demo is built once for the module inside a transaction that is rolled back at the end, so
each test reads the same partnership and the database is left as it was found.
"""

import io
import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from homeward.accounts.models import Organisation, Role, User
from homeward.children.models import CarePeriod, Child, Involvement, Placement
from homeward.demo import catalogue
from homeward.demo.generator import demo_generate
from homeward.education.models import CMEReferral
from homeward.episodes.models import RISK_ORDER, Episode, Location, RiskLevelChange
from homeward.exchange.ssda903 import ssda903_export
from homeward.interviews.models import AuditRound, InterviewAudit, ReturnInterview
from homeward.reporting.cohorts import Cohort
from homeward.reporting.counting import scorecard
from homeward.reporting.facts import facts_differences
from homeward.reporting.periods import reporting_year
from homeward.safeguarding.models import Meeting, PhilomenaProfile, Plan

TODAY = date(2026, 11, 22)
CLOCK = datetime(2026, 11, 22, 8, 30, tzinfo=UTC)
PASSWORD = re.compile(r"Password \(all demo users, new on every run\): (\S+)")


def _run_demo() -> str:
    out = io.StringIO()
    call_command("demo", "--seed", "3", "--today", TODAY.isoformat(), stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), time_machine.travel(CLOCK, tick=False), transaction.atomic():
        yield _run_demo()
        transaction.set_rollback(True)


@pytest.fixture
def council(first_run, db):
    return Organisation.objects.get(name=catalogue.COUNCIL_NAME)


def _counts() -> dict[str, int]:
    models = (Child, CarePeriod, Episode, ReturnInterview, CMEReferral, Location, Placement)
    models += (User, PhilomenaProfile, Meeting, Plan, AuditRound, InterviewAudit)
    return {model.__name__: model.objects.count() for model in models}


def test_the_generated_files_load_through_the_exchange_loader(council):
    data = demo_generate(seed=3, today=TODAY)
    assert Child.objects.filter(organisation=council).count() == len(data.children)
    assert Episode.objects.filter(organisation=council).count() == len(data.episodes)
    assert ReturnInterview.objects.count() == len(data.interviews)
    assert CMEReferral.objects.filter(organisation=council).count() == len(data.cme_referrals)


def test_the_episode_facts_match_the_records(council):
    assert facts_differences() == []


def test_every_role_has_a_demo_user_in_the_right_organisation(council):
    users = User.objects.filter(organisation__partnership=council.partnership)
    assert {user.role for user in users} == set(Role.values)
    assert users.get(username="police").organisation.kind == Organisation.Kind.POLICE
    assert users.get(username="coordinator").organisation == council


def test_the_residential_carer_works_at_a_home_with_children_placed_now(council):
    home = Placement.objects.get(organisation=council, name=catalogue.DEMO_HOME)
    assert home.carers.filter(username="carer").exists()
    assert home.care_periods.filter(end_date__isnull=True).count() >= 2


def test_the_foster_carer_has_a_child_placed_now(council):
    home = Placement.objects.get(organisation=council, name=catalogue.DEMO_FOSTER_HOME)
    assert home.carers.filter(username="fostercarer").exists()
    assert home.care_periods.filter(end_date__isnull=True).exists()


def test_the_printout_gives_the_sign_in_address_users_and_password(first_run):
    assert "http://127.0.0.1:8000/" in first_run
    for username in ("coordinator", "socialworker", "carer", "police", "analyst", "manager"):
        assert username in first_run
    assert PASSWORD.search(first_run)


def test_completed_interviews_have_content_and_most_are_authorised(council):
    completed = ReturnInterview.objects.filter(completed_at__isnull=False)
    assert not completed.filter(childs_words="").exists()
    assert not completed.filter(analysis="").exists()
    authorised = completed.filter(authorised_by__username="manager").count()
    assert authorised >= 0.7 * completed.count()
    assert completed.filter(shared_with_police_at__isnull=False).exists()


def test_the_morning_view_has_children_missing_and_interviews_pending_and_overdue(council):
    card = scorecard(
        episodes=Episode.objects.filter(organisation=council),
        period=reporting_year(2026),
        cohort=Cohort(),
        as_at=datetime(2026, 11, 22, 0, 0, tzinfo=UTC),
    )
    assert card.still_missing >= 1
    assert card.rhi_status["pending"] >= 1
    assert card.rhi_status["overdue"] >= 1


def test_persistently_missing_children_have_philomena_profiles_and_plans(council):
    assert PhilomenaProfile.objects.filter(child__organisation=council).count() >= 20
    assert Plan.objects.filter(kind=Plan.Kind.SAFETY).exists()
    assert Meeting.objects.filter(kind=Meeting.Kind.INTERVENTION_PLANNING).exists()
    assert Meeting.objects.filter(kind=Meeting.Kind.DAILY_DYNAMIC).exists()


def test_each_episode_keeps_the_highest_level_of_its_risk_history(council):
    episodes = Episode.objects.filter(organisation=council).prefetch_related("risk_changes")
    for episode in episodes.order_by("-risk_level")[:300]:
        levels = [change.level for change in episode.risk_changes.all()]
        assert max(levels, key=RISK_ORDER.get) == episode.risk_level
    assert RiskLevelChange.objects.values("episode").distinct().count() == episodes.count()


def test_some_children_not_in_care_are_known_to_services(council):
    known = Involvement.objects.filter(child__organisation=council)
    assert known.exists()
    assert not known.filter(child__care_periods__isnull=False).exists()


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_the_ssda903_return_of_every_demo_year_passes_validation(council, year, tmp_path):
    ssda903_export(folder=tmp_path, organisation=council, year=year)  # raises on a bad record
    assert (tmp_path / "Missing.csv").read_text().count("\n") > 100


def test_hot_spots_have_coordinates(council):
    station = Location.objects.get(organisation=council, name="Northmoor Bus Station")
    assert station.latitude is not None and station.longitude is not None


def test_rhi_audit_rounds_are_scored(council):
    rounds = AuditRound.objects.filter(organisation=council)
    assert 2 <= rounds.count() <= 3
    assert not InterviewAudit.objects.filter(round__in=rounds, scored_at__isnull=True).exists()


def test_running_again_adds_nothing_and_gives_a_fresh_password(first_run, council):
    before = _counts()
    with time_machine.travel(CLOCK, tick=False):
        second_run = _run_demo()
    assert _counts() == before
    assert "already here" in second_run
    password = PASSWORD.search(second_run).group(1)
    assert password != PASSWORD.search(first_run).group(1)
    assert User.objects.get(username="manager").check_password(password)
