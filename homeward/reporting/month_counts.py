"""Month counts: the chain counts kept per organisation and month (decision 0026).

On the chains (decision 0025) every count of a period — episodes, facts, keys, and the children
counted as the first episode of their chain in the period — is a ``COUNT(*) FILTER`` of single
episodes, so it is the sum of the same counts over any split of the period's episodes. A
period made of whole months is therefore the sum of its months, each counted for that period
(the period's first day decides which episodes are the first of their chain; its end who is
still missing). A :class:`~homeward.reporting.models.MonthCountsCell` keeps one organisation's
month counted that way, for one cohort variant, by responsible authority and gender.

A cell is counted as at no particular T: with T after every instant its episodes' counts turn
on (``settled_at``), every count is the same as for T at the end of time. A report as at T sums
the cells settled before T, and counts the other organisation-months live, with the same
query. So nothing is approximated: the answer is exactly the live count's.

Cells are taken when a report first needs them. Keeping them true is the writers' part:
:func:`month_counts_invalidate`, called by ``facts._write`` in the transaction that rewrites
facts, gives each touched organisation-month a new version, then drops its cells. A report
stores a cell only if its organisation-month still has the version it read before counting,
checked under a row lock (PostgreSQL; SQLite runs one writer at a time) — so counts taken from
facts a writer has since replaced are never stored.
"""

import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db import transaction
from django.db.models import (
    Case,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, Greatest, Lower, TruncMonth

from homeward.accounts.models import Organisation
from homeward.reporting import cohorts, rhi
from homeward.reporting.cohorts import Cohort
from homeward.reporting.models import (
    EpisodeFacts,
    MonthCounts,
    MonthCountsCell,
    MonthCountsVersion,
)
from homeward.reporting.periods import Period, months_in
from homeward.reporting.periods import month as month_period

# "As at the end of time": a cell's counts hold for every T after its settled_at.
END_OF_TIME = datetime(9999, 1, 1, tzinfo=UTC)


def months_of(period: Period) -> list[date] | None:
    """The first days of the months making up the period, or None if it does not start on a
    first and end on a last day of a month (it is then counted live)."""
    pieces = months_in(period)  # a month clipped to the period is a range, not a month
    if any(piece.kind != "month" for piece in pieces):
        return None
    return [piece.start for piece in pieces]


def variant_of(cohort: Cohort) -> str:
    """What, besides the period, makes a cohort's counts differ: looked after or not, and
    which names are "ours". (One responsible authority is a row of the cells; a placement
    cohort has no chains and never comes here.)"""
    return f"lac={int(bool(cohort.looked_after))};ours={'|'.join(cohort.ours)}"


def _cell_cohort(cohort: Cohort) -> Cohort:
    return Cohort(looked_after=cohort.looked_after, ours=cohort.ours)


def settled_expression():
    """The last instant the episode's counts turn on (every instant ``counting`` and ``rhi``
    compare with T): went missing, return + 72 hours (pending → overdue; the return itself is
    before it), offer, completion, voiding. NULLs stand in as went missing (no change)."""
    went = F("went_missing_at")
    return Greatest(
        went,
        Coalesce(rhi.deadline_expression(), went),
        Coalesce(F("rhi_offered_at"), went),
        Coalesce(F("rhi_completed_at"), went),
        Coalesce(F("rhi_voided_at"), went),
    )


def scope_organisations(scope: QuerySet) -> QuerySet:
    """The organisations of a scope ``counting.chains_apply`` accepts: all, or the
    organisations of the partnership(s) its one lookup names."""
    if not scope.query.where.children:
        return Organisation.objects.using(scope.db).all()
    lookup = scope.query.where.children[0]
    return Organisation.objects.using(scope.db).filter(
        **{f"partnership_id__{lookup.lookup_name}": lookup.rhs}
    )


def count_name(where: str, key: str) -> str:
    """A count's name in the cells: "e" episodes, "c" children, "p" persistent; its key."""
    return f"{where}:{key}"


@dataclass
class Summed:
    """What the cells give for a report: one row per (period index, responsible authority,
    gender) of summed counts by name, and the (period index, organisation, month) left to
    count live."""

    rows: list[tuple[int, str, str, dict[str, int]]]
    live: list[tuple[int, int, date]]


def month_counts_sum(
    scope: QuerySet,
    *,
    periods: list[Period],
    cohort: Cohort,
    as_at: datetime,
    names: Iterable[str],
) -> Summed | None:
    """The counts ``names`` (``"<e|c|p>:<key>"``) of the periods, summed from the cells settled
    before ``as_at``, taking the cells not yet taken; None when a period is not whole months.
    """
    month_lists = [months_of(period) for period in periods]
    if any(months is None for months in month_lists):
        return None
    alias = scope.db
    organisations = list(scope_organisations(scope).order_by("pk").values_list("pk", flat=True))
    variant = variant_of(cohort)
    for period, months in zip(periods, month_lists, strict=True):
        _take_missing_cells(alias, organisations, period, months, cohort)
    cells = MonthCountsCell.objects.using(alias).filter(
        _cells_q(periods, month_lists), variant=variant, organisation_id__in=organisations
    )
    settled = Q(settled_at__isnull=True) | Q(settled_at__lt=as_at)
    found = {
        (int(i), organisation, month): ok
        for i, organisation, month, ok in cells.annotate(
            f_index=_period_index(periods),
            f_ok=Case(When(settled, then=Value(1)), default=Value(0), output_field=IntegerField()),
        ).values_list("f_index", "organisation_id", "month", "f_ok")
    }
    live = [
        (i, organisation, month)
        for i, months in enumerate(month_lists)
        for month in months
        for organisation in organisations
        if not found.get((i, organisation, month))
    ]
    names = sorted(set(names))
    rows = MonthCounts.objects.using(alias).filter(cell__in=cells.filter(settled))
    if cohort.responsible_authority:
        rows = rows.alias(f_authority=Lower("responsible_authority")).filter(
            f_authority=cohort.responsible_authority.strip().lower()
        )
    sums = {
        f"s{j}": Coalesce(Sum(Cast(KT(f"counts__{name}"), IntegerField())), Value(0))
        for j, name in enumerate(names)
    }
    grouped = (
        rows.annotate(f_index=_period_index(periods, "cell__"))
        .values("f_index", "responsible_authority", "gender")
        .annotate(**sums)
        .order_by()
        .values_list("f_index", "responsible_authority", "gender", *sums)
    )
    summed = [
        (int(row[0]), row[1], row[2], dict(zip(names, (int(v) for v in row[3:]), strict=True)))
        for row in grouped
    ]
    return Summed(rows=summed, live=live)


def _period_index(periods: list[Period], path: str = "") -> Case:
    """Which of the periods a cell (reached through ``path``) was counted for: its index."""
    return Case(
        *[
            When(**{f"{path}period_start": p.start, f"{path}period_end": p.end}, then=Value(i))
            for i, p in enumerate(periods)
        ],
        output_field=IntegerField(),
    )


def _cells_q(periods: list[Period], month_lists: list[list[date]]) -> Q:
    q = Q(pk__in=[])
    for period, months in zip(periods, month_lists, strict=True):
        q |= Q(period_start=period.start, period_end=period.end, month__in=months)
    return q


def _take_missing_cells(
    alias: str,
    organisations: list[int],
    period: Period,
    months: list[date],
    cohort: Cohort,
) -> None:
    """Count and store the period's cells not stored yet (every organisation × month with one
    missing: a rectangle, one grouped query)."""
    cohort = _cell_cohort(cohort)
    variant = variant_of(cohort)
    have = set(
        MonthCountsCell.objects.using(alias)
        .filter(
            period_start=period.start,
            period_end=period.end,
            variant=variant,
            month__in=months,
            organisation_id__in=organisations,
        )
        .values_list("organisation_id", "month")
    )
    wanted = {(o, m) for o in organisations for m in months} - have
    if not wanted:
        return
    todo_organisations = sorted({o for o, _ in wanted})
    todo_months = sorted({m for _, m in wanted})
    # Versions first (created if new: a writer then finds the row to change), read before
    # the counting statement, so a write committed in between shows as a changed version.
    MonthCountsVersion.objects.using(alias).bulk_create(
        [
            MonthCountsVersion(organisation_id=o, month=m, version="")
            for o in todo_organisations
            for m in todo_months
        ],
        ignore_conflicts=True,
    )
    versions = _versions(alias, todo_organisations, todo_months)
    counted = _count_cells(alias, todo_organisations, todo_months, period, cohort)
    with transaction.atomic(using=alias):
        locked = _versions(alias, todo_organisations, todo_months, lock=True)
        unchanged = [pair for pair, version in versions.items() if locked.get(pair) == version]
        if not unchanged:
            return
        rectangle = MonthCountsCell.objects.using(alias).filter(
            period_start=period.start,
            period_end=period.end,
            variant=variant,
            month__in=todo_months,
            organisation_id__in=todo_organisations,
        )
        _drop_cells(alias, rectangle)  # a cell another report stored meanwhile is taken again
        MonthCountsCell.objects.using(alias).bulk_create(
            [
                MonthCountsCell(
                    organisation_id=o,
                    month=m,
                    period_start=period.start,
                    period_end=period.end,
                    variant=variant,
                    settled_at=counted.get((o, m), (None, []))[0],
                )
                for o, m in unchanged
            ],
            batch_size=2000,
        )
        MonthCounts.objects.using(alias).bulk_create(
            [
                MonthCounts(cell_id=cell_id, responsible_authority=a, gender=g, counts=counts)
                for cell_id, o, m in rectangle.values_list("pk", "organisation_id", "month")
                for a, g, counts in counted.get((o, m), (None, []))[1]
            ],
            batch_size=2000,
        )


def _versions(
    alias: str, organisations: list[int], months: list[date], *, lock: bool = False
) -> dict[tuple[int, date], str]:
    versions = MonthCountsVersion.objects.using(alias).filter(
        organisation_id__in=organisations, month__in=months
    )
    if lock:
        # The order writers take them in (month_counts_invalidate): no deadlock between them.
        versions = versions.order_by("organisation_id", "month").select_for_update()
    return {(o, m): v for o, m, v in versions.values_list("organisation_id", "month", "version")}


def month_end(first: date) -> date:
    """The last day of the month starting on ``first``."""
    return month_period(first.year, first.month).end


def _count_cells(
    alias: str, organisations: list[int], months: list[date], period: Period, cohort: Cohort
) -> dict[tuple[int, date], tuple[datetime | None, list[tuple[str, str, dict]]]]:
    """Each (organisation, month)'s settled_at and rows (responsible authority, gender,
    counts by name), counted as at the end of time by the chain query's own aggregates."""
    from homeward.reporting import counting

    aggregates, targets = counting.chain_aggregates_for(period, END_OF_TIME, cohort)
    in_months = Q(pk__in=[])
    for month in months:
        in_months |= Q(went_missing_on__range=(month, month_end(month)))
    facts = cohorts.cohort_filter(
        EpisodeFacts.objects.using(alias).filter(
            in_months, organisation_id__in=organisations, recorded_in_error=False
        ),
        cohort,
    )
    month_index = Case(
        *[
            When(went_missing_on__range=(month, month_end(month)), then=Value(j))
            for j, month in enumerate(months)
        ],
        output_field=IntegerField(),
    )
    keys = ("f_organisation", "f_month", "f_authority", "f_gender")
    query = (
        facts.order_by()
        .annotate(
            f_organisation=F("organisation_id"),
            f_month=month_index,
            f_authority=F("responsible_authority"),
            f_gender=F("gender"),
        )
        .values(*keys)
        .annotate(**aggregates, f_settled=Max(settled_expression()))
        .values_list(*keys, *aggregates, "f_settled")
    )
    names = [count_name(where, key) for _, where, key in targets.values()]
    counted: dict = {}
    for row in counting.report_rows(query):
        organisation, month = row[0], months[int(row[1])]
        counts = {name: int(n) for name, n in zip(names, row[4:-1], strict=True) if n}
        settled, found = counted.get((organisation, month), (None, []))
        found.append((row[2], row[3], counts))
        settled = row[-1] if settled is None or (row[-1] and row[-1] > settled) else settled
        counted[(organisation, month)] = (settled, found)
    return counted


def _organisations_by(items: Iterable[tuple]) -> dict:
    """(key, organisation) pairs as the sorted organisations of each key, keys in order."""
    grouped = defaultdict(set)
    for key, organisation in items:
        grouped[key].add(organisation)
    return {key: sorted(ids) for key, ids in sorted(grouped.items())}


def by_period_and_month(
    live: Iterable[tuple[int, int, date]],
) -> dict[tuple[int, date], list[int]]:
    """(period index, organisation, month) triples as organisations per (index, month)."""
    return _organisations_by(((index, m), o) for index, o, m in live)


def _by_month(pairs: Iterable[tuple[int, date]]) -> dict[date, list[int]]:
    return _organisations_by((m, o) for o, m in pairs)


def _drop_cells(alias: str, cells: QuerySet) -> None:
    MonthCounts.objects.using(alias).filter(cell__in=cells.values("pk"))._raw_delete(alias)
    cells._raw_delete(alias)


def month_counts_invalidate(alias: str, pairs: Iterable[tuple[int, date]]) -> None:
    """The facts of these (organisation, month) pairs are being rewritten: give each a new
    version, then drop its cells (in this order, in the writer's transaction — see the module
    docstring)."""
    by_month = _by_month(pairs)
    if not by_month:
        return
    version = secrets.token_hex(16)
    MonthCountsVersion.objects.using(alias).bulk_create(
        [
            MonthCountsVersion(organisation_id=o, month=m, version=version)
            for o, m in sorted((o, m) for m, ids in by_month.items() for o in ids)
        ],
        update_conflicts=True,
        unique_fields=["organisation", "month"],
        update_fields=["version"],
        batch_size=2000,
    )
    for month, organisation_ids in by_month.items():
        _drop_cells(
            alias,
            MonthCountsCell.objects.using(alias).filter(
                month=month, organisation_id__in=organisation_ids
            ),
        )


def month_counts_clear(alias: str) -> None:
    """Drop every cell and version (the facts are rebuilt: decision 0024)."""
    MonthCounts.objects.using(alias).all()._raw_delete(alias)
    MonthCountsCell.objects.using(alias).all()._raw_delete(alias)
    MonthCountsVersion.objects.using(alias).all()._raw_delete(alias)


def facts_months(facts: QuerySet) -> set[tuple[int, date]]:
    """The (organisation, month) pairs of some episode facts."""
    return set(
        facts.order_by()
        .annotate(f_month=TruncMonth("went_missing_on"))
        .values_list("organisation_id", "f_month")
        .distinct()
    )


def _cohort_of(variant: str) -> Cohort:
    lac, ours = variant.split(";", 1)
    names = ours.removeprefix("ours=")
    return Cohort(looked_after=lac == "lac=1", ours=tuple(names.split("|")) if names else ())


def _normal(rows: list[tuple[str, str, dict]]) -> list[tuple]:
    return sorted((a, g, tuple(sorted(counts.items()))) for a, g, counts in rows)


def month_counts_differences(alias: str = "default", *, limit: int = 20) -> list[str]:
    """Stored cells whose counts differ from counting them again now (``homeward
    reporting_facts_check``): "organisation month period variant" of each, at most ``limit``.
    Empty means every stored cell is true."""
    differing = []
    cells = MonthCountsCell.objects.using(alias)
    shapes = cells.order_by().values_list("period_start", "period_end", "variant").distinct()
    for start, end, variant in shapes:
        shape = cells.filter(period_start=start, period_end=end, variant=variant)
        organisations = sorted(set(shape.values_list("organisation_id", flat=True)))
        months = sorted(set(shape.values_list("month", flat=True)))
        cohort = _cohort_of(variant)
        counted = _count_cells(alias, organisations, months, Period(start, end), cohort)
        stored: dict = defaultdict(list)
        for cell_id, a, g, counts in (
            MonthCounts.objects.using(alias)
            .filter(cell__in=shape)
            .values_list("cell_id", "responsible_authority", "gender", "counts")
        ):
            stored[cell_id].append((a, g, counts))
        for cell in shape:
            settled, rows = counted.get((cell.organisation_id, cell.month), (None, []))
            same = (
                variant_of(cohort) == variant
                and settled == cell.settled_at
                and _normal(rows) == _normal(stored[cell.pk])
            )
            if not same:
                differing.append(
                    f"{cell.organisation_id} {cell.month:%Y-%m} {start}…{end} {variant}"
                )
                if len(differing) >= limit:
                    return differing
    return differing


def month_counts_take_reports(alias: str = "default") -> int:
    """Take the cells the performance page reads (decision 0026), for every reporting year with
    episodes, in every partnership: each year and its quarters, for all children and looked
    after children, with each of the partnership's "ours" (a local authority's own names, or
    the recording organisation for a police force). Returns the cells stored. Run after a
    rebuild of the facts, which drops every cell, so the first reports are as quick as later
    ones."""
    from homeward.reporting.periods import quarters_in, reporting_year

    dates = EpisodeFacts.objects.using(alias).filter(recorded_in_error=False)
    first = dates.order_by("went_missing_on").values_list("went_missing_on", flat=True).first()
    last = dates.order_by("-went_missing_on").values_list("went_missing_on", flat=True).first()
    if first is None:
        return 0
    years = [
        reporting_year(y)
        for y in range(first.year - 1, last.year + 1)
        if reporting_year(y).end >= first and reporting_year(y).start <= last
    ]
    periods = [p for year in years for p in (year, *quarters_in(year))]
    by_partnership = defaultdict(list)
    for organisation in Organisation.objects.using(alias).order_by("pk"):
        by_partnership[organisation.partnership_id].append(organisation)
    for organisations in by_partnership.values():
        ids = [o.pk for o in organisations]
        ours = {
            Cohort.for_organisation(o) if o.kind == Organisation.Kind.LOCAL_AUTHORITY else Cohort()
            for o in organisations
        }
        for cohort in ours:
            for looked_after in (False, True):
                variant = Cohort(looked_after=looked_after, ours=cohort.ours)
                for period in periods:
                    _take_missing_cells(alias, ids, period, months_of(period), variant)
    return MonthCountsCell.objects.using(alias).count()
