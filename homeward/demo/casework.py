"""Demo casework around the persistently missing: Philomena profiles, meetings, plans, audits."""

import random
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError

from homeward.accounts.audit import audit_record
from homeward.accounts.models import AuditEvent, Organisation, User
from homeward.children.models import Child
from homeward.demo import texts
from homeward.demo.enrich import ACTOR, persistent_children
from homeward.demo.timeline import local_instant
from homeward.episodes.models import Episode
from homeward.interviews.audits.services import audit_round_create, interview_audit_score
from homeward.interviews.models import KeyLineOfEnquiry
from homeward.reporting.periods import reporting_quarter
from homeward.safeguarding.models import (
    Meeting,
    MeetingAction,
    PhilomenaProfile,
    PhilomenaReport,
    Plan,
)

AGENCIES = "Children's social care; Northmoor Police; Missing co-ordinator; Education; Health"
CLOTHING = (
    "Black puffer jacket, grey joggers, white trainers.",
    "Blue school blazer, black trousers, carrying a pink rucksack.",
    "Green parka with the hood up, black leggings, black trainers.",
    "Red hoodie, blue jeans, black cap.",
)


def _profile(rng: random.Random, child: Child, places: list[str], today: date) -> PhilomenaProfile:
    return PhilomenaProfile(
        child=child,
        description=texts.pick(rng, texts.DESCRIPTIONS),
        vulnerabilities=texts.pick(rng, texts.VULNERABILITIES),
        medical_needs=texts.pick(rng, texts.MEDICAL),
        medication="",
        associates=f"Often with {texts.pick(rng, texts.WITH_WHOM)}.",
        addresses="\n".join(places) or "Northmoor town centre",
        # Ofcom reserves 07700 900000–900999 for fiction: no real phone has these numbers.
        phone_numbers=f"07700 900{rng.randint(0, 999):03d}",
        social_media=texts.pick(rng, texts.SOCIAL_MEDIA),
        transport=texts.pick(rng, texts.TRANSPORT),
        finances=texts.pick(rng, texts.FINANCES),
        reviewed_on=today - timedelta(days=rng.randint(5, 120)),
    )


def _places_of(child_ids: list[int]) -> dict[int, list[str]]:
    places: dict[int, list[str]] = {}
    rows = (
        Episode.objects.filter(child_id__in=child_ids, stayed_place__isnull=False)
        .order_by("child_id", "-went_missing_at")
        .values_list("child_id", "stayed_place__name")
    )
    for child_id, name in rows:
        known = places.setdefault(child_id, [])
        if name not in known and len(known) < 3:
            known.append(name)
    return places


def profiles_write(*, rng: random.Random, council: Organisation, today: date) -> list[int]:
    """Philomena Part 1 for every child who has been persistently missing; Part 2 when missing."""
    met = persistent_children(council)
    child_ids = sorted(met)
    places = _places_of(child_ids)
    children = Child.objects.filter(pk__in=child_ids).order_by("pk")
    PhilomenaProfile.objects.bulk_create(
        [_profile(rng, child, places.get(child.pk, []), today) for child in children]
    )
    open_episodes = Episode.objects.filter(organisation=council, returned_at__isnull=True)
    PhilomenaReport.objects.bulk_create(
        PhilomenaReport(
            episode=episode,
            clothing=texts.pick(rng, CLOTHING),
            last_seen_where=episode.last_seen_place.name if episode.last_seen_place else "",
            last_seen_with=texts.pick(rng, texts.WITH_WHOM),
        )
        for episode in open_episodes.select_related("last_seen_place").order_by("pk")
    )
    audit_record(
        action=AuditEvent.Action.CREATED,
        actor_label=ACTOR,
        obj=council,
        detail={"demo": "Philomena profiles", "profiles": len(child_ids)},
    )
    return child_ids


def _meeting(
    rng: random.Random, council: Organisation, kind: str, held_on: date, children, author: User
) -> Meeting:
    meeting = Meeting.objects.create(
        organisation=council,
        kind=kind,
        held_on=held_on,
        agencies=AGENCIES,
        decisions=texts.pick(rng, texts.DECISIONS),
        created_by=author,
    )
    meeting.children.set(children)
    return meeting


def _actions(rng: random.Random, meeting: Meeting, child: Child, today: date) -> None:
    for text in rng.sample(texts.ACTIONS, rng.randint(2, 3)):
        due = meeting.held_on + timedelta(days=rng.randint(3, 21))
        done = due < today and rng.random() < 0.8
        MeetingAction.objects.create(
            meeting=meeting,
            child=child,
            description=text.format(name=child.first_name),
            owner=rng.choice(texts.OWNERS),
            due_on=due,
            completed_on=due - timedelta(days=rng.randint(0, 3)) if done else None,
        )


def meetings_and_plans(
    *, rng: random.Random, council: Organisation, users: dict[str, User], today: date
) -> int:
    """Intervention planning meetings at "3 in 30 days", safety plans, disruption plans,
    monthly multi-agency (MACE) meetings and the last week's daily dynamic meetings."""
    met = persistent_children(council)
    coordinator = users["coordinator"]
    latest = [cid for cid, _ in sorted(met.items(), key=lambda item: item[1])][-25:]
    children = Child.objects.in_bulk(latest)
    meetings = 0
    for child_id in latest:
        child, trigger = children[child_id], met[child_id]
        held = min(trigger + timedelta(days=rng.randint(2, 6)), today - timedelta(days=1))
        meeting = _meeting(
            rng, council, Meeting.Kind.INTERVENTION_PLANNING, held, [child], coordinator
        )
        _actions(rng, meeting, child, today)
        _plans(rng, child, held, users["socialworker"])
        meetings += 1
    meetings += _monthly_and_daily(rng, council, list(children.values()), coordinator, today)
    audit_record(
        action=AuditEvent.Action.CREATED,
        actor_label=ACTOR,
        obj=council,
        detail={"demo": "meetings and plans", "meetings": meetings},
    )
    return meetings


def _plans(rng: random.Random, child: Child, started: date, author: User) -> None:
    name = child.first_name
    Plan.objects.create(
        child=child,
        kind=Plan.Kind.SAFETY,
        started_on=started,
        review_on=started + timedelta(weeks=6),
        content=texts.pick(rng, texts.SAFETY, name),
        created_by=author,
    )
    if rng.random() < 0.4:
        Plan.objects.create(
            child=child,
            kind=Plan.Kind.DISRUPTION,
            started_on=started + timedelta(days=rng.randint(1, 10)),
            review_on=started + timedelta(weeks=4),
            content=texts.pick(rng, texts.DISRUPTION, name),
            created_by=author,
        )


def _months_back(today: date, months: int) -> date:
    """The 15th of the month ``months`` before today's."""
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, 15)


def _monthly_and_daily(
    rng: random.Random, council: Organisation, children: list[Child], author: User, today: date
) -> int:
    """Six monthly multi-agency meetings, then the daily dynamic meetings of the last week."""
    for months in range(6, 0, -1):
        chosen = rng.sample(children, min(len(children), rng.randint(3, 6)))
        _meeting(
            rng, council, Meeting.Kind.MULTI_AGENCY, _months_back(today, months), chosen, author
        )
    weekdays = [today - timedelta(days=n) for n in range(1, 8)]
    weekdays = [day for day in weekdays if day.weekday() < 5]
    for day in weekdays:
        recent = Child.objects.filter(
            episodes__organisation=council,
            episodes__went_missing_on__range=(day - timedelta(days=3), day),
        ).distinct()
        _meeting(rng, council, Meeting.Kind.DAILY_DYNAMIC, day, list(recent[:8]), author)
    return 6 + len(weekdays)


def _scores(rng: random.Random, audit, round_number: int, manager: User, now: datetime) -> None:
    interview = audit.interview
    in_time = interview.completed_at <= interview.episode.returned_at + timedelta(hours=72)
    base = 2.6 + 0.2 * round_number  # quality improving round on round, as in Derby's table
    scores = {}
    for line in KeyLineOfEnquiry.values:
        score = round(rng.gauss(base, 0.6))
        if line == KeyLineOfEnquiry.TIMESCALES:
            score = rng.choice((3, 4)) if in_time else rng.choice((1, 2))
        elif line == KeyLineOfEnquiry.AUTHORISATION:
            score = rng.choice((3, 4)) if interview.authorised_at else 1
        scores[line] = min(4, max(1, score))
    comments = {KeyLineOfEnquiry.ANALYSIS: "Analysis links the push factors to the plan."}
    interview_audit_score(audit=audit, scores=scores, comments=comments, auditor=manager, now=now)


def audit_rounds(
    *, rng: random.Random, council: Organisation, users: dict[str, User], today: date
) -> int:
    """Quarterly RHI audits of the last three complete quarters, ten interviews each."""
    current = today.year if today.month >= 4 else today.year - 1
    quarters = [(current, q) for q in (1, 2, 3, 4)] + [(current - 1, q) for q in (1, 2, 3, 4)]
    quarters.sort(reverse=True)
    done = [reporting_quarter(y, q) for y, q in quarters if reporting_quarter(y, q).end < today]
    manager = users["manager"]
    made = 0
    for number, period in enumerate(reversed(done[:3])):
        held = min(period.end + timedelta(days=21), today - timedelta(days=1))
        try:
            audit_round = audit_round_create(
                organisation=council,
                name=f"RHI audit {held:%B %Y} ({period.label})",
                held_on=held,
                period_start=period.start,
                period_end=period.end,
                sample_size=10,
                created_by=manager,
                seed=rng.randint(1, 2**31),
            )
        except ValidationError:  # no completed interviews in that quarter
            continue
        scored_at = local_instant(held, 10, 0)
        for audit in audit_round.audits.select_related("interview__episode").order_by("pk"):
            _scores(rng, audit, number, manager, scored_at)
        made += 1
    return made
