"""The child record page: the open episode first, then counts, rules, placement and timeline."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from homeward.accounts.access import CASEWORK, CHILD_READERS, allow
from homeward.accounts.audit import audit_record
from homeward.accounts.models import AuditEvent
from homeward.children.selectors import child_care_periods, child_episodes, child_get_for_user
from homeward.children.timeline import child_timeline
from homeward.episodes.views import RECORDERS
from homeward.reporting.persistence import child_rule_statuses, recent_episode_counts
from homeward.timeutil import age_on, local_date

TIMELINE_SHOWN = 30  # the latest entries; the rest on request (?timeline=all)


def _covering(care_periods, today):
    """Today's care period (the latest start wins on a changeover day, SPEC.md §9)."""
    for period in care_periods:  # newest first
        if period.start_date <= today and (period.end_date is None or period.end_date >= today):
            return period
    return None


@allow(*CHILD_READERS)
@require_GET
def child_detail(request, pk: int):
    """Every read of a child's record is logged (SPEC.md §8), before anything is shown."""
    now = timezone.now()
    today = local_date(now)
    child = child_get_for_user(request.user, pk, today=today)
    audit_record(action=AuditEvent.Action.VIEWED, actor=request.user, obj=child, at=now)
    care_periods = child_care_periods(child)
    timeline = child_timeline(child, user=request.user)
    show_all = request.GET.get("timeline") == "all"
    episodes = child_episodes(child)
    context = {
        "child": child,
        "age": age_on(child.date_of_birth, today),
        "today": today,
        "now": now,
        "care_periods": care_periods,
        "current_period": _covering(care_periods, today),
        "episodes": episodes,
        "open_episode": episodes.filter(returned_at__isnull=True, recorded_in_error=False).first(),
        "recent_counts": recent_episode_counts(child, now=now),
        "rule_statuses": child_rule_statuses(child, now=now),
        "timeline": timeline if show_all else timeline[:TIMELINE_SHOWN],
        "timeline_total": len(timeline),
        "can_report": request.user.role in RECORDERS,
        "can_plan": request.user.role in CASEWORK,
        "plans": child.plans.filter(ended_on__isnull=True),
    }
    return render(request, "children/detail.html", context)
