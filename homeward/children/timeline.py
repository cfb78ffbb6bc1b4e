"""A child's history on one line, newest first (issue 4 item 1; SPEC.md §2).

Episodes (went missing, returned), care periods (started, ended), return home interviews
(offered, completed, authorised, voided), meetings and safety/disruption plans. Dates without a
time (care periods, meetings, plans) sort at the start of their London day. Police see
interviews only once shared with them (SPEC.md §8), like everywhere else.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.urls import reverse

from homeward.accounts.models import Role
from homeward.children.models import Child
from homeward.interviews.models import ReturnInterview
from homeward.safeguarding.models import Meeting, Plan
from homeward.timeutil import LONDON


@dataclass(frozen=True)
class Entry:
    at: datetime  # for ordering; ``day_only`` entries show the date alone
    kind: str  # episode, return, care, interview, meeting, plan
    title: str
    detail: str = ""
    url: str = ""
    day_only: bool = False
    order: int = 0  # breaks ties between entries at the same instant (offered before completed)


def _day(value: date) -> datetime:
    return datetime.combine(value, time.min, tzinfo=LONDON)


def _episode_entries(child: Child) -> list[Entry]:
    entries = []
    for episode in child.episodes.select_related("last_seen_place", "found_place"):
        url = reverse("episodes:detail", args=[episode.pk])
        error = " (recorded in error)" if episode.recorded_in_error else ""
        place = f", last seen at {episode.last_seen_place.name}" if episode.last_seen_place else ""
        risk = f"{episode.get_risk_level_display()} risk" if episode.risk_level else "Not graded"
        entries.append(
            Entry(
                episode.went_missing_at,
                "episode",
                f"{episode.get_category_display()}{error}",
                f"{risk}{place}",
                url,
            )
        )
        if episode.returned_at:
            found = f", found at {episode.found_place.name}" if episode.found_place else ""
            entries.append(
                Entry(
                    episode.returned_at,
                    "return",
                    "Returned",
                    f"{episode.get_how_ended_display() or 'How it ended not recorded'}{found}",
                    url,
                    order=1,
                )
            )
    return entries


def _care_entries(child: Child) -> list[Entry]:
    entries = []
    for period in child.care_periods.select_related("placement"):
        name = period.placement_name or (period.placement.name if period.placement else "")
        where = {True: "in area", False: "out of area"}.get(period.in_area, "area not known")
        what = f"{period.placement_type}: {period.get_placement_type_display()}"
        detail = f"{name}, {what}, {where}" if name else f"{what}, {where}"
        entries.append(
            Entry(_day(period.start_date), "care", "Care period started", detail, "", True)
        )
        if period.end_date:
            entries.append(
                Entry(_day(period.end_date), "care", "Care period ended", detail, "", True)
            )
    return entries


def _interview_entries(child: Child, user) -> list[Entry]:
    interviews = ReturnInterview.objects.filter(episode__child=child)
    if user.role == Role.POLICE:
        interviews = interviews.filter(shared_with_police_at__isnull=False)
    entries = []
    for interview in interviews:
        url = reverse("interviews:detail", args=[interview.episode_id])
        facts = (
            (interview.offered_at, "Return interview offered", interview.offered_by),
            (
                interview.completed_at,
                "Return interview completed",
                interview.get_interviewer_role_display(),
            ),
            (interview.authorised_at, "Return interview authorised", ""),
            (interview.voided_at, "Return interview voided", interview.voided_reason),
        )
        entries += [
            Entry(at, "interview", title, detail, url, order=order)
            for order, (at, title, detail) in enumerate(facts)
            if at
        ]
    return entries


def _meeting_and_plan_entries(child: Child) -> list[Entry]:
    entries = [
        Entry(_day(meeting.held_on), "meeting", meeting.get_kind_display(), "", "", True)
        for meeting in Meeting.objects.filter(children=child)
    ]
    for plan in Plan.objects.filter(child=child):
        entries.append(
            Entry(_day(plan.started_on), "plan", f"{plan.get_kind_display()} started", "", "", True)
        )
        if plan.ended_on:
            entries.append(
                Entry(_day(plan.ended_on), "plan", f"{plan.get_kind_display()} ended", "", "", True)
            )
    return entries


def child_timeline(child: Child, *, user) -> list[Entry]:
    """Everything that happened to the child, newest first."""
    entries = (
        _episode_entries(child)
        + _care_entries(child)
        + _interview_entries(child, user)
        + _meeting_and_plan_entries(child)
    )
    return sorted(entries, key=lambda entry: (entry.at, entry.order), reverse=True)
