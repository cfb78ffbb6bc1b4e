"""Writes about children and their care periods (STYLE.md §2)."""

from collections.abc import Iterable

from django.db.models import BigIntegerField, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact

from homeward.children.models import CarePeriod
from homeward.episodes.models import Episode

_CHUNK = 2000


def episode_care_periods_refresh(
    *, child_ids: Iterable[int] | None = None, refresh_facts: bool = True
) -> int:
    """Point each episode at the care period covering its London date (SPEC.md §3), in SQL.

    Where one period ends on the day the next starts, the one that starts applies (SPEC.md §9),
    so the latest start wins. ``child_ids`` None refreshes every episode. Returns rows changed.
    Every write to care periods or to an episode's date must call this for the child(ren); it
    also rewrites those children's episode facts (``reporting.facts``, decision 0024) unless
    ``refresh_facts`` is False (the loader, which rewrites the facts of what it changed).
    """
    from homeward.reporting.facts import episode_facts_rebuild, episode_facts_refresh

    covering = (
        CarePeriod.objects.filter(
            child_id=OuterRef("child_id"), start_date__lte=OuterRef("went_missing_on")
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("went_missing_on")))
        .order_by("-start_date", "-pk")
        .values("pk")[:1]
    )
    # Only rows whose link changes are written: rewriting every row costs a new row version
    # and index entries on PostgreSQL, and a reload of unchanged files changes nothing.
    linked = Coalesce(Subquery(covering), Value(0), output_field=BigIntegerField())
    stale = ~Exact(Coalesce(F("care_period"), Value(0), output_field=BigIntegerField()), linked)
    if child_ids is None:
        changed = Episode.objects.filter(stale).update(care_period=Subquery(covering))
        if refresh_facts:
            episode_facts_rebuild()
        return changed
    # In chunks: a national load touches hundreds of thousands of children, more than one
    # IN (...) list should hold.
    ids = sorted(set(child_ids))
    changed = sum(
        Episode.objects.filter(stale, child_id__in=ids[i : i + _CHUNK]).update(
            care_period=Subquery(covering)
        )
        for i in range(0, len(ids), _CHUNK)
    )
    if refresh_facts:
        episode_facts_refresh(child_ids=ids)
    return changed
