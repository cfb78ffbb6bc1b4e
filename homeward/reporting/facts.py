"""Keeping the episode facts (:class:`homeward.reporting.models.EpisodeFacts`) true.

One query, :func:`derived_facts`, says what each episode's facts are, from the records and with
the expressions the pages use (``cohorts`` for age, placement group and "ours"). Writing them is
:func:`episode_facts_refresh`: a DELETE and an ``INSERT … SELECT`` of that query, in the
database, for the episodes a write touched. Every write path calls it in the same transaction
as its own writes (decision 0024):

- ``episodes.services`` (report, new child, update, risk, return, recorded in error);
- ``interviews.services`` (every change to a return interview);
- ``children.services.episode_care_periods_refresh`` (care periods and episode dates);
- the exchange loader (children, care periods, episodes and interviews it wrote);
- the demo (after it writes directly);
- ``homeward reporting_facts_rebuild`` (everything), and ``homeward reporting_facts_check``
  to prove it: :func:`facts_differences` compares stored rows with derived ones.

Each write also drops the month counts of the organisation-months its facts were or now are in
(``month_counts.month_counts_invalidate``, decision 0026); a rebuild drops them all.
"""

from collections.abc import Iterable

from django.db import connections, router, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    F,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Lag

from homeward.episodes.models import Episode
from homeward.reporting import cohorts, month_counts, rhi
from homeward.reporting.models import EpisodeFacts

_CHUNK = 2000


def _flag(condition: Q) -> Case:
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def fact_expressions() -> dict:
    """Each facts column and the expression over ``Episode`` that gives it."""
    interview = rhi.EPISODE  # the interview's fields, reached through the episode
    return {
        "episode_id": F("pk"),
        "organisation_id": F("organisation_id"),
        "child_id": F("child_id"),
        "went_missing_on": F("went_missing_on"),
        "went_missing_at": F("went_missing_at"),
        "returned_at": F("returned_at"),
        "recorded_in_error": F("recorded_in_error"),
        "category": F("category"),
        "risk_level": F("risk_level"),
        "last_seen_place_id": F("last_seen_place_id"),
        "stayed_place_id": F("stayed_place_id"),
        "found_place_id": F("found_place_id"),
        "gender": F("child__gender"),
        "responsible_authority": F("child__responsible_authority"),
        "authority_is_recorder": _flag(cohorts.recorder_is_ours_condition()),
        "age": cohorts.age_expression(),
        "looked_after": _flag(Q(care_period__isnull=False)),
        "placement_type": Coalesce(
            F("care_period__placement_type"), Value(""), output_field=CharField()
        ),
        "placement_group": cohorts.placement_group_expression(),
        "in_area": F("care_period__in_area"),
        "rhi_offered_at": F(f"{interview}offered_at"),
        "rhi_accepted": F(f"{interview}accepted"),
        "rhi_completed_at": F(f"{interview}completed_at"),
        "rhi_voided_at": F(f"{interview}voided_at"),
        "rhi_voided_reason": Case(
            When(Q(**{f"{interview}voided_reason__gt": ""}), then=Value("given")),
            default=Value(""),
            output_field=CharField(),
        ),
        **chain_expressions(),
    }


def _chain_partitions() -> dict[str, tuple[list, int]]:
    """Each chain (decision 0025): what the previous episode shares with this one (beyond the
    child), over ``Episode``, and how many episodes back it goes."""
    looked_after = _flag(Q(care_period__isnull=False))
    in_area = F("care_period__in_area")
    recorder = _flag(cohorts.recorder_is_ours_condition())
    age_band = cohorts.age_band_expression(cohorts.age_expression())
    return {
        "previous": ([], 3),
        "previous_lac": ([looked_after], 3),
        "previous_area": ([looked_after, in_area], 1),
        "previous_recorder": ([looked_after, recorder], 1),
        "previous_recorder_area": ([looked_after, recorder, in_area], 1),
        "previous_category": ([F("category")], 1),
        "previous_lac_category": ([looked_after, F("category")], 1),
        "previous_age_band": ([age_band], 1),
        "previous_lac_age_band": ([looked_after, age_band], 1),
        "previous_placement_group": ([cohorts.placement_group_expression()], 1),
        "previous_risk": ([F("risk_level")], 1),
        "previous_lac_risk": ([looked_after, F("risk_level")], 1),
    }


def chain_expressions() -> dict:
    """The chain columns: the London date 1, 2 or 3 counted episodes back in the child's
    episodes that share the chain's values (a window over the child's episodes; so the facts
    of one episode are always rewritten with all of its child's)."""
    expressions = {}
    for name, (shared, depth) in _chain_partitions().items():
        for back in range(1, depth + 1):
            column = f"{name}_on" if back == 1 else f"{name}_{back}_on"
            expressions[column] = Case(
                When(
                    recorded_in_error=False,
                    then=Window(
                        Lag("went_missing_on", offset=back),
                        partition_by=[F("child_id"), F("recorded_in_error"), *shared],
                        order_by=[F("went_missing_at").asc(), F("pk").asc()],
                    ),
                ),
                default=Value(None),
                output_field=DateField(),
            )
    return expressions


def derived_facts(episodes: QuerySet) -> QuerySet:
    """The facts of ``episodes`` as the records say they are now: one row (a tuple in the
    order of :func:`fact_expressions`) per episode."""
    expressions = fact_expressions()
    aliases = {f"fact_{name}": expression for name, expression in expressions.items()}
    return episodes.order_by().annotate(**aliases).values_list(*aliases)


def _write(episodes: QuerySet, *, rebuild: bool = False) -> int:
    """Replace the stored facts of ``episodes`` (every episode of their children: see
    :func:`chain_expressions`) with derived ones, in two statements.

    On PostgreSQL the episodes are locked first (in id order): two transactions rewriting the
    same episode's facts then take turns, and the second reads the records only after the
    first has committed — so it can neither read records older than the first one's facts nor
    insert a row the first has already inserted. (SQLite runs one writing transaction at a
    time: ``transaction_mode`` IMMEDIATE.) A rebuild holds a table lock instead, and writes the
    rows in date order: a report reads one period's rows, which then lie together on disk
    rather than spread over the whole table.
    """
    alias = router.db_for_write(EpisodeFacts)
    if not rebuild and connections[alias].vendor == "postgresql":
        list(episodes.order_by("pk").select_for_update().values_list("pk", flat=True))
    names = list(fact_expressions())
    derived = derived_facts(episodes)
    if rebuild:
        derived = derived.order_by("fact_went_missing_on", "fact_episode_id")
    sql, params = derived.query.sql_with_params()
    quote = connections[alias].ops.quote_name
    columns = ", ".join(quote(name) for name in names)
    table = quote(EpisodeFacts._meta.db_table)
    stored = EpisodeFacts.objects.filter(episode__in=episodes.values("pk"))
    months = set() if rebuild else month_counts.facts_months(stored)
    stored._raw_delete(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {sql}", params)
        written = cursor.rowcount
    if not rebuild:  # the month counts of every month the facts were or now are in
        month_counts.month_counts_invalidate(alias, months | month_counts.facts_months(stored))
    return written


def episode_facts_refresh(
    *,
    episode_ids: Iterable[int] | None = None,
    child_ids: Iterable[int] | None = None,
    organisation_ids: Iterable[int] | None = None,
) -> int:
    """Rewrite the facts of every episode of the given children, of the children of the given
    episodes (as they are now, and as their stored facts had them, so a child an episode moved
    away from is rewritten too), and of the children with episodes in the given organisations
    (decision 0024). A child's episodes are always rewritten together: their chains (decision
    0025) read one another. Returns the rows written.

    Call it in the transaction that changed the records: after any write to an episode, its
    return interview, its child, or the child's care periods (or an organisation's name or ONS
    code, which "ours" reads).
    """
    children = set(child_ids or ())
    for field, ids in (("pk", episode_ids), ("organisation_id", organisation_ids)):
        ids = sorted(set(ids or ()))
        for i in range(0, len(ids), _CHUNK):
            chunk = {f"{field}__in": ids[i : i + _CHUNK]}
            for model in (Episode, EpisodeFacts):  # the records, and what the facts last said
                children.update(model.objects.filter(**chunk).values_list("child_id", flat=True))
    children = sorted(children)
    with transaction.atomic():
        if len(children) > _CHUNK:
            # A load of thousands of children: one statement over a table of their ids.
            # (Chunks of IN lists made PostgreSQL read the children, care periods and
            # interviews again for every chunk: 45 s for 20,000 children nationally.)
            return _write(Episode.objects.filter(child_id__in=_id_table(children)))
        if children:
            return _write(Episode.objects.filter(child_id__in=children))
    return 0


_ID_TABLE = "homeward_facts_ids"


def _id_table(ids: list[int]) -> RawSQL:
    """The ids in a temporary table of this connection (emptied first), as a subquery."""
    alias = router.db_for_write(EpisodeFacts)
    with connections[alias].cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {_ID_TABLE} (id bigint PRIMARY KEY)")
        cursor.execute(f"DELETE FROM {_ID_TABLE}")
        for i in range(0, len(ids), 10_000):
            chunk = ids[i : i + 10_000]
            values = ", ".join(["(%s)"] * len(chunk))
            cursor.execute(f"INSERT INTO {_ID_TABLE} (id) VALUES {values}", chunk)
        if connections[alias].vendor == "postgresql":
            cursor.execute(f"ANALYZE {_ID_TABLE}")
    return RawSQL(f"SELECT id FROM {_ID_TABLE}", [])


def episode_facts_rebuild() -> int:
    """Rewrite every episode's facts (``homeward reporting_facts_rebuild``)."""
    alias = router.db_for_write(EpisodeFacts)
    with transaction.atomic(using=alias):
        connection = connections[alias]
        if connection.vendor == "postgresql":
            # Writers wait until the rebuild commits (readers do not): the same turn-taking as
            # the row locks of _write, without locking millions of rows one by one.
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {Episode._meta.db_table} IN EXCLUSIVE MODE")
        EpisodeFacts.objects.all()._raw_delete(alias)
        month_counts.month_counts_clear(alias)
        return _write(Episode.objects.all(), rebuild=True)


def facts_differences(episodes: QuerySet | None = None, *, limit: int = 20) -> list[int]:
    """Episodes whose stored facts differ from the derived ones, or that have none, or facts
    left without their episode: their ids (at most ``limit`` each way), compared in the
    database with EXCEPT. Empty means the facts are true."""
    if episodes is None:
        episodes, stored = Episode.objects.all(), EpisodeFacts.objects.all()
    else:  # every episode of their children: the chains read one another
        episodes = Episode.objects.filter(child_id__in=episodes.values("child_id"))
        stored = EpisodeFacts.objects.filter(episode__in=episodes.values("pk"))
    stored = stored.order_by().values_list(*fact_expressions())
    derived = derived_facts(episodes)
    missing = [row[0] for row in derived.difference(stored)[:limit]]
    extra = [row[0] for row in stored.difference(derived)[:limit]]
    return sorted({*missing, *extra})
