"""Filters and keyset paging for the episodes list (issue 4 item 7).

Filters travel in the query string: they hold no personal data (decision 0004). Paging is by
keyset on (went missing at, id) descending, never OFFSET and never COUNT(*) over the table, so
page 1000 costs what page 1 costs at three million episodes (decision 0007).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import django_filters
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms
from django.db.models import Q, QuerySet

from homeward.episodes.models import Category, RiskLevel
from homeward.reporting.rhi import STATUS_LABELS, STATUSES
from homeward.timeutil import UTC, local_date

PAGE_SIZE = 50


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "govuk-input govuk-input--width-10", **(attrs or {})})


class EpisodeFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label="Open or closed",
        choices=[("open", "Still missing"), ("closed", "Returned")],
        empty_label="Any",
        method="filter_state",
    )
    rhi_status = django_filters.ChoiceFilter(
        label="Return interview status",
        choices=[(status, STATUS_LABELS[status]) for status in STATUSES],
        empty_label="Any",
        method="filter_rhi_status",
    )
    risk_level = django_filters.ChoiceFilter(
        label="Risk level", choices=RiskLevel.choices, empty_label="Any"
    )
    category = django_filters.ChoiceFilter(
        label="Category", choices=Category.choices, empty_label="Any"
    )
    looked_after = django_filters.ChoiceFilter(
        label="Looked after",
        choices=[("yes", "Looked after"), ("no", "Not looked after")],
        empty_label="Any",
        method="filter_looked_after",
    )
    went_missing_from = django_filters.DateFilter(
        label="Went missing from",
        field_name="went_missing_on",
        lookup_expr="gte",
        widget=_DateInput,
    )
    went_missing_to = django_filters.DateFilter(
        label="Went missing to",
        field_name="went_missing_on",
        lookup_expr="lte",
        widget=_DateInput,
    )

    def filter_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(returned_at__isnull=(value == "open"))

    def filter_rhi_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(rhi_status=value)  # annotated by the view (reporting.rhi)

    def filter_looked_after(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(care_period__isnull=(value == "no"))

    @property
    def form(self):
        form = super().form
        form.helper = FormHelper()
        form.helper.form_tag = False
        form.helper.form_method = "get"  # no CSRF token in the list's address
        form.helper.label_size = Size.SMALL
        return form


@dataclass(frozen=True)
class Cursor:
    """A position in the list: the went-missing instant and id of a row."""

    at: datetime
    pk: int

    def encode(self) -> str:
        return f"{self.at.timestamp():.6f}_{self.pk}"

    @classmethod
    def decode(cls, text: str | None) -> "Cursor | None":
        if not text:
            return None
        try:
            stamp, pk = text.split("_")
            return cls(datetime.fromtimestamp(float(stamp), tz=UTC), int(pk))
        except (ValueError, OverflowError):
            return None


@dataclass(frozen=True)
class Page:
    rows: list
    next_cursor: str | None
    previous_cursor: str | None
    is_first: bool


# Newest first. went_missing_on (the London date of went_missing_at, SPEC.md §3) orders exactly as
# went_missing_at does and is indexed, so the database walks that index backwards and stops after
# one page instead of sorting every episode (decision 0042).
NEWEST_FIRST = ("-went_missing_on", "-went_missing_at", "-pk")
OLDEST_FIRST = ("went_missing_on", "went_missing_at", "pk")


def _older_than(cursor: Cursor) -> Q:
    """Rows after the cursor, newest first; the date bound lets the index range do the work."""
    return Q(went_missing_on__lte=local_date(cursor.at)) & (
        Q(went_missing_at__lt=cursor.at) | Q(went_missing_at=cursor.at, pk__lt=cursor.pk)
    )


def _newer_than(cursor: Cursor) -> Q:
    return Q(went_missing_on__gte=local_date(cursor.at)) & (
        Q(went_missing_at__gt=cursor.at) | Q(went_missing_at=cursor.at, pk__gt=cursor.pk)
    )


def keyset_page(
    queryset: QuerySet,
    *,
    after: Cursor | None,
    before: Cursor | None,
    rows: Callable[[list[int]], QuerySet],
    size: int = PAGE_SIZE,
) -> Page:
    """One page, newest first, after (older than) or before (newer than) a cursor.

    Two steps: the page's ids from ``queryset`` (filters only, no joins for display, so the
    planner walks the date index on SQLite as on PostgreSQL), then ``rows(ids)`` — the records
    with whatever the template shows — put back in page order.
    """
    if before is not None:
        keys = queryset.filter(_newer_than(before)).order_by(*OLDEST_FIRST)
        found = list(keys.values_list("pk", flat=True)[: size + 1])
        has_newer, has_older = len(found) > size, True
        ids = found[:size][::-1]
    else:
        keys = queryset.filter(_older_than(after)) if after is not None else queryset
        found = list(keys.order_by(*NEWEST_FIRST).values_list("pk", flat=True)[: size + 1])
        has_older, has_newer = len(found) > size, after is not None
        ids = found[:size]
    by_pk = rows(ids).in_bulk(ids)
    records = [by_pk[pk] for pk in ids]
    return Page(
        rows=records,
        next_cursor=_cursor(records[-1]) if records and has_older else None,
        previous_cursor=_cursor(records[0]) if records and has_newer else None,
        is_first=not has_newer,
    )


def _cursor(row) -> str:
    return Cursor(row.went_missing_at, row.pk).encode()
