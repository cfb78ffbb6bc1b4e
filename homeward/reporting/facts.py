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
"""

from collections.abc import Iterable

from django.db import connections, router, transaction
from django.db.models import BooleanField, Case, CharField, F, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from homeward.episodes.models import Episode
from homeward.reporting import cohorts, rhi
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
    }


def derived_facts(episodes: QuerySet) -> QuerySet:
    """The facts of ``episodes`` as the records say they are now: one row (a tuple in the
    order of :func:`fact_expressions`) per episode."""
    expressions = fact_expressions()
    aliases = {f"fact_{name}": expression for name, expression in expressions.items()}
    return episodes.order_by().annotate(**aliases).values_list(*aliases)


def _write(episodes: QuerySet, *, lock: bool = True) -> int:
    """Replace the stored facts of ``episodes`` with derived ones, in two statements.

    On PostgreSQL the episodes are locked first (in id order): two transactions rewriting the
    same episode's facts then take turns, and the second reads the records only after the
    first has committed — so it can neither read records older than the first one's facts nor
    insert a row the first has already inserted. (SQLite runs one writing transaction at a
    time: ``transaction_mode`` IMMEDIATE.)
    """
    alias = router.db_for_write(EpisodeFacts)
    if lock and connections[alias].vendor == "postgresql":
        list(episodes.order_by("pk").select_for_update().values_list("pk", flat=True))
    names = list(fact_expressions())
    sql, params = derived_facts(episodes).query.sql_with_params()
    quote = connections[alias].ops.quote_name
    columns = ", ".join(quote(name) for name in names)
    table = quote(EpisodeFacts._meta.db_table)
    EpisodeFacts.objects.filter(episode__in=episodes.values("pk"))._raw_delete(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {sql}", params)
        return cursor.rowcount


def episode_facts_refresh(
    *,
    episode_ids: Iterable[int] | None = None,
    child_ids: Iterable[int] | None = None,
    organisation_ids: Iterable[int] | None = None,
) -> int:
    """Rewrite the facts of the given episodes, of every episode of the given children, and of
    every episode of the given organisations (decision 0024). Returns the rows written.

    Call it in the transaction that changed the records: after any write to an episode, its
    return interview, its child, or the child's care periods (or an organisation's name or ONS
    code, which "ours" reads).
    """
    written = 0
    with transaction.atomic():
        for field, ids in (
            ("pk", episode_ids),
            ("child_id", child_ids),
            ("organisation_id", organisation_ids),
        ):
            ids = sorted(set(ids or ()))
            if len(ids) > _CHUNK:
                # A load of thousands of children: one statement over a table of their ids.
                # (Chunks of IN lists made PostgreSQL read the children, care periods and
                # interviews again for every chunk: 45 s for 20,000 children nationally.)
                written += _write(Episode.objects.filter(**{f"{field}__in": _id_table(ids)}))
            elif ids:
                written += _write(Episode.objects.filter(**{f"{field}__in": ids}))
    return written


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
        return _write(Episode.objects.all(), lock=False)


def facts_differences(episodes: QuerySet | None = None, *, limit: int = 20) -> list[int]:
    """Episodes whose stored facts differ from the derived ones, or that have none, or facts
    left without their episode: their ids (at most ``limit`` each way), compared in the
    database with EXCEPT. Empty means the facts are true."""
    if episodes is None:
        episodes, stored = Episode.objects.all(), EpisodeFacts.objects.all()
    else:
        stored = EpisodeFacts.objects.filter(episode__in=episodes.values("pk"))
    stored = stored.order_by().values_list(*fact_expressions())
    derived = derived_facts(episodes)
    missing = [row[0] for row in derived.difference(stored)[:limit]]
    extra = [row[0] for row in stored.difference(derived)[:limit]]
    return sorted({*missing, *extra})
