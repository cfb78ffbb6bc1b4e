"""Month counts (decision 0026): a report summed from the cells equals the live count, for every
cohort with chains, period made of whole months and instant T; writes drop the cells they
touch; counts taken while a writer changed the month are never stored."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from homeward.episodes.models import Category, Episode
from homeward.reporting import counting, month_counts
from homeward.reporting.facts import episode_facts_rebuild, episode_facts_refresh
from homeward.reporting.models import EpisodeFacts, MonthCounts, MonthCountsCell
from homeward.reporting.periods import date_range, reporting_year
from homeward.reporting.tests.test_chains import COHORTS, _random_partnership, at

pytestmark = pytest.mark.django_db

PERIODS = {
    "2020/21": reporting_year(2020),
    "2021/22": reporting_year(2021),
    "a calendar quarter": date_range(datetime.date(2021, 1, 1), datetime.date(2021, 3, 31)),
    "a month": date_range(datetime.date(2021, 2, 1), datetime.date(2021, 2, 28)),
}
INSTANTS = {"after": at("2023-01-01"), "during": at("2021-01-15", 12)}


def _scope(council):
    return EpisodeFacts.objects.filter(organisation__partnership_id=council.partnership_id)


def _cards(council, cases):
    return [
        counting.scorecard(
            episodes=_scope(council), period=period, cohort=cohort, as_at=as_at
        ).to_json()
        for cohort, period, as_at in cases
    ]


def _live(monkeypatch):
    monkeypatch.setattr(month_counts, "month_counts_sum", lambda *args, **kwargs: None)


@pytest.mark.parametrize("seed", [5, 77])
def test_scorecards_from_month_counts_equal_live_counts(seed, monkeypatch):
    council = _random_partnership(seed)
    cases = [
        (make(council), period, as_at)
        for make in COHORTS.values()
        for period in PERIODS.values()
        for as_at in INSTANTS.values()
    ]
    taking = _cards(council, cases)  # takes the cells
    summed = _cards(council, cases)  # sums them
    assert MonthCountsCell.objects.exists()
    _live(monkeypatch)
    live = _cards(council, cases)
    assert taking == live
    assert summed == live


def test_a_report_at_the_instant_a_count_turns_on_is_counted_live(monkeypatch):
    council = _random_partnership(19)
    year = reporting_year(2020)
    everyone = COHORTS["all"](council)
    _cards(council, [(everyone, year, INSTANTS["after"])])
    instants = sorted(
        MonthCountsCell.objects.filter(settled_at__isnull=False).values_list(
            "settled_at", flat=True
        )
    )[::3]
    micro = datetime.timedelta(microseconds=1)
    cases = [(everyone, year, t + step) for t in instants for step in (-micro, 0 * micro, micro)]
    summed = _cards(council, cases)
    _live(monkeypatch)
    assert summed == _cards(council, cases)


def _cells_of(organisation_id: int, month: datetime.date) -> int:
    return MonthCountsCell.objects.filter(organisation_id=organisation_id, month=month).count()


def test_a_write_drops_the_cells_of_its_months_and_the_next_report_is_true(monkeypatch):
    council = _random_partnership(23)
    cases = [(COHORTS["all"](council), reporting_year(2020), INSTANTS["after"])]
    _cards(council, cases)
    episode = (
        Episode.objects.filter(organisation=council, recorded_in_error=False)
        .order_by("went_missing_at")
        .first()
    )
    month = episode.went_missing_on.replace(day=1)
    assert _cells_of(council.pk, month) == 1
    Episode.objects.filter(pk=episode.pk).update(
        category=Category.ABSENT if episode.category != Category.ABSENT else Category.MISSING
    )
    episode_facts_refresh(episode_ids=[episode.pk])
    assert _cells_of(council.pk, month) == 0
    assert MonthCountsCell.objects.exclude(month=month).exists()
    summed = _cards(council, cases)
    _live(monkeypatch)
    assert summed == _cards(council, cases)


def test_counts_taken_while_a_writer_changed_the_month_are_not_stored(monkeypatch):
    council = _random_partnership(29)
    cases = [(COHORTS["all"](council), reporting_year(2020), INSTANTS["after"])]
    counted = month_counts._count_cells

    def count_then_a_write_commits(alias, organisations, months, period, cohort):
        result = counted(alias, organisations, months, period, cohort)
        month_counts.month_counts_invalidate(alias, [(o, m) for o in organisations for m in months])
        return result

    monkeypatch.setattr(month_counts, "_count_cells", count_then_a_write_commits)
    summed = _cards(council, cases)
    assert not MonthCountsCell.objects.exists()
    _live(monkeypatch)
    assert summed == _cards(council, cases)


def test_a_custom_range_not_of_whole_months_is_counted_live(monkeypatch):
    council = _random_partnership(31)
    fortnight = date_range(datetime.date(2021, 2, 20), datetime.date(2021, 3, 5))
    _cards(council, [(COHORTS["all"](council), fortnight, INSTANTS["after"])])
    assert not MonthCountsCell.objects.exists()


def test_a_rebuild_of_the_facts_drops_every_cell():
    council = _random_partnership(37)
    _cards(council, [(COHORTS["all"](council), reporting_year(2020), INSTANTS["after"])])
    assert MonthCounts.objects.exists()
    episode_facts_rebuild()
    assert not MonthCountsCell.objects.exists()
    assert not MonthCounts.objects.exists()


def test_month_counts_are_kept_per_organisation_month_and_variant():
    council = _random_partnership(41)
    year = reporting_year(2020)
    for name in ("all", "looked after"):
        _cards(council, [(COHORTS[name](council), year, INSTANTS["after"])])
    organisations = set(council.partnership.organisations.values_list("pk", flat=True))
    variants = set(MonthCountsCell.objects.values_list("variant", flat=True))
    assert len(variants) == 2
    assert MonthCountsCell.objects.count() == 12 * len(organisations) * 2


def test_the_facts_check_recounts_the_month_counts():
    council = _random_partnership(43)
    _cards(council, [(COHORTS["looked after"](council), reporting_year(2020), INSTANTS["after"])])
    call_command("reporting_facts_check")
    row = MonthCounts.objects.exclude(counts={}).first()
    row.counts = {name: n + 1 for name, n in row.counts.items()}
    row.save()
    with pytest.raises(CommandError, match="month counts do not match"):
        call_command("reporting_facts_check")


def test_the_rebuild_command_takes_the_month_counts_the_performance_page_reads(monkeypatch):
    council = _random_partnership(47)
    call_command("reporting_facts_rebuild")
    year = reporting_year(2020)
    shapes = set(MonthCountsCell.objects.values_list("period_start", "period_end", "variant"))
    ours = month_counts.variant_of(COHORTS["ours named"](council))
    assert (year.start, year.end, ours) in shapes
    lac = month_counts.variant_of(COHORTS["ours named, looked after"](council))
    assert (datetime.date(2020, 4, 1), datetime.date(2020, 6, 30), lac) in shapes
    call_command("reporting_facts_check")
    cases = [(COHORTS["ours named"](council), year, INSTANTS["after"])]
    stored = MonthCountsCell.objects.count()
    summed = _cards(council, cases)
    assert MonthCountsCell.objects.count() == stored  # nothing left to take
    _live(monkeypatch)
    assert summed == _cards(council, cases)


def test_a_refresh_of_many_children_drops_the_cells_of_their_months(monkeypatch):
    from homeward.reporting import facts as facts_module

    council = _random_partnership(53)
    _cards(council, [(COHORTS["all"](council), reporting_year(2020), INSTANTS["after"])])
    monkeypatch.setattr(facts_module, "_CHUNK", 2)  # the load path: a table of children's ids
    children = list(
        Episode.objects.filter(went_missing_at__lt=at("2021-04-01", 0))
        .values_list("child_id", flat=True)
        .distinct()[:5]
    )
    months = month_counts.facts_months(EpisodeFacts.objects.filter(child_id__in=children))
    episode_facts_refresh(child_ids=children)
    assert not any(_cells_of(o, m) for o, m in months)
    assert MonthCountsCell.objects.exists()  # other months keep theirs
