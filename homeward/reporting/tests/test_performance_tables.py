"""Each table of the performance report against figures worked out by hand (performance_data)."""

import pytest

from homeward.reporting.performance import performance_report, previous_period, report_cohort
from homeward.reporting.periods import calendar_quarter, month, reporting_quarter, reporting_year
from homeward.reporting.tables import cell_text
from homeward.reporting.tests import performance_data as data


@pytest.fixture
def report(coordinator, manager, local_authority):
    data.build(local_authority, manager)
    return performance_report(
        user=coordinator,
        period=data.PERIOD,
        cohort=report_cohort(local_authority),
        as_at=data.AS_AT,
    )


def rows(report, key):
    table = report.table(key)
    return {row.header: [cell_text(v) for v in row.values] for row in table.rows}


def test_durham_comparison_against_the_year_before(report):
    assert rows(report, "comparison") == {
        "Number of missing episodes (total)": ["1", "7"],
        "Number of individual missing young people (total)": ["1", "4"],
        "Number of missing episodes of looked after children": ["0", "5"],
        "Number of looked after children who went missing": ["0", "2"],
        "Offered RHI (% of all episodes)": ["1 of 1 (100%)", "4 of 7 (57%)"],
        "Accepted RHI (% of all episodes)": ["1 of 1 (100%)", "3 of 7 (43%)"],
        "Completed RHI (% of those accepted)": ["1 of 1 (100%)", "3 of 3 (100%)"],
    }
    assert report.table("comparison").columns == ("Measure", "2022/23", "2023/24")


def test_derby_quarterly_table_counts_looked_after_children_per_quarter(report):
    assert rows(report, "lac-quarters") == {
        "Number of individuals going missing at least once": ["1", "1", "1", "1"],
        "Number of missing episodes": ["2", "1", "1", "1"],
        "Return interviews completed": ["2", "0", "0", "0"],
        "Return interviews voided": ["0", "0", "1", "0"],
        "Statutory timescales met of those completed": [
            "1 of 2 (50%)",
            "0 of 0 (–)",
            "0 of 0 (–)",
            "0 of 0 (–)",
        ],
    }
    assert len(report.table("lac-quarters").columns) == 5


def test_gender_table_counts_individuals_and_episodes(report):
    table = rows(report, "gender")
    assert table["Female"] == ["1", "3"]
    assert table["Male"] == ["2", "3"]
    assert table["Not recorded"] == ["1", "1"]
    assert table["Transgender"] == ["0", "0"]


def test_rhi_compliance_table_has_every_status_and_adds_up(report):
    assert rows(report, "rhi-compliance") == {
        "In timescales": ["2"],
        "Out of timescales": ["1"],
        "Voided": ["1"],
        "Incomplete (overdue)": ["1"],
        "Declined": ["1"],
        "Pending (within 72 hours)": ["0"],
        "Not yet returned": ["1"],
        "Total episodes": ["7"],
    }


def test_persistently_missing_sentence_and_table(report):
    assert report.persistent_sentence.startswith("1 young person accounts for 3 of 7 episodes")
    assert rows(report, "persistent") == {
        "Young people with 3 or more episodes": ["1"],
        "Their episodes (of all episodes)": ["3 of 7 (43%)"],
    }


def test_top_children_show_names_to_coordinators_with_placements(report):
    table = rows(report, "top-children")
    assert list(table) == ["ChildA Example", "ChildB Example", "ChildC Example", "ChildD Example"]
    assert table["ChildA Example"] == ["3", "Residential (K2)"]
    assert table["ChildB Example"] == ["2", "Foster care (U1); placed out of area"]
    assert table["ChildC Example"] == ["1", "Not looked after"]


def test_top_children_are_ranks_only_for_analysts(analyst, manager, local_authority):
    data.build(local_authority, manager)
    report = performance_report(
        user=analyst, period=data.PERIOD, cohort=report_cohort(local_authority), as_at=data.AS_AT
    )
    assert list(rows(report, "top-children")) == ["1", "2", "3", "4"]


def test_pseudonymised_report_replaces_names_with_ranks(report):
    assert list(rows(report.pseudonymised(), "top-children")) == ["1", "2", "3", "4"]


def test_hartlepool_categories_for_all_in_area_and_out_of_area(report):
    table = rows(report, "categories")
    assert table["All children: missing"] == ["5", "3"]
    assert table["All children: away from placement without authorisation"] == ["1", "1"]
    assert table["All children: absent (historic)"] == ["1", "1"]
    assert table["Looked after children placed in our area: missing"] == ["2", "1"]
    assert table[
        "Looked after children placed in our area: away from placement without authorisation"
    ] == ["1", "1"]
    assert table["Looked after children placed out of area: missing"] == ["2", "1"]
    assert table["Looked after children placed out of area: absent (historic)"] == ["0", "0"]


def test_age_bands_use_the_age_on_each_episode_date(report):
    table = rows(report, "age-band")
    assert table["10 to 12"] == ["1", "1"]
    assert table["13 to 15"] == ["2", "5"]
    assert table["16 to 17"] == ["1", "1"]
    assert table["0 to 9"] == ["0", "0"]


def test_placement_group_and_area_breakdowns(report):
    groups = rows(report, "placement-group")
    assert groups["Residential"] == ["1", "3"]
    assert groups["Foster care"] == ["1", "2"]
    assert groups["Not looked after"] == ["2", "2"]
    areas = rows(report, "placement-area")
    assert areas["Our looked after children placed in our area"] == ["1", "3"]
    assert areas["Our looked after children placed out of area"] == ["1", "2"]


def test_duration_median_p90_and_back_within_24_hours(report):
    # Returned by T: 3, 6, 6, 12, 24, 48 hours -> median 9.0, p90 24 + 0.5 * 24 = 36.0
    assert rows(report, "duration") == {
        "Median duration (hours)": ["9.0"],
        "90th percentile duration (hours)": ["36.0"],
        "Back within 24 hours (of returned episodes)": ["5 of 6 (83%)"],
        "Still missing at the end of the period": ["1"],
    }


def test_hot_spots_with_change_against_the_previous_period(report):
    assert rows(report, "places-last-seen") == {"Bus station": ["2", "2", "1", "+1"]}
    assert rows(report, "places-found") == {"River Walk": ["1", "1", "0", "+1"]}
    assert rows(report, "places-stayed") == {}


def test_trend_by_quarter_against_a_year_earlier(report):
    table = rows(report, "trend")
    episodes = [values[0] for values in table.values()]
    earlier = [values[1] for values in table.values()]
    assert episodes == ["2", "2", "1", "2"]
    assert earlier == ["1", "0", "0", "0"]


def test_cme_counts_referrals_received_in_the_period(report):
    assert rows(report, "cme") == {
        "Number of referrals received from schools": ["2"],
        "Number of children located and referrals closed": ["1"],
        "Number of referrals still ongoing": ["1"],
    }


def test_audit_scores_table_in_the_report(report):
    table = rows(report, "audit-scores")
    assert table["AVERAGE SCORING"] == ["21.0"]
    assert table["Action plan"] == ["3.0"]


def test_trend_charts_carry_a_summary_and_accessible_svg(report):
    episodes_chart = report.charts()[0]
    assert episodes_chart.summary.startswith(
        "2023/24: 2 in Apr–Jun and 2 in Jan–Mar; highest 2 (Apr–Jun), lowest 1 (Oct–Dec)."
    )
    svg = episodes_chart.svg()
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="chart-trend-episodes-title">Missing episodes by quarter</title>' in svg


def test_a_cohort_filter_narrows_every_table(coordinator, manager, local_authority):
    data.build(local_authority, manager)
    report = performance_report(
        user=coordinator,
        period=data.PERIOD,
        cohort=report_cohort(local_authority, placement="out_of_area"),
        as_at=data.AS_AT,
    )
    assert rows(report, "comparison")["Number of missing episodes (total)"] == ["0", "2"]
    assert rows(report, "categories")["Looked after children placed in our area: missing"] == [
        "0",
        "0",
    ]


def test_another_partnership_sees_none_of_these_figures(outsider, manager, local_authority):
    data.build(local_authority, manager)
    report = performance_report(
        user=outsider, period=data.PERIOD, cohort=report_cohort(None), as_at=data.AS_AT
    )
    assert report.card.episodes == 0
    assert report.cme.received == 0


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        (reporting_year(2023), reporting_year(2022)),
        (reporting_quarter(2023, 1), reporting_quarter(2022, 4)),
        (calendar_quarter(2024, 1), calendar_quarter(2023, 4)),
        (month(2024, 1), month(2023, 12)),
    ],
)
def test_previous_period_is_the_one_just_before(period, previous):
    assert previous_period(period) == previous
