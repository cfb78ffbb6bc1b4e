"""The performance page's period picker and cohort filter: a GET form with no personal data."""

from datetime import date

from django import forms

from homeward.reporting.cohorts import IN_AREA, OURS, OUT_OF_AREA, PLACED_HERE
from homeward.reporting.periods import (
    Period,
    calendar_quarter,
    date_range,
    month,
    reporting_quarter,
    reporting_year,
    reporting_year_of,
)

PERIOD_KINDS = [
    ("reporting_year", "Reporting year (April to March)"),
    ("reporting_quarter", "Quarter of a reporting year"),
    ("calendar_quarter", "Calendar quarter"),
    ("month", "Month"),
    ("range", "Dates of my choice"),
]
COHORTS = [
    ("all", "All children"),
    ("looked_after", "Looked after children"),
    ("ours", "Our looked after children, wherever placed"),
    (IN_AREA, "Our looked after children placed in our area"),
    (OUT_OF_AREA, "Our looked after children placed out of area"),
    (PLACED_HERE, "Looked after children placed here by another authority"),
]
MONTHS = [(n, date(2000, n, 1).strftime("%B")) for n in range(1, 13)]
DATE = forms.DateInput(attrs={"type": "date"})
MAX_RANGE_DAYS = 3 * 366


class PerformanceForm(forms.Form):
    period = forms.ChoiceField(label="Period", choices=PERIOD_KINDS, initial="reporting_year")
    year = forms.IntegerField(
        label="Year",
        min_value=2000,
        max_value=2100,
        required=False,
        help_text="For a reporting year or its quarters, the year it starts (2023 for 2023/24).",
    )
    quarter = forms.TypedChoiceField(
        label="Quarter", choices=[(n, f"Q{n}") for n in range(1, 5)], coerce=int, required=False
    )
    month = forms.TypedChoiceField(label="Month", choices=MONTHS, coerce=int, required=False)
    start = forms.DateField(label="From", required=False, widget=DATE)
    end = forms.DateField(label="To", required=False, widget=DATE)
    cohort = forms.ChoiceField(label="Children", choices=COHORTS, initial="all", required=False)
    authority = forms.CharField(
        label="Responsible authority (optional)",
        required=False,
        max_length=100,
        help_text="The authority's name or ONS code as it is recorded.",
    )

    def __init__(self, data=None, *, today: date):
        self.today = today
        default_year = reporting_year_of(today).start.year
        initial = {"period": "reporting_year", "year": default_year, "cohort": "all"}
        bound = {**initial, **{k: v for k, v in (data or {}).items() if v != ""}}
        super().__init__(bound)

    def clean(self):
        data = super().clean()
        kind = data.get("period")
        if kind == "range":
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                raise forms.ValidationError("Enter the first and last day of the period.")
            if end < start:
                self.add_error("end", "The period must end on or after the day it starts.")
            elif (end - start).days > MAX_RANGE_DAYS:
                self.add_error("end", "Choose a period of no more than three years.")
        elif kind in ("reporting_quarter", "calendar_quarter") and not data.get("quarter"):
            self.add_error("quarter", "Choose a quarter.")
        elif kind == "month" and not data.get("month"):
            self.add_error("month", "Choose a month.")
        if kind != "range" and not data.get("year"):
            self.add_error("year", "Enter a year.")
        return data

    def selected_period(self) -> Period:
        data = self.cleaned_data
        kind, year = data["period"], data.get("year")
        if kind == "reporting_year":
            return reporting_year(year)
        if kind == "reporting_quarter":
            return reporting_quarter(year, data["quarter"])
        if kind == "calendar_quarter":
            return calendar_quarter(year, data["quarter"])
        if kind == "month":
            return month(year, data["month"])
        return date_range(data["start"], data["end"])

    def cohort_options(self) -> dict:
        """Keyword arguments of :class:`~homeward.reporting.cohorts.Cohort` for the choice."""
        choice = self.cleaned_data.get("cohort") or "all"
        options: dict = {"responsible_authority": self.cleaned_data.get("authority") or None}
        if choice == "looked_after":
            options["looked_after"] = True
        elif choice in (OURS, IN_AREA, OUT_OF_AREA, PLACED_HERE):
            options["placement"] = choice
        return options
