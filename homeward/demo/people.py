"""The demo's children and who goes missing how often in each reporting year.

A reporting year's cohort is 265–305 children: some carried over from the year before, the rest
new. Their episode counts have the heavy tail the seeds show (Derby's top-12 table: the busiest
child 40–55 episodes a year, several with 20+), and the year's total is held to 650–750.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from homeward.demo import catalogue
from homeward.demo.rows import CarePeriodRow, ChildRow
from homeward.timeutil import age_on, eighteenth_birthday

# The busiest children of a year: Derby's top 12 were 54, 49, 43, 38, 32, 28, 27, 27, 22 ….
TAIL_RANGES = ((42, 55), (28, 36), (22, 28), (20, 25), (20, 23), *((10, 18),) * 6)
# Everyone else: most go missing once or twice, some a handful of times.
OTHER_COUNTS = {1: 63, 2: 18, 3: 8, 4: 3, 5: 2, 6: 2, 7: 2, 8: 1, 9: 1}
COHORT_SIZE = (265, 305)
YEAR_EPISODES = (650, 750)
# Age on the first day of the year a child first appears: mostly 13–17 (SPEC.md §6 age bands).
AGE_WEIGHTS = {9: 1, 10: 2, 11: 3, 12: 6, 13: 11, 14: 17, 15: 22, 16: 22, 17: 16}
UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


@dataclass(frozen=True)
class Year:
    index: int
    start: date
    end: date


def weighted(rng: random.Random, weights: dict):
    """One key of ``weights``, picked with the given relative weights."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 3, 1)


@dataclass(eq=False)
class DraftEpisode:
    """One missing episode being generated (timing settles once all of a child's are known)."""

    kid: "Kid"
    day: date
    year: int
    start: datetime | None = None
    end: datetime | None = None
    category: str = "missing"
    risk: str = "low"
    forced: str = ""  # "open", "pending" or "overdue": made so the morning view has work in it
    episode_id: str = ""
    recorded_in_error: bool = False


@dataclass(eq=False)
class Kid:
    """A child being generated: the children.csv row, and what is planned and made for them."""

    child: ChildRow
    counts: dict[int, int] = field(default_factory=dict)
    episodes: list[DraftEpisode] = field(default_factory=list)
    care: list[CarePeriodRow] = field(default_factory=list)
    lac: bool = False
    main_group: str = ""

    @property
    def child_id(self) -> str:
        return self.child.child_id

    @property
    def dob(self) -> date:
        return self.child.date_of_birth

    @property
    def bday18(self) -> date:
        return eighteenth_birthday(self.dob)

    @property
    def ours(self) -> bool:
        return self.child.responsible_authority == catalogue.COUNCIL_CODE


def postcode(rng: random.Random, district: str) -> str:
    letters = "".join(rng.choice(catalogue.POSTCODE_LETTERS) for _ in range(2))
    return f"ZZ99 {district}{letters}"


def upn(rng: random.Random) -> str:
    """A well-formed unique pupil number (check letter computed) in the unused LA code 999."""
    body = f"999{rng.randint(2000, 7999)}{rng.randint(10, 24)}{rng.randint(0, 999):03d}"
    total = sum(int(char) * weight for char, weight in zip(body, range(2, 14), strict=True))
    return UPN_CHECK_LETTERS[total % 23] + body


def identity(rng: random.Random) -> tuple[str, str, str]:
    """Sex (SSDA903), gender identity as the child describes it, and a first name."""
    sex = "1" if rng.random() < 0.55 else "2"
    if sex == "1":
        gender = weighted(
            rng, {"male": 955, "transgender": 15, "non_binary": 10, "other": 5, "": 15}
        )
    else:
        gender = weighted(
            rng, {"female": 930, "transgender": 30, "non_binary": 20, "other": 5, "": 15}
        )
    if gender in ("non_binary", "other"):
        names = catalogue.NEUTRAL
    elif gender == "transgender":
        names = catalogue.GIRLS if sex == "1" else catalogue.BOYS
    else:
        names = catalogue.BOYS if sex == "1" else catalogue.GIRLS
    return sex, gender, rng.choice(names)


ETHNICITY_WEIGHTS = {
    "WBRI": 700, "WOTH": 45, "WIRI": 5, "WIRT": 8, "WROM": 10, "MWBC": 40, "MWBA": 20,
    "MWAS": 20, "MOTH": 20, "AIND": 10, "APKN": 30, "ABAN": 8, "AOTH": 10, "BCRB": 12,
    "BAFR": 30, "BOTH": 8, "CHNE": 4, "OOTH": 10, "REFU": 3, "NOBT": 7,
}  # fmt: skip


class ChildMaker:
    """Makes invented children with stable ids (``NM`` + six digits, in order of creation)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.serial = 0

    def make(self, *, age: int, on: date) -> Kid:
        rng = self.rng
        self.serial += 1
        sex, gender, first_name = identity(rng)
        born = years_after(on, -age) - timedelta(days=rng.randint(0, 364))
        child = ChildRow(
            child_id=f"NM{104000 + self.serial * 7 + rng.randint(0, 6)}",
            first_name=first_name,
            last_name=rng.choice(catalogue.SURNAMES),
            date_of_birth=born,
            sex=sex,
            gender=gender,
            ethnicity=weighted(rng, ETHNICITY_WEIGHTS),
            upn=upn(rng) if rng.random() < 0.8 else "",
            responsible_authority=catalogue.COUNCIL_CODE,
            home_postcode=postcode(rng, rng.choice("123456")),
        )
        return Kid(child=child)


def plan_cohorts(rng: random.Random, maker: ChildMaker, years: list[Year]) -> list[Kid]:
    """The children of every year with their planned episode counts (``Kid.counts``)."""
    kids: list[Kid] = []
    previous: list[Kid] = []
    for year in years:
        cohort = [kid for kid in previous if _continues(rng, kid, year)]
        size = rng.randint(*COHORT_SIZE)
        while len(cohort) < size:
            kid = maker.make(age=weighted(rng, AGE_WEIGHTS), on=year.start)
            kids.append(kid)
            cohort.append(kid)
        _assign_counts(rng, cohort, year)
        previous = cohort
    return kids


def _continues(rng: random.Random, kid: Kid, year: Year) -> bool:
    if kid.bday18 <= year.start + timedelta(days=45):
        return False
    busy = kid.counts.get(year.index - 1, 0) >= 10
    return rng.random() < (0.55 if busy else 0.3)


def _assign_counts(rng: random.Random, cohort: list[Kid], year: Year) -> None:
    eligible = [k for k in cohort if k.bday18 > year.end and age_on(k.dob, year.start) >= 12]
    tail = [k for k in eligible if k.counts.get(year.index - 1, 0) >= 10 and rng.random() < 0.5]
    others = [k for k in eligible if k not in tail]
    rng.shuffle(others)
    # Derby's gender table: a few transgender young people with many episodes between them.
    transgender = [k for k in others if k.child.gender == "transgender"]
    if transgender:
        others.remove(transgender[0])
        others.insert(0, transgender[0])
    tail = (tail + others)[: len(TAIL_RANGES)]
    for kid, (low, high) in zip(tail, TAIL_RANGES, strict=False):
        kid.counts[year.index] = rng.randint(low, high)
    rest = [k for k in cohort if year.index not in k.counts]
    for kid in rest:
        kid.counts[year.index] = weighted(rng, OTHER_COUNTS)
    tail_total = sum(k.counts[year.index] for k in tail)
    _adjust_total(rng, rest, year.index, rng.randint(*YEAR_EPISODES) - tail_total)


def _adjust_total(rng: random.Random, rest: list[Kid], index: int, target: int) -> None:
    """Nudge the ordinary children's counts (1–9 each) until they add up to ``target``."""
    target = min(max(target, len(rest)), 9 * len(rest))
    total = sum(k.counts[index] for k in rest)
    while total != target:
        kid = rng.choice(rest)
        step = 1 if total < target else -1
        if 1 <= kid.counts[index] + step <= 9:
            kid.counts[index] += step
            total += step
