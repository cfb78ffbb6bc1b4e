"""The return home interview status of an episode, as at an instant (SPEC.md §4).

The status is derived, never stored (STYLE.md §6). :func:`rhi_status_expression` is the one
definition: pages annotate querysets with it (lists, filters) and the scorecard counts with it,
so a page and a report can never disagree. The Q objects below are the facts the §6 measures
count (offered, accepted, completed, in time), written once for both uses.

The expressions work on an ``Episode`` queryset, reaching the interview through the reverse
one-to-one ``return_interview`` (a LEFT JOIN: an episode without an interview row has every
interview fact NULL, so it is simply not offered, not completed, not voided), or, with
``on=FACTS``, on the episode facts counting reads (:mod:`homeward.reporting.models`), whose
``rhi_*`` columns are copies of the same interview fields: the same rules over either.

Deadlines are 72 *elapsed* hours after the return (SPEC.md §3): the database adds the interval
to the stored UTC instant (Django keeps the PostgreSQL session in UTC and SQLite stores naive UTC
text), and the ``T ≤ deadline`` test is turned into ``returned_at ≥ T − 72 h`` computed here in
UTC, so no wall-clock arithmetic on London times happens anywhere.
"""

from datetime import datetime

from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    Func,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Combinable

from homeward.timeutil import RHI_TIMESCALE, UTC
from homeward.timeutil import rhi_deadline as rhi_deadline  # re-exported for pages

NOT_DUE = "not_due"
VOIDED = "voided"
COMPLETED_IN_TIME = "completed_in_time"
COMPLETED_LATE = "completed_late"
DECLINED = "declined"
PENDING = "pending"
OVERDUE = "overdue"

# SPEC.md §4, in the order the rules apply.
STATUSES: tuple[str, ...] = (
    NOT_DUE,
    VOIDED,
    COMPLETED_IN_TIME,
    COMPLETED_LATE,
    DECLINED,
    PENDING,
    OVERDUE,
)

# Derby's compliance table names (SPEC.md §6 "RHI status table").
STATUS_LABELS: dict[str, str] = {
    NOT_DUE: "Not due (child not returned)",
    VOIDED: "Voided",
    COMPLETED_IN_TIME: "Completed in timescales",
    COMPLETED_LATE: "Completed out of timescales",
    DECLINED: "Declined",
    PENDING: "Pending (within 72 hours)",
    OVERDUE: "Incomplete (overdue)",
}

# Where an expression finds the interview's fields: through the episode, or in its facts row.
EPISODE = "return_interview__"
FACTS = "rhi_"


def interview_fields_of(queryset: QuerySet) -> str:
    """:data:`FACTS` for a queryset of episode facts, else :data:`EPISODE`."""
    from homeward.reporting.models import EpisodeFacts

    return FACTS if queryset.model is EpisodeFacts else EPISODE


def _utc(as_at: datetime) -> datetime:
    if as_at.tzinfo is None:
        raise ValueError("as_at must be an aware datetime")
    return as_at.astimezone(UTC)


class PlusHours(Func):
    """An instant plus a whole number of elapsed hours, in the database's own arithmetic.

    PostgreSQL: ``timestamptz + interval 'N hours'`` (hours are elapsed time whatever the
    session time zone). SQLite stores naive UTC text ``YYYY-MM-DD HH:MM:SS[.ffffff]``:
    ``datetime(x, '+N hours')`` keeps the same text form, and the fraction is put back, so the
    result compares exactly with stored instants — without a per-row Python function.
    """

    output_field = DateTimeField()

    def __init__(self, expression, hours: int):
        super().__init__(expression)
        self.hours = int(hours)

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(datetime({sql}, '+{self.hours} hours') || substr({sql}, 20))",
            (*params, *params),
        )

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} + interval '{self.hours} hours')", params


RHI_HOURS = int(RHI_TIMESCALE.total_seconds() // 3600)


def deadline_expression() -> Combinable:
    """The RHI deadline of each episode: returned at + 72 elapsed hours (NULL while missing)."""
    return PlusHours("returned_at", RHI_HOURS)


def returned_q(as_at: datetime) -> Q:
    """The child had returned by T."""
    return Q(returned_at__isnull=False, returned_at__lte=_utc(as_at))


def completed_q(as_at: datetime, on: str = EPISODE) -> Q:
    """The interview was completed at or before T."""
    return Q(**{f"{on}completed_at__lte": _utc(as_at)})


def offered_q(as_at: datetime, on: str = EPISODE) -> Q:
    """Offered by T: offered at is set and not after T, or completed (SPEC.md §4)."""
    return Q(**{f"{on}offered_at__lte": _utc(as_at)}) | completed_q(as_at, on)


def accepted_q(as_at: datetime, on: str = EPISODE) -> Q:
    """Accepted by T: "accepted when accepted, or completed" (SPEC.md §4).

    An acceptance has no date of its own: where the offer date is recorded, the answer is known
    from the offer (so not before it); with no offer date it counts as soon as it is recorded
    (docs/decisions/0021).
    """
    answered_by_t = Q(**{f"{on}offered_at__isnull": True}) | Q(
        **{f"{on}offered_at__lte": _utc(as_at)}
    )
    return completed_q(as_at, on) | (Q(**{f"{on}accepted": True}) & answered_by_t)


def declined_q(as_at: datetime, on: str = EPISODE) -> Q:
    """Offered by T and declined (not completed: completion wins in the status order)."""
    return Q(**{f"{on}accepted": False, f"{on}offered_at__lte": _utc(as_at)})


def voided_q(as_at: datetime, on: str = EPISODE) -> Q:
    """Voided by T. A voided reason without a voided-at date (loaded data) is voided whenever."""
    return Q(**{f"{on}voided_at__lte": _utc(as_at)}) | Q(
        **{f"{on}voided_at__isnull": True, f"{on}voided_reason__gt": ""}
    )


def completed_in_time_q(as_at: datetime, on: str = EPISODE) -> Q:
    """Completed by T, at or before returned at + 72 elapsed hours."""
    return completed_q(as_at, on) & Q(**{f"{on}completed_at__lte": deadline_expression()})


def pending_q(as_at: datetime) -> Q:
    """Returned by T and T ≤ deadline, i.e. returned at ≥ T − 72 h (UTC arithmetic)."""
    return returned_q(as_at) & Q(returned_at__gte=_utc(as_at) - RHI_TIMESCALE)


def rhi_status_expression(as_at: datetime, on: str = EPISODE) -> Case:
    """The SPEC.md §4 status of each episode as at T: exactly one of :data:`STATUSES`."""
    return Case(
        When(~returned_q(as_at), then=Value(NOT_DUE)),
        When(voided_q(as_at, on), then=Value(VOIDED)),
        When(completed_in_time_q(as_at, on), then=Value(COMPLETED_IN_TIME)),
        When(completed_q(as_at, on), then=Value(COMPLETED_LATE)),
        When(declined_q(as_at, on), then=Value(DECLINED)),
        When(pending_q(as_at), then=Value(PENDING)),
        default=Value(OVERDUE),
        output_field=CharField(),
    )


def with_rhi_status(episodes: QuerySet, *, as_at: datetime) -> QuerySet:
    """Annotate ``rhi_status`` and ``rhi_deadline`` (for lists, filters and pages)."""
    return episodes.annotate(
        rhi_status=rhi_status_expression(as_at), rhi_deadline=deadline_expression()
    )


def rhi_status_counts(episodes: QuerySet, *, as_at: datetime) -> dict[str, int]:
    """How many of the episodes are in each status as at T, zeros included (one GROUP BY)."""
    counts = dict.fromkeys(STATUSES, 0)
    rows = (
        episodes.order_by()
        .annotate(rhi_status=rhi_status_expression(as_at, interview_fields_of(episodes)))
        .values_list("rhi_status")
        .annotate(n=Count("pk"))
    )
    for status, n in rows:
        counts[status] = n
    return counts


def rhi_status_of(episode, *, as_at: datetime) -> str:
    """The status of one episode (for a page showing a single episode), from the same SQL."""
    from homeward.episodes.models import Episode

    return (
        Episode.objects.filter(pk=episode.pk)
        .annotate(rhi_status=rhi_status_expression(as_at))
        .values_list("rhi_status", flat=True)
        .get()
    )
