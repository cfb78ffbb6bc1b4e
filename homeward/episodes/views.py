"""The missing-episode journeys: report, update risk, note a sighting, record the return, list.

Thin views (STYLE.md §4): an access rule, a scoped fetch, a form, one service call, a redirect.
Who may do what (SPEC.md §8): co-ordinators, social workers, managers, carers (their own
placement's children, by the selectors) and police may report and record; everyone who reads
children's records may list and read episodes.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from homeward.accounts.access import CASEWORK, CHILD_READERS, allow
from homeward.accounts.audit import audit_record
from homeward.accounts.models import AuditEvent, Organisation, Role
from homeward.children.selectors import child_get_for_user
from homeward.episodes import services
from homeward.episodes.filters import Cursor, EpisodeFilter, keyset_page
from homeward.episodes.forms import (
    EpisodeEditForm,
    NewChildForm,
    NoteForm,
    RecordedInErrorForm,
    ReportMissingForm,
    ReturnForm,
    RiskUpdateForm,
)
from homeward.episodes.models import Episode, Location
from homeward.episodes.selectors import (
    episode_get_for_user,
    episode_notes_for_user,
    episodes_for_user,
    interview_for_user,
    locations_for_child,
)
from homeward.reporting.rhi import rhi_deadline, rhi_status_of, with_rhi_status
from homeward.timeutil import local_date

RECORDERS = (*CASEWORK, Role.CARER, Role.POLICE)
RHI_WRITERS = (*CASEWORK, Role.CARER)


def form_save(form, call: Callable):
    """Run a service; attach its refusal to the form (nothing saved) and return None.

    A stale version (someone saved first) becomes a message at the top of the form, and the
    form then carries the current version, so a deliberate second save goes through.
    """
    try:
        return call()
    except ValidationError as error:
        by_field = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
        for field, field_messages in by_field.items():
            form.add_error(field if field in form.fields else None, field_messages)
    except services.StaleRecord as stale:
        form.add_error(None, str(stale))
        form.data = form.data.copy()
        form.data["version"] = stale.record.version
    return None


def posted(request):
    """The submitted data of a POST, or None so a GET shows an unbound form."""
    return request.POST if request.method == "POST" else None


def _open_episode(child) -> Episode | None:
    return child.episodes.filter(returned_at__isnull=True, recorded_in_error=False).first()


@allow(*RECORDERS)
@require_http_methods(["GET", "POST"])
def report(request, child_pk: int):
    """Report a known child missing: one page, everything the police need at once."""
    now = timezone.now()
    child = child_get_for_user(request.user, child_pk, today=local_date(now))
    form = ReportMissingForm(
        posted(request), places=locations_for_child(child), initial={"reported_at": now}
    )
    if form.is_bound and form.is_valid():
        episode = form_save(
            form,
            lambda: services.episode_report(
                actor=request.user, child=child, now=now, **form.cleaned_data
            ),
        )
        if episode is not None:
            messages.success(request, f"{child.full_name} has been reported missing.")
            return redirect("episodes:detail", episode.pk)
    context = {"form": form, "child": child, "open_episode": _open_episode(child)}
    return render(request, "episodes/report.html", context)


def _new_child_organisations(user):
    """Where a new child's record lives: the user's authority, or (police) a chosen one."""
    if user.organisation.kind == Organisation.Kind.LOCAL_AUTHORITY:
        return None
    return Organisation.objects.filter(
        partnership_id=user.organisation.partnership_id,
        kind=Organisation.Kind.LOCAL_AUTHORITY,
    ).order_by("name")


@allow(*CASEWORK, Role.POLICE)
@require_http_methods(["GET", "POST"])
def report_new_child(request):
    """Report a child Homeward does not know yet: create them in the same journey."""
    now = timezone.now()
    organisations = _new_child_organisations(request.user)
    child_form = NewChildForm(posted(request), prefix="child", organisations=organisations)
    org_ids = (
        [request.user.organisation_id] if organisations is None else organisations.values("pk")
    )
    form = ReportMissingForm(
        posted(request),
        places=Location.objects.filter(organisation_id__in=org_ids),
        initial={"reported_at": now},
    )
    if child_form.is_bound and all([child_form.is_valid(), form.is_valid()]):
        child_data = dict(child_form.cleaned_data)
        organisation = child_data.pop("organisation", None) or request.user.organisation
        episode = form_save(
            form,
            lambda: services.episode_report_new_child(
                actor=request.user,
                organisation=organisation,
                now=now,
                **child_data,
                **form.cleaned_data,
            ),
        )
        if episode is not None:
            messages.success(request, f"{episode.child.full_name} has been reported missing.")
            return redirect("episodes:detail", episode.pk)
    return render(
        request, "episodes/report_new_child.html", {"form": form, "child_form": child_form}
    )


@allow(*CHILD_READERS)
@require_GET
def detail(request, pk: int):
    """One episode: the report, risk history, sightings, the return and the RHI clock."""
    now = timezone.now()
    episode = episode_get_for_user(request.user, pk, today=local_date(now))
    audit_record(
        action=AuditEvent.Action.VIEWED,
        actor=request.user,
        obj=episode,
        child=episode.child,
        at=now,
    )
    interview = interview_for_user(request.user, episode)
    context = {
        "episode": episode,
        "child": episode.child,
        "now": now,
        "risk_changes": episode.risk_changes.select_related("recorded_by"),
        "notes": episode_notes_for_user(request.user, episode),
        "philomena": getattr(episode, "philomena_report", None),
        "interview": interview,
        "rhi_status": rhi_status_of(episode, as_at=now),
        "rhi_deadline": rhi_deadline(episode.returned_at) if episode.returned_at else None,
        "can_record": request.user.role in RECORDERS,
        "can_interview": request.user.role in RHI_WRITERS,
        "can_mark_error": request.user.role in CASEWORK,
    }
    return render(request, "episodes/detail.html", context)


def _versioned_page(
    request, pk: int, *, form_class, template: str, save, initial=None, with_places=False
):
    """The shared shape of the pages that change an open episode: fetch, form, save, back."""
    now = timezone.now()
    episode = episode_get_for_user(request.user, pk, today=local_date(now))
    form_kwargs = {"initial": {"version": episode.version, **(initial or {})}}
    if with_places:
        form_kwargs["places"] = locations_for_child(episode.child)
    form = form_class(posted(request), **form_kwargs)
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        done = form_save(form, lambda: save(episode, data, version, now))
        if done is not None:
            return redirect("episodes:detail", episode.pk)
    context = {"form": form, "episode": episode, "child": episode.child, "now": now}
    return render(request, template, context)


@allow(*RECORDERS)
@require_http_methods(["GET", "POST"])
def risk_update(request, pk: int):
    def save(episode, data, version, now):
        change = services.episode_risk_update(
            actor=request.user, episode=episode, expected_version=version, now=now, **data
        )
        messages.success(request, f"Risk level {change.get_level_display().lower()} recorded.")
        return change

    return _versioned_page(
        request,
        pk,
        form_class=RiskUpdateForm,
        template="episodes/risk_update.html",
        save=save,
        initial={"at": timezone.now()},
    )


@allow(*RECORDERS)
@require_http_methods(["GET", "POST"])
def return_record(request, pk: int):
    def save(episode, data, version, now):
        closed = services.episode_return_record(
            actor=request.user, episode=episode, expected_version=version, now=now, **data
        )
        messages.success(request, "The return has been recorded. The 72-hour clock has started.")
        return closed

    return _versioned_page(
        request,
        pk,
        form_class=ReturnForm,
        template="episodes/return.html",
        save=save,
        with_places=True,
    )


@allow(*RECORDERS)
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    """Correct the report; a changed date moves the care-period link with it (SPEC.md §3)."""

    def save(episode, data, version, now):
        changed = services.episode_update(
            actor=request.user, episode=episode, expected_version=version, now=now, **data
        )
        messages.success(request, "The report has been corrected.")
        return changed

    episode = episode_get_for_user(request.user, pk, today=local_date(timezone.now()))
    names = ["last_seen_place", *services.EPISODE_DETAIL_FIELDS]
    return _versioned_page(
        request,
        pk,
        form_class=EpisodeEditForm,
        template="episodes/edit.html",
        save=save,
        initial={name: getattr(episode, name) for name in names},
        with_places=True,
    )


@allow(*CASEWORK)
@require_http_methods(["GET", "POST"])
def recorded_in_error(request, pk: int):
    """Mark an episode recorded in error (kept, never counted) or restore it."""

    def save(episode, data, version, now):
        marked = services.episode_mark_recorded_in_error(
            actor=request.user,
            episode=episode,
            recorded_in_error=not episode.recorded_in_error,
            expected_version=version,
            now=now,
        )
        done = "marked as recorded in error" if marked.recorded_in_error else "restored"
        messages.success(request, f"The episode has been {done}.")
        return marked

    return _versioned_page(
        request,
        pk,
        form_class=RecordedInErrorForm,
        template="episodes/recorded_in_error.html",
        save=save,
    )


@allow(*RECORDERS)
@require_http_methods(["GET", "POST"])
def note_add(request, pk: int):
    now = timezone.now()
    episode = episode_get_for_user(request.user, pk, today=local_date(now))
    form = NoteForm(posted(request), initial={"at": now})
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        if request.user.role == Role.POLICE:
            data["shared_with_police"] = True  # police wrote it: police may read it
        note = form_save(
            form,
            lambda: services.episode_note_add(actor=request.user, episode=episode, now=now, **data),
        )
        if note is not None:
            messages.success(request, f"{note.get_kind_display()} added.")
            return redirect("episodes:detail", episode.pk)
    context = {"form": form, "episode": episode, "child": episode.child}
    return render(request, "episodes/note.html", context)


@allow(*CHILD_READERS)
@require_GET
def episode_list(request):
    """Episodes in the user's reach, newest first, filtered, paged by keyset (decision 0007)."""
    now = timezone.now()
    episodes = with_rhi_status(episodes_for_user(request.user, today=local_date(now)), as_at=now)
    filterset = EpisodeFilter(request.GET or None, queryset=episodes)
    keys = filterset.qs if filterset.is_bound and filterset.is_valid() else episodes
    page = keyset_page(
        keys,
        after=Cursor.decode(request.GET.get("after")),
        before=Cursor.decode(request.GET.get("before")),
        rows=lambda ids: with_rhi_status(
            Episode.objects.filter(pk__in=ids).select_related("child"), as_at=now
        ),
    )
    query = request.GET.copy()
    for key in ("after", "before"):
        query.pop(key, None)
    context = {"filter": filterset, "page": page, "query": query.urlencode(), "now": now}
    return render(request, "episodes/list.html", context)
