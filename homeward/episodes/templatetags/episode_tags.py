"""Showing instants in London time (SPEC.md §3) and the RHI clock (SPEC.md §3, §4)."""

from datetime import datetime

from django import template

from homeward.episodes.forms import format_clock
from homeward.reporting.rhi import STATUS_LABELS
from homeward.timeutil import UTC, to_london

register = template.Library()

_STATUS_COLOURS = {
    "not_due": "grey",
    "voided": "grey",
    "completed_in_time": "green",
    "completed_late": "yellow",
    "declined": "purple",
    "pending": "blue",
    "overdue": "red",
}


@register.filter
def london(value: datetime | None) -> str:
    """Tuesday 4 March 2025, 7:30pm — the long form for a record's own page."""
    if value is None:
        return ""
    local = to_london(value)
    return f"{local:%A %-d %B %Y}, {format_clock(local.time())}"


@register.filter
def london_short(value: datetime | None) -> str:
    """4 Mar 2025, 7:30pm — the short form for tables."""
    if value is None:
        return ""
    local = to_london(value)
    return f"{local:%-d %b %Y}, {format_clock(local.time())}"


@register.filter
def rhi_status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


@register.filter
def rhi_status_colour(status: str) -> str:
    return _STATUS_COLOURS.get(status, "grey")


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}{'' if n == 1 else 's'}"


def _duration(seconds: float) -> str:
    """3 days 4 hours, 40 hours 12 min, 25 minutes: as a co-ordinator would say it."""
    minutes = int(seconds // 60)
    hours, minutes = divmod(minutes, 60)
    if hours >= 72:
        days, hours = divmod(hours, 24)
        return _plural(days, "day") + (f" {_plural(hours, 'hour')}" if hours else "")
    if hours >= 1:
        return _plural(hours, "hour") + (f" {minutes} min" if minutes else "")
    return _plural(minutes, "minute")


@register.simple_tag
def rhi_clock(deadline: datetime | None, now: datetime) -> str:
    """'40 hours 12 min left' or 'Overdue by 3 hours': elapsed time, so DST cannot shift it."""
    if deadline is None:
        return ""
    left = (deadline.astimezone(UTC) - now.astimezone(UTC)).total_seconds()
    return f"{_duration(left)} left" if left >= 0 else f"Overdue by {_duration(-left)}"


def _choice_enums() -> dict:
    from homeward.episodes.models import ExploitationConcern
    from homeward.interviews.models import CreIndicator, PullFactor, PushFactor

    return {
        "push": PushFactor,
        "pull": PullFactor,
        "cre": CreIndicator,
        "exploitation": ExploitationConcern,
    }


@register.filter
def choice_labels(values: list[str] | None, kind: str) -> list[str]:
    """The labels of coded values stored as a list (push/pull factors, CRE indicators, …)."""
    enum = _choice_enums()[kind]
    labels = dict(enum.choices)
    return [labels.get(value, value) for value in values or []]


@register.simple_tag
def forms_with_errors(*forms) -> list:
    """The page's forms that have errors, for one error summary and the "Error:" title prefix."""
    return [form for form in forms if getattr(form, "errors", None)]
