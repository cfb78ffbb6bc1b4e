"""The one place every number comes from (SPEC.md §3–§6).

Every page, download, API response, committee report and the ``homeward scorecard`` command
calls these functions; nothing else counts episodes. Counting happens in the database
(aggregates, conditional counts, GROUP BY, ORDER BY … OFFSET), never by looping over episodes in
Python, and gives the same answers on SQLite and PostgreSQL.

Counting reads the episode facts (:class:`homeward.reporting.models.EpisodeFacts`): one narrow
row per episode, kept by every write path, so a report needs no join (decision 0024).

Inputs:
- ``episodes``: the caller's scoped queryset (e.g. the user's partnership) of episode facts, or
  of episodes (then read through their facts); counting narrows it.
- ``period``: a :class:`homeward.reporting.periods.Period` (local dates, both ends inclusive).
- ``cohort``: a :class:`Cohort` filter applied to the period's episodes before any measure.
- ``as_at``: the instant T of SPEC.md §4 — anything timed after T has not happened yet.

The definitions behind each number are in docs/decisions (the counting decision record); the
short version: an episode is in the period when its London date is, it went missing by T and it
was not recorded in error; then the cohort; then every measure over what is left.
"""

import functools
import math
import operator
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connections, models, transaction
from django.db.models import (
    Case,
    CharField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Col
from django.db.models.lookups import Exact, In

from homeward.accounts.models import Organisation
from homeward.episodes.models import Category, RiskLevel
from homeward.reporting import cohorts, month_counts, rhi
from homeward.reporting.cohorts import NOT_RECORDED, Cohort
from homeward.reporting.models import EpisodeFacts
from homeward.reporting.periods import Period
from homeward.timeutil import UTC

__all__ = [
    "Cohort",
    "Count",
    "Share",
    "Headline",
    "Scorecard",
    "episodes_in_period",
    "headline",
    "scorecard",
    "percent",
]

PERSISTENT_EPISODES = 3  # SPEC.md §5: "3 or more episodes in the period"
GENDERS = ("male", "female", "transgender", "non_binary", "other", NOT_RECORDED)
RISK_LEVELS = (*RiskLevel.values, NOT_RECORDED)
CATEGORIES = tuple(Category.values)


@dataclass(frozen=True)
class Count:
    """Episodes and distinct children."""

    episodes: int
    children: int

    def to_json(self) -> dict:
        return {"children": self.children, "episodes": self.episodes}


@dataclass(frozen=True)
class Share:
    """A numerator over a denominator; ``pct`` rounded half up, None when the denominator is 0."""

    count: int
    of: int
    pct: int | None

    @classmethod
    def of_(cls, count: int, of: int) -> "Share":
        return cls(count, of, percent(count, of))

    def __str__(self) -> str:
        """Durham's "743 (98%)" with the denominator stated: "743 (98%) of 757"."""
        pct = "–" if self.pct is None else f"{self.pct}%"
        return f"{self.count} ({pct}) of {self.of}"


def percent(count: int, of: int) -> int | None:
    """Whole per cent rounded half up, in integers (1 of 8 = 13); None when ``of`` is 0."""
    if of == 0:
        return None
    return (200 * count + of) // (2 * of)


@dataclass(frozen=True)
class Headline:
    """The headline measures of SPEC.md §6 for one period and cohort (also one trend point)."""

    period: Period
    episodes: int
    children: int
    lac_episodes: int
    lac_children: int
    rhi_offered: Share
    rhi_accepted: Share
    rhi_completed: Share
    rhi_in_time: Share
    rhi_status: dict[str, int]
    persistent_children: int
    persistent_episodes: int
    returned: int
    returned_within_24h: Share
    still_missing: int


@dataclass(frozen=True)
class Scorecard:
    period: Period
    cohort: Cohort
    as_at: datetime
    episodes: int
    children: int
    lac_episodes: int
    lac_children: int
    rhi_offered: Share  # of episodes
    rhi_accepted: Share  # of episodes
    rhi_completed: Share  # of accepted
    rhi_in_time: Share  # of completed
    rhi_status: dict[str, int]  # every SPEC.md §4 status, zeros included
    persistent_children: int
    persistent_episodes: int
    by_category: dict[str, Count]
    by_gender: dict[str, Count]
    by_age_band: dict[str, Count]
    by_placement_group: dict[str, Count]
    by_placement_area: dict[str, Count]  # in_area, out_of_area, placed_here, not_looked_after
    by_risk_level: dict[str, Count]
    by_responsible_authority: dict[str, Count]
    duration_median_hours: float | None
    duration_p90_hours: float | None
    returned_within_24h: Share
    still_missing: int  # episodes of the period open at the end of the period (or at as_at)
    extra: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        """The JSON object of SPEC.md §9 (``homeward scorecard --format json``), plus extras."""

        def breakdown(counts: dict[str, Count]) -> dict:
            return {key: count.to_json() for key, count in counts.items()}

        def hours(value: float | None) -> float | None:
            return None if value is None else round(value, 2)

        return {
            "period": {
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
                "label": self.period.label,
                "key": self.period.key,
            },
            "as_at": self.as_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "cohort": self.cohort.describe(),
            "episodes": self.episodes,
            "children": self.children,
            "lac_episodes": self.lac_episodes,
            "lac_children": self.lac_children,
            "rhi_offered": self.rhi_offered.count,
            "rhi_offered_pct": self.rhi_offered.pct,
            "rhi_accepted": self.rhi_accepted.count,
            "rhi_accepted_pct": self.rhi_accepted.pct,
            "rhi_completed": self.rhi_completed.count,
            "rhi_completed_pct": self.rhi_completed.pct,
            "rhi_in_time": self.rhi_in_time.count,
            "rhi_in_time_pct": self.rhi_in_time.pct,
            "rhi_status": dict(self.rhi_status),
            "persistent_children": self.persistent_children,
            "persistent_episodes": self.persistent_episodes,
            "by_category": breakdown(self.by_category),
            "by_gender": breakdown(self.by_gender),
            "by_age_band": breakdown(self.by_age_band),
            "by_placement_group": breakdown(self.by_placement_group),
            "by_placement_area": breakdown(self.by_placement_area),
            "by_risk_level": breakdown(self.by_risk_level),
            "by_responsible_authority": breakdown(self.by_responsible_authority),
            "duration_median_hours": hours(self.duration_median_hours),
            "duration_p90_hours": hours(self.duration_p90_hours),
            "returned": self.returned_within_24h.of,
            "returned_within_24h": self.returned_within_24h.count,
            "returned_within_24h_pct": self.returned_within_24h.pct,
            "still_missing": self.still_missing,
            **self.extra,
        }


def _utc(as_at: datetime) -> datetime:
    if as_at.tzinfo is None:
        raise ValueError("as_at must be an aware datetime")
    return as_at.astimezone(UTC)


def facts_of(episodes: QuerySet) -> QuerySet:
    """The episode facts of a scope: given as facts, or as an ``Episode`` queryset (all
    episodes, or those the queryset selects)."""
    if episodes.model is EpisodeFacts:
        return episodes
    if not episodes.query.where and not episodes.query.is_sliced:
        return EpisodeFacts.objects.using(episodes.db).all()
    return EpisodeFacts.objects.using(episodes.db).filter(episode__in=episodes.values("pk"))


def episodes_in_period(
    *, episodes: QuerySet, period: Period, cohort: Cohort, as_at: datetime
) -> QuerySet:
    """The episodes a report counts, as their facts: in the period by London date, gone missing
    by T, not recorded in error (SPEC.md §3, §4, §6), then narrowed to the cohort."""
    selected = facts_of(episodes).filter(
        went_missing_on__range=(period.start, period.end),
        went_missing_at__lte=_utc(as_at),
        recorded_in_error=False,
    )
    return cohorts.cohort_filter(selected, cohort).order_by()


def still_missing_q(period: Period, as_at: datetime) -> Q:
    """No return by the end of the period, or by T when T comes first (SPEC.md §6).

    The period ends at London midnight after its last day: a return at that instant or later
    was after the period. At T, a return timed after T has not happened yet.
    """
    as_at = _utc(as_at)
    if as_at < period.ends_before:
        return Q(returned_at__isnull=True) | Q(returned_at__gt=as_at)
    return Q(returned_at__isnull=True) | Q(returned_at__gte=period.ends_before)


def _flags(period: Period, as_at: datetime) -> dict[str, Q]:
    """The per-episode yes/no facts the headline counts (SPEC.md §4, §6), by name."""
    returned = rhi.returned_q(as_at)
    return {
        "lac": Q(looked_after=True),
        "offered": rhi.offered_q(as_at, rhi.FACTS),
        "accepted": rhi.accepted_q(as_at, rhi.FACTS),
        "completed": rhi.completed_q(as_at, rhi.FACTS),
        "in_time": rhi.completed_in_time_q(as_at, rhi.FACTS),
        "returned": returned,
        "within_24h": returned & Q(returned_at__lte=rhi.PlusHours("went_missing_at", 24)),
        "still_missing": still_missing_q(period, as_at),
    }


def _breakdown_categories(cohort: Cohort) -> dict[str, tuple]:
    """The SPEC.md §6 breakdowns: name → (per-episode expression, expected keys)."""
    return {
        "by_category": (F("category"), CATEGORIES),
        "by_gender": (F("gender"), GENDERS),
        "by_age_band": (cohorts.age_band_expression(), cohorts.AGE_BANDS),
        "by_placement_group": (F("placement_group"), cohorts.PLACEMENT_GROUPS),
        "by_placement_area": (
            cohorts.placement_area_expression(cohort),
            cohorts.PLACEMENT_AREAS,
        ),
        "by_risk_level": (F("risk_level"), RISK_LEVELS),
    }


def _categories(cohort: Cohort, as_at: datetime, *, breakdowns: bool) -> dict[str, tuple]:
    """The per-episode values counted key by key: the RHI status, and the breakdowns."""
    categories = {"status": (rhi.rhi_status_expression(as_at, rhi.FACTS), rhi.STATUSES)}
    if breakdowns:
        categories |= _breakdown_categories(cohort)
    return categories


# One big reporting query per call: on PostgreSQL give it room to hash in memory, and skip
# JIT compilation, which costs more than it saves on a query run once (SET LOCAL: this
# transaction only).
_POSTGRESQL_REPORT_SETTINGS = ("SET LOCAL work_mem = '256MB'", "SET LOCAL jit = off")


def _fetch_report_rows(alias: str, sql: str, params: list) -> list[tuple]:
    connection = connections[alias]
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for setting in _POSTGRESQL_REPORT_SETTINGS:
                cursor.execute(setting)
        cursor.execute(sql, params)
        return cursor.fetchall()


def report_rows(query: QuerySet) -> list[tuple]:
    """The rows of one big reporting query, with the same settings, through the ORM (so its
    values are converted: dates, instants)."""
    connection = connections[query.db]
    with transaction.atomic(using=query.db):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for setting in _POSTGRESQL_REPORT_SETTINGS:
                    cursor.execute(setting)
        return list(query)


def count_measures(
    selected: QuerySet,
    *,
    period: Period,
    cohort: Cohort,
    as_at: datetime,
    breakdowns: bool = False,
    chains: bool = False,
    scope: QuerySet | None = None,
) -> dict:
    """Episodes and distinct children for every fact and every category key, and the
    persistent counts, for the selected episodes of one period (see :func:`_count_grouped`)."""
    return _count_grouped(
        selected,
        periods=[period],
        cohort=cohort,
        as_at=as_at,
        breakdowns=breakdowns,
        chains=chains,
        scope=scope,
    )[0]


def chains_apply(scope: QuerySet, cohort: Cohort) -> bool:
    """Whether distinct children can be counted on the chains (decision 0025): the scope holds
    every episode of each of its children — all episodes, or whole partnerships (a child's
    episodes are all recorded in its own partnership) — and the cohort has a chain (all
    children, looked after, one responsible authority; a placement cohort has none)."""
    if cohort.placement is not None or scope.model is not EpisodeFacts:
        return False
    query = scope.query
    if query.is_sliced or query.combinator:
        return False
    where = query.where
    if not where.children:
        return True
    if where.negated or len(where.children) != 1:
        return False
    lookup = where.children[0]
    return (
        isinstance(lookup, (Exact, In))
        and isinstance(lookup.lhs, Col)
        and lookup.lhs.target == Organisation._meta.get_field("partnership")
    )


def _bucket_expression(periods: list[Period]):
    if len(periods) == 1:
        return Value(0, output_field=IntegerField())
    return Case(
        *[
            When(went_missing_on__range=(p.start, p.end), then=Value(i))
            for i, p in enumerate(periods)
        ],
        output_field=IntegerField(),
    )


def _count_grouped(
    selected: QuerySet,
    *,
    periods: list[Period],
    cohort: Cohort,
    as_at: datetime,
    breakdowns: bool = False,
    chains: bool = False,
    scope: QuerySet | None = None,
) -> list[dict]:
    """The counts of each of several disjoint periods, in one grouped query over the facts when
    ``chains`` (:func:`_chain_counts`) — and, given the ``scope`` and periods of whole months,
    summed from the month counts with only the organisation-months not settled by T counted
    live (:func:`_month_counts_add`, decision 0026) — otherwise in two:

    - episodes (:func:`_episode_counts`): one pass counting every fact and every category key
      per period and responsible authority, ``COUNT(*) FILTER (WHERE …)`` (PostgreSQL, SQLite
      3.30+), which PostgreSQL runs in parallel;
    - children (:func:`_child_counts`): one row per period and child, then one per period and
      combination of what the child's episodes were (see there), so no COUNT(DISTINCT …) and
      no wide row per child.

    Each result has "episodes" and "children" dicts keyed "episodes", each fact name and
    "<category> <key>" (children only where a report shows them: all, looked after, and the
    breakdown keys), the persistent counts (SPEC.md §5) and, with the breakdowns,
    "by_responsible_authority".
    """
    flags = _flags(periods[0], as_at)
    if len(periods) > 1:  # "still missing" is judged at the end of each episode's own period
        flags["still_missing"] = functools.reduce(
            operator.or_,
            [
                Q(went_missing_on__range=(p.start, p.end)) & still_missing_q(p, as_at)
                for p in periods
            ],
        )
    categories = _categories(cohort, as_at, breakdowns=breakdowns)
    results = [
        {
            "episodes": {},
            "children": {},
            "persistent_children": 0,
            "persistent_episodes": 0,
            "by_responsible_authority": {},
        }
        for _ in periods
    ]
    if chains:
        aggregates, targets = _chain_aggregates(periods, flags, categories, cohort)
        _chain_results_start(results, targets, breakdowns)
        if scope is not None:
            selected = _month_counts_add(
                scope, selected, periods, cohort, as_at, targets, breakdowns, results
            )
        if selected is not None:
            _chain_counts(selected, periods, aggregates, targets, breakdowns, results)
    else:
        _episode_counts(selected, periods, flags, categories, breakdowns, results)
        _child_counts(selected, periods, categories, breakdowns, results)
    for result in results:
        result["by_responsible_authority"] = dict(
            sorted(result["by_responsible_authority"].items())
        )
    return results


def _authority(breakdowns: bool):
    # The responsible authority is the child's: one value per (period, child), so grouping by
    # it counts that breakdown in the same passes; the totals are the sums of its groups.
    return F("responsible_authority") if breakdowns else Value("", output_field=CharField())


def _key_value(key: str) -> str:
    return "" if key == NOT_RECORDED else key


def _episode_counts(selected, periods, flags, categories, breakdowns, results) -> None:
    """Episodes with each fact and each key, per period and responsible authority."""
    names = ["episodes", *flags]
    aggregates = {"n0": models.Count("pk")}
    for i, q in enumerate(flags.values(), start=1):
        aggregates[f"n{i}"] = models.Count("pk", filter=q)
    for name, (expression, keys) in categories.items():
        for key in keys:
            aggregates[f"n{len(names)}"] = models.Count(
                "pk", filter=Q(Exact(expression, Value(_key_value(key))))
            )
            names.append(f"{name} {key}")
    grouped = (
        selected.annotate(f_period=_bucket_expression(periods), f_group=_authority(breakdowns))
        .values("f_period", "f_group")
        .annotate(**aggregates)
        .values_list("f_period", "f_group", *aggregates)
    )
    sql, params = grouped.query.sql_with_params()
    for row in _fetch_report_rows(selected.db, sql, list(params)):
        result = results[int(row[0])]
        for name, value in zip(names, row[2:], strict=True):
            result["episodes"][name] = result["episodes"].get(name, 0) + int(value)
        authority = row[1] or NOT_RECORDED
        before = result["by_responsible_authority"].get(authority, Count(0, 0))
        result["by_responsible_authority"][authority] = Count(
            before.episodes + int(row[2]), before.children
        )
    for result in results:
        for name in names:
            result["episodes"].setdefault(name, 0)


# Per child, the keys their episodes had, as a bit set: bitwise OR of one bit per episode.
# SQLite has no BIT_OR; the SUM of the distinct bits is the same number.
_BITS = {"postgresql": "BIT_OR({})", "sqlite": "SUM(DISTINCT {})"}


def _bit_of_key(expression, keys: tuple[str, ...]) -> Case:
    """2**j for the j-th key, 2**len(keys) for any other value.

    A CASE expression (age band, placement area) becomes the same CASE with each outcome
    replaced by its bit, so its conditions are evaluated once per row, not once per key."""
    bits = {_key_value(key): Value(1 << j) for j, key in enumerate(keys)}
    other = Value(1 << len(keys))
    if isinstance(expression, Case) and all(
        isinstance(case.result, Value) for case in expression.cases
    ):
        default = expression.default
        return Case(
            *[
                When(case.condition, then=bits.get(case.result.value, other))
                for case in expression.cases
            ],
            default=bits.get(default.value, other) if isinstance(default, Value) else other,
            output_field=IntegerField(),
        )
    return Case(
        *[When(Q(Exact(expression, Value(key))), then=bit) for key, bit in bits.items()],
        default=other,
        output_field=IntegerField(),
    )


def _child_counts(selected, periods, categories, breakdowns, results) -> None:
    """Children, looked after children, children per breakdown key, and the persistent counts.

    Level 1 groups the episodes by (period, child, responsible authority, gender) — the last
    two are the child's — into the child's episode count, whether any was looked after, and one
    bit set per breakdown (which keys the child's episodes had). Level 2 counts the children
    of each (period, authority, gender, looked after, bit sets) — a few hundred groups — and
    those with 3 or more episodes; each key's children are the sums of the groups with its bit.
    """
    vendor = connections[selected.db].vendor
    quote = connections[selected.db].ops.quote_name
    varying = {
        name: (expression, keys)
        for name, (expression, keys) in categories.items()
        if breakdowns and name not in ("status", "by_gender")
    }
    annotations = {
        "f_period": _bucket_expression(periods),
        "f_child": F("child_id"),
        "f_group": _authority(breakdowns),
        "f_gender": F("gender") if breakdowns else Value("", output_field=CharField()),
        "f_lac": Case(When(looked_after=True, then=Value(1)), default=Value(0)),
    }
    annotations |= {
        f"b{j}": _bit_of_key(expression, keys)
        for j, (expression, keys) in enumerate(varying.values())
    }
    facts_sql, facts_params = (
        selected.annotate(**annotations).values(*annotations).query.sql_with_params()
    )
    bits = [f"b{j}" for j in range(len(varying))]
    per_child = ", ".join(
        [
            f"{quote('f_period')} AS p",
            f"{quote('f_group')} AS g",
            f"{quote('f_gender')} AS s",
            f"MAX({quote('f_lac')}) AS lac",
            "COUNT(*) AS c",
        ]
        + [f"{_BITS[vendor].format(quote(b))} AS {b}" for b in bits]
    )
    keys = ", ".join(["p", "g", "s", "lac", *bits])
    sql = (
        f"SELECT {keys}, COUNT(*), SUM(CASE WHEN c >= %s THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN c >= %s THEN c ELSE 0 END) "
        f"FROM (SELECT {per_child} FROM ({facts_sql}) facts GROUP BY "
        f"{quote('f_period')}, {quote('f_child')}, {quote('f_group')}, {quote('f_gender')}) "
        f"per_child GROUP BY {keys}"
    )
    params = [PERSISTENT_EPISODES, PERSISTENT_EPISODES, *facts_params]
    for result in results:
        children = result["children"]
        children["episodes"] = children["lac"] = 0
        for name, (_, keys_of) in categories.items():
            if name != "status" and breakdowns:
                for key in keys_of:
                    children[f"{name} {key}"] = 0
    for row in _fetch_report_rows(selected.db, sql, params):
        period, authority, gender, lac = int(row[0]), row[1], row[2], int(row[3])
        masks = [int(m) for m in row[4 : 4 + len(bits)]]
        n, persistent, persistent_episodes = (int(v or 0) for v in row[4 + len(bits) :])
        result = results[period]
        children = result["children"]
        children["episodes"] += n
        children["lac"] += n * lac
        result["persistent_children"] += persistent
        result["persistent_episodes"] += persistent_episodes
        if breakdowns:
            key = f"by_gender {gender or NOT_RECORDED}"
            children[key] = children.get(key, 0) + n
            for mask, (name, (_, keys_of)) in zip(masks, varying.items(), strict=True):
                for j, key in enumerate(keys_of):
                    if mask & (1 << j):
                        children[f"{name} {key}"] += n
            label = authority or NOT_RECORDED
            before = result["by_responsible_authority"].get(label, Count(0, 0))
            result["by_responsible_authority"][label] = Count(before.episodes, before.children + n)


def _first_in(chain: str, period: Period) -> Q:
    """The episode is the first of its chain in the period: no earlier one since its start."""
    return Q(**{f"{chain}_on__isnull": True}) | Q(**{f"{chain}_on__lt": period.start})


def _chain_of(cohort: Cohort, name: str, key: str) -> str:
    """The chain a breakdown key's children are counted on (decision 0025): the child's
    episodes that share the key (in a looked-after cohort, the looked-after ones)."""
    lac = cohort.looked_after
    if name == "by_placement_area":
        if key == cohorts.NOT_LOOKED_AFTER:
            return "previous_lac"
        # "Ours" named by the cohort is the child's own (its responsible authority); otherwise
        # it is each episode's recording organisation, which has chains of its own.
        if key == cohorts.PLACED_HERE:
            return "previous_lac" if cohort.ours else "previous_recorder"
        return "previous_area" if cohort.ours else "previous_recorder_area"
    return {
        "by_category": "previous_lac_category" if lac else "previous_category",
        "by_age_band": "previous_lac_age_band" if lac else "previous_age_band",
        "by_placement_group": "previous_placement_group",
        "by_risk_level": "previous_lac_risk" if lac else "previous_risk",
    }[name]


def _chain_counts(selected, periods, aggregates, targets, breakdowns, results) -> None:
    """Add the counts of the selected episodes, in ONE grouped query (decision 0025): per
    period, responsible authority and gender (the last two are the child's), ``COUNT(*)
    FILTER`` of each fact and key, and of the episodes that are the first of their chain in the
    period — each of those is one child. Persistent (SPEC.md §5, 3 or more in the period): a
    child's third episode in the period is the one whose second previous is in the period and
    whose third previous is not; the persistent episodes are the episodes with a second
    previous in the period, plus two per persistent child."""
    gender = F("gender") if breakdowns else Value("", output_field=CharField())
    query = (
        selected.annotate(
            f_period=_bucket_expression(periods), f_group=_authority(breakdowns), f_gender=gender
        )
        .values("f_period", "f_group", "f_gender")
        .annotate(**aggregates)
        .values_list("f_period", "f_group", "f_gender", *aggregates)
    )
    sql, params = query.query.sql_with_params()
    for row in _fetch_report_rows(selected.db, sql, list(params)):
        _add_chain_row(results[int(row[0])], row, list(targets.values()), breakdowns)


def _chain_results_start(results: list[dict], targets: dict, breakdowns: bool) -> None:
    for result in results:
        result["episodes"] = {key: 0 for _, where, key in targets.values() if where == "e"}
        result["children"] = {key: 0 for _, where, key in targets.values() if where == "c"}
        if breakdowns:
            for key in GENDERS:
                result["episodes"][f"by_gender {key}"] = 0
                result["children"][f"by_gender {key}"] = 0


def _month_counts_add(scope, selected, periods, cohort, as_at, targets, breakdowns, results):
    """Add what the month counts hold (decision 0026) and return the episodes still to count
    live: ``selected`` when the periods are not whole months, None when nothing is left."""
    summed = month_counts.month_counts_sum(
        scope,
        periods=periods,
        cohort=cohort,
        as_at=as_at,
        names=[month_counts.count_name(where, key) for _, where, key in targets.values()],
    )
    if summed is None:
        return selected
    wanted = list(targets.values())
    for index, authority, gender, counts in summed.rows:
        row = (
            index,
            authority,
            gender,
            *[
                counts[month_counts.count_name(where, key)] if period in (None, index) else 0
                for period, where, key in wanted
            ],
        )
        _add_chain_row(results[index], row, wanted, breakdowns)
    if not summed.live:
        return None
    live = Q(pk__in=[])
    for (_, month), organisations in month_counts.by_period_and_month(summed.live).items():
        live |= Q(
            went_missing_on__range=(month, month_counts.month_end(month)),
            organisation_id__in=organisations,
        )
    return selected.filter(live)


def chain_aggregates_for(period: Period, as_at: datetime, cohort: Cohort) -> tuple[dict, dict]:
    """The chain query's aggregates of one period, every breakdown included (month counts)."""
    return _chain_aggregates(
        [period], _flags(period, as_at), _categories(cohort, as_at, breakdowns=True), cohort
    )


def _chain_aggregates(periods, flags, categories, cohort) -> tuple[dict, dict]:
    """The aggregates of :func:`_chain_counts`, and what each counts: (period index, or None
    for every period; "e" episodes, "c" children or "p" persistent; key)."""
    base = "previous_lac" if cohort.looked_after else "previous"
    aggregates, targets = {}, {}

    def add(period, where: str, key: str, condition: Q) -> None:
        alias = f"a{len(aggregates)}"
        aggregates[alias] = (
            models.Count("pk", filter=condition) if condition else models.Count("pk")
        )
        targets[alias] = (period, where, key)

    keys = {
        f"{name} {key}": (name, key, Q(Exact(expression, Value(_key_value(key)))))
        for name, (expression, keys_of) in categories.items()
        if name != "by_gender"  # the child's: grouped by
        for key in keys_of
    }
    add(None, "e", "episodes", Q())
    for name, condition in flags.items():
        add(None, "e", name, condition)
    for label, (_, _, condition) in keys.items():
        add(None, "e", label, condition)
    for i, period in enumerate(periods):
        add(i, "c", "episodes", _first_in(base, period))
        add(i, "c", "lac", Q(looked_after=True) & _first_in("previous_lac", period))
        for label, (name, key, condition) in keys.items():
            if name != "status":
                chain = _chain_of(cohort, name, _key_value(key))
                add(i, "c", label, condition & _first_in(chain, period))
        second_in_period = Q(**{f"{base}_2_on__gte": period.start})
        add(i, "p", "third", second_in_period & _first_in(f"{base}_3", period))
        add(i, "p", "later", second_in_period)
    return aggregates, targets


def _add_chain_row(result: dict, row: tuple, targets: list, breakdowns: bool) -> None:
    """Add one group (period, authority, gender) of :func:`_chain_counts` to its period."""
    index = int(row[0])
    found = {"e": {}, "c": {}, "p": {}}
    for (period, where, key), value in zip(targets, row[3:], strict=True):
        if period is None or period == index:
            found[where][key] = int(value or 0)
    for key, n in found["e"].items():
        result["episodes"][key] += n
    for key, n in found["c"].items():
        result["children"][key] += n
    result["persistent_children"] += found["p"]["third"]
    result["persistent_episodes"] += found["p"]["later"] + 2 * found["p"]["third"]
    if breakdowns:
        episodes, children = found["e"]["episodes"], found["c"]["episodes"]
        key = f"by_gender {row[2] or NOT_RECORDED}"
        result["episodes"][key] = result["episodes"].get(key, 0) + episodes
        result["children"][key] = result["children"].get(key, 0) + children
        label = row[1] or NOT_RECORDED
        before = result["by_responsible_authority"].get(label, Count(0, 0))
        result["by_responsible_authority"][label] = Count(
            before.episodes + episodes, before.children + children
        )


def _headline_from(period: Period, counts: dict) -> Headline:
    def n(name: str) -> int:
        return counts["episodes"][name]

    return Headline(
        period=period,
        episodes=n("episodes"),
        children=counts["children"]["episodes"],
        lac_episodes=n("lac"),
        lac_children=counts["children"]["lac"],
        rhi_offered=Share.of_(n("offered"), n("episodes")),
        rhi_accepted=Share.of_(n("accepted"), n("episodes")),
        rhi_completed=Share.of_(n("completed"), n("accepted")),
        rhi_in_time=Share.of_(n("in_time"), n("completed")),
        rhi_status={s: n(f"status {s}") for s in rhi.STATUSES},
        persistent_children=counts["persistent_children"],
        persistent_episodes=counts["persistent_episodes"],
        returned=n("returned"),
        returned_within_24h=Share.of_(n("within_24h"), n("returned")),
        still_missing=n("still_missing"),
    )


def headlines_by_period(
    *, episodes: QuerySet, periods: list[Period], cohort: Cohort, as_at: datetime
) -> list[Headline]:
    """The headline measures of several disjoint periods (quarters, months …) together: the
    two grouped queries of :func:`_count_grouped`, whatever the number of periods."""
    ranges = functools.reduce(
        operator.or_, [Q(went_missing_on__range=(p.start, p.end)) for p in periods]
    )
    selected = facts_of(episodes).filter(
        ranges, went_missing_at__lte=_utc(as_at), recorded_in_error=False
    )
    selected = cohorts.cohort_filter(selected, cohort).order_by()
    scope = facts_of(episodes)
    chains = chains_apply(scope, cohort)
    counts = _count_grouped(
        selected, periods=periods, cohort=cohort, as_at=as_at, chains=chains, scope=scope
    )
    return [_headline_from(p, c) for p, c in zip(periods, counts, strict=True)]


def headline(*, episodes: QuerySet, period: Period, cohort: Cohort, as_at: datetime) -> Headline:
    """The headline measures (the two grouped queries of :func:`_count_grouped`)."""
    selected = episodes_in_period(episodes=episodes, period=period, cohort=cohort, as_at=as_at)
    scope = facts_of(episodes)
    chains = chains_apply(scope, cohort)
    counts = count_measures(
        selected, period=period, cohort=cohort, as_at=as_at, chains=chains, scope=scope
    )
    return _headline_from(period, counts)


def breakdown(
    selected: QuerySet, key, keys: tuple[str, ...] = (), *, empty: str = NOT_RECORDED
) -> dict[str, Count]:
    """Episodes and distinct children per value of ``key`` (a field path or an expression),
    one GROUP BY; every key in ``keys`` is present (zeros included), others follow as found,
    and an empty value is reported under ``empty``."""
    expression = F(key) if isinstance(key, str) else key
    # Grouped by key and child first, then by key: each child counted once per key without
    # COUNT(DISTINCT …), which sorts every row (a hash aggregate is several times faster).
    per_child = (
        selected.order_by()
        .annotate(breakdown_key=expression, breakdown_child=F("child_id"))
        .values("breakdown_key", "breakdown_child")
        .annotate(breakdown_n=models.Count("pk"))
    )
    sql, params = per_child.query.sql_with_params()
    quote = connections[selected.db].ops.quote_name
    key_column, n_column = quote("breakdown_key"), quote("breakdown_n")
    rows = _fetch_report_rows(
        selected.db,
        f"SELECT {key_column}, SUM({n_column}), COUNT(*) FROM ({sql}) per_child "
        f"GROUP BY {key_column}",
        list(params),
    )
    found = {(value or empty): Count(episodes=int(e), children=c) for value, e, c in rows}
    result = {k: found.pop(k, Count(0, 0)) for k in keys}
    result.update(sorted(found.items()))
    return result


def duration_percentiles(
    selected: QuerySet, as_at: datetime, *, returned: int | None = None
) -> tuple[float | None, float | None]:
    """Median and 90th percentile of hours missing, over episodes returned by T.

    Percentiles are the linear interpolation between closest ranks (PostgreSQL's
    ``percentile_cont``, Excel's PERCENTILE.INC): rank ``p × (n − 1)`` counted from 0 in
    ascending order. Computed in the database on both back ends with ORDER BY … OFFSET, so they
    agree exactly; SQLite has no percentile function.
    """
    durations = selected.filter(rhi.returned_q(as_at)).annotate(
        duration=ExpressionWrapper(
            F("returned_at") - F("went_missing_at"), output_field=DurationField()
        )
    )
    n = durations.count() if returned is None else returned
    if n == 0:
        return None, None
    if connections[selected.db].vendor == "postgresql":
        return _percentiles_postgresql(durations)
    ordered = durations.order_by("duration", "pk").values_list("duration", flat=True)
    return _interpolated(ordered, n, 0.5), _interpolated(ordered, n, 0.9)


def _percentiles_postgresql(durations: QuerySet) -> tuple[float, float]:
    """The same definition in one sort: PostgreSQL's ``percentile_cont`` over the intervals."""
    sql, params = durations.values("duration").query.sql_with_params()
    with connections[durations.db].cursor() as cursor:
        cursor.execute(
            "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY duration), "
            f"percentile_cont(0.9) WITHIN GROUP (ORDER BY duration) FROM ({sql}) returned",
            params,
        )
        median, p90 = cursor.fetchone()
    return median.total_seconds() / 3600, p90.total_seconds() / 3600


def _interpolated(ordered: QuerySet, n: int, p: float) -> float:
    rank = p * (n - 1)
    low = math.floor(rank)
    values = list(ordered[low : low + 2])
    below = values[0].total_seconds()
    above = values[-1].total_seconds()
    return (below + (rank - low) * (above - below)) / 3600


def _fixed_breakdowns(selected: QuerySet, counts: dict, cohort: Cohort) -> dict:
    """The breakdowns counted in the main pass. A value outside the expected keys (e.g. a
    gender code not in the list) makes the keys fall short of the total: that breakdown is
    then counted again with a GROUP BY, so nothing is ever dropped."""
    result = {}
    episodes, children = counts["episodes"], counts["children"]
    for name, (expression, keys) in _breakdown_categories(cohort).items():
        found = {key: Count(episodes[f"{name} {key}"], children[f"{name} {key}"]) for key in keys}
        if sum(c.episodes for c in found.values()) != episodes["episodes"]:
            found = breakdown(selected, expression, keys)
        result[name] = found
    return result


def scorecard(*, episodes: QuerySet, period: Period, cohort: Cohort, as_at: datetime) -> Scorecard:
    """Every SPEC.md §6 measure for the period and cohort, as at T: :func:`count_measures`
    (episodes and children, responsible authorities included), and the durations."""
    selected = episodes_in_period(episodes=episodes, period=period, cohort=cohort, as_at=as_at)
    counts = count_measures(
        selected,
        period=period,
        cohort=cohort,
        as_at=as_at,
        breakdowns=True,
        chains=chains_apply(facts_of(episodes), cohort),
        scope=facts_of(episodes),
    )
    top = _headline_from(period, counts)
    median, p90 = duration_percentiles(selected, as_at, returned=top.returned)
    return Scorecard(
        period=period,
        cohort=cohort,
        as_at=as_at,
        episodes=top.episodes,
        children=top.children,
        lac_episodes=top.lac_episodes,
        lac_children=top.lac_children,
        rhi_offered=top.rhi_offered,
        rhi_accepted=top.rhi_accepted,
        rhi_completed=top.rhi_completed,
        rhi_in_time=top.rhi_in_time,
        rhi_status=top.rhi_status,
        persistent_children=top.persistent_children,
        persistent_episodes=top.persistent_episodes,
        **_fixed_breakdowns(selected, counts, cohort),
        by_responsible_authority=counts["by_responsible_authority"],
        duration_median_hours=median,
        duration_p90_hours=p90,
        returned_within_24h=top.returned_within_24h,
        still_missing=top.still_missing,
    )


# The ranked lists, CME and trend live in homeward.reporting.rankings; they are still reached
# as counting.<name> (lazily, since rankings builds on this module).
_IN_RANKINGS = {
    "TopChild",
    "top_children",
    "PlaceCount",
    "LOCATION_ROLES",
    "top_locations",
    "CMECounts",
    "cme_counts",
    "TrendPoint",
    "trend",
}


def __getattr__(name: str):
    if name in _IN_RANKINGS:
        from homeward.reporting import rankings

        return getattr(rankings, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
