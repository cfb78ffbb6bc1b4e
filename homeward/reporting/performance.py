"""The performance report: every figure of the performance page, its downloads and the Word
committee report, gathered once from :mod:`homeward.reporting.counting` (SPEC.md §6).

The page, CSV, Excel and Word renderers all take a :class:`PerformanceReport` and its
:meth:`~PerformanceReport.tables`, so they show the same figures by construction.
"""

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Concat

from homeward.accounts.models import Organisation, Role, User
from homeward.children.models import Child
from homeward.education.models import CMEReferral
from homeward.interviews.audits.scores import RoundScores, round_scores
from homeward.interviews.models import AuditRound
from homeward.reporting import counting
from homeward.reporting import tables as tb
from homeward.reporting.charts import Chart, line_chart
from homeward.reporting.cohorts import IN_AREA, OUT_OF_AREA, placement_area_expression
from homeward.reporting.counting import CATEGORIES, Cohort, Count
from homeward.reporting.models import EpisodeFacts
from homeward.reporting.periods import (
    Period,
    calendar_quarter,
    month,
    quarters_in,
    reporting_quarter,
    reporting_year,
)

TOP_CHILDREN = 12
TOP_PLACES = 10
ALL_PLACES = 100_000  # the previous period's counts must cover every place, not only its top N
AUDIT_ROUNDS = 4


def report_episodes(user: User) -> QuerySet[EpisodeFacts]:
    """The episodes a report may count for ``user``, as their facts: their partnership's
    (SPEC.md §8)."""
    if not user.organisation_id:
        return EpisodeFacts.objects.none()
    return EpisodeFacts.objects.filter(organisation__partnership_id=user.partnership_id)


def report_referrals(user: User) -> QuerySet[CMEReferral]:
    if not user.organisation_id:
        return CMEReferral.objects.none()
    return CMEReferral.objects.filter(organisation__partnership_id=user.partnership_id)


def report_cohort(organisation: Organisation | None, **kwargs) -> Cohort:
    """A cohort whose "our authority" is the user's local authority (a police force has none)."""
    if organisation is not None and organisation.kind == Organisation.Kind.LOCAL_AUTHORITY:
        return Cohort.for_organisation(organisation, **kwargs)
    return Cohort(**kwargs)


def previous_period(period: Period) -> Period:
    """The period just before, of the same kind (the quarter before a quarter, …)."""
    start = period.start
    if period.kind == "reporting_year":
        return reporting_year(start.year - 1)
    if period.kind == "reporting_quarter":
        before = start - timedelta(days=1)
        year = before.year if before.month >= 4 else before.year - 1
        return reporting_quarter(year, (before.month - 4) % 12 // 3 + 1)
    if period.kind == "calendar_quarter":
        before = start - timedelta(days=1)
        return calendar_quarter(before.year, (before.month - 1) // 3 + 1)
    if period.kind == "month":
        before = start - timedelta(days=1)
        return month(before.year, before.month)
    if period.kind == "calendar_year":
        return Period(
            date(start.year - 1, 1, 1),
            date(start.year - 1, 12, 31),
            str(start.year - 1),
            "calendar_year",
        )
    return Period(start - timedelta(days=period.days), start - timedelta(days=1))


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    tables: tuple[tb.Table, ...]
    text: str = ""
    charts: tuple[Chart, ...] = ()


def period_name(period: Period) -> str:
    return tb.period_label(period)


@dataclass(frozen=True)
class PerformanceReport:
    period: Period
    previous: Period
    cohort: Cohort
    as_at: datetime
    card: counting.Scorecard
    earlier: counting.Headline
    lac_quarters: list[counting.Headline]
    placement_categories: dict[str, dict[str, Count]]
    top: list[counting.TopChild]
    names: dict[int, str] | None  # None: pseudonymised (rank numbers only)
    places: dict[str, list[counting.PlaceCount]]
    previous_places: dict[str, list[counting.PlaceCount]]
    trend: list[counting.TrendPoint]
    cme: counting.CMECounts
    audits: list[RoundScores]

    @property
    def persistent_sentence(self) -> str:
        return tb.persistent_sentence(self.card)

    def pseudonymised(self) -> "PerformanceReport":
        """The same report with children shown only by rank, for every exported file."""
        return dataclasses.replace(self, names=None)

    def sections(self) -> list["Section"]:
        """The report's sections in page order; the Word report follows the same order."""
        card = self.card
        charts = self.charts()
        return [
            Section(
                "comparison",
                "This period against the same period a year earlier",
                (tb.durham_comparison(card, self.earlier),),
            ),
            Section(
                "looked-after",
                "Looked after children by quarter",
                (tb.derby_lac_quarters(self.lac_quarters),),
            ),
            Section(
                "children",
                "Gender, return interviews and persistently missing children",
                (
                    tb.gender_table(card),
                    tb.rhi_compliance(card),
                    tb.persistent_table(card),
                    tb.top_children_table(self.top, names=self.names),
                ),
                text=self.persistent_sentence,
            ),
            Section(
                "categories",
                "Missing, away and absent",
                (tb.hartlepool_categories(self.placement_categories),),
            ),
            Section("breakdowns", "Breakdowns", tuple(tb.breakdown_tables(card))),
            Section("duration", "How long children were missing", (tb.duration_table(card),)),
            Section(
                "places",
                f"Hot spots, against {period_name(self.previous)}",
                tuple(tb.hot_spot_tables(self.places, self.previous_places)),
            ),
            Section(
                "trend", "Trend by quarter", (tb.trend_table(self.trend),), charts=tuple(charts)
            ),
            Section("cme", "Children missing education", (tb.cme_table(self.cme),)),
            Section(
                "audits",
                "Return interview audits",
                (tb.audit_scores_table(self.audits),),
                text="" if self.audits else "No audit rounds were held by the end of the period.",
            ),
        ]

    def tables(self) -> list[tb.Table]:
        """Every table of the report, in page order."""
        return [table for section in self.sections() for table in section.tables]

    def table(self, key: str) -> tb.Table:
        return next(t for t in self.tables() if t.key == key)

    def charts(self) -> list[Chart]:
        with_year = len(self.trend) > 4
        labels = [_short_label(p.current.period, with_year) for p in self.trend]
        this, before = self.period.label, self.period.year_earlier().label

        def series(get):
            return [
                (this, [get(p.current) for p in self.trend]),
                (before, [get(p.year_earlier) for p in self.trend]),
            ]

        return [
            line_chart(
                key="trend-episodes",
                title="Missing episodes by quarter",
                categories=labels,
                series=series(lambda h: h.episodes),
                y_label="Episodes",
            ),
            line_chart(
                key="trend-children",
                title="Individual children missing by quarter",
                categories=labels,
                series=series(lambda h: h.children),
                y_label="Children",
            ),
            line_chart(
                key="trend-timescale",
                title="Return interviews completed within 72 hours, by quarter",
                categories=labels,
                series=series(lambda h: h.rhi_in_time.pct),
                y_label="% in time",
                percent=True,
            ),
        ]


def _short_label(period: Period, with_year: bool) -> str:
    """'Apr–Jun' labels that fit under a chart's axis and suit both years' series."""
    label = f"{period.start:%b}–{period.end:%b}"
    return f"{label} {period.end:%Y}" if with_year else label


def _placement_categories(episodes, period, cohort, as_at, card) -> dict[str, dict[str, Count]]:
    """By category for all children of the cohort and for our looked after children placed in
    and out of area (Hartlepool); a group the page's cohort excludes counts nothing.

    Both areas come from one GROUP BY (area, category) over the cohort's looked-after episodes:
    an episode's area is the one the area cohort filters on, so each group is what that cohort
    would count, and a child is counted once per group either way."""
    groups = {"all": card.by_category}
    for placement in (IN_AREA, OUT_OF_AREA):
        groups[placement] = {c: Count(0, 0) for c in CATEGORIES}
    if cohort.placement not in (None, IN_AREA, OUT_OF_AREA):
        return groups
    narrowed = dataclasses.replace(cohort, looked_after=True)
    selected = counting.episodes_in_period(
        episodes=episodes, period=period, cohort=narrowed, as_at=as_at
    )
    key = Concat(placement_area_expression(cohort), Value("|"), F("category"))
    for area_category, count in counting.breakdown(selected, key).items():
        area, _, category = area_category.partition("|")
        if area in (IN_AREA, OUT_OF_AREA):
            groups[area][category] = count
    return groups


def _names(user: User, top: list[counting.TopChild]) -> dict[int, str] | None:
    """Children's names for the page; analysts see pseudonymised data only (SPEC.md §8)."""
    if user.role == Role.ANALYST:
        return None
    children = Child.objects.filter(pk__in=[t.child_id for t in top])
    return {c.pk: c.full_name for c in children}


CACHE_SECONDS = 5 * 60


def _cache_key(user: User, period: Period, cohort: Cohort) -> str:
    """Who may see what (partnership, names or ranks), which period, which cohort: no names."""
    names = "ranks" if user.role == Role.ANALYST else "names"
    digest = hashlib.sha256(repr(cohort).encode()).hexdigest()[:16]
    return f"homeward:performance:{user.partnership_id}:{names}:{period.key}:{digest}"


def performance_report_recent(*, user: User, period: Period, cohort: Cohort, now: datetime):
    """The report as at ``now``, or one computed for the same request in the last five minutes.

    At national size the figures take seconds to count; a user who looks at the page and then
    downloads it gets the same report (and the same "as at" time, shown on the page and in every
    file) instead of waiting twice. Reports as at an instant other than now are never cached.
    """
    key = _cache_key(user, period, cohort)
    report = cache.get(key)
    if report is None:
        report = performance_report(user=user, period=period, cohort=cohort, as_at=now)
        cache.set(key, report, CACHE_SECONDS)
    return report


def performance_report(
    *, user: User, period: Period, cohort: Cohort, as_at: datetime
) -> PerformanceReport:
    """Gather every figure of the performance report for ``user``'s partnership."""
    episodes = report_episodes(user)
    args = {"episodes": episodes, "cohort": cohort, "as_at": as_at}
    card = counting.scorecard(period=period, **args)
    lac = dataclasses.replace(cohort, looked_after=True)
    previous = previous_period(period)
    top = counting.top_children(period=period, n=TOP_CHILDREN, **args)
    rounds = AuditRound.objects.filter(
        organisation__partnership_id=user.partnership_id, held_on__lte=period.end
    ).order_by("-held_on", "-pk")[:AUDIT_ROUNDS]
    return PerformanceReport(
        period=period,
        previous=previous,
        cohort=cohort,
        as_at=as_at,
        card=card,
        earlier=counting.headline(period=period.year_earlier(), **args),
        lac_quarters=counting.headlines_by_period(
            episodes=episodes, periods=quarters_in(period), cohort=lac, as_at=as_at
        ),
        placement_categories=_placement_categories(episodes, period, cohort, as_at, card),
        top=top,
        names=_names(user, top),
        places=counting.top_locations(period=period, n=TOP_PLACES, **args),
        previous_places=counting.top_locations(period=previous, n=ALL_PLACES, **args),
        trend=counting.trend(period=period, **args),
        cme=counting.cme_counts(referrals=report_referrals(user), period=period, as_at=as_at),
        audits=round_scores(AuditRound.objects.filter(pk__in=[r.pk for r in rounds])),
    )
