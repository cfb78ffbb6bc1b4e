"""Loading one exchange file: parse and check each row, then write the batch in bulk.

A step streams its file in batches. Each batch costs a few queries whatever its size — existing
records are looked up by key in chunks, new and changed rows written with one bulk statement — so
a load is never one query per row. Good rows are written even when other rows are bad: the
checks across rows (overlapping episodes) then run in SQL over what is stored plus what the file
brings, and :func:`~homeward.exchange.loader.exchange_load` rolls the whole load back at the end
if any row was bad (SPEC.md §9 "all or nothing").
"""

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone
from tqdm import tqdm

from homeward.accounts.models import Organisation
from homeward.children.models import Child
from homeward.exchange.bulk import BulkWriter, select_in
from homeward.exchange.files import CHILDREN, EPISODES, ExchangeReader, Row, RowError, count_rows

BATCH_SIZE = 2000  # rows parsed and written together
LOOKUP_CHUNK = 2000  # keys per IN (...) lookup
T = TypeVar("T")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class LoadContext:
    """What the steps of one load share."""

    organisation: Organisation
    progress: bool = False
    errors: list[RowError] = field(default_factory=list)
    counts: dict[str, Counts] = field(default_factory=dict)
    # Ids of rows refused per file, so a later file says why it cannot find them.
    rejected: dict[str, set[str]] = field(default_factory=dict)
    # Children whose care periods or episodes changed: their episode links are refreshed.
    touched_children: set[int] = field(default_factory=set)
    # Children with a row written (their own, a care period or an episode), and episodes whose
    # interview was written: their episode facts are rewritten (decision 0024).
    changed_children: set[int] = field(default_factory=set)
    interview_episodes: set[int] = field(default_factory=set)
    now: datetime = field(default_factory=timezone.now)

    def children(self, local_ids: Iterable[str]) -> dict[str, tuple[int, date]]:
        """{local id: (pk, date of birth)} of this organisation's children, looked up in chunks."""
        found: dict[str, tuple[int, date]] = {}
        for chunk in chunked(sorted(set(local_ids)), LOOKUP_CHUNK):
            rows = select_in(
                Child,
                ("local_id", "id", "date_of_birth"),
                "local_id",
                chunk,
                where={"organisation": self.organisation.pk},
            )
            found.update({local_id: (pk, dob) for local_id, pk, dob in rows})
        return found

    def unknown(self, file: str, kind: str, key: str) -> str:
        if key in self.rejected.get(file, ()):
            return f"{kind} '{key}' is not loaded: its row in {file} has errors"
        return f"no {kind} with id '{key}' in {file} or already stored"


class Step:
    """Loads one file. Subclasses say how a row becomes an object and how a batch is written."""

    file: str
    model: type[models.Model]
    key_column: str
    fields: tuple[str, ...]  # the attnames a file row sets (compared to detect a change)
    given: tuple[str, ...]  # every attname a parsed row dict carries (fields, keys, version)
    extra_keys: tuple[str, ...] = ()  # key attnames besides the one looked up

    def __init__(self, ctx: LoadContext):
        self.ctx = ctx
        self.org = ctx.organisation
        self.counts = ctx.counts.setdefault(self.file, Counts())
        self.rejected = ctx.rejected.setdefault(self.file, set())
        self.seen: dict[Any, int] = {}  # key → line, to refuse duplicates within the file
        self.writer = BulkWriter(self.model, given=self.given, now=ctx.now)

    def run(self, path: Path) -> None:
        rows: Iterable[Row] = ExchangeReader(path, self.ctx.errors).rows()
        if self.ctx.progress:
            rows = tqdm(rows, total=count_rows(path), desc=self.file, unit=" rows", file=sys.stderr)
        for batch in chunked(rows, BATCH_SIZE):
            self.prepare(batch)
            parsed = [values for row in batch if (values := self.parse(row)) is not None]
            if parsed:
                self.write(parsed)
        self.finish()

    def prepare(self, batch: list[Row]) -> None:
        """Look up, in chunks, whatever the batch's rows refer to."""

    def parse(self, row: Row) -> dict | None:
        """The row as {attname: value}, or None (and RowErrors) if it is bad."""
        raise NotImplementedError

    def write(self, rows: list[dict]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Checks across the whole file, once every row is written."""

    def model_field(self, name: str) -> models.Field:
        return self.model._meta.get_field(name)

    def first_time(self, row: Row, key: Any, label: str) -> bool:
        """False (and an error) if the key was already on an earlier line of the file."""
        earlier = self.seen.get(key)
        if earlier is not None:
            row.error(self.key_column, f"{label} is already on line {earlier} of this file")
            return False
        self.seen[key] = row.line
        return True

    def reject(self, row: Row, key: str) -> None:
        if not row.ok and key:
            self.rejected.add(key)

    def stored(
        self, lookup: str, keys: Iterable, key_of: Callable[[dict], Any], *, in_organisation: bool
    ) -> dict[Any, dict]:
        """The stored rows whose ``lookup`` attname is among ``keys``, as dicts keyed by key_of."""
        names = ("id", lookup, *self.extra_keys, *self.fields)
        if "version" in self.given:
            names += ("version",)
        where = {"organisation": self.org.pk} if in_organisation else None
        found = {}
        for chunk in chunked(sorted(set(keys)), LOOKUP_CHUNK):
            for values in select_in(self.model, names, lookup, chunk, where=where):
                row = dict(zip(names, values, strict=True))
                row["pk"] = row["id"]
                found[key_of(row)] = row
        return found

    def classify(
        self, rows: list[dict], existing: dict[Any, dict], key_of: Callable[[dict], Any]
    ) -> tuple[list[dict], list[dict]]:
        """Split into (new, changed) and count; a changed row gets the stored pk and version."""
        new, changed = [], []
        for row in rows:
            old = existing.get(key_of(row))
            if old is None:
                new.append(row)
            elif any(row[name] != old[name] for name in self.fields):
                row["pk"] = old["pk"]
                if "version" in old:
                    row["version"] = old["version"] + 1
                changed.append(row)
        self.counts.created += len(new)
        self.counts.updated += len(changed)
        self.counts.unchanged += len(rows) - len(new) - len(changed)
        return new, changed


class ChildLinkedStep(Step):
    """A file whose rows name a child by ``child_id``."""

    def prepare(self, batch: list[Row]) -> None:
        self.children = self.ctx.children(row.values["child_id"] for row in batch)

    def child(self, row: Row) -> tuple[int, date] | None:
        local_id = row.values["child_id"]
        if not local_id:
            row.error("child_id", "is required")
            return None
        found = self.children.get(local_id)
        if found is None:
            row.error("child_id", self.ctx.unknown(CHILDREN, "child", local_id))
        return found


def episode_lookup(organisation: Organisation, external_ids: Iterable[str]) -> dict[str, tuple]:
    """{episode id: (pk, returned_at)} of the organisation's stored episodes, in chunks."""
    from homeward.episodes.models import Episode

    found: dict[str, tuple] = {}
    for chunk in chunked(sorted(set(external_ids)), LOOKUP_CHUNK):
        rows = select_in(
            Episode,
            ("external_id", "id", "returned_at"),
            "external_id",
            chunk,
            where={"organisation": organisation.pk},
        )
        found.update({external_id: (pk, returned) for external_id, pk, returned in rows})
    return found


__all__ = ["EPISODES", "ChildLinkedStep", "LoadContext", "Step", "chunked", "episode_lookup"]
