"""Time as SPEC.md §3 counts it: instants in UTC, dates and periods in Europe/London."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")
RHI_TIMESCALE = timedelta(hours=72)


def local_date(instant: datetime) -> date:
    """The Europe/London calendar date of an aware instant."""
    if instant.tzinfo is None:
        raise ValueError("local_date needs an aware datetime")
    return instant.astimezone(LONDON).date()


def to_london(instant: datetime) -> datetime:
    return instant.astimezone(LONDON)


def rhi_deadline(returned_at: datetime) -> datetime:
    """72 elapsed hours after the return (SPEC.md §3), computed in UTC so DST cannot shift it."""
    return returned_at.astimezone(UTC) + RHI_TIMESCALE


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years on a date (SPEC.md §3); a 29 February birthday falls on 1 March."""
    before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - int(before_birthday)


def eighteenth_birthday(date_of_birth: date) -> date:
    try:
        return date_of_birth.replace(year=date_of_birth.year + 18)
    except ValueError:  # born 29 February
        return date(date_of_birth.year + 18, 3, 1)


def parse_instant(value: str) -> datetime:
    """An ISO 8601 instant; without an offset it is Europe/London local time (SPEC.md §9).

    A local time that does not exist (the spring-forward gap) or is ambiguous (the autumn hour)
    is rejected rather than guessed.
    """
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC)
    early = parsed.replace(tzinfo=LONDON, fold=0)
    late = parsed.replace(tzinfo=LONDON, fold=1)
    # The gap first: there fold=0 and fold=1 also differ in offset, so it would pass for ambiguous.
    if early.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != parsed:
        raise ValueError("does not exist in London time (the clocks go forward)")
    if early.utcoffset() != late.utcoffset():
        raise ValueError("is ambiguous in London time (the clocks go back); give an offset")
    return early.astimezone(UTC)
