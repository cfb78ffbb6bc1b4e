"""Loading an exchange folder (SPEC.md §9): all or nothing, idempotent, fast.

Files are loaded in the order children → care periods → episodes → interviews → CME referrals,
so each may refer to the records of the files before it or to records already stored. Records
are upserted on the partner's stable keys: children and episodes and referrals by
(organisation, id), care periods by (child, start date), interviews by episode. Loading the
same files twice therefore changes nothing and reports every row unchanged.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from homeward.accounts.audit import audit_record
from homeward.accounts.models import AuditEvent, Organisation
from homeward.children.services import episode_care_periods_refresh
from homeward.exchange.file_steps import STEPS
from homeward.exchange.files import COLUMNS, RowError
from homeward.exchange.steps import LoadContext
from homeward.reporting.facts import episode_facts_refresh

__all__ = ["ExchangeLoadError", "FileCounts", "LoadResult", "RowError", "exchange_load"]

FILE_ORDER = {name: index for index, name in enumerate(COLUMNS)}


class ExchangeLoadError(Exception):
    """The file set has bad rows; nothing was loaded. ``errors`` lists every one."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(f"{len(errors)} error(s) in the exchange files; nothing was loaded")

    def __str__(self) -> str:
        return "\n".join([self.args[0], *map(str, self.errors)])


@dataclass(frozen=True)
class FileCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass(frozen=True)
class LoadResult:
    """Rows created, updated and unchanged per file loaded (absent files are omitted)."""

    files: dict[str, FileCounts]

    def __getitem__(self, file: str) -> FileCounts:
        return self.files[file]

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in self.files.values())

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {
            name: {"created": c.created, "updated": c.updated, "unchanged": c.unchanged}
            for name, c in self.files.items()
        }

    def __str__(self) -> str:
        return "\n".join(f"{name}: {counts}" for name, counts in self.files.items())


def exchange_files(folder: Path) -> list[Path]:
    """The exchange files present in a folder, in load order."""
    return [folder / name for name in COLUMNS if (folder / name).is_file()]


def exchange_load(
    *,
    folder: Path,
    organisation: Organisation,
    actor_label: str = "homeward load",
    progress: bool = False,
) -> LoadResult:
    """Load the exchange files in ``folder`` for ``organisation`` (SPEC.md §9).

    Raises :class:`ExchangeLoadError` listing every bad row, with the database untouched.
    """
    folder = Path(folder)
    paths = exchange_files(folder)
    if not paths:
        expected = ", ".join(COLUMNS)
        raise ExchangeLoadError([RowError(str(folder), 0, "", f"no exchange files ({expected})")])
    ctx = LoadContext(organisation=organisation, progress=progress)
    with transaction.atomic():
        for path in paths:
            STEPS[path.name](ctx).run(path)
        if ctx.errors:
            ctx.errors.sort(key=lambda e: (FILE_ORDER.get(e.file, 99), e.line))
            raise ExchangeLoadError(ctx.errors)
        # Episode links to care periods, then the episode facts of every child whose records
        # this load wrote (decision 0024); a reload of unchanged files rewrites nothing.
        episode_care_periods_refresh(child_ids=ctx.touched_children, refresh_facts=False)
        episode_facts_refresh(child_ids=ctx.changed_children, episode_ids=ctx.interview_episodes)
        result = LoadResult(
            files={path.name: FileCounts(**vars(ctx.counts[path.name])) for path in paths}
        )
        audit_record(
            action=AuditEvent.Action.LOADED,
            actor_label=actor_label,
            obj=organisation,
            detail={"files": result.as_dict()},
        )
    return result
