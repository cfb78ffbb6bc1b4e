"""What the exchange files cannot carry, added to the loaded demo partnership.

Return home interview content and authorisations (with the audit entries the interview services
would write), episode details, risk histories and sightings, other involvement with children's
services, and hot-spot coordinates. The casework around the persistently missing is in
:mod:`homeward.demo.casework`.
"""

import random
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Min

from homeward.accounts.audit import audit_record
from homeward.accounts.models import AuditEvent, Organisation, User
from homeward.children.codes import InvolvementKind, placement_group
from homeward.children.models import Child, Involvement
from homeward.demo import catalogue, texts
from homeward.demo.people import weighted
from homeward.episodes.models import (
    RISK_ORDER,
    Episode,
    EpisodeNote,
    ExploitationConcern,
    HowEnded,
    Location,
    ReportedBy,
    RiskLevelChange,
)
from homeward.interviews.models import CreIndicator, PullFactor, PushFactor, ReturnInterview
from homeward.timeutil import local_date

ACTOR = "homeward demo"
HOW_ENDED = {
    HowEnded.RETURNED: 55,
    HowEnded.FOUND_BY_POLICE: 18,
    HowEnded.FOUND_BY_FAMILY: 15,
    HowEnded.LOCATED_ELSEWHERE: 10,
    HowEnded.IN_CUSTODY: 2,
}
# Who carries out the interview for each interviewer role: a demo user, or a named outsider.
INTERVIEWERS = {
    "independent": ("coordinator", ""),
    "social_worker": ("socialworker", ""),
    "residential_exception": ("carer", ""),
    "commissioned": ("", "Moorside Youth Project worker"),
    "other": ("", "School designated safeguarding lead"),
}
BUSY = 10  # episodes: a child this busy is in the persistent tail


def busy_children(council: Organisation) -> set[int]:
    counts = (
        Episode.objects.filter(organisation=council, recorded_in_error=False)
        .values("child_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=BUSY)
    )
    return {row["child_id"] for row in counts}


def _reported_by(rng: random.Random, episode: Episode) -> str:
    period = episode.care_period
    if period is None:
        return weighted(rng, {ReportedBy.PARENT: 85, ReportedBy.SCHOOL: 10, ReportedBy.OTHER: 5})
    group = placement_group(period.placement_type, unregulated=period.unregulated)
    if group == "foster":
        return ReportedBy.CARER
    if group == "placed_with_parents":
        return ReportedBy.PARENT
    return ReportedBy.RESIDENTIAL_STAFF


def _episode_details(rng: random.Random, episode: Episode, busy: bool) -> None:
    episode.reported_by = _reported_by(rng, episode)
    episode.may_be_with = texts.pick(rng, texts.WITH_WHOM)
    if busy and episode.risk_level in ("medium", "high") and rng.random() < 0.6:
        episode.exploitation_concerns = rng.sample(
            ExploitationConcern.values[:3], rng.randint(1, 2)
        )
    if episode.returned_at is None:
        return
    episode.how_ended = weighted(rng, HOW_ENDED)
    place = episode.found_place or episode.stayed_place
    where = place.name if place else "an address they would not give"
    episode.where_found = f"At {where}, with {texts.pick(rng, texts.WITH_WHOM)}."
    episode.harm_disclosed = weighted(rng, {True: 6, False: 70, None: 24})


def episodes_describe(*, rng: random.Random, council: Organisation) -> int:
    """Who reported each episode, how it ended, where the child was found."""
    busy = busy_children(council)
    episodes = list(
        Episode.objects.filter(organisation=council)
        .select_related("care_period", "found_place", "stayed_place")
        .order_by("pk")
    )
    fields = (
        "reported_by",
        "may_be_with",
        "exploitation_concerns",
        "how_ended",
        "where_found",
        "harm_disclosed",
    )
    for episode in episodes:
        _episode_details(rng, episode, episode.child_id in busy)
        # Row by row: a bulk_update's CASE expressions are far slower on SQLite.
        Episode.objects.filter(pk=episode.pk).update(**{f: getattr(episode, f) for f in fields})
    audit_record(
        action=AuditEvent.Action.CHANGED,
        actor_label=ACTOR,
        obj=council,
        detail={"demo": "episode details", "episodes": len(episodes)},
    )
    return len(episodes)


def _risk_history(rng: random.Random, episode: Episode, police: User) -> list[RiskLevelChange]:
    """The grading as police set it; some episodes escalate to their highest level later."""
    if not episode.risk_level:
        return []
    graded_at = episode.reported_at or episode.went_missing_at
    ladder = list(RISK_ORDER)
    index = ladder.index(episode.risk_level)
    changes = []
    if index > 0 and rng.random() < 0.15:
        changes.append(RiskLevelChange(episode=episode, level=ladder[index - 1], at=graded_at))
        later = graded_at + timedelta(minutes=rng.randint(30, 360))
        graded_at = min(later, episode.returned_at or later)
    changes.append(RiskLevelChange(episode=episode, level=episode.risk_level, at=graded_at))
    for change in changes:
        change.recorded_by = police
    return changes


def risk_histories_write(
    *, rng: random.Random, council: Organisation, police: User, now: datetime
) -> int:
    """Each episode's risk grading history (the episode keeps the highest, SPEC.md §1), and
    a sighting note on each episode still open."""
    changes = []
    for episode in Episode.objects.filter(organisation=council).order_by("pk"):
        changes.extend(_risk_history(rng, episode, police))
    RiskLevelChange.objects.bulk_create(changes, batch_size=500)
    notes = []
    for episode in Episode.objects.filter(organisation=council, returned_at__isnull=True):
        seen_at = episode.went_missing_at + timedelta(minutes=rng.randint(60, 600))
        if seen_at <= now:
            place = texts.pick(rng, tuple(catalogue.LAST_SEEN_PLACES))
            notes.append(
                EpisodeNote(
                    episode=episode,
                    kind=EpisodeNote.Kind.SIGHTING,
                    at=seen_at,
                    text=f"Possible sighting at {place}, with {texts.pick(rng, texts.WITH_WHOM)}.",
                    author=police,
                    shared_with_police=True,
                )
            )
    EpisodeNote.objects.bulk_create(notes)
    return len(changes)


INVOLVEMENT = {
    InvolvementKind.EARLY_HELP: 50,
    InvolvementKind.CHILD_IN_NEED: 30,
    InvolvementKind.CHILD_PROTECTION: 20,
}


def involvements_write(*, rng: random.Random, council: Organisation, today: date) -> int:
    """Early help, child in need or child protection for some children not in care, so reports
    can tell "known to services" from "not known" (SPEC.md §2 "Other involvement")."""
    firsts = (
        Child.objects.filter(organisation=council, care_periods__isnull=True)
        .annotate(first=Min("episodes__went_missing_on"))
        .filter(first__isnull=False)
        .order_by("pk")
        .values_list("pk", "date_of_birth", "first")
    )
    made = []
    for child_id, born, first in firsts:
        if rng.random() >= 0.45:
            continue
        start = max(born, first - timedelta(days=rng.randint(30, 700)))
        end = start + timedelta(days=rng.randint(90, 500)) if rng.random() < 0.5 else None
        made.append(
            Involvement(
                child_id=child_id,
                kind=weighted(rng, INVOLVEMENT),
                start_date=start,
                end_date=end if end and end < today else None,
            )
        )
    Involvement.objects.bulk_create(made)
    return len(made)


def locations_place(*, rng: random.Random, council: Organisation) -> int:
    """Invented coordinates around Northmoor's fictional centre, for the hot-spot map."""
    places = list(Location.objects.filter(organisation=council).order_by("name"))
    north, east = catalogue.CENTRE
    for place in places:
        dy, dx = catalogue.PLACE_OFFSETS_KM.get(
            place.name, (rng.uniform(-3, 3), rng.uniform(-3, 3))
        )
        # About 111 km to a degree of latitude, 66 km to a degree of longitude at 54° N.
        place.latitude = Decimal(f"{north + dy / 111:.5f}")
        place.longitude = Decimal(f"{east + dx / 66:.5f}")
    Location.objects.bulk_update(places, ["latitude", "longitude"])
    return len(places)


def _content(rng: random.Random, episode: Episode, busy: bool) -> dict:
    name = episode.child.first_name
    push = rng.sample(PushFactor.values, rng.randint(1, 2))
    pull = rng.sample(PullFactor.values, rng.randint(1, 2))
    worrying = busy or episode.risk_level == "high"
    cre = (
        rng.sample(CreIndicator.values, rng.randint(1, 4))
        if worrying and rng.random() < 0.7
        else []
    )
    stayed = episode.stayed_place.name if episode.stayed_place else "somewhere they would not say"
    return {
        "push_factors": push,
        "pull_factors": pull,
        "factors_details": (
            f"{name} talked about {PushFactor(push[0]).label.lower()} and "
            f"{PullFactor(pull[0]).label.lower()}."
        ),
        "where_stayed": f"{stayed}, with {texts.pick(rng, texts.WITH_WHOM)}.",
        "travel": texts.pick(rng, texts.TRAVEL),
        "harm_suffered": texts.pick(rng, texts.HARM),
        "cre_indicators": cre,
        "childs_words": texts.pick(rng, texts.WORDS),
        "analysis": " ".join(rng.sample(texts.ANALYSIS, 2)).format(name=name),
        "actions": texts.several(rng, texts.ACTIONS, 2, 3, name=name),
    }


def _interviewer(role: str, users: dict[str, User]) -> tuple[User | None, str]:
    username, outsider = INTERVIEWERS[role]
    user = users.get(username) if username else None
    return user, outsider or (user.get_full_name() if user else "")


def _event(actor: User, interview: ReturnInterview, event: str, at: datetime, fields) -> AuditEvent:
    """The audit entry the interview services write, dated when the demo says it happened."""
    return AuditEvent(
        at=at,
        actor=actor,
        actor_label=ACTOR,
        action=AuditEvent.Action.CHANGED,
        object_type=ReturnInterview._meta.label_lower,
        object_id=str(interview.pk),
        child_id=interview.episode.child_id,
        detail={"event": event, "changes": {name: [None, "(demo)"] for name in fields}},
    )


def interviews_complete(
    *, rng: random.Random, council: Organisation, users: dict[str, User], now: datetime
) -> int:
    """Write each completed interview's content as its interviewer; the manager authorises most.

    Written row by row rather than through ``return_interview_complete`` (about 30 s for two
    thousand calls, docs/decisions/0045-demo-partnership.md); the audit
    trail still shows who completed and who authorised each interview, and when.
    """
    busy = busy_children(council)
    manager = users["manager"]
    interviews = (
        ReturnInterview.objects.filter(episode__organisation=council, completed_at__isnull=False)
        .select_related("episode__child", "episode__stayed_place")
        .order_by("pk")
    )
    events = []
    for interview in interviews:
        role = interview.interviewer_role or "independent"
        actor, name = _interviewer(role, users)
        content = _content(rng, interview.episode, interview.episode.child_id in busy)
        values = {
            **content,
            "accepted": True,
            "interviewer_role": role,
            "interviewer": actor,
            "interviewer_name": name,
            "offered_by": users["coordinator"].get_full_name(),
            "version": interview.version + 1,
        }
        events.append(_event(actor, interview, "completed", interview.completed_at, content))
        authorised_at = interview.completed_at + timedelta(hours=rng.randint(4, 96))
        if authorised_at <= now and rng.random() < 0.85:
            values.update(
                authorised_by=manager, authorised_at=authorised_at, version=interview.version + 2
            )
            events.append(
                _event(manager, interview, "authorised", authorised_at, ["authorised_at"])
            )
        ReturnInterview.objects.filter(pk=interview.pk).update(**values)
    AuditEvent.objects.bulk_create(events, batch_size=500)
    ReturnInterview.objects.filter(
        episode__organisation=council, offered_at__isnull=False, offered_by=""
    ).update(offered_by=users["coordinator"].get_full_name())
    return len(events)


def persistent_children(council: Organisation, *, episodes: int = 3, days: int = 30) -> dict:
    """Children who met "N in D days" at some point: child id → the first day they met it."""
    by_child: dict[int, list[datetime]] = defaultdict(list)
    rows = (
        Episode.objects.filter(organisation=council, recorded_in_error=False)
        .order_by("child_id", "went_missing_at")
        .values_list("child_id", "went_missing_at")
    )
    for child_id, went in rows:
        by_child[child_id].append(went)
    met: dict[int, date] = {}
    window = timedelta(days=days)
    for child_id, starts in by_child.items():
        for earlier, later in zip(starts, starts[episodes - 1 :], strict=False):
            if later - earlier <= window:
                met[child_id] = local_date(later)
                break
    return met
