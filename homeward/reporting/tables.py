"""The table model every reporting page, download and committee report renders (SPEC.md §6).

Each builder turns figures from :mod:`homeward.reporting.counting` (or the audit scores) into a
:class:`Table`; nothing here counts. The page, the CSV, the Excel workbook and the Word report
all render the same ``Table`` objects through :func:`cell_text`, so they cannot disagree.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from homeward.children.codes import Gender, PlacementGroup
from homeward.episodes.models import Category, RiskLevel
from homeward.interviews.models import KeyLineOfEnquiry
from homeward.reporting.counting import (
    CMECounts,
    Count,
    PlaceCount,
    Scorecard,
    Share,
    TopChild,
    TrendPoint,
)

Value = int | float | Decimal | str | Share | None


@dataclass(frozen=True)
class Row:
    header: str
    values: tuple[Value, ...]


@dataclass(frozen=True)
class Table:
    """A GOV.UK table: caption, column headers (the first heads the row headers), rows."""

    key: str  # a slug naming the table in downloads; never personal data
    caption: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    note: str = ""
    numeric: bool = True  # value columns are numbers (right-aligned)
    sections: tuple[str, ...] = field(default=())


def share_text(share: Share) -> str:
    """'743 of 757 (98%)': the count beside its percentage, numerator and denominator stated."""
    pct = "–" if share.pct is None else f"{share.pct}%"
    return f"{share.count} of {share.of} ({pct})"


def cell_text(value: Value) -> str:
    """The one text form of a cell, shared by the page, CSV, Excel and Word."""
    if value is None:
        return "–"
    if isinstance(value, Share):
        return share_text(value)
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _rows(pairs: Iterable[tuple[str, Sequence[Value]]]) -> tuple[Row, ...]:
    return tuple(Row(header, tuple(values)) for header, values in pairs)


def durham_comparison(current: Scorecard, earlier: Scorecard) -> Table:
    """Durham's two-period comparison: this period against the same period a year earlier."""
    pairs = [
        ("Number of missing episodes (total)", "episodes"),
        ("Number of individual missing young people (total)", "children"),
        ("Number of missing episodes of looked after children", "lac_episodes"),
        ("Number of looked after children who went missing", "lac_children"),
        ("Offered RHI (% of all episodes)", "rhi_offered"),
        ("Accepted RHI (% of all episodes)", "rhi_accepted"),
        ("Completed RHI (% of those accepted)", "rhi_completed"),
    ]
    return Table(
        key="comparison",
        caption=f"Missing episodes and return home interviews, {period_label(current.period)} "
        f"against {period_label(earlier.period)}",
        columns=("Measure", period_label(earlier.period), period_label(current.period)),
        rows=_rows((label, (getattr(earlier, a), getattr(current, a))) for label, a in pairs),
    )


def period_label(period) -> str:
    if period.label:
        return period.label
    return f"{period.start:%-d %b %Y} to {period.end:%-d %b %Y}"


def derby_lac_quarters(quarters: Sequence[Scorecard]) -> Table:
    """Derby's quarterly table for looked after children, one column per quarter."""
    measures = [
        ("Number of individuals going missing at least once", lambda s: s.children),
        ("Number of missing episodes", lambda s: s.episodes),
        ("Return interviews completed", lambda s: s.rhi_completed.count),
        ("Return interviews voided", lambda s: s.rhi_status.get("voided", 0)),
        ("Statutory timescales met of those completed", lambda s: s.rhi_in_time),
    ]
    return Table(
        key="lac-quarters",
        caption="Looked after children who went missing, by quarter",
        columns=("Measure", *(period_label(s.period) for s in quarters)),
        rows=_rows((label, tuple(f(s) for s in quarters)) for label, f in measures),
    )


def _count_table(key: str, caption: str, head: str, counts: dict[str, Count], labels) -> Table:
    """Individuals and episodes per value, in counting's order (zeros included)."""
    names = dict(labels)
    rows = tuple(
        Row(names.get(code, code or "Not recorded"), (count.children, count.episodes))
        for code, count in counts.items()
    )
    return Table(key=key, caption=caption, columns=(head, "Individuals", "Episodes"), rows=rows)


GENDER_LABELS = [(g.value, g.label) for g in Gender] + [("not_recorded", "Not recorded")]
AGE_LABELS = [
    ("0-9", "0 to 9"),
    ("10-12", "10 to 12"),
    ("13-15", "13 to 15"),
    ("16-17", "16 to 17"),
    ("18+", "18 or over (recording error)"),
]
AREA_LABELS = [
    ("in_area", "Our looked after children placed in our area"),
    ("out_of_area", "Our looked after children placed out of area"),
    ("placed_here", "Placed here by another authority"),
    ("area_not_recorded", "Looked after, placement area not recorded"),
    ("not_looked_after", "Not looked after"),
]
RISK_LABELS = [(r.value, r.label) for r in RiskLevel] + [("not_recorded", "Not graded")]
CATEGORY_LABELS = [(c.value, c.label) for c in Category]
GROUP_LABELS = [(g.value, g.label) for g in PlacementGroup]


def gender_table(card: Scorecard) -> Table:
    return _count_table(
        "gender", "Individuals and episodes by gender", "Gender", card.by_gender, GENDER_LABELS
    )


def breakdown_tables(card: Scorecard) -> list[Table]:
    """The per-episode breakdowns of SPEC.md §6 (a child may appear in two bands)."""
    return [
        _count_table("category", "By category", "Category", card.by_category, CATEGORY_LABELS),
        _count_table(
            "age-band",
            "By age band (age on the day of going missing)",
            "Age",
            card.by_age_band,
            AGE_LABELS,
        ),
        _count_table(
            "placement-group",
            "By placement group",
            "Placement group",
            card.by_placement_group,
            GROUP_LABELS,
        ),
        _count_table(
            "placement-area",
            "By where the child was placed",
            "Placement",
            card.by_placement_area,
            AREA_LABELS,
        ),
        _count_table(
            "risk-level",
            "By highest police risk level",
            "Risk level",
            card.by_risk_level,
            RISK_LABELS,
        ),
        _count_table(
            "responsible-authority",
            "By responsible authority",
            "Responsible authority",
            card.by_responsible_authority,
            [],
        ),
    ]


RHI_STATUS_ROWS = [
    ("completed_in_time", "In timescales"),
    ("completed_late", "Out of timescales"),
    ("voided", "Voided"),
    ("overdue", "Incomplete (overdue)"),
    ("declined", "Declined"),
    ("pending", "Pending (within 72 hours)"),
    ("not_due", "Not yet returned"),
]


def rhi_compliance(card: Scorecard) -> Table:
    """Derby's compliance table, with the statuses Derby leaves out so the rows add up."""
    rows = [Row(label, (card.rhi_status.get(code, 0),)) for code, label in RHI_STATUS_ROWS]
    rows.append(Row("Total episodes", (card.episodes,)))
    return Table(
        key="rhi-compliance",
        caption="Return interviews: statutory compliance (72 hours after return)",
        columns=("Return interview", "Total number"),
        rows=tuple(rows),
    )


def persistent_table(card: Scorecard) -> Table:
    share = Share.of_(card.persistent_episodes, card.episodes)
    return Table(
        key="persistent",
        caption="Persistently missing: 3 or more episodes in the period",
        columns=("Measure", "Number"),
        rows=(
            Row("Young people with 3 or more episodes", (card.persistent_children,)),
            Row("Their episodes (of all episodes)", (share,)),
        ),
    )


def plural(n: int, one: str, many: str) -> str:
    """'1 young person', '2 young people'."""
    return f"{n} {one if n == 1 else many}"


def persistent_sentence(card: Scorecard) -> str:
    """Derby's "42 young people account for 618 episodes" (3 or more episodes each)."""
    who = plural(card.persistent_children, "young person accounts", "young people account")
    return (
        f"{who} for {card.persistent_episodes} of {plural(card.episodes, 'episode', 'episodes')}, "
        "with 3 or more episodes each."
    )


PLACE_TYPE_LABELS = dict(GROUP_LABELS)
AREA_SHORT = {
    "out_of_area": "placed out of area",
    "placed_here": "placed here by another authority",
}


def placement_text(child: TopChild) -> str:
    """Derby's "Placement type": the groups (with PLACE codes), and where placed out of area."""
    groups = [PLACE_TYPE_LABELS.get(g, g) for g in child.placement_groups]
    text = " and ".join(groups) or "Not looked after"
    if child.placement_types:
        text += f" ({', '.join(child.placement_types)})"
    areas = [AREA_SHORT[a] for a in child.placement_areas if a in AREA_SHORT]
    return "; ".join([text, *areas])


def top_children_table(rows: Sequence[TopChild], *, names: dict[int, str] | None) -> Table:
    """Derby's top-12: children by episodes, with their placements in the period.

    ``names`` None pseudonymises: each child is shown only by rank (1, 2, 3 …), as analysts and
    every exported file see them.
    """
    return Table(
        key="top-children",
        caption=f"The {len(rows)} children with the most episodes",
        columns=("Young person", "Number of episodes", "Placement type"),
        rows=tuple(
            Row(
                str(r.rank) if names is None else names.get(r.child_id, str(r.rank)),
                (r.episodes, placement_text(r)),
            )
            for r in rows
        ),
        note="Young people are numbered by rank; names are not shown." if names is None else "",
        numeric=False,
    )


HARTLEPOOL_GROUPS = [
    ("all", "All children"),
    ("in_area", "Looked after children placed in our area"),
    ("out_of_area", "Looked after children placed out of area"),
]


def category_text(count: Count) -> str:
    return f"{count.episodes} episodes by {count.children} young people"


def hartlepool_categories(groups: dict[str, dict[str, Count]]) -> Table:
    """Hartlepool's "N episodes by M young people" by category, for three groups of children."""
    rows = []
    for group, group_label in HARTLEPOOL_GROUPS:
        by_category = groups[group]
        for code, label in CATEGORY_LABELS:
            count = by_category.get(code, Count(0, 0))
            rows.append(Row(f"{group_label}: {label.lower()}", (count.episodes, count.children)))
    return Table(
        key="categories",
        caption="Missing, away and absent episodes by where children were placed",
        columns=("Children and category", "Episodes", "Young people"),
        rows=tuple(rows),
    )


def duration_table(card: Scorecard) -> Table:
    return Table(
        key="duration",
        caption="How long children were missing",
        columns=("Measure", "Value"),
        rows=(
            Row("Median duration (hours)", (_hours(card.duration_median_hours),)),
            Row("90th percentile duration (hours)", (_hours(card.duration_p90_hours),)),
            Row("Back within 24 hours (of returned episodes)", (card.returned_within_24h,)),
            Row("Still missing at the end of the period", (card.still_missing,)),
        ),
    )


def _hours(value: float | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")


PLACE_KINDS = [("last_seen", "last seen"), ("stayed", "staying"), ("found", "found")]


def hot_spot_tables(
    current: dict[str, list[PlaceCount]], previous: dict[str, list[PlaceCount]]
) -> list[Table]:
    """Top places per kind, with the previous period's episodes there and the change.

    ``previous`` must hold every place of the previous period (not only its top N), so that a
    place missing from it had no episodes then.
    """
    tables = []
    for kind, label in PLACE_KINDS:
        before = {p.location_id: p.episodes for p in previous.get(kind, [])}
        rows = [
            Row(
                p.name,
                (
                    p.episodes,
                    p.children,
                    before.get(p.location_id, 0),
                    _signed(p.episodes - before.get(p.location_id, 0)),
                ),
            )
            for p in current.get(kind, [])
        ]
        tables.append(
            Table(
                key=f"places-{kind.replace('_', '-')}",
                caption=f"Hot spots: places children were {label}",
                columns=(
                    "Place",
                    "Episodes",
                    "Young people",
                    "Episodes in the previous period",
                    "Change",
                ),
                rows=tuple(rows),
            )
        )
    return tables


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def trend_table(points: Sequence[TrendPoint]) -> Table:
    rows = [
        Row(
            period_label(p.current.period),
            (
                p.current.episodes,
                p.year_earlier.episodes,
                p.current.children,
                p.year_earlier.children,
                p.current.rhi_in_time,
                p.year_earlier.rhi_in_time,
            ),
        )
        for p in points
    ]
    return Table(
        key="trend",
        caption="Trend by quarter, against the same quarter a year earlier",
        columns=(
            "Quarter",
            "Episodes",
            "Episodes a year earlier",
            "Individuals",
            "Individuals a year earlier",
            "RHIs in timescale (of completed)",
            "A year earlier",
        ),
        rows=tuple(rows),
    )


def cme_table(figures: CMECounts) -> Table:
    """Hartlepool's "Missing from Education" lines."""
    return Table(
        key="cme",
        caption="Children missing education: referrals from schools",
        columns=("Measure", "Number"),
        rows=(
            Row("Number of referrals received from schools", (figures.received,)),
            Row("Number of children located and referrals closed", (figures.closed,)),
            Row("Number of referrals still ongoing", (figures.still_open,)),
        ),
    )


def audit_scores_table(rounds) -> Table:
    """Derby's audit table: the average per key line of enquiry per round, and their sum."""
    rows = [
        Row(line.label, tuple(r.averages[line.value] for r in rounds)) for line in KeyLineOfEnquiry
    ]
    rows.append(Row("AVERAGE SCORING", tuple(r.total for r in rounds)))
    return Table(
        key="audit-scores",
        caption="Return interview audits: average score per key line of enquiry (1 to 4)",
        columns=("Key line of enquiry", *(r.name for r in rounds)),
        rows=tuple(rows),
        note="Averages over the fully scored audits of each round; "
        "AVERAGE SCORING is their sum (7 to 28).",
    )


def period_filename(prefix: str, start: date, end: date, ext: str) -> str:
    """A download's file name: what and when, never who."""
    return f"homeward-{prefix}-{start:%Y%m%d}-{end:%Y%m%d}.{ext}"
