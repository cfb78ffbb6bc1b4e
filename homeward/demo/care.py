"""Care histories for the demo's looked-after children: SSDA903 episodes of care (SPEC.md §2).

A history is one to four periods joined end to start on the day of each placement move (the
SSDA903 convention, SPEC.md §9), REC ``X1`` / RNE ``P`` or ``T`` at each move. The last period
covers the child's last missing episode; semi-independent and unregulated placements start at 16.
Care ends at 18 at the latest.
"""

import random
from datetime import date, timedelta

from homeward.children.codes import placement_group
from homeward.demo import catalogue
from homeward.demo.catalogue import PlacementSite
from homeward.demo.people import Kid, postcode, weighted, years_after
from homeward.demo.rows import CarePeriodRow
from homeward.timeutil import age_on

# Our looked-after children placed outside Northmoor, by placement group (Hartlepool: about a
# third of looked-after children's episodes were out of borough).
OUT_OF_AREA = {"residential": 0.45, "foster": 0.15, "semi_independent": 0.25, "unregulated": 0.5}
GROUPS_OLDER = {
    "semi_independent": 34, "residential": 26, "foster": 22, "unregulated": 8,
    "placed_with_parents": 5, "other": 5,
}  # fmt: skip
GROUPS_YOUNGER = {"foster": 45, "residential": 42, "placed_with_parents": 7, "other": 6}
LEGAL_STATUS = {"C2": 55, "C1": 12, "V2": 28, "J1": 3, "E1": 2}
CATEGORY_OF_NEED = {"N1": 45, "N2": 3, "N3": 5, "N4": 12, "N5": 15, "N6": 12, "N8": 8}
PERIODS = {1: 35, 2: 35, 3: 20, 4: 10}
ENDED_REASONS = {"E4A": 5, "E13": 3, "E8": 2, "E3": 1, "E9": 1, "E41": 1}


def main_group(rng: random.Random, kid: Kid) -> str:
    """The placement group of the child's latest placement, by age at the first episode."""
    age = age_on(kid.dob, kid.episodes[0].day)
    return weighted(rng, GROUPS_OLDER if age >= 16 else GROUPS_YOUNGER)


def care_history(rng: random.Random, kid: Kid, today: date) -> list[CarePeriodRow]:
    first_day, last_day = kid.episodes[0].day, kid.episodes[-1].day
    start = _care_start(rng, kid, first_day, last_day)
    end, final_reason = _care_end(rng, kid, last_day, today)
    moves = _moves(rng, kid, start, last_day)
    boundaries = [start, *moves]
    groups = _groups(rng, kid.main_group, len(boundaries))
    legal = weighted(rng, LEGAL_STATUS)
    need = weighted(rng, CATEGORY_OF_NEED)
    rows: list[CarePeriodRow] = []
    previous_site = None
    for number, (begins, group) in enumerate(zip(boundaries, groups, strict=True)):
        last = number == len(boundaries) - 1
        site = _site(rng, kid, group, avoid=previous_site)
        status = "C2" if legal == "C1" and number > 0 else legal
        rows.append(
            _period(
                kid,
                site,
                begins=begins,
                ends=end if last else boundaries[number + 1],
                rne="S" if number == 0 else ("T" if status != rows[-1].legal_status else "P"),
                legal_status=status,
                cin=need,
                reason_ceased=(final_reason if end else "") if last else "X1",
            )
        )
        previous_site = site
    return rows


def _period(kid: Kid, site: PlacementSite, *, begins, ends, **codes) -> CarePeriodRow:
    at_home = site.group == "placed_with_parents"
    return CarePeriodRow(
        child_id=kid.child_id,
        start_date=begins,
        end_date=ends,
        placement_type=site.place,
        provider=site.provider,
        placement_postcode=kid.child.home_postcode if at_home else site.postcode,
        # Inside the responsible authority's area: never, for a child placed here by another.
        in_area=site.in_northmoor and kid.ours,
        unregulated=site.unregulated,
        # A child at home has no placement to name (and no Placement record to make).
        placement_name="" if at_home else site.name,
        **codes,
    )


def _care_start(rng: random.Random, kid: Kid, first_day: date, last_day: date) -> date:
    if len(kid.episodes) >= 3 and rng.random() < 0.1:
        # Came into care after going missing: the first episodes are not looked after.
        start = first_day + timedelta(days=rng.randint(1, 30))
        if start <= last_day:
            return start
    earliest = kid.dob + timedelta(days=365)
    return max(earliest, first_day - timedelta(days=rng.randint(30, 1500)))


def _care_end(rng: random.Random, kid: Kid, last_day: date, today: date) -> tuple[date | None, str]:
    end = last_day + timedelta(days=rng.randint(20, 300)) if rng.random() < 0.3 else None
    if kid.bday18 <= today and (end is None or end > kid.bday18):
        staying_put = kid.main_group == "foster" and rng.random() < 0.5
        return kid.bday18, "E17" if staying_put else rng.choice(("E5", "E6", "E8"))
    if end is None or end >= today:
        return None, ""
    return end, weighted(rng, ENDED_REASONS)


def _moves(rng: random.Random, kid: Kid, start: date, last_day: date) -> list[date]:
    """Placement-move days after ``start``, the last no later than the last episode."""
    room = (last_day - start).days
    wanted = weighted(rng, PERIODS) - 1
    moves = sorted(
        start + timedelta(days=n) for n in rng.sample(range(1, room + 1), min(wanted, room))
    )
    sixteen = years_after(kid.dob, 16)
    older_only = kid.main_group in ("semi_independent", "unregulated")
    if older_only and start < sixteen <= last_day and (not moves or moves[-1] < sixteen):
        moves = [day for day in moves if day < sixteen] + [sixteen]
    return moves


def _groups(rng: random.Random, main: str, count: int) -> list[str]:
    earlier = ["foster"] if main == "foster" else ["foster", "residential", "residential"]
    return [rng.choice(earlier) for _ in range(count - 1)] + [main]


def _site(rng: random.Random, kid: Kid, group: str, avoid: PlacementSite | None) -> PlacementSite:
    sites = [s for s in catalogue.PLACEMENT_SITES if s.group == group and s is not avoid]
    if not kid.ours:  # placed here by another authority: the placement is in Northmoor
        sites = [s for s in sites if s.in_northmoor] or sites
    else:
        out = rng.random() < OUT_OF_AREA.get(group, 0)
        sites = [s for s in sites if s.in_northmoor != out] or sites
    return rng.choice(sites)


def place_here(rng: random.Random, kid: Kid) -> None:
    """Make ``kid`` a child another authority looks after and has placed in Northmoor."""
    authority = rng.choice(catalogue.OTHER_AUTHORITIES)
    district = catalogue.OTHER_AUTHORITY_POSTCODE_DISTRICT[authority]
    kid.child = type(kid.child)(
        **{
            **kid.child.__dict__,
            "responsible_authority": authority,
            "home_postcode": postcode(rng, district),
        }
    )


def period_on(kid: Kid, day: date) -> CarePeriodRow | None:
    """The care period covering ``day``; on a move day the one that starts (SPEC.md §9)."""
    found = None
    for period in kid.care:
        if period.start_date <= day and (period.end_date is None or period.end_date >= day):
            found = period
    return found


def group_on(kid: Kid, day: date) -> str | None:
    period = period_on(kid, day)
    if period is None:
        return None
    return placement_group(period.placement_type, unregulated=period.unregulated)


def move_to(kid: Kid, site: PlacementSite) -> None:
    """Put the child's current (last, open) placement at ``site``."""
    last = kid.care[-1]
    kid.care[-1] = _period(
        kid,
        site,
        begins=last.start_date,
        ends=last.end_date,
        rne=last.rne,
        legal_status=last.legal_status,
        cin=last.cin,
        reason_ceased=last.reason_ceased,
    )
    kid.main_group = site.group
