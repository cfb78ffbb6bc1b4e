"""Writing an organisation's records as exchange files (SPEC.md §9), in the canonical form.

Rows are ordered by their key and values written canonically (see
docs/decisions/0060-exchange-canonical-form.md), so export → load → export is byte-identical.
Rows are streamed from the database, never held in memory all at once.
"""

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

from django.db.models import QuerySet

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


# Per file: the rows to export (in key order) and, for each exchange column, the value path in
# the query and how the value is written. Keyed by column name so a column can never be written
# under another's header; checked against files.COLUMNS when the module loads.
_ExportSpec = tuple[Callable[[Organisation], QuerySet], dict[str, tuple[str, Callable]]]

_EXPORTS: dict[str, _ExportSpec] = {
    CHILDREN: (
        lambda org: Child.objects.filter(organisation=org).order_by("local_id"),
        {
            "child_id": ("local_id", _as_is),
            "first_name": ("first_name", _as_is),
            "last_name": ("last_name", _as_is),
            "date_of_birth": ("date_of_birth", write_date),
            "sex": ("sex", _as_is),
            "gender": ("gender", _as_is),
            "ethnicity": ("ethnicity", _as_is),
            "upn": ("upn", _as_is),
            "responsible_authority": ("responsible_authority", _as_is),
            "home_postcode": ("home_postcode", _as_is),
        },
    ),
    CARE_PERIODS: (
        lambda org: CarePeriod.objects.filter(child__organisation=org).order_by(
            "child__local_id", "start_date", "pk"
        ),
        {
            "child_id": ("child__local_id", _as_is),
            "start_date": ("start_date", write_date),
            "end_date": ("end_date", write_date),
            "rne": ("rne", _as_is),
            "legal_status": ("legal_status", _as_is),
            "cin": ("cin", _as_is),
            "placement_type": ("placement_type", _as_is),
            "provider": ("provider", _as_is),
            "placement_postcode": ("placement_postcode", _as_is),
            "in_area": ("in_area", write_flag),
            "unregulated": ("unregulated", _flag_or_no),
            "reason_ceased": ("reason_ceased", _as_is),
            "placement_name": ("placement_name", _as_is),
        },
    ),
    EPISODES: (
        lambda org: Episode.objects.filter(organisation=org).order_by("external_id"),
        {
            "episode_id": ("external_id", _as_is),
            "child_id": ("child__local_id", _as_is),
            "category": ("category", _as_is),
            "went_missing_at": ("went_missing_at", write_instant),
            "reported_at": ("reported_at", write_instant),
            "returned_at": ("returned_at", write_instant),
            "risk_level": ("risk_level", _as_is),
            "police_reference": ("police_reference", _as_is),
            "last_seen_place": ("last_seen_place__name", _as_is),
            "stayed_place": ("stayed_place__name", _as_is),
            "found_place": ("found_place__name", _as_is),
            "recorded_in_error": ("recorded_in_error", _flag_or_no),
        },
    ),
    INTERVIEWS: (
        lambda org: ReturnInterview.objects.filter(episode__organisation=org).order_by(
            "episode__external_id"
        ),
        {
            "episode_id": ("episode__external_id", _as_is),
            "offered_at": ("offered_at", write_instant),
            "accepted": ("accepted", write_flag),
            "declined_reason": ("declined_reason", _as_is),
            "completed_at": ("completed_at", write_instant),
            "interviewer_role": ("interviewer_role", _as_is),
            "voided_reason": ("voided_reason", _as_is),
            "shared_with_police_at": ("shared_with_police_at", write_instant),
        },
    ),
    CME_REFERRALS: (
        lambda org: CMEReferral.objects.filter(organisation=org).order_by("external_id"),
        {
            "referral_id": ("external_id", _as_is),
            "child_id": ("child__local_id", _as_is),
            "school": ("school", _as_is),
            "referred_on": ("referred_on", write_date),
            "located_on": ("located_on", write_date),
            "outcome": ("outcome", _as_is),
            "closed_on": ("closed_on", write_date),
        },
    ),
}
for _name, (_query, _columns) in _EXPORTS.items():
    if tuple(_columns) != COLUMNS[_name]:
        raise ImportError(f"exporter columns for {_name} differ from files.COLUMNS")


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
    for name, (query, columns) in _EXPORTS.items():
        paths = [path for path, _ in columns.values()]
        writers = [write for _, write in columns.values()]
        rows = query(organisation).values_list(*paths).iterator(chunk_size=_STREAM_CHUNK)
        written[name] = _write_file(folder / name, COLUMNS[name], rows, writers)
    audit_record(
        action=AuditEvent.Action.EXPORTED,
        actor_label=actor_label,
        obj=organisation,
        detail={"files": written},
    )
