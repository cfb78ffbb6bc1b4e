"""RHI quality-audit averages (SPEC.md §2 "RHI audit"; Derby's audit-score table).

Every audit figure on the page, in downloads and in the committee report comes from here.
Averages are computed in the database (``Avg``); only the rounding for display happens in Python.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, QuerySet

from homeward.interviews.models import AuditRound, KeyLineOfEnquiry

LINES: tuple[str, ...] = tuple(KeyLineOfEnquiry.values)


def one_decimal(value: float | Decimal | None) -> Decimal | None:
    """Round half up to one decimal place, as Derby's table shows scores (2.9, 19.3)."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class RoundScores:
    """One column of Derby's audit table: the average per key line of enquiry for one round."""

    round_id: int
    name: str
    held_on: object
    sample_size: int  # asked for
    sampled: int  # drawn (fewer when fewer RHIs were completed in the period)
    scored: int
    averages: dict[str, Decimal | None]  # line -> average, one decimal place
    total: Decimal | None  # "AVERAGE SCORING": the sum of the unrounded line averages


def _fully_scored() -> Q:
    return Q(**{f"audits__{line}__isnull": False for line in LINES})


def round_scores(rounds: QuerySet[AuditRound]) -> list[RoundScores]:
    """The averages of each round, oldest first, over the audits with every line scored.

    Derby's "AVERAGE SCORING" is the sum of the seven line averages (2.9 + 2.4 + … = 19.3); it is
    summed before rounding, so it can differ by 0.1 from the sum of the rounded averages shown.
    """
    scored = _fully_scored()
    annotated = rounds.order_by("held_on", "pk").annotate(
        sampled_count=Count("audits"),
        scored_count=Count("audits", filter=scored),
        **{f"avg_{line}": Avg(f"audits__{line}", filter=scored) for line in LINES},
    )
    result = []
    for row in annotated:
        raw = {line: getattr(row, f"avg_{line}") for line in LINES}
        total = (
            None if any(v is None for v in raw.values()) else sum(float(v) for v in raw.values())
        )
        result.append(
            RoundScores(
                round_id=row.pk,
                name=row.name,
                held_on=row.held_on,
                sample_size=row.sample_size,
                sampled=row.sampled_count,
                scored=row.scored_count,
                averages={line: one_decimal(value) for line, value in raw.items()},
                total=one_decimal(total),
            )
        )
    return result
