"""Forms of the missing-episode journeys: report, update risk, notes, return (SPEC.md §2).

Forms gather and parse what the user typed; the business rules live in ``episodes.rules`` and
are applied by the services, whose ``ValidationError`` the views attach back to these forms.
Times are typed in London local time (SPEC.md §3) with :class:`LondonDateTimeField`.
"""

import re
from datetime import date, datetime, time

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from homeward.children import codes
from homeward.episodes.models import (
    Category,
    EpisodeNote,
    ExploitationConcern,
    HowEnded,
    Location,
    ReportedBy,
    RiskLevel,
)
from homeward.timeutil import LONDON, UTC

_TIME = re.compile(
    r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm)?\s*(?P<zone>bst|gmt)?$"
)
_WORDS = {"midnight": "0:00", "midday": "12:00", "noon": "12:00"}


def parse_clock(text: str) -> tuple[time, str]:
    """A clock time as people type it: 7:30pm, 19:30, 7pm, midnight; optionally BST or GMT.

    Returns the time and the zone named ("bst", "gmt" or ""). Raises ValueError.
    """
    cleaned = text.strip().lower().replace(" ", "")
    for word, value in _WORDS.items():
        cleaned = cleaned.replace(word, value)
    match = _TIME.match(cleaned)
    if not match:
        raise ValueError("Enter a time like 7:30pm or 19:30")
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            raise ValueError("Enter an hour from 1 to 12 with am or pm, or use the 24-hour clock")
        hour = hour % 12 + (12 if match["half"] == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError("Enter a real time, like 7:30pm or 19:30")
    return time(hour, minute), match["zone"] or ""


def london_instant(day: date, clock: time, zone: str = "") -> datetime:
    """The UTC instant of a London wall-clock time (SPEC.md §3).

    The spring-forward gap is refused; the autumn hour that happens twice is refused unless
    ``zone`` says which ("bst" the first, "gmt" the second) — see decision 0006.
    """
    wall = datetime.combine(day, clock)
    first = wall.replace(tzinfo=LONDON, fold=0)
    second = wall.replace(tzinfo=LONDON, fold=1)
    shown = f"{format_clock(clock)} on {day:%-d %B %Y}"
    if first.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != wall:
        raise ValueError(
            f"{shown} did not happen in the UK: the clocks went forward an hour. "
            "Check the time and enter it again"
        )
    if first.utcoffset() != second.utcoffset():
        if not zone:
            raise ValueError(
                f"{shown} happened twice because the clocks went back. Enter "
                f"{format_clock(clock)} BST for the first time or {format_clock(clock)} GMT for "
                "the second"
            )
        return (first if zone == "bst" else second).astimezone(UTC)
    if zone and zone != ("bst" if first.dst() else "gmt"):
        raise ValueError(f"{shown} was in {'BST' if first.dst() else 'GMT'}, not {zone.upper()}")
    return first.astimezone(UTC)


def format_clock(clock: time) -> str:
    """GOV.UK style: 7:30pm, 10am, midnight, midday."""
    if clock.minute == 0 and clock.hour in (0, 12):
        return "midnight" if clock.hour == 0 else "midday"
    hour = clock.hour % 12 or 12
    minutes = f":{clock.minute:02d}" if clock.minute else ""
    return f"{hour}{minutes}{'am' if clock.hour < 12 else 'pm'}"


class LondonDateTimeWidget(forms.MultiWidget):
    """GOV.UK date input (day, month, year) followed by a time box."""

    template_name = "episodes/widgets/london_datetime.html"
    has_errors = False

    def __init__(self, attrs=None):
        def box(label: str, width: int, **extra):
            css = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
            return forms.TextInput(attrs={"class": css, "label": label, **extra})

        widgets = [
            box("Day", 2, inputmode="numeric"),
            box("Month", 2, inputmode="numeric"),
            box("Year", 4, inputmode="numeric"),
            box("Time", 5, autocomplete="off"),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if not value:
            return [None, None, None, None]
        local = value.astimezone(LONDON)
        clock = format_clock(local.time())
        if local.replace(fold=1).utcoffset() != local.replace(fold=0).utcoffset():
            clock += " BST" if local.dst() else " GMT"
        return [local.day, local.month, local.year, clock]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["has_errors"] = self.has_errors
        return context


class LondonDateTimeField(forms.MultiValueField):
    """A date and time typed in London local time, cleaned to an aware UTC instant."""

    widget = LondonDateTimeWidget

    def __init__(self, **kwargs):
        fields = (
            forms.CharField(),
            forms.CharField(),
            forms.CharField(),
            forms.CharField(),
        )
        kwargs.setdefault(
            "help_text",
            "For example, 27 3 2025 and 7:30pm. Use London time (the time on a UK clock).",
        )
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def clean(self, value):
        parts = [str(v).strip() if v is not None else "" for v in (value or [])] + [""] * 4
        day, month, year, clock = parts[:4]
        if not any((day, month, year, clock)):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise ValidationError(f"{self._What()} must include a {' and '.join(missing)}")
        if not clock:
            raise ValidationError(f"{self._What()} must include a time")
        try:
            when = date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{self._What()} must be a real date") from None
        if when.year < 1900:
            raise ValidationError(f"{self._What()} must include a 4-digit year")
        try:
            return london_instant(when, *parse_clock(clock))
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def compress(self, data_list):  # clean() does the whole job
        return data_list

    def _what(self) -> str:
        return str(self.label or "").lower()

    def _What(self) -> str:  # noqa: N802 — the sentence-case spelling of _what
        return str(self.label or "The date and time").capitalize()


class GovukForm(forms.Form):
    """A form rendered with the GOV.UK Design System: error summary, messages by the fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if (
                field.error_messages.get("required")
                == forms.Field.default_error_messages["required"]
            ):
                verb = "Select" if isinstance(field, forms.ChoiceField) else "Enter"
                what = str(field.label or "this").rstrip("?").lower()
                field.error_messages["required"] = f"{verb} {what}"

    @property
    def helper(self) -> FormHelper:
        """Built on use, so fields added in a subclass's ``__init__`` are laid out too."""
        helper = FormHelper()
        helper.form_tag = False
        helper.legend_size = Size.SMALL
        helper.label_size = Size.SMALL
        helper.layout = Layout(*self.fields)
        return helper

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.has_errors = True


class VersionedForm(GovukForm):
    """Carries the version of the record the user saw (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


def _choices(enum, blank: str | None = None):
    return ([("", blank)] if blank is not None else []) + list(enum.choices)


class PlaceFields(forms.Form):
    """Choose a known place or name a new one (SPEC.md §2 "Location")."""

    def place_field(self, name: str, label: str, places) -> None:
        self.fields[name] = forms.ModelChoiceField(
            label=label,
            queryset=places if places is not None else Location.objects.none(),
            required=False,
            empty_label="Not known or not in the list",
        )
        self.fields[f"{name}_new"] = forms.CharField(
            label="Or name a new place",
            required=False,
            max_length=200,
            help_text="For example, the bus station or a park. Leave empty if not known.",
        )


class ReportMissingForm(GovukForm, PlaceFields):
    """Report a child missing: what the police and the co-ordinator need at once."""

    category = forms.ChoiceField(
        label="Category",
        choices=Category.choices,
        widget=forms.RadioSelect,
        initial=Category.MISSING,
        help_text="Away: a looked after child whose whereabouts are known but who is not where "
        "they should be.",
    )
    went_missing_at = LondonDateTimeField(
        label="When was the child last seen?",
        error_messages={"required": "Enter when the child was last seen"},
    )
    reported_at = LondonDateTimeField(label="When was it reported?", required=False)
    reported_by = forms.ChoiceField(
        label="Who reported it?",
        choices=ReportedBy.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    police_reference = forms.CharField(label="Police reference", required=False, max_length=40)
    risk_level = forms.ChoiceField(
        label="Police risk level",
        choices=_choices(RiskLevel, "Not yet graded"),
        required=False,
    )
    last_seen_details = forms.CharField(
        label="Where were they last seen? (details)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    may_be_with = forms.CharField(
        label="Who may they be with?", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    clothing = forms.CharField(
        label="What were they wearing?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Philomena Protocol part 2",
    )
    last_seen_with = forms.CharField(
        label="Who were they last seen with?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Philomena Protocol part 2",
    )

    field_order = [
        "category",
        "went_missing_at",
        "reported_at",
        "reported_by",
        "police_reference",
        "risk_level",
        "last_seen_place",
        "last_seen_place_new",
        "last_seen_details",
        "may_be_with",
        "clothing",
        "last_seen_with",
    ]

    def __init__(self, *args, places=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.place_field("last_seen_place", "Last seen place", places)
        self.order_fields(self.field_order)


class NewChildForm(GovukForm):
    """The minimum to create a child not yet known to Homeward, in the report journey."""

    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100)
    date_of_birth = DateInputField(label="Date of birth", help_text="For example, 27 3 2010")
    sex = forms.ChoiceField(label="Sex", choices=codes.Sex.choices, widget=forms.RadioSelect)
    gender = forms.ChoiceField(
        label="Gender identity",
        choices=_choices(codes.Gender, "Not recorded"),
        required=False,
        help_text="As the child describes it",
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].error_messages["required"] = "Enter the date of birth"
        # Asked only when the user's own organisation cannot hold the record (police).
        if organisations is not None:
            self.fields["organisation"] = forms.ModelChoiceField(
                label="Which local authority should hold the record?",
                queryset=organisations,
                widget=forms.RadioSelect,
                empty_label=None,
                error_messages={"required": "Select the local authority"},
            )


class RiskUpdateForm(VersionedForm):
    level = forms.ChoiceField(
        label="New risk level", choices=RiskLevel.choices, widget=forms.RadioSelect
    )
    at = LondonDateTimeField(
        label="When did the police grade it?",
        error_messages={"required": "Enter when the police graded the risk"},
    )


class NoteForm(GovukForm):
    kind = forms.ChoiceField(
        label="What is it?",
        choices=EpisodeNote.Kind.choices,
        widget=forms.RadioSelect,
        initial=EpisodeNote.Kind.SIGHTING,
    )
    at = LondonDateTimeField(label="When?", error_messages={"required": "Enter when it happened"})
    text = forms.CharField(label="What happened?", widget=forms.Textarea(attrs={"rows": 4}))
    shared_with_police = forms.BooleanField(label="Share with the police", required=False)


class ReturnForm(VersionedForm, PlaceFields):
    returned_at = LondonDateTimeField(
        label="When did the child return or was found?",
        error_messages={"required": "Enter when the child returned or was found"},
    )
    how_ended = forms.ChoiceField(
        label="How did the episode end?", choices=HowEnded.choices, widget=forms.RadioSelect
    )
    where_found = forms.CharField(
        label="Where was the child and who were they with?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    harm_disclosed = forms.TypedChoiceField(
        label="Did the child disclose harm?",
        choices=[("yes", "Yes"), ("no", "No"), ("", "Not known")],
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    exploitation_concerns = forms.MultipleChoiceField(
        label="Exploitation concerns",
        choices=ExploitationConcern.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply",
    )

    field_order = [
        "version",
        "returned_at",
        "how_ended",
        "found_place",
        "found_place_new",
        "stayed_place",
        "stayed_place_new",
        "where_found",
        "harm_disclosed",
        "exploitation_concerns",
    ]

    def __init__(self, *args, places=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.place_field("found_place", "Where was the child found?", places)
        self.place_field("stayed_place", "Where did the child stay?", places)
        self.order_fields(self.field_order)


class EpisodeEditForm(ReportMissingForm):
    """Correct a report's details; the risk has its own history and page."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    risk_level = None
    clothing = None
    last_seen_with = None


class RecordedInErrorForm(VersionedForm):
    """Confirm marking an episode recorded in error, or restoring it."""
