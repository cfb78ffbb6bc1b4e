"""The scorecard measures of SPEC.md §6, each on a small hand-built case."""

from datetime import date, timedelta

import pytest

from homeward.accounts.tests.factories import OrganisationFactory
from homeward.education.models import CMEReferral
from homeward.episodes.models import Episode
from homeward.episodes.tests.factories import LocationFactory
from homeward.reporting import counting
from homeward.reporting.counting import Cohort, Count, percent
from homeward.reporting.periods import date_range, month, reporting_quarter, reporting_year
from homeward.reporting.tests.counting_cases import at, child, episode, looked_after

pytestmark = pytest.mark.django_db

AS_AT = at(2023, 1, 1)
YEAR = reporting_year(2021)
EVERYONE = Cohort()


def card(period=YEAR, cohort=EVERYONE, as_at=AS_AT, episodes=None):
    episodes = Episode.objects.all() if episodes is None else episodes
    return counting.scorecard(episodes=episodes, period=period, cohort=cohort, as_at=as_at)


@pytest.fixture
def kid(local_authority):
    return child(local_authority)


# Periods and the as-at instant (SPEC.md §3, §4)


def test_episode_at_2330_utc_on_30_june_belongs_to_july_in_london(kid):
    episode(kid, at(2021, 6, 30, 23, 30))
    assert (card(month(2021, 6)).episodes, card(month(2021, 7)).episodes) == (0, 1)


def test_episode_that_went_missing_after_as_at_is_not_in_the_period(kid):
    episode(kid, at(2021, 6, 10, 12))
    assert card(as_at=at(2021, 6, 10, 11, 59)).episodes == 0


def test_recorded_in_error_counts_nowhere(kid):
    for day in (1, 2, 3):
        episode(kid, at(2021, 6, day, 12), recorded_in_error=True)
    result = card()
    assert (result.episodes, result.children, result.persistent_children) == (0, 0, 0)


# Looked after on the episode's date (SPEC.md §3, §9)


def test_care_period_ending_on_the_episode_date_is_looked_after(kid):
    episode(kid, at(2021, 6, 1, 20))
    looked_after(kid, date(2020, 1, 1), date(2021, 6, 1))
    assert (card().lac_episodes, card().lac_children) == (1, 1)


def test_care_period_ending_the_day_before_the_episode_is_not_looked_after(kid):
    episode(kid, at(2021, 6, 1, 20))
    looked_after(kid, date(2020, 1, 1), date(2021, 5, 31))
    assert card().lac_episodes == 0


def test_placement_move_day_takes_the_new_placement(kid):
    episode(kid, at(2021, 6, 1, 20))
    looked_after(kid, date(2020, 1, 1), date(2021, 6, 1), placement_type="U4")
    looked_after(kid, date(2021, 6, 1), placement_type="K2")
    groups = card().by_placement_group
    assert (groups["residential"], groups["foster"]) == (Count(1, 1), Count(0, 0))


def test_unregulated_flag_wins_over_the_place_code(kid):
    episode(kid, at(2021, 6, 1, 20))
    looked_after(kid, date(2020, 1, 1), placement_type="H5", unregulated=True)
    assert card().by_placement_group["unregulated"] == Count(1, 1)


def test_not_looked_after_episode_is_in_the_not_looked_after_group(kid):
    episode(kid, at(2021, 6, 1, 20))
    assert card().by_placement_group["not_looked_after"] == Count(1, 1)


# RHI measures (SPEC.md §4, §6)


def test_completed_rhi_with_no_offer_recorded_counts_as_offered_and_accepted(kid):
    episode(kid, at(2021, 6, 1, 20), interview={"completed_at": at(2021, 6, 3)})
    result = card()
    assert (result.rhi_offered.count, result.rhi_accepted.count, result.rhi_completed.count) == (
        1,
        1,
        1,
    )


def test_one_of_eight_is_13_percent():
    assert percent(1, 8) == 13


def test_half_a_percent_rounds_up():
    assert (percent(1, 200), percent(3, 8)) == (1, 38)


def test_percent_of_nothing_is_none():
    assert percent(0, 0) is None


def test_one_of_eight_episodes_offered_is_13_percent(kid):
    episode(kid, at(2021, 6, 1, 20), interview={"offered_at": at(2021, 6, 2)})
    for day in range(2, 9):
        episode(kid, at(2021, 6, day, 20))
    assert card().rhi_offered == counting.Share(1, 8, 13)


def test_accepted_is_a_share_of_episodes_and_completed_a_share_of_accepted(kid):
    offer = {"offered_at": at(2021, 6, 2), "accepted": True}
    episode(kid, at(2021, 6, 1, 20), interview=offer | {"completed_at": at(2021, 6, 8)})
    episode(kid, at(2021, 6, 9, 20), interview=offer | {"offered_at": at(2021, 6, 10)})
    episode(kid, at(2021, 6, 20, 20))
    result = card()
    assert (result.rhi_accepted, result.rhi_completed, result.rhi_in_time) == (
        counting.Share(2, 3, 67),
        counting.Share(1, 2, 50),
        counting.Share(0, 1, 0),
    )


def test_accepted_without_an_offer_date_counts_as_accepted_but_not_offered(kid):
    episode(kid, at(2021, 6, 1, 20), interview={"accepted": True})
    assert (card().rhi_offered.count, card().rhi_accepted.count) == (0, 1)


def test_acceptance_is_not_known_before_its_offer(kid):
    episode(kid, at(2021, 6, 1, 20), interview={"offered_at": at(2021, 6, 5), "accepted": True})
    assert card(as_at=at(2021, 6, 3)).rhi_accepted.count == 0


def test_offer_made_after_as_at_is_not_yet_offered(kid):
    episode(kid, at(2021, 6, 1, 20), interview={"offered_at": at(2021, 6, 5)})
    assert card(as_at=at(2021, 6, 4)).rhi_offered.count == 0


def test_rhi_status_table_counts_the_period_as_at(kid):
    episode(kid, at(2021, 6, 1, 20), interview={"completed_at": at(2021, 6, 2)})
    episode(kid, at(2021, 6, 10, 20), hours=None)
    status = card().rhi_status
    assert (status["completed_in_time"], status["not_due"], sum(status.values())) == (1, 1, 2)


# Persistently missing in the period (SPEC.md §5, §6)


def test_three_episodes_in_the_period_make_a_child_persistently_missing(local_authority):
    persistent, occasional = child(local_authority), child(local_authority)
    for day in (1, 5, 9, 13):
        episode(persistent, at(2021, 6, day, 12))
    for day in (2, 6):
        episode(occasional, at(2021, 6, day, 12))
    result = card()
    assert (result.persistent_children, result.persistent_episodes) == (1, 4)


def test_cohort_filter_applies_before_persistent(kid):
    for day in (2, 5, 20, 25):  # two while looked after, two after
        episode(kid, at(2021, 6, day, 12))
    looked_after(kid, date(2021, 6, 1), date(2021, 6, 10))
    looked_after_card = card(cohort=Cohort(looked_after=True))
    assert (card().persistent_children, looked_after_card.persistent_children) == (1, 0)


# Breakdowns, per episode on its own date (SPEC.md §6)


def test_child_turning_13_between_two_episodes_counts_in_both_age_bands(local_authority):
    kid = child(local_authority, date_of_birth=date(2008, 6, 15))
    episode(kid, at(2021, 6, 14, 12))
    episode(kid, at(2021, 6, 15, 12))
    bands = card().by_age_band
    assert (bands["10-12"], bands["13-15"], bands["0-9"]) == (Count(1, 1), Count(1, 1), Count(0, 0))


def test_29_february_birthday_is_reached_on_1_march_in_a_common_year(local_authority):
    kid = child(local_authority, date_of_birth=date(2008, 2, 29))
    episode(kid, at(2021, 2, 28, 12))
    episode(kid, at(2021, 3, 1, 12))
    bands = card(date_range(date(2021, 1, 1), date(2021, 12, 31))).by_age_band
    assert (bands["10-12"], bands["13-15"]) == (Count(1, 1), Count(1, 1))


def test_by_category_counts_episodes_and_children(local_authority):
    first, second = child(local_authority), child(local_authority)
    episode(first, at(2021, 6, 1, 12), category="missing")
    episode(first, at(2021, 6, 2, 12), category="missing")
    episode(second, at(2021, 6, 3, 12), category="away")
    result = card().by_category
    assert result == {"missing": Count(2, 1), "away": Count(1, 1), "absent": Count(0, 0)}


def test_by_gender_reports_empty_gender_as_not_recorded(local_authority):
    episode(child(local_authority, gender="transgender"), at(2021, 6, 1, 12))
    episode(child(local_authority, gender=""), at(2021, 6, 2, 12))
    genders = card().by_gender
    assert (genders["transgender"], genders["not_recorded"], genders["male"]) == (
        Count(1, 1),
        Count(1, 1),
        Count(0, 0),
    )


def test_by_risk_level_uses_the_recorded_highest_level(kid):
    episode(kid, at(2021, 6, 1, 12), risk_level="high")
    episode(kid, at(2021, 6, 2, 12), risk_level="")
    risks = card().by_risk_level
    assert (risks["high"], risks["not_recorded"], risks["low"]) == (
        Count(1, 1),
        Count(1, 1),
        Count(0, 0),
    )


def test_by_responsible_authority_groups_as_written(local_authority):
    episode(child(local_authority, responsible_authority="Elsewhere Council"), at(2021, 6, 1))
    episode(child(local_authority), at(2021, 6, 2))
    assert card().by_responsible_authority == {
        "Elsewhere Council": Count(1, 1),
        "Testshire Council": Count(1, 1),
    }


@pytest.fixture
def placements(local_authority):
    """One looked-after child each: ours in area, ours out of area (by ONS code), another
    authority's placed here, and one not looked after."""
    in_area = child(local_authority)
    out_of_area = child(local_authority, responsible_authority="e06009999")
    placed_here = child(local_authority, responsible_authority="Elsewhere Council")
    at_home = child(local_authority)
    for day, who in enumerate((in_area, out_of_area, placed_here, at_home), start=1):
        episode(who, at(2021, 6, day, 12))
    for who, in_area_flag in ((in_area, True), (out_of_area, False), (placed_here, False)):
        looked_after(who, date(2020, 1, 1), in_area=in_area_flag)


def test_by_placement_area_tells_ours_from_placed_here(placements):
    areas = card().by_placement_area
    assert [areas[k].episodes for k in counting.cohorts.PLACEMENT_AREAS] == [1, 1, 1, 0, 1]


@pytest.mark.parametrize(
    ("placement", "episodes"), [("in_area", 1), ("out_of_area", 1), ("placed_here", 1), ("ours", 2)]
)
def test_placement_cohort_selects_its_episodes(placements, placement, episodes):
    assert card(cohort=Cohort(placement=placement)).episodes == episodes


def test_ours_named_by_the_cohort_overrides_the_recording_organisation(placements):
    elsewhere = OrganisationFactory(name="Elsewhere Council", ons_code="E09999999")
    cohort = Cohort.for_organisation(elsewhere, placement="ours")
    assert card(cohort=cohort).episodes == 1


def test_looked_after_cohort_selects_looked_after_episodes(placements):
    assert card(cohort=Cohort(looked_after=True)).episodes == 3


def test_responsible_authority_cohort_ignores_case(placements):
    assert card(cohort=Cohort(responsible_authority="ELSEWHERE COUNCIL")).episodes == 1


# Duration and still missing (SPEC.md §6)


def test_duration_median_and_90th_percentile_interpolate_between_ranks(kid):
    for day, hours in enumerate((1, 2, 3, 4, 10), start=1):
        episode(kid, at(2021, 6, day, 12), hours=hours)
    result = card()
    assert (result.duration_median_hours, result.duration_p90_hours) == (3.0, 7.6)


def test_duration_of_an_even_count_is_the_mean_of_the_middle_two(kid):
    for day, hours in enumerate((1, 2, 4, 8), start=1):
        episode(kid, at(2021, 6, day, 12), hours=hours)
    assert card().duration_median_hours == 3.0


def test_duration_ignores_episodes_not_returned_and_is_none_without_returns(kid):
    episode(kid, at(2021, 6, 1, 12), hours=None)
    assert (card().duration_median_hours, card().duration_p90_hours) == (None, None)


def test_returned_within_24_hours_includes_exactly_24_hours(kid):
    episode(kid, at(2021, 6, 1, 12), hours=24)
    episode(kid, at(2021, 6, 5, 12), hours=24.5)
    episode(kid, at(2021, 6, 9, 12), hours=None)
    assert card().returned_within_24h == counting.Share(1, 2, 50)


def test_still_missing_counts_returns_after_the_end_of_the_period(kid):
    episode(kid, at(2021, 6, 30, 20), hours=3)  # returns 23:00 UTC = midnight 1 July London
    episode(kid, at(2021, 6, 29, 20), hours=1)
    episode(kid, at(2021, 6, 28, 20), hours=None)
    assert card(month(2021, 6)).still_missing == 2


def test_still_missing_as_at_before_the_end_of_the_period(kid):
    episode(kid, at(2021, 6, 1, 20), hours=48)
    assert (
        card(month(2021, 6), as_at=at(2021, 6, 2)).still_missing,
        card(month(2021, 6)).still_missing,
    ) == (1, 0)


# Top children, locations, CME, trend


def test_top_children_rank_by_episodes_with_their_placements(local_authority):
    busy, quiet = child(local_authority), child(local_authority)
    for day in (1, 5, 10):
        episode(busy, at(2021, 6, day, 12))
    looked_after(busy, date(2020, 1, 1), date(2021, 6, 9), placement_type="U4", in_area=False)
    looked_after(busy, date(2021, 6, 9), placement_type="H5")
    episode(quiet, at(2021, 6, 2, 12))
    top = counting.top_children(
        episodes=Episode.objects.all(), period=YEAR, cohort=Cohort(), as_at=AS_AT, n=1
    )
    assert top == [
        counting.TopChild(
            1, busy.pk, 3, ("H5", "U4"), ("foster", "semi_independent"), ("in_area", "out_of_area")
        )
    ]


def test_top_locations_count_last_seen_places(kid, local_authority):
    park = LocationFactory(organisation=local_authority, name="River Gardens")
    station = LocationFactory(organisation=local_authority, name="Bus Station")
    episode(kid, at(2021, 6, 1, 12), last_seen_place=park)
    episode(kid, at(2021, 6, 2, 12), last_seen_place=park, found_place=station)
    places = counting.top_locations(
        episodes=Episode.objects.all(), period=YEAR, cohort=Cohort(), as_at=AS_AT
    )
    assert (places["last_seen"], places["found"], places["stayed"]) == (
        [counting.PlaceCount(park.pk, "River Gardens", 2, 1)],
        [counting.PlaceCount(station.pk, "Bus Station", 1, 1)],
        [],
    )


def test_cme_counts_received_located_closed_and_still_open(kid, local_authority):
    def refer(n, referred, located=None, closed=None):
        CMEReferral.objects.create(
            organisation=local_authority,
            external_id=f"R{n}",
            child=kid,
            school="Test School",
            referred_on=referred,
            located_on=located,
            closed_on=closed,
        )

    refer(1, date(2021, 5, 1), date(2021, 5, 3), date(2021, 5, 4))
    refer(2, date(2021, 6, 1), date(2021, 6, 3))
    refer(3, date(2021, 6, 20), date(2021, 7, 3), date(2021, 7, 4))  # after the period
    refer(4, date(2021, 3, 1))  # before the period
    counts = counting.cme_counts(
        referrals=CMEReferral.objects.all(), period=reporting_quarter(2021, 1), as_at=AS_AT
    )
    assert counts == counting.CMECounts(received=3, located=2, closed=1, still_open=2)


def test_trend_gives_each_quarter_beside_the_same_quarter_a_year_earlier(kid):
    episode(kid, at(2021, 5, 1, 12))
    episode(kid, at(2020, 5, 1, 12))
    episode(kid, at(2020, 5, 2, 12))
    points = counting.trend(
        episodes=Episode.objects.all(), period=YEAR, cohort=Cohort(), as_at=AS_AT
    )
    assert [(p.current.episodes, p.year_earlier.episodes) for p in points] == [
        (1, 2),
        (0, 0),
        (0, 0),
        (0, 0),
    ]


def test_trend_by_month_has_one_point_a_month(kid):
    points = counting.trend(
        episodes=Episode.objects.all(), period=YEAR, cohort=Cohort(), as_at=AS_AT, unit="month"
    )
    assert [p.current.period.label for p in points][:2] == ["April 2021", "May 2021"]


# The JSON of SPEC.md §9


SPEC_KEYS = {
    "episodes", "children", "lac_episodes", "lac_children", "rhi_offered", "rhi_accepted",
    "rhi_completed", "rhi_in_time", "rhi_status", "persistent_children", "persistent_episodes",
    "by_category", "by_gender", "by_age_band", "by_placement_group", "rhi_offered_pct",
    "rhi_accepted_pct", "rhi_completed_pct", "rhi_in_time_pct",
}  # fmt: skip


def test_json_has_every_key_spec_names(kid):
    episode(kid, at(2021, 6, 1, 12))
    assert set(card().to_json()) >= SPEC_KEYS


def test_json_breakdowns_are_children_and_episodes_under_spec_keys(kid):
    episode(kid, at(2021, 6, 1, 12))
    data = card().to_json()
    assert (
        set(data["by_placement_group"]),
        set(data["by_age_band"]),
        set(data["by_category"]),
        data["by_gender"]["male"],
        set(data["rhi_status"]),
    ) == (
        {"foster", "residential", "semi_independent", "unregulated", "placed_with_parents",
         "other", "not_looked_after"},
        {"0-9", "10-12", "13-15", "16-17"},
        {"missing", "away", "absent"},
        {"children": 1, "episodes": 1},
        {"not_due", "voided", "completed_in_time", "completed_late", "declined", "pending",
         "overdue"},
    )  # fmt: skip


def test_json_percentages_are_null_when_there_is_nothing_to_divide(kid):
    data = card().to_json()
    assert (data["rhi_offered_pct"], data["rhi_completed_pct"]) == (None, None)


def test_scorecard_counts_only_the_given_episodes(kid, local_authority):
    episode(kid, at(2021, 6, 1, 12))
    other = child(OrganisationFactory())
    episode(other, at(2021, 6, 2, 12))
    scoped = Episode.objects.filter(organisation=local_authority)
    assert card(episodes=scoped).episodes == 1


def test_period_boundary_includes_both_end_dates(kid):
    episode(kid, at(2021, 4, 1, 0, 30))  # 01:30 BST on 1 April
    episode(kid, at(2022, 3, 31, 22, 30))  # 23:30 BST on 31 March (BST from 27 March 2022)
    episode(kid, at(2022, 3, 31, 23, 30))  # 00:30 BST on 1 April 2022
    assert card().episodes == 2


def test_a_week_range_counts_its_days(kid):
    episode(kid, at(2021, 6, 7, 12) - timedelta(days=1))
    assert card(date_range(date(2021, 6, 6), date(2021, 6, 12))).episodes == 1


def test_unexpected_recorded_value_is_counted_not_dropped(local_authority):
    episode(child(local_authority, gender="unknown"), at(2021, 6, 1, 12))
    assert card().by_gender["unknown"] == Count(1, 1)


def test_headline_agrees_with_the_scorecard(local_authority):
    kid = child(local_authority)
    for day in (1, 2, 3):
        episode(kid, at(2021, 6, day, 12), interview={"completed_at": at(2021, 6, day, 20)})
    top = counting.headline(
        episodes=Episode.objects.all(), period=YEAR, cohort=EVERYONE, as_at=AS_AT
    )
    full = card()
    assert (top.episodes, top.rhi_in_time, top.persistent_children, top.rhi_status) == (
        full.episodes,
        full.rhi_in_time,
        full.persistent_children,
        full.rhi_status,
    )


def test_trend_point_agrees_with_the_headline_of_its_quarter(local_authority):
    kid = child(local_authority)
    for day in (1, 2, 3):
        episode(kid, at(2021, 6, day, 12), interview={"offered_at": at(2021, 6, day, 20)})
    episode(kid, at(2021, 6, 30, 20), hours=None)
    episode(kid, at(2020, 9, 30, 20), hours=100)  # still missing at the end of its quarter
    points = counting.trend(
        episodes=Episode.objects.all(), period=YEAR, cohort=EVERYONE, as_at=AS_AT
    )
    for point in points:
        for got in (point.current, point.year_earlier):
            expected = counting.headline(
                episodes=Episode.objects.all(), period=got.period, cohort=EVERYONE, as_at=AS_AT
            )
            assert got == expected


def test_trend_of_a_period_longer_than_a_year_counts_each_quarter_once(kid):
    episode(kid, at(2021, 5, 1, 12))
    two_years = date_range(date(2020, 4, 1), date(2022, 3, 31))
    points = counting.trend(
        episodes=Episode.objects.all(), period=two_years, cohort=EVERYONE, as_at=AS_AT
    )
    assert [p.current.episodes for p in points][4] == 1 and points[4].year_earlier.episodes == 0
    assert points[8 - 4].current.period.start == date(2021, 4, 1)


def test_scorecard_takes_a_fixed_handful_of_queries_whatever_the_size(
    local_authority, django_assert_max_num_queries
):
    for n in range(12):
        episode(child(local_authority), at(2021, 6, 1 + n, 12), interview={"offered_at": AS_AT})
    # The first report takes the month counts (decision 0026); later ones sum them. Each is a
    # fixed number of queries (PostgreSQL adds two SET LOCAL per grouped query and a savepoint
    # around each), whatever the number of episodes.
    with django_assert_max_num_queries(30):
        card()
    with django_assert_max_num_queries(11):
        card()
