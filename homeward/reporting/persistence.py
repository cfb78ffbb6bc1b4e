"""Persistently missing: the threshold rules of SPEC.md §5, derived from episodes.

A rule is *N episodes within D days* (``safeguarding.ThresholdRule``; defaults 3 in 30 days and
3 in 90 days). A child meets it at the instant of the episode whose went-missing-at is within
D × 24 elapsed hours of the went-missing-at of the episode N − 1 before it — exactly D × 24 h
still meets it, one second more does not. Episodes recorded in error never count.

In SQL: a window function ``Lag(went_missing_at, N − 1)`` partitioned by child, ordered by
went-missing-at, gives each episode the start of its run of N; the episode meets the rule when
that start is no earlier than its own went-missing-at less D days.

"Meets a rule now" (the child page, lists): an episode that met the rule went missing within the
last D × 24 h (docs/decisions, persistent missing). A rule met in March is still shown in April
while the triggering episode is inside the rule's own window, so a meeting is not missed because
the child has since stopped going missing for a week.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import Lag

from homeward.episodes.models import Episode
from homeward.safeguarding.models import ThresholdRule
from homeward.timeutil import UTC

RECENT_DAYS = (30, 90, 365)


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return now.astimezone(UTC)


def rule_met_episodes(episodes: QuerySet, rule: ThresholdRule) -> QuerySet:
    """The episodes (of ``episodes``) at which ``rule`` was met, annotated ``run_started_at``.

    The window runs over the given queryset after recorded-in-error episodes are removed: pass
    a child's whole history (or everything up to an instant) — narrowing to a date range
    first would lose the earlier episodes of a run.
    """
    run_start = Window(
        Lag("went_missing_at", offset=rule.episodes - 1),
        partition_by=[F("child_id")],
        order_by=[F("went_missing_at").asc(), F("pk").asc()],
    )
    return (
        episodes.filter(recorded_in_error=False)
        .order_by()
        .annotate(run_started_at=run_start)
        .filter(
            run_started_at__isnull=False,
            run_started_at__gte=F("went_missing_at") - timedelta(days=rule.days),
        )
    )


def rule_met_instants(child, rule: ThresholdRule, *, now: datetime) -> list[datetime]:
    """Every instant (went-missing-at, UTC) at which the child met the rule, up to ``now``."""
    episodes = Episode.objects.filter(child=child, went_missing_at__lte=_utc(now))
    met = rule_met_episodes(episodes, rule).order_by("went_missing_at")
    return list(met.values_list("went_missing_at", flat=True))


def met_now_episodes(episodes: QuerySet, rule: ThresholdRule, *, now: datetime) -> QuerySet:
    """Episodes that met the rule and went missing within the last D × 24 h before ``now``."""
    now = _utc(now)
    known = episodes.filter(went_missing_at__lte=now)
    met = rule_met_episodes(known, rule).values("pk")
    return Episode.objects.filter(pk__in=met, went_missing_at__gte=now - timedelta(days=rule.days))


def children_meeting_rule(episodes: QuerySet, rule: ThresholdRule, *, now: datetime) -> QuerySet:
    """Ids of the children who meet the rule now (for list filters): ``.values('child')``."""
    return met_now_episodes(episodes, rule, now=now).values("child").distinct()


@dataclass(frozen=True)
class RuleStatus:
    rule: ThresholdRule
    met_now: bool
    last_met_at: datetime | None  # the latest instant the rule was met, up to now
    episodes_in_window: int  # episodes in the last D × 24 h


def child_rule_statuses(
    child, *, now: datetime, rules: list[ThresholdRule] | None = None
) -> list[RuleStatus]:
    """Each active rule (or ``rules``) for the child page: met now, last met, recent count."""
    now = _utc(now)
    if rules is None:
        rules = list(ThresholdRule.objects.filter(active=True))
    history = Episode.objects.filter(child=child, recorded_in_error=False, went_missing_at__lte=now)
    statuses = []
    for rule in rules:
        window_start = now - timedelta(days=rule.days)
        met = rule_met_episodes(history, rule).order_by("-went_missing_at")
        last_met_at = met.values_list("went_missing_at", flat=True).first()
        statuses.append(
            RuleStatus(
                rule=rule,
                met_now=last_met_at is not None and last_met_at >= window_start,
                last_met_at=last_met_at,
                episodes_in_window=history.filter(went_missing_at__gte=window_start).count(),
            )
        )
    return statuses


def recent_episode_counts(child, *, now: datetime) -> dict[int, int]:
    """Episodes in the last 30, 90 and 365 days (× 24 h, up to now), recorded in error excluded."""
    now = _utc(now)
    counts = Episode.objects.filter(
        child=child, recorded_in_error=False, went_missing_at__lte=now
    ).aggregate(
        **{
            f"d{days}": Count("pk", filter=Q(went_missing_at__gte=now - timedelta(days=days)))
            for days in RECENT_DAYS
        }
    )
    return {days: counts[f"d{days}"] for days in RECENT_DAYS}
