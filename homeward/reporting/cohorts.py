"""Cohort filters and the per-episode values reports break down by (SPEC.md §3, §6).

Each value is taken on the episode's own London date (``went_missing_on``) and the care period
covering it (``Episode.care_period``, kept by ``children.services.episode_care_periods_refresh``),
so a child who turns 13 or moves placement between two episodes is counted as they were at each.

Two kinds of expression live here. Those over ``Episode`` (:func:`age_expression`,
:func:`placement_group_expression`, :func:`recorder_is_ours_condition`) derive the episode facts
(:mod:`homeward.reporting.facts`); those over the facts (:func:`placement_area_expression`,
:func:`age_band_expression`, :func:`cohort_filter`) are what counting reads.

"Ours" — the authority a report is for — is how "placed here by another authority" and "our
children placed out of area" are told apart (docs/decisions, "ours"): the cohort names it
(``Cohort.for_organisation``), otherwise each episode's own recording organisation is ours. A
child's ``responsible_authority`` matches ours when it equals the organisation's name or ONS
code, ignoring case; an empty responsible authority is taken as ours (the authority that
records the child is the one that looks after them unless told otherwise).
"""

from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Lower
from django.db.models.lookups import Exact, In, LessThan

from homeward.children.codes import PLACEMENT_GROUP_CODES, PlacementGroup

IN_AREA = "in_area"
OUT_OF_AREA = "out_of_area"
PLACED_HERE = "placed_here"
AREA_NOT_RECORDED = "area_not_recorded"
NOT_LOOKED_AFTER = "not_looked_after"
PLACEMENT_AREAS = (IN_AREA, OUT_OF_AREA, PLACED_HERE, AREA_NOT_RECORDED, NOT_LOOKED_AFTER)

# Cohort.placement values: the three of SPEC.md §6 and "ours" (our looked-after children,
# wherever placed — Durham's "our Durham children looked after").
OURS = "ours"
PLACEMENT_COHORTS = {
    IN_AREA: (IN_AREA,),
    OUT_OF_AREA: (OUT_OF_AREA,),
    PLACED_HERE: (PLACED_HERE,),
    OURS: (IN_AREA, OUT_OF_AREA, AREA_NOT_RECORDED),
}

AGE_BANDS = ("0-9", "10-12", "13-15", "16-17")
AGE_18_PLUS = "18+"  # cannot happen for a valid episode (SPEC.md §1); counted, never hidden

PLACEMENT_GROUPS = tuple(PlacementGroup.values)

NOT_RECORDED = "not_recorded"


@dataclass(frozen=True)
class Cohort:
    """Which of the period's episodes a report counts (SPEC.md §6)."""

    looked_after: bool = False  # the child was looked after on the episode's local date
    # None, "in_area", "out_of_area" (our looked-after children placed outside our area),
    # "placed_here" (looked after by another authority, placed in our area) or "ours" (our
    # looked-after children wherever placed). Any of these implies looked after.
    placement: str | None = None
    responsible_authority: str | None = None  # as written in the records (name or ONS code)
    # The names and ONS codes that mean "our authority"; empty: each episode's organisation.
    ours: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.placement is not None and self.placement not in PLACEMENT_COHORTS:
            raise ValueError(f"Unknown placement cohort {self.placement!r}.")
        object.__setattr__(
            self, "ours", tuple(sorted({name.strip().lower() for name in self.ours if name}))
        )

    @classmethod
    def for_organisation(cls, organisation, **kwargs) -> "Cohort":
        """A cohort whose "ours" is the organisation (its name and ONS code)."""
        return cls(ours=(organisation.name, organisation.ons_code), **kwargs)

    def describe(self) -> str:
        parts = []
        if self.placement == IN_AREA:
            parts.append("our looked after children placed in our area")
        elif self.placement == OUT_OF_AREA:
            parts.append("our looked after children placed out of area")
        elif self.placement == PLACED_HERE:
            parts.append("looked after children placed here by another authority")
        elif self.placement == OURS:
            parts.append("our looked after children")
        elif self.looked_after:
            parts.append("looked after children")
        if self.responsible_authority:
            parts.append(f"responsible authority {self.responsible_authority}")
        return "; ".join(parts) or "all episodes"


def recorder_is_ours_condition() -> Q:
    """Over ``Episode``: the child's responsible authority is empty, or is the recording
    organisation's name or ONS code, ignoring case (stored as ``authority_is_recorder``)."""
    authority = Lower("child__responsible_authority")
    return (
        Q(child__responsible_authority="")
        | Q(Exact(authority, Lower("organisation__name")))
        | (~Q(organisation__ons_code="") & Q(Exact(authority, Lower("organisation__ons_code"))))
    )


def ours_fact(cohort: Cohort) -> Q:
    """Over the facts: the child's responsible authority is ours (see the module docstring)."""
    if cohort.ours:
        return Q(responsible_authority="") | Q(
            In(Lower("responsible_authority"), list(cohort.ours))
        )
    return Q(authority_is_recorder=True)


def placement_area_expression(cohort: Cohort) -> Case:
    """Over the facts: in_area / out_of_area (ours) / placed_here (another authority's) / not
    looked after."""
    return Case(
        When(looked_after=False, then=Value(NOT_LOOKED_AFTER)),
        When(~ours_fact(cohort), then=Value(PLACED_HERE)),
        When(in_area=True, then=Value(IN_AREA)),
        When(in_area=False, then=Value(OUT_OF_AREA)),
        default=Value(AREA_NOT_RECORDED),
        output_field=CharField(),
    )


def placement_group_expression() -> Case:
    """Over ``Episode``: the SPEC.md §2 placement group of the episode's care period; the
    unregulated flag wins."""
    return Case(
        When(care_period__isnull=True, then=Value(PlacementGroup.NOT_LOOKED_AFTER.value)),
        When(care_period__unregulated=True, then=Value(PlacementGroup.UNREGULATED.value)),
        *[
            When(care_period__placement_type__in=codes, then=Value(str(group)))
            for group, codes in PLACEMENT_GROUP_CODES.items()
        ],
        default=Value(PlacementGroup.OTHER.value),
        output_field=CharField(),
    )


class DateNumber(Func):
    """A date as the integer YYYYMMDD, computed in SQL (no per-row Python function)."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite keeps dates as 'YYYY-MM-DD' text.
        return self.as_sql(
            compiler, connection, template="CAST(REPLACE(%(expressions)s, '-', '') AS INTEGER)"
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="CAST(TO_CHAR(%(expressions)s, 'YYYYMMDD') AS INTEGER)"
        )


def age_expression() -> Combinable:
    """The child's age in whole years on the episode's London date (SPEC.md §3), in SQL.

    (YYYYMMDD of the date − YYYYMMDD of birth) ÷ 10000, in integers: the years, less one while
    the birthday has not come; a 29 February birthday therefore falls on 1 March, as
    ``timeutil.age_on`` has it.
    """
    return ExpressionWrapper(
        (DateNumber("went_missing_on") - DateNumber("child__date_of_birth")) / Value(10000),
        output_field=IntegerField(),
    )


def age_band_expression(age=None) -> Case:
    """The age band of the child's age on the episode's London date: over the facts (their
    ``age``), or over ``Episode`` given :func:`age_expression`."""
    age = F("age") if age is None else age
    return Case(
        When(LessThan(age, 10), then=Value("0-9")),
        When(LessThan(age, 13), then=Value("10-12")),
        When(LessThan(age, 16), then=Value("13-15")),
        When(LessThan(age, 18), then=Value("16-17")),
        default=Value(AGE_18_PLUS),
        output_field=CharField(),
    )


def cohort_filter(facts: QuerySet, cohort: Cohort) -> QuerySet:
    """Narrow episode facts to the cohort (SPEC.md §6: the cohort filter comes first)."""
    if cohort.looked_after or cohort.placement:
        facts = facts.filter(looked_after=True)
    if cohort.placement:
        facts = facts.alias(_placement_area=placement_area_expression(cohort)).filter(
            _placement_area__in=PLACEMENT_COHORTS[cohort.placement]
        )
    if cohort.responsible_authority:
        facts = facts.alias(_authority=Lower("responsible_authority")).filter(
            _authority=cohort.responsible_authority.strip().lower()
        )
    return facts
