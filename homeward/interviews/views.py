"""The return home interview journey: offer, answer, complete, share, authorise, void.

SPEC.md §2, §4 and §8: co-ordinators, social workers, managers and carers (their own
placement's children) record interviews; only managers authorise; police read an interview once
it is shared with them and change nothing. Status and deadline come from ``reporting.rhi``.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from homeward.accounts.access import CHILD_READERS, allow
from homeward.accounts.audit import audit_record
from homeward.accounts.models import AuditEvent, Role
from homeward.episodes.selectors import episode_get_for_user, interview_get_for_user
from homeward.episodes.views import RHI_WRITERS, form_save, posted
from homeward.interviews import services
from homeward.interviews.forms import AnswerForm, CompleteForm, ConfirmForm, OfferForm, VoidForm
from homeward.interviews.models import ReturnInterview
from homeward.reporting.rhi import rhi_deadline, rhi_status_of
from homeward.timeutil import local_date


def _history(interview: ReturnInterview | None) -> list[AuditEvent]:
    """Who changed what on the interview (SPEC.md §2: written by one, read by many)."""
    if interview is None:
        return []
    events = list(
        AuditEvent.objects.filter(
            object_type=interview._meta.label_lower, object_id=str(interview.pk)
        )
        .exclude(action=AuditEvent.Action.VIEWED)
        .select_related("actor")
        .order_by("-at", "-pk")
    )
    labels = {f.attname: str(f.verbose_name) for f in ReturnInterview._meta.concrete_fields}
    for event in events:
        changed = (event.detail or {}).get("changes", {})
        event.changed_labels = [labels.get(name, name) for name in changed]
    return events


@allow(*CHILD_READERS)
@require_GET
def detail(request, episode_pk: int):
    now = timezone.now()
    episode = episode_get_for_user(request.user, episode_pk, today=local_date(now))
    interview = interview_get_for_user(request.user, episode)
    if interview is not None:
        audit_record(
            action=AuditEvent.Action.VIEWED,
            actor=request.user,
            obj=interview,
            child=episode.child,
            at=now,
        )
    context = {
        "episode": episode,
        "child": episode.child,
        "interview": interview,
        "now": now,
        "rhi_status": rhi_status_of(episode, as_at=now),
        "rhi_deadline": rhi_deadline(episode.returned_at) if episode.returned_at else None,
        "can_interview": request.user.role in RHI_WRITERS,
        "can_authorise": request.user.role == Role.MANAGER,
        "history": _history(interview) if request.user.role != Role.POLICE else [],
    }
    return render(request, "interviews/detail.html", context)


def _interview_page(request, episode_pk, *, form_class, template, save, initial=None):
    """Fetch in scope, show the form with the interview's version, run one service, go back."""
    now = timezone.now()
    episode = episode_get_for_user(request.user, episode_pk, today=local_date(now))
    interview = ReturnInterview.objects.filter(episode=episode).first()
    start = {"version": interview.version if interview else 1, **(initial or {})}
    if interview is not None and form_class is CompleteForm and interview.completed_at:
        start.update({name: getattr(interview, name) for name in CompleteForm.base_fields})
        start["version"] = interview.version
    form = form_class(posted(request), initial=start)
    if form.is_bound and form.is_valid():
        version = form.cleaned_data["version"]
        if form_save(form, lambda: save(form, episode, version, now)) is not None:
            return redirect("interviews:detail", episode.pk)
    context = {
        "form": form,
        "episode": episode,
        "child": episode.child,
        "interview": interview,
        "now": now,
        "rhi_status": rhi_status_of(episode, as_at=now),
        "rhi_deadline": rhi_deadline(episode.returned_at) if episode.returned_at else None,
    }
    return render(request, template, context)


def _fields(form, *names):
    return {name: form.cleaned_data[name] for name in names}


@allow(*RHI_WRITERS)
@require_http_methods(["GET", "POST"])
def offer(request, episode_pk: int):
    def save(form, episode, version, now):
        done = services.return_interview_offer(
            actor=request.user,
            episode=episode,
            expected_version=version,
            now=now,
            **_fields(form, "offered_at", "offered_by"),
        )
        messages.success(request, "The offer has been recorded.")
        return done

    name = request.user.get_full_name() or request.user.username
    return _interview_page(
        request,
        episode_pk,
        form_class=OfferForm,
        template="interviews/offer.html",
        save=save,
        initial={"offered_at": timezone.now(), "offered_by": name},
    )


@allow(*RHI_WRITERS)
@require_http_methods(["GET", "POST"])
def answer(request, episode_pk: int):
    def save(form, episode, version, now):
        done = services.return_interview_record_answer(
            actor=request.user,
            episode=episode,
            expected_version=version,
            now=now,
            **_fields(form, "accepted", "declined_reason"),
        )
        messages.success(request, "The child's answer has been recorded.")
        return done

    return _interview_page(
        request, episode_pk, form_class=AnswerForm, template="interviews/answer.html", save=save
    )


@allow(*RHI_WRITERS)
@require_http_methods(["GET", "POST"])
def complete(request, episode_pk: int):
    def save(form, episode, version, now):
        content = dict(form.cleaned_data)
        content.pop("version")
        done = services.return_interview_complete(
            actor=request.user, episode=episode, expected_version=version, now=now, **content
        )
        messages.success(request, "The return home interview has been saved.")
        return done

    return _interview_page(
        request,
        episode_pk,
        form_class=CompleteForm,
        template="interviews/complete.html",
        save=save,
        initial={"completed_at": timezone.now()},
    )


@allow(*RHI_WRITERS)
@require_http_methods(["GET", "POST"])
def share(request, episode_pk: int):
    def save(form, episode, version, now):
        done = services.return_interview_share_with_police(
            actor=request.user, episode=episode, expected_version=version, now=now
        )
        messages.success(request, "The interview is now shared with the police.")
        return done

    return _interview_page(
        request, episode_pk, form_class=ConfirmForm, template="interviews/share.html", save=save
    )


@allow(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def authorise(request, episode_pk: int):
    def save(form, episode, version, now):
        done = services.return_interview_authorise(
            actor=request.user, episode=episode, expected_version=version, now=now
        )
        messages.success(request, "The interview has been authorised.")
        return done

    return _interview_page(
        request,
        episode_pk,
        form_class=ConfirmForm,
        template="interviews/authorise.html",
        save=save,
    )


@allow(*RHI_WRITERS)
@require_http_methods(["GET", "POST"])
def void(request, episode_pk: int):
    def save(form, episode, version, now):
        done = services.return_interview_void(
            actor=request.user,
            episode=episode,
            reason=form.reason,
            expected_version=version,
            now=now,
        )
        messages.success(request, "The interview has been voided.")
        return done

    return _interview_page(
        request, episode_pk, form_class=VoidForm, template="interviews/void.html", save=save
    )
