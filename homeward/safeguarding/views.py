"""Philomena profiles, safety and disruption plans, meetings (SPEC.md §2, §8).

Everyone who reads a child's record reads the Philomena profile (police included: it is made for
them); carers and case workers keep it up to date; case workers record plans and meetings.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from homeward.accounts.access import CASEWORK, CHILD_READERS, allow
from homeward.accounts.audit import audit_record
from homeward.accounts.models import AuditEvent, Role
from homeward.children.selectors import child_episodes, child_get_for_user
from homeward.episodes.views import form_save, posted
from homeward.safeguarding import services
from homeward.safeguarding.forms import MeetingForm, PhilomenaProfileForm, PlanEndForm, PlanForm
from homeward.safeguarding.models import PhilomenaProfile, Plan
from homeward.timeutil import local_date


def _child(request, pk):
    return child_get_for_user(request.user, pk, today=local_date(timezone.now()))


@allow(*CHILD_READERS)
@require_GET
def philomena(request, child_pk: int):
    now = timezone.now()
    child = _child(request, child_pk)
    audit_record(
        action=AuditEvent.Action.VIEWED,
        actor=request.user,
        obj=child,
        detail={"page": "Philomena profile"},
        at=now,
    )
    episodes = child_episodes(child).filter(recorded_in_error=False)
    context = {
        "child": child,
        "profile": PhilomenaProfile.objects.filter(child=child).first(),
        "episode_count": episodes.count(),
        "recent_episodes": episodes.select_related("last_seen_place", "found_place")[:5],
        "can_edit": request.user.role in (*CASEWORK, Role.CARER),
    }
    return render(request, "safeguarding/philomena.html", context)


@allow(*CASEWORK, Role.CARER)
@require_http_methods(["GET", "POST"])
def philomena_edit(request, child_pk: int):
    now = timezone.now()
    child = _child(request, child_pk)
    profile = PhilomenaProfile.objects.filter(child=child).first()
    initial = {"version": profile.version if profile else 1}
    if profile is not None:
        initial.update({name: getattr(profile, name) for name in services.PROFILE_FIELDS})
    form = PhilomenaProfileForm(posted(request), initial=initial)
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        saved = form_save(
            form,
            lambda: services.philomena_profile_update(
                actor=request.user, child=child, expected_version=version, now=now, **data
            ),
        )
        if saved is not None:
            messages.success(request, "The Philomena profile has been saved.")
            return redirect("safeguarding:philomena", child.pk)
    context = {"form": form, "child": child, "heading": "Philomena profile (part 1)"}
    return render(request, "safeguarding/form.html", context)


@allow(*CASEWORK)
@require_http_methods(["GET", "POST"])
def plan_add(request, child_pk: int):
    now = timezone.now()
    child = _child(request, child_pk)
    form = PlanForm(posted(request), initial={"started_on": local_date(now)})
    if form.is_bound and form.is_valid():
        plan = form_save(
            form,
            lambda: services.plan_create(
                actor=request.user, child=child, now=now, **form.cleaned_data
            ),
        )
        if plan is not None:
            messages.success(request, f"{plan.get_kind_display()} added.")
            return redirect("children:detail", child.pk)
    context = {"form": form, "child": child, "heading": "Add a safety or disruption plan"}
    return render(request, "safeguarding/form.html", context)


@allow(*CASEWORK)
@require_http_methods(["GET", "POST"])
def plan_end(request, pk: int):
    now = timezone.now()
    plan = get_object_or_404(Plan, pk=pk, ended_on__isnull=True)
    child = _child(request, plan.child_id)
    form = PlanEndForm(posted(request), initial={"ended_on": local_date(now)})
    if form.is_bound and form.is_valid():
        ended = form_save(
            form,
            lambda: services.plan_end(actor=request.user, plan=plan, now=now, **form.cleaned_data),
        )
        if ended is not None:
            messages.success(request, f"{plan.get_kind_display()} ended.")
            return redirect("children:detail", child.pk)
    heading = f"End the {plan.get_kind_display().lower()}"
    return render(
        request, "safeguarding/form.html", {"form": form, "child": child, "heading": heading}
    )


@allow(*CASEWORK)
@require_http_methods(["GET", "POST"])
def meeting_add(request, child_pk: int):
    now = timezone.now()
    child = _child(request, child_pk)
    form = MeetingForm(posted(request), initial={"held_on": local_date(now)})
    if form.is_bound and form.is_valid():
        meeting = form_save(
            form,
            lambda: services.meeting_record(
                actor=request.user,
                organisation=request.user.organisation,
                children=[child],
                now=now,
                **form.cleaned_data,
            ),
        )
        if meeting is not None:
            messages.success(request, f"{meeting.get_kind_display()} recorded.")
            return redirect("children:detail", child.pk)
    context = {"form": form, "child": child, "heading": "Record a meeting"}
    return render(request, "safeguarding/form.html", context)
