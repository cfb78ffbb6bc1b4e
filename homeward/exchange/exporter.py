"""Writing an organisation's records as exchange files (SPEC.md §9), in the canonical form.

Rows are ordered by their key and values written canonically (see
docs/decisions/0060-exchange-canonical-form.md), so export → load → export is byte-identical.
Rows are streamed from the database, never held in memory all at once.
"""

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

from homeward.accounts.audit import audit_record
from homeward.accounts.models import AuditEvent, Organisation
from homeward.children.models import CarePeriod, Child
from homeward.education.models import CMEReferral
from homeward.episodes.models import Episode
from homeward.exchange.files import (
    CARE_PERIODS,
    CHILDREN,
    CME_REFERRALS,
    COLUMNS,
    EPISODES,
    INTERVIEWS,
    write_date,
    write_flag,
    write_instant,
)
from homeward.interviews.models import ReturnInterview

_STREAM_CHUNK = 5000


def _as_is(value) -> str:
    return "" if value is None else str(value)


def _flag_or_no(value: bool | None) -> str:
    return write_flag(bool(value))


# Per file: the query's value paths, in the file's column order, and how each is written.
_EXPORTS: dict[str, tuple[Callable[[Organisation], Iterable], tuple[Callable, ...]]] = {
    CHILDREN: (
        lambda org: (
            Child.objects.filter(organisation=org)
            .order_by("local_id")
            .values_list(
                "local_id",
                "first_name",
                "last_name",
                "date_of_birth",
                "sex",
                "gender",
                "ethnicity",
                "upn",
                "responsible_authority",
                "home_postcode",
            )
        ),
        (_as_is, _as_is, _as_is, write_date, *[_as_is] * 6),
    ),
    CARE_PERIODS: (
        lambda org: (
            CarePeriod.objects.filter(child__organisation=org)
            .order_by("child__local_id", "start_date", "pk")
            .values_list(
                "child__local_id",
                "start_date",
                "end_date",
                "rne",
                "legal_status",
                "cin",
                "placement_type",
                "provider",
                "placement_postcode",
                "in_area",
                "unregulated",
                "reason_ceased",
                "placement_name",
            )
        ),
        (
            _as_is,
            write_date,
            write_date,
            *[_as_is] * 6,
            write_flag,
            _flag_or_no,
            _as_is,
            _as_is,
        ),
    ),
    EPISODES: (
        lambda org: (
            Episode.objects.filter(organisation=org)
            .order_by("external_id")
            .values_list(
                "external_id",
                "child__local_id",
                "category",
                "went_missing_at",
                "reported_at",
                "returned_at",
                "risk_level",
                "police_reference",
                "last_seen_place__name",
                "stayed_place__name",
                "found_place__name",
                "recorded_in_error",
            )
        ),
        (
            _as_is,
            _as_is,
            _as_is,
            write_instant,
            write_instant,
            write_instant,
            *[_as_is] * 5,
            _flag_or_no,
        ),
    ),
    INTERVIEWS: (
        lambda org: (
            ReturnInterview.objects.filter(episode__organisation=org)
            .order_by("episode__external_id")
            .values_list(
                "episode__external_id",
                "offered_at",
                "accepted",
                "declined_reason",
                "completed_at",
                "interviewer_role",
                "voided_reason",
                "shared_with_police_at",
            )
        ),
        (_as_is, write_instant, write_flag, _as_is, write_instant, _as_is, _as_is, write_instant),
    ),
    CME_REFERRALS: (
        lambda org: (
            CMEReferral.objects.filter(organisation=org)
            .order_by("external_id")
            .values_list(
                "external_id",
                "child__local_id",
                "school",
                "referred_on",
                "located_on",
                "outcome",
                "closed_on",
            )
        ),
        (_as_is, _as_is, _as_is, write_date, write_date, _as_is, write_date),
    ),
}


def _write_file(path: Path, header: tuple[str, ...], rows: Iterable, writers) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(header)
        for row in rows:
            out.writerow([write(value) for write, value in zip(writers, row, strict=True)])
            count += 1
    return count


def exchange_export(
    *, folder: Path, organisation: Organisation, actor_label: str = "homeward export"
) -> None:
    """Write the five exchange files of ``organisation`` into ``folder`` (created if need be)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, (query, writers) in _EXPORTS.items():
        rows = query(organisation).iterator(chunk_size=_STREAM_CHUNK)
        written[name] = _write_file(folder / name, COLUMNS[name], rows, writers)
    audit_record(
        action=AuditEvent.Action.EXPORTED,
        actor_label=actor_label,
        obj=organisation,
        detail={"files": written},
    )
