"""The demo partnership's exchange files, generated deterministically from a seed and "today".

Northmoor Borough Council (invented; ONS-shaped code E06099001) and Northmoor Police, from
1 April two reporting years before the current one up to the day before ``today``: two complete
reporting years and the current year to date (SPEC.md §3). The files are in the exchange format
of SPEC.md §9 and are loaded through the same loader real partners use, so the demo data passes
the same rules. Nothing in them is real: names come from fixed invented lists, postcodes are of
the non-geographic ``ZZ99`` form.

"Now" is the London midnight at the start of ``today``: nothing is timed after it, a few
children are missing right now, and some return home interviews are pending or overdue.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from homeward.demo import catalogue, rows
from homeward.demo.care import care_history, group_on, main_group, move_to, place_here
from homeward.demo.followups import cme_referrals, interview
from homeward.demo.people import ChildMaker, DraftEpisode, Kid, Year, plan_cohorts, weighted
from homeward.demo.timeline import kid_days, local_instant, settle, time_episode
from homeward.timeutil import age_on, local_date

REQUIRED_GROUPS = (
    "foster",
    "residential",
    "semi_independent",
    "unregulated",
    "placed_with_parents",
    "other",
)
RISKS = {
    "missing": {"very_low": 4, "low": 38, "medium": 46, "high": 12},
    "busy": {"very_low": 2, "low": 25, "medium": 50, "high": 23},
    "away": {"very_low": 30, "low": 60, "medium": 10},
    "absent": {"very_low": 75, "low": 25},
}
# Looked-after children's share of a complete year's episodes (Durham: 38 % and 48 %).
LAC_SHARE = (0.37, 0.43)
# Children missing right now, recently back (interview pending), back a week (overdue).
RECENT = ("open", "open", "open", "open", "pending", "pending", "pending", "overdue", "overdue")


@dataclass(frozen=True)
class DemoData:
    seed: int
    today: date
    now: datetime
    years: tuple[Year, ...]
    children: list[rows.ChildRow]
    care_periods: list[rows.CarePeriodRow]
    episodes: list[rows.EpisodeRow]
    interviews: list[rows.InterviewRow]
    cme_referrals: list[rows.CMEReferralRow]

    def by_file(self) -> dict[str, list]:
        return {
            "children.csv": self.children,
            "care_periods.csv": self.care_periods,
            "episodes.csv": self.episodes,
            "interviews.csv": self.interviews,
            "cme_referrals.csv": self.cme_referrals,
        }


def reporting_years(today: date) -> tuple[Year, ...]:
    """The two complete reporting years before today's and today's, 1 April – 31 March."""
    current = today.year if today.month >= 4 else today.year - 1
    return tuple(
        Year(index=index, start=date(start, 4, 1), end=date(start + 1, 3, 31))
        for index, start in enumerate(range(current - 2, current + 1))
    )


def demo_generate(*, seed: int, today: date) -> DemoData:
    """Generate the demo partnership's records; the same seed and today give the same rows."""
    rng = random.Random(f"homeward-demo:{seed}")
    now = local_instant(today, 0, 0)
    last_day = today - timedelta(days=1)
    years = reporting_years(today)
    maker = ChildMaker(rng)
    kids = plan_cohorts(rng, maker, list(years))
    for kid in kids:
        kid_days(rng, kid, list(years), last_day)
    kids = [kid for kid in kids if kid.episodes]
    _looked_after(rng, kids, today)
    for kid in kids:
        for episode in kid.episodes:
            _classify(rng, episode)
            time_episode(rng, episode)
        settle(rng, kid, now, may_stay_open=_may_stay_open(kid, today))
    _recent(rng, kids, years, now, today)
    for kid in kids:
        _missing_when_care_ends(kid)
    episodes = _numbered(kids)
    for episode in rng.sample([e for e in episodes if e.end and not e.forced], rng.randint(5, 9)):
        episode.recorded_in_error = True
    interviews = _interviews(rng, kids, now)
    cme = cme_referrals(rng, maker, kids, list(years), last_day)
    kids.sort(key=lambda kid: kid.child_id)
    return DemoData(
        seed=seed,
        today=today,
        now=now,
        years=years,
        children=[kid.child for kid in kids],
        care_periods=[period for kid in kids for period in kid.care],
        episodes=_episode_rows(rng, episodes, now),
        interviews=interviews,
        cme_referrals=cme,
    )


def demo_files_write(*, data: DemoData, folder: Path) -> dict[str, int]:
    """Write the five exchange files into ``folder``; returns rows written per file."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, records in data.by_file().items():
        rows.file_write(folder / name, rows.FILES[name], records)
        written[name] = len(records)
    return written


def _looked_after(rng: random.Random, kids: list[Kid], today: date) -> None:
    """Who is looked after (busy children mostly), by whom, where: their care histories."""
    busy = [kid for kid in kids if max(kid.counts.values()) >= 10]
    rng.shuffle(busy)
    for kid in busy[: round(len(busy) * 0.75)]:  # Derby: most persistently missing are in care
        kid.lac = True
    for kid in kids:
        if kid not in busy:
            kid.lac = rng.random() < (0.3 if len(kid.episodes) >= 3 else 0.08)
    _balance_looked_after(rng, kids)
    lac = [kid for kid in kids if kid.lac]
    for kid in lac:
        if rng.random() < 0.1:
            place_here(rng, kid)
        kid.main_group = main_group(rng, kid)
    _every_group(lac)
    for kid in lac:
        kid.care = care_history(rng, kid, today)
    _fill_demo_homes(lac, today)


def _looked_after_share(kids: list[Kid], year: int) -> float:
    episodes = [kid.lac for kid in kids for episode in kid.episodes if episode.year == year]
    return sum(episodes) / max(len(episodes), 1)


def _balance_looked_after(rng: random.Random, kids: list[Kid]) -> None:
    """Hold looked-after children's share of each complete year's episodes near 40 %."""
    for _ in range(500):
        shares = {year: _looked_after_share(kids, year) for year in (0, 1)}
        off = [
            (year, share < LAC_SHARE[0])
            for year, share in shares.items()
            if not LAC_SHARE[0] <= share <= LAC_SHARE[1]
        ]
        if not off:
            return
        year, wanted = off[0]
        pool = [
            kid
            for kid in kids
            if kid.lac != wanted
            and max(kid.counts.values()) < 10
            and {episode.year for episode in kid.episodes} == {year}
        ]
        if not pool:
            return
        rng.choice(pool).lac = wanted


def _every_group(lac: list[Kid]) -> None:
    """At least two children of the complete years in every placement group reports use."""
    settled = [kid for kid in lac if kid.episodes[-1].year < 2]
    for group in REQUIRED_GROUPS:
        have = sum(1 for kid in settled if kid.main_group == group)
        older = group in ("semi_independent", "unregulated")
        spare = [
            kid
            for kid in settled
            if kid.main_group in ("foster", "residential")
            and (not older or age_on(kid.dob, kid.episodes[0].day) >= 16)
        ]
        for kid in spare[: max(0, 2 - have)]:
            kid.main_group = group


def _fill_demo_homes(lac: list[Kid], today: date) -> None:
    """Children placed now at the demo carers' home and foster household."""
    current = [
        kid
        for kid in lac
        if kid.ours
        and kid.care[-1].end_date is None
        and kid.episodes[-1].day >= today - timedelta(days=240)
    ]
    sites = {site.name: site for site in catalogue.PLACEMENT_SITES}
    for name, wanted in ((catalogue.DEMO_HOME, 4), (catalogue.DEMO_FOSTER_HOME, 2)):
        site = sites[name]
        fitting = [
            kid
            for kid in current
            if kid.main_group == site.group
            and (len(kid.care) < 2 or kid.care[-2].placement_name != name)
        ]
        for kid in fitting[:wanted]:
            move_to(kid, site)
            current.remove(kid)


def _missing_when_care_ends(kid: Kid) -> None:
    """A child missing on the day care ends leaves care with REC E8 (SSDA903 rule 580)."""
    if not kid.care or kid.care[-1].end_date is None:
        return
    ended = kid.care[-1].end_date
    for episode in kid.episodes:
        back = local_date(episode.end) if episode.end else None
        if episode.day <= ended and (back is None or back > ended):
            kid.care[-1] = replace(kid.care[-1], reason_ceased="E8")
            return


def _classify(rng: random.Random, episode: DraftEpisode) -> None:
    """Missing mostly; away only for looked-after children; absent only in the oldest year."""
    group = group_on(episode.kid, episode.day)
    if group in REQUIRED_GROUPS[:4] and rng.random() < 0.15:
        episode.category = "away"
    elif episode.year == 0 and rng.random() < 0.05:
        episode.category = "absent"
    busy = max(episode.kid.counts.values()) >= 10
    key = "busy" if busy and episode.category == "missing" else episode.category
    episode.risk = weighted(rng, RISKS[key])


def _may_stay_open(kid: Kid, today: date) -> bool:
    """An open episode must not outlive the child's care or childhood (SSDA903 rules 575, 580)."""
    in_care_now = not kid.care or kid.care[-1].end_date is None
    return in_care_now and kid.bday18 > today + timedelta(days=1)


def _recent(rng: random.Random, kids: list[Kid], years, now: datetime, today: date) -> None:
    def eligible(kid: Kid) -> bool:
        last = kid.episodes[-1]
        recent = last.day >= today - timedelta(days=150)
        back = last.end is not None and last.end < now - timedelta(days=10)
        return recent and back and _may_stay_open(kid, today)

    def at_demo_home(kid: Kid) -> bool:
        return bool(kid.care) and kid.care[-1].placement_name == catalogue.DEMO_HOME

    candidates = sorted(
        (kid for kid in kids if eligible(kid)),
        key=lambda kid: (not at_demo_home(kid), -len(kid.episodes), kid.child_id),
    )
    for kind, kid in zip(RECENT, candidates, strict=False):
        start, end = _recent_span(rng, kind, now)
        day = local_date(start)
        year = next(y.index for y in years if y.start <= day <= y.end)
        risk = weighted(rng, {"medium": 60, "high": 40})
        episode = DraftEpisode(
            kid=kid, day=day, year=year, start=start, end=end, risk=risk, forced=kind
        )
        kid.episodes.append(episode)


def _recent_span(rng: random.Random, kind: str, now: datetime) -> tuple[datetime, datetime | None]:
    minutes = timedelta(minutes=1)
    if kind == "open":
        return now - rng.randint(3 * 60, 80 * 60) * minutes, None
    if kind == "pending":
        start = now - rng.randint(30 * 60, 60 * 60) * minutes
        return start, start + rng.randint(2 * 60, 20 * 60) * minutes
    start = now - rng.randint(5 * 24 * 60, 9 * 24 * 60) * minutes
    return start, start + rng.randint(3 * 60, 18 * 60) * minutes


def _numbered(kids: list[Kid]) -> list[DraftEpisode]:
    episodes = sorted(
        (episode for kid in kids for episode in kid.episodes),
        key=lambda episode: (episode.start, episode.kid.child_id),
    )
    for number, episode in enumerate(episodes, start=1):
        episode.episode_id = f"MIS{number:06d}"
    return episodes


def _interviews(rng: random.Random, kids: list[Kid], now: datetime) -> list[rows.InterviewRow]:
    found = []
    for kid in kids:
        previous = None
        for episode in kid.episodes:
            row = interview(rng, episode, previous, now)
            if row is not None:
                found.append(row)
            previous = episode
    found.sort(key=lambda row: row.episode_id)
    return found


def _place(rng: random.Random, chance: float, weights: dict[str, int]) -> str:
    return weighted(rng, weights) if rng.random() < chance else ""


def _episode_rows(
    rng: random.Random, episodes: list[DraftEpisode], now: datetime
) -> list[rows.EpisodeRow]:
    serials: dict[int, int] = {}
    result = []
    for episode in episodes:
        reference = ""
        if episode.category != "away":  # the police are told of missing and absent children
            year = local_date(episode.start).year
            serials[year] = serials.get(year, 0) + rng.randint(2, 12)
            reference = f"NP-{year}-{serials[year]:06d}"
        reported = episode.start + timedelta(minutes=rng.randint(20, 300))
        reported = min(reported, episode.end or now, now)
        returned = episode.end is not None
        result.append(
            rows.EpisodeRow(
                episode_id=episode.episode_id,
                child_id=episode.kid.child_id,
                category=episode.category,
                went_missing_at=episode.start,
                reported_at=reported,
                returned_at=episode.end,
                risk_level=episode.risk,
                police_reference=reference,
                last_seen_place=_place(rng, 0.85, catalogue.LAST_SEEN_PLACES),
                stayed_place=_place(rng, 0.45 if returned else 0.1, catalogue.STAYED_PLACES),
                found_place=_place(rng, 0.35 if returned else 0, catalogue.FOUND_PLACES),
                recorded_in_error=episode.recorded_in_error,
            )
        )
    return result
