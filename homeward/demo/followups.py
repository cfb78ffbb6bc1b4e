"""What follows the demo's episodes: return home interviews (SPEC.md §2, §4) and CME referrals.

RHI outcomes follow the seeds (Durham 2019/20–2020/21, Derby 2022/23): offered after about 90 %
of episodes, accepted after about 80 %, completed after most of those, about 70 % of completions
within 72 hours; a few voided, some declined. Nothing is timed after ``cutoff`` ("now"): an
interview that would be completed later is simply not completed yet.
"""

import random
from datetime import date, datetime, timedelta

from homeward.demo import catalogue
from homeward.demo.care import group_on
from homeward.demo.people import ChildMaker, DraftEpisode, Kid, Year, weighted
from homeward.demo.rows import CMEReferralRow, InterviewRow
from homeward.timeutil import age_on, local_date

OUTCOMES = {"void": 3, "not_offered": 8, "declined": 9, "accepted": 80}
ACCEPTED = {"in_time": 63, "late": 27, "incomplete": 10}
HOUR = timedelta(hours=1)


def _hours(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(minutes=round(rng.uniform(low, high) * 60))


def _role(rng: random.Random, episode: DraftEpisode) -> str:
    group = group_on(episode.kid, episode.day)
    if group == "residential":
        return weighted(rng, {"independent": 60, "residential_exception": 25, "social_worker": 15})
    if group is not None:
        return weighted(rng, {"independent": 75, "social_worker": 25})
    return weighted(rng, {"commissioned": 60, "independent": 30, "other": 10})


def _void_reason(rng: random.Random, episode: DraftEpisode, previous: DraftEpisode | None) -> str:
    returned_on = local_date(episode.end)
    if (episode.kid.bday18 - returned_on).days < 30:
        return catalogue.VOIDED_REASONS["eighteen"]
    if previous is not None and previous.end and episode.start - previous.end < 72 * HOUR:
        return catalogue.VOIDED_REASONS["linked"]
    return catalogue.VOIDED_REASONS[rng.choice(("moved", "custody"))]


def interview(
    rng: random.Random, episode: DraftEpisode, previous: DraftEpisode | None, cutoff: datetime
) -> InterviewRow | None:
    """The interview row of a returned episode, or None where none was offered (yet)."""
    if episode.end is None:
        return None
    if episode.recorded_in_error:
        return _row(episode, cutoff, voided_reason=catalogue.VOIDED_REASONS["error"])
    outcome = {"pending": "incomplete", "overdue": "incomplete"}.get(episode.forced) or weighted(
        rng, OUTCOMES
    )
    if outcome == "accepted":
        outcome = weighted(rng, ACCEPTED)
    if outcome == "not_offered":
        return None
    offered = episode.end + _hours(rng, 1, 30)
    if outcome == "void":
        return _row(
            episode, cutoff, offered_at=offered, voided_reason=_void_reason(rng, episode, previous)
        )
    role = _role(rng, episode)
    if outcome == "declined":
        reason = rng.choice(catalogue.DECLINED_REASONS)
        return _row(
            episode, cutoff, offered_at=offered, accepted=False, declined_reason=reason, role=role
        )
    completed = _completion(rng, episode, offered, outcome)
    shared = completed + _hours(rng, 2, 60) if completed and rng.random() < 0.65 else None
    return _row(
        episode,
        cutoff,
        offered_at=offered,
        accepted=True,
        completed_at=completed,
        role=role,
        shared=shared,
    )


def _completion(
    rng: random.Random, episode: DraftEpisode, offered: datetime, outcome: str
) -> datetime | None:
    if outcome == "in_time":
        earliest = max((offered - episode.end).total_seconds() / 3600 + 1, 4)
        return episode.end + _hours(rng, earliest, 71.5)
    if outcome == "late":
        return episode.end + _hours(rng, 73, 24 * rng.choice((4, 7, 14)))
    return None


def _row(
    episode: DraftEpisode,
    cutoff: datetime,
    *,
    offered_at: datetime | None = None,
    accepted: bool | None = None,
    declined_reason: str = "",
    completed_at: datetime | None = None,
    role: str = "",
    voided_reason: str = "",
    shared: datetime | None = None,
) -> InterviewRow | None:
    """The row as known at ``cutoff``: later offers, completions and sharing have not happened."""
    if offered_at is not None and offered_at > cutoff:
        offered_at = accepted = None
        declined_reason = ""
    if completed_at is not None and completed_at > cutoff:
        completed_at = None
    if shared is not None and (completed_at is None or shared > cutoff):
        shared = None
    if offered_at is None and not voided_reason:
        return None
    return InterviewRow(
        episode_id=episode.episode_id,
        offered_at=offered_at,
        accepted=accepted,
        declined_reason=declined_reason,
        completed_at=completed_at,
        interviewer_role=role,
        voided_reason=voided_reason,
        shared_with_police_at=shared,
    )


# Children missing education (Hartlepool: 103 referrals in a year, 101 located and closed).
CME_PER_YEAR = (95, 110)


def _school_day(rng: random.Random, first: date, last: date) -> date | None:
    """A term-time weekday in [first, last], when schools make referrals."""
    if last < first:
        return None
    for _ in range(30):
        day = first + timedelta(days=rng.randint(0, (last - first).days))
        holiday = (
            day.month == 8 or (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 3)
        )
        if day.weekday() < 5 and not holiday:
            return day
    return None


def _cme_child(rng: random.Random, maker: ChildMaker, kids: list[Kid], day: date) -> Kid:
    """Mostly a child not otherwise known; sometimes one who also goes missing from home."""
    if rng.random() < 0.15:
        school_age = [k for k in kids if k.ours and k.episodes and 5 <= age_on(k.dob, day) <= 15]
        if school_age:
            return rng.choice(school_age)
    kid = maker.make(age=rng.randint(5, 15), on=day)
    kids.append(kid)
    return kid


def cme_referrals(
    rng: random.Random, maker: ChildMaker, kids: list[Kid], years: list[Year], last_day: date
) -> list[CMEReferralRow]:
    """About a hundred referrals a year from schools, nearly all located and closed."""
    days: list[date] = []
    for year in years:
        for _ in range(rng.randint(*CME_PER_YEAR)):
            day = _school_day(rng, year.start, year.end)
            if day is not None and day <= last_day:
                days.append(day)
    days.sort()
    return [
        _referral(rng, f"CME{number:05d}", _cme_child(rng, maker, kids, day), day, last_day)
        for number, day in enumerate(days, start=1)
    ]


def _referral(
    rng: random.Random, referral_id: str, kid: Kid, day: date, last_day: date
) -> CMEReferralRow:
    delay = weighted(rng, {(1, 10): 50, (11, 40): 40, (41, 90): 10})
    located: date | None = day + timedelta(days=rng.randint(*delay))
    if located > last_day or rng.random() < 0.015:
        located = None
    closed = located + timedelta(days=rng.randint(0, 10)) if located else None
    if closed is not None and closed > last_day:
        closed = None
    return CMEReferralRow(
        referral_id=referral_id,
        child_id=kid.child_id,
        school=rng.choice(catalogue.SCHOOLS),
        referred_on=day,
        located_on=located,
        outcome=rng.choice(catalogue.CME_OUTCOMES) if located else "",
        closed_on=closed,
    )
