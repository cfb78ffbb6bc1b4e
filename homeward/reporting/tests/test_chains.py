"""The chains (decision 0025): the stored "previous episode" dates, and counting on them gives
exactly what grouping every child's episodes gives, for every cohort, period and instant."""

import datetime
import random

import pytest

from homeward.accounts.models import Organisation
from homeward.accounts.tests.factories import OrganisationFactory
from homeward.children.services import episode_care_periods_refresh
from homeward.children.tests.factories import CarePeriodFactory, ChildFactory
from homeward.episodes.models import Category, Episode
from homeward.episodes.tests.factories import EpisodeFactory
from homeward.interviews.tests.factories import ReturnInterviewFactory
from homeward.reporting import counting
from homeward.reporting.cohorts import Cohort
from homeward.reporting.facts import episode_facts_refresh, facts_differences
from homeward.reporting.models import EpisodeFacts
from homeward.reporting.periods import date_range, quarters_in, reporting_year

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def at(day: str, hour: int = 20) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def facts(episode: Episode) -> EpisodeFacts:
    return EpisodeFacts.objects.get(episode=episode)


def test_previous_dates_skip_episodes_recorded_in_error():
    child = ChildFactory()
    first = EpisodeFactory(child=child, went_missing_at=at("2021-05-01"))
    wrong = EpisodeFactory(child=child, went_missing_at=at("2021-05-10"), recorded_in_error=True)
    third = EpisodeFactory(child=child, went_missing_at=at("2021-05-20"))
    assert (
        facts(third).previous_on,
        facts(third).previous_2_on,
        facts(first).previous_on,
        facts(wrong).previous_on,
    ) == (datetime.date(2021, 5, 1), None, None, None)


def test_previous_date_of_the_same_category_skips_other_categories():
    child = ChildFactory()
    EpisodeFactory(child=child, went_missing_at=at("2021-05-01"), category=Category.ABSENT)
    EpisodeFactory(child=child, went_missing_at=at("2021-05-10"), category=Category.MISSING)
    third = EpisodeFactory(child=child, went_missing_at=at("2021-05-20"), category=Category.ABSENT)
    assert (facts(third).previous_on, facts(third).previous_category_on) == (
        datetime.date(2021, 5, 10),
        datetime.date(2021, 5, 1),
    )


def test_an_earlier_episode_recorded_later_rewrites_its_siblings_chains():
    child = ChildFactory()
    later = EpisodeFactory(child=child, went_missing_at=at("2021-05-20"))
    EpisodeFactory(child=child, went_missing_at=at("2021-05-01"))
    assert (facts(later).previous_on, facts_differences()) == (datetime.date(2021, 5, 1), [])


def test_an_episode_moved_to_another_child_rewrites_the_child_it_left():
    first = EpisodeFactory(went_missing_at=at("2021-05-01"))
    moved = EpisodeFactory(child=first.child, went_missing_at=at("2021-05-10"))
    last = EpisodeFactory(child=first.child, went_missing_at=at("2021-05-20"))
    moved.child = ChildFactory(organisation=first.organisation)
    moved.save()
    episode_facts_refresh(episode_ids=[moved.pk])
    assert (facts(last).previous_on, facts_differences()) == (datetime.date(2021, 5, 1), [])


def test_the_third_episode_back_is_stored():
    child = ChildFactory()
    for day in ("2021-05-01", "2021-05-02", "2021-05-03"):
        EpisodeFactory(child=child, went_missing_at=at(day))
    fourth = EpisodeFactory(child=child, went_missing_at=at("2021-05-04"))
    assert facts(fourth).previous_3_on == datetime.date(2021, 5, 1)


def test_chains_apply_to_all_episodes_and_to_a_partnership():
    organisation = OrganisationFactory()
    scopes = [
        EpisodeFacts.objects.all(),
        EpisodeFacts.objects.filter(organisation__partnership_id=organisation.partnership_id),
    ]
    assert [counting.chains_apply(scope, Cohort()) for scope in scopes] == [True, True]


def test_chains_do_not_apply_to_one_organisation_or_a_placement_cohort():
    organisation = OrganisationFactory()
    cases = [
        (EpisodeFacts.objects.filter(organisation=organisation), Cohort()),
        (EpisodeFacts.objects.all(), Cohort(placement="out_of_area")),
        (Episode.objects.all(), Cohort()),
    ]
    assert [counting.chains_apply(scope, cohort) for scope, cohort in cases] == [
        False,
        False,
        False,
    ]


# Equivalence on a random partnership: an authority and its police force, children of
# several responsible authorities, care periods in and out of area, episodes recorded by
# either, some in error, some still open, and interviews in every state.

AUTHORITY = "Northshire Council"
AUTHORITY_CODE = "E10000099"


def _random_partnership(seed: int) -> Organisation:
    rng = random.Random(seed)
    council = OrganisationFactory(name=AUTHORITY, ons_code=AUTHORITY_CODE)
    police = OrganisationFactory(
        partnership=council.partnership,
        name="Northshire Police",
        ons_code="",
        kind=Organisation.Kind.POLICE,
    )
    children = []
    for _ in range(24):
        child = ChildFactory(
            organisation=council,
            gender=rng.choice(["male", "female", "non_binary", ""]),
            responsible_authority=rng.choice(["", AUTHORITY, AUTHORITY_CODE.lower(), "Elsewhere"]),
            date_of_birth=datetime.date(2004 + rng.randrange(12), rng.randrange(1, 13), 15),
        )
        children.append(child)
        start = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(700))
        for _ in range(rng.randrange(3)):
            end = start + datetime.timedelta(days=rng.randrange(30, 300))
            CarePeriodFactory(
                child=child,
                start_date=start,
                end_date=end,
                in_area=rng.choice([True, False, None]),
                placement_type=rng.choice(["U1", "K2", "H5", "P1", "Z1"]),
            )
            start = end + datetime.timedelta(days=rng.randrange(1, 60))
    episodes = []
    for _ in range(160):
        went = at("2020-04-01", 0) + datetime.timedelta(minutes=rng.randrange(2 * 366 * 24 * 60))
        hours = rng.choice([None, 1, 5, 30, 80, 200])
        episodes.append(
            EpisodeFactory(
                child=rng.choice(children),
                organisation=rng.choice([council, council, police]),
                went_missing_at=went,
                returned_at=None if hours is None else went + datetime.timedelta(hours=hours),
                category=rng.choice(list(Category.values)),
                risk_level=rng.choice(["low", "medium", "high", ""]),
                recorded_in_error=rng.random() < 0.05,
            )
        )
    for episode in episodes:
        if episode.returned_at and rng.random() < 0.7:
            offered = episode.returned_at + datetime.timedelta(hours=rng.randrange(1, 48))
            done = rng.random() < 0.7
            ReturnInterviewFactory(
                episode=episode,
                offered_at=offered,
                accepted=rng.random() < 0.8,
                completed_at=offered + datetime.timedelta(hours=rng.randrange(1, 90))
                if done
                else None,
            )
    episode_care_periods_refresh()
    return council


COHORTS = {
    "all": lambda council: Cohort(),
    "looked after": lambda council: Cohort(looked_after=True),
    "ours named": lambda council: Cohort.for_organisation(council),
    "ours named, looked after": lambda council: Cohort.for_organisation(council, looked_after=True),
    "one authority": lambda council: Cohort(responsible_authority="elsewhere"),
}
PERIODS = {
    "2020/21": reporting_year(2020),
    "2021/22": reporting_year(2021),
    "a custom fortnight": date_range(datetime.date(2021, 2, 20), datetime.date(2021, 3, 5)),
}
INSTANTS = {"after": at("2023-01-01"), "during": at("2021-01-15", 12)}


def _without_chains(monkeypatch):
    monkeypatch.setattr(counting, "chains_apply", lambda scope, cohort: False)


@pytest.mark.parametrize("seed", [7, 903])
def test_scorecards_on_chains_equal_grouping_every_child(seed, monkeypatch):
    council = _random_partnership(seed)
    scope = EpisodeFacts.objects.filter(organisation__partnership_id=council.partnership_id)
    cases = [
        (make(council), period, as_at)
        for make in COHORTS.values()
        for period in PERIODS.values()
        for as_at in INSTANTS.values()
    ]

    def cards():
        return [
            counting.scorecard(episodes=scope, period=period, cohort=cohort, as_at=as_at).to_json()
            for cohort, period, as_at in cases
        ]

    on_chains = cards()
    _without_chains(monkeypatch)
    assert on_chains == cards()


def test_quarterly_headlines_on_chains_equal_grouping_every_child(monkeypatch):
    council = _random_partnership(11)
    quarters = quarters_in(reporting_year(2020)) + quarters_in(reporting_year(2021))

    def headlines():
        return [
            counting.headlines_by_period(
                episodes=EpisodeFacts.objects.all(),
                periods=quarters,
                cohort=make(council),
                as_at=INSTANTS["after"],
            )
            for make in COHORTS.values()
        ]

    on_chains = headlines()
    _without_chains(monkeypatch)
    assert on_chains == headlines()
