"""The SSDA903 return for a collection year (SPEC.md §7): Header, Episodes and Missing.

The rows are built first and checked against the DfE validation rules on missing periods; an
export that would break a rule raises :class:`SSDA903Error` listing the offending records and
writes nothing. Rules are pure functions over the rows, named by their DfE numbers.
"""

import csv
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.db.models import Q

from homeward.accounts.audit import audit_record
from homeward.accounts.models import AuditEvent, Organisation
from homeward.children.models import CarePeriod
from homeward.episodes.models import Category, Episode
from homeward.timeutil import LONDON, local_date

DATE_FORMAT = "%d/%m/%Y"
MISSING_TYPE = {Category.MISSING: "M", Category.AWAY: "A"}
# REC codes that do not end the period of care: a new episode starts the same day.
CARE_CONTINUES = {"X1"}

HEADER_COLUMNS = ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB")
EPISODE_COLUMNS = (
    "CHILD",
    "DECOM",
    "RNE",
    "LS",
    "CIN",
    "PLACE",
    "PLACE_PROVIDER",
    "DEC",
    "REC",
    "REASON_PLACE_CHANGE",
    "HOME_POST",
    "PL_POST",
    "URN",
)
MISSING_COLUMNS = ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END")


@dataclass(frozen=True)
class CollectionYear:
    """1 April ``start_year`` to 31 March the year after (SPEC.md §3)."""

    start_year: int

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 3, 31)


@dataclass(frozen=True)
class HeaderRow:
    child: str
    sex: str
    dob: date
    ethnic: str
    upn: str


@dataclass(frozen=True)
class EpisodeRow:
    child: str
    decom: date
    rne: str
    ls: str
    cin: str
    place: str
    provider: str
    dec: date | None
    rec: str
    reason_place_change: str
    home_post: str
    pl_post: str
    urn: str


@dataclass(frozen=True)
class MissingRow:
    child: str
    dob: date | None
    missing: str
    start: date | None
    end: date | None
    episode_id: str  # Homeward's episode, to name the offending record

    def describe(self) -> str:
        end = _fmt(self.end) or "open"
        return f"child {self.child}, episode {self.episode_id} ({_fmt(self.start)} – {end})"


@dataclass(frozen=True)
class Breach:
    rule: str
    record: str
    reason: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.record}: {self.reason}"


@dataclass(frozen=True)
class Return:
    year: CollectionYear
    header: list[HeaderRow]
    episodes: list[EpisodeRow]
    missing: list[MissingRow]


class SSDA903Error(Exception):
    def __init__(self, breaches: list[Breach]):
        self.breaches = breaches
        super().__init__(f"{len(breaches)} DfE validation rule breach(es); nothing was written")

    def __str__(self) -> str:
        return "\n".join([self.args[0], *map(str, self.breaches)])


def _fmt(value: date | None) -> str:
    return value.strftime(DATE_FORMAT) if value is not None else ""


# Building the rows.


def ssda903_build(*, organisation: Organisation, year: CollectionYear) -> Return:
    """The Header, Episodes and Missing rows of the organisation's return for the year."""
    periods = list(
        CarePeriod.objects.filter(child__organisation=organisation, start_date__lte=year.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=year.start))
        .select_related("child")
        .order_by("child__local_id", "start_date")
    )
    children = {p.child_id: p.child for p in periods}
    header = [
        HeaderRow(c.local_id, c.sex, c.date_of_birth, c.ethnicity, c.upn)
        for c in sorted(children.values(), key=lambda c: c.local_id)
    ]
    return Return(
        year=year,
        header=header,
        episodes=[_episode_row(p, year) for p in periods],
        missing=_missing_rows(organisation, year, children),
    )


def _episode_row(period: CarePeriod, year: CollectionYear) -> EpisodeRow:
    # A period still open at the year end is reported open (no DEC, no REC).
    ended = period.end_date is not None and period.end_date <= year.end
    return EpisodeRow(
        child=period.child.local_id,
        decom=period.start_date,
        rne=period.rne,
        ls=period.legal_status,
        cin=period.cin,
        place=period.placement_type,
        provider=period.provider,
        dec=period.end_date if ended else None,
        rec=period.reason_ceased if ended else "",
        reason_place_change=period.reason_place_change if ended else "",
        home_post=period.child.home_postcode,
        pl_post=period.placement_postcode,
        urn=period.urn,
    )


def _missing_rows(organisation, year: CollectionYear, children: dict) -> list[MissingRow]:
    """Missing and away episodes that overlap the year and started while looked after."""
    year_start = datetime(year.start.year, 4, 1, tzinfo=LONDON)
    episodes = (
        Episode.objects.filter(
            organisation=organisation,
            child_id__in=list(children),
            recorded_in_error=False,
            category__in=list(MISSING_TYPE),
            care_period__isnull=False,
            went_missing_on__lte=year.end,
        )
        .filter(Q(returned_at__isnull=True) | Q(returned_at__gte=year_start))
        .order_by("child__local_id", "went_missing_at")
        .values_list("child_id", "external_id", "category", "went_missing_on", "returned_at")
    )
    rows = []
    for child_id, external_id, category, started, returned_at in episodes.iterator():
        child = children[child_id]
        ended = local_date(returned_at) if returned_at is not None else None
        rows.append(
            MissingRow(
                child=child.local_id,
                dob=child.date_of_birth,
                missing=MISSING_TYPE[category],
                start=started,
                end=ended if ended is not None and ended <= year.end else None,
                episode_id=external_id,
            )
        )
    return rows


# The DfE validation rules on missing periods (SPEC.md §7).


def rule_564_to_567(ret: Return) -> Iterable[Breach]:
    """564–566: start date and type present; 567: the end is not before the start."""
    for m in ret.missing:
        if m.start is None:
            rule = "565" if m.end is not None else "564"
            yield Breach(rule, m.describe(), "MIS_START is missing")
        if m.start is not None and not m.missing:
            yield Breach("566", m.describe(), "MISSING (M or A) is missing")
        if m.start is not None and m.end is not None and m.end < m.start:
            yield Breach("567", m.describe(), "MIS_END is before MIS_START")


def rule_570_571(ret: Return) -> Iterable[Breach]:
    """570: the start is not after the year; 571: the end is inside the year."""
    for m in ret.missing:
        if m.start is not None and m.start > ret.year.end:
            yield Breach("570", m.describe(), "MIS_START is after the collection year")
        if m.end is not None and not ret.year.start <= m.end <= ret.year.end:
            yield Breach("571", m.describe(), "MIS_END is outside the collection year")


def rule_574(ret: Return) -> Iterable[Breach]:
    """No new missing period while one is open, and no overlap (the DfE sort and lag)."""
    by_child = defaultdict(list)
    for m in ret.missing:
        if m.start is not None:
            by_child[m.child].append(m)
    for periods in by_child.values():
        periods.sort(key=lambda m: (m.end or m.start, m.start))
        for previous, current in zip(periods, periods[1:], strict=False):
            if previous.end is None:
                yield Breach("574", current.describe(), "starts while another period is open")
            elif current.start < previous.end:
                yield Breach("574", current.describe(), "overlaps the period before it")


def _episodes_by_child(ret: Return) -> dict[str, list[EpisodeRow]]:
    by_child = defaultdict(list)
    for e in ret.episodes:
        by_child[e.child].append(e)
    for episodes in by_child.values():
        episodes.sort(key=lambda e: e.decom)
    return by_child


def _covering(episodes: list[EpisodeRow], day: date) -> EpisodeRow | None:
    """The episode of care covering a day; where one ends as the next starts, the next."""
    found = None
    for e in episodes:
        if e.decom <= day and (e.dec is None or e.dec >= day):
            found = e
    return found


def rule_575_577(ret: Return) -> Iterable[Breach]:
    """575: no open missing period once its placement ended; 577: nor once care ended."""
    episodes = _episodes_by_child(ret)
    for m in ret.missing:
        if m.start is None or m.end is not None:
            continue
        placement = _covering(episodes[m.child], m.start)
        if placement is not None and placement.dec is not None:
            yield Breach("575", m.describe(), "open although its placement ended")
        last = episodes[m.child][-1] if episodes[m.child] else None
        if last is not None and last.dec is not None and last.rec not in CARE_CONTINUES:
            yield Breach("577", m.describe(), "open although the child ceased to be looked after")


def rule_578_581(ret: Return) -> Iterable[Breach]:
    """578: not after care ceased; 581: the start is inside a period of care."""
    episodes = _episodes_by_child(ret)
    for m in ret.missing:
        if m.start is None or _covering(episodes[m.child], m.start) is not None:
            continue
        last = episodes[m.child][-1] if episodes[m.child] else None
        if last is not None and last.dec is not None and m.start > last.dec:
            yield Breach("578", m.describe(), "starts after the child ceased to be looked after")
        else:
            yield Breach("581", m.describe(), "starts outside a period of care")


def rule_580(ret: Return) -> Iterable[Breach]:
    """A child missing when their care ends must have REC E8."""
    missing = defaultdict(list)
    for m in ret.missing:
        missing[m.child].append(m)
    for e in ret.episodes:
        if e.dec is None or e.rec in CARE_CONTINUES or e.rec == "E8":
            continue
        for m in missing[e.child]:
            if m.start is not None and m.start <= e.dec and (m.end is None or m.end > e.dec):
                record = f"child {e.child}, episode of care from {_fmt(e.decom)}"
                yield Breach(
                    "580", record, f"missing when care ended, so REC must be E8 not {e.rec}"
                )


def rule_586(ret: Return) -> Iterable[Breach]:
    for m in ret.missing:
        if m.start is not None and m.dob is not None and m.start < m.dob:
            yield Breach("586", m.describe(), "MIS_START is before the date of birth")


def rule_1004_to_1006(ret: Return) -> Iterable[Breach]:
    """Dates that are valid dd/mm/yyyy and a type of M or A."""
    for m in ret.missing:
        for rule, value in (("1004", m.start), ("1005", m.end)):
            text = _fmt(value)
            if text and datetime.strptime(text, DATE_FORMAT).date() != value:
                yield Breach(rule, m.describe(), f"'{text}' is not a valid date")
        if m.missing not in ("M", "A"):
            yield Breach("1006", m.describe(), f"MISSING '{m.missing}' is not M or A")


def rule_int04_int13(ret: Return) -> Iterable[Breach]:
    """The child of each Missing row is in Header, with the same date of birth."""
    header = {h.child: h for h in ret.header}
    for m in ret.missing:
        found = header.get(m.child)
        if found is None:
            yield Breach("INT04", m.describe(), "the child is not in Header")
        elif found.dob != m.dob:
            yield Breach("INT13", m.describe(), "DOB differs from Header")


RULES: tuple[Callable[[Return], Iterable[Breach]], ...] = (
    rule_564_to_567,
    rule_570_571,
    rule_574,
    rule_575_577,
    rule_578_581,
    rule_580,
    rule_586,
    rule_1004_to_1006,
    rule_int04_int13,
)


def ssda903_validate(ret: Return) -> list[Breach]:
    return [breach for rule in RULES for breach in rule(ret)]


# Writing.


def _write(path: Path, columns: tuple[str, ...], rows: Iterable[Iterable]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(columns)
        out.writerows(rows)


def ssda903_export(
    *,
    folder: Path,
    organisation: Organisation,
    year: int,
    actor_label: str = "homeward ssda903",
) -> Return:
    """Check the year's return against the rules, then write Header, Episodes and Missing."""
    ret = ssda903_build(organisation=organisation, year=CollectionYear(year))
    breaches = ssda903_validate(ret)
    if breaches:
        raise SSDA903Error(breaches)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _write(
        folder / "Header.csv",
        HEADER_COLUMNS,
        ([h.child, h.sex, _fmt(h.dob), h.ethnic, h.upn, "", ""] for h in ret.header),
    )
    _write(
        folder / "Episodes.csv",
        EPISODE_COLUMNS,
        (
            [e.child, _fmt(e.decom), e.rne, e.ls, e.cin, e.place, e.provider, _fmt(e.dec)]
            + [e.rec, e.reason_place_change, e.home_post, e.pl_post, e.urn]
            for e in ret.episodes
        ),
    )
    _write(
        folder / "Missing.csv",
        MISSING_COLUMNS,
        ([m.child, _fmt(m.dob), m.missing, _fmt(m.start), _fmt(m.end)] for m in ret.missing),
    )
    audit_record(
        action=AuditEvent.Action.EXPORTED,
        actor_label=actor_label,
        obj=organisation,
        detail={
            "ssda903_year": year,
            "rows": {
                "Header": len(ret.header),
                "Episodes": len(ret.episodes),
                "Missing": len(ret.missing),
            },
        },
    )
    return ret
