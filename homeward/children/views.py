"""The child record page (issue 2 item 6): details, care periods and missing episodes."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from homeward.accounts.access import CHILD_READERS, allow
from homeward.accounts.audit import audit_record
from homeward.accounts.models import AuditEvent
from homeward.children.selectors import child_care_periods, child_episodes, child_get_for_user
from homeward.timeutil import age_on, local_date


@allow(*CHILD_READERS)
@require_GET
def child_detail(request, pk: int):
    """Every read of a child's record is logged (SPEC.md §8), before anything is shown."""
    now = timezone.now()
    today = local_date(now)
    child = child_get_for_user(request.user, pk, today=today)
    audit_record(action=AuditEvent.Action.VIEWED, actor=request.user, obj=child, at=now)
    context = {
        "child": child,
        "age": age_on(child.date_of_birth, today),
        "today": today,
        "care_periods": child_care_periods(child),
        "episodes": child_episodes(child),
    }
    return render(request, "children/detail.html", context)
