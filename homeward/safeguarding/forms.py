"""Forms for Philomena profiles, plans and meetings (SPEC.md §2)."""

from crispy_forms_gds.fields import DateInputField
from django import forms

from homeward.episodes.forms import GovukForm, VersionedForm
from homeward.safeguarding.models import Meeting, Plan


def _text(label: str, rows: int = 3, required: bool = False, help_text: str = ""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _date(label: str, required: bool = True, message: str = "") -> DateInputField:
    field = DateInputField(label=label, required=required, help_text="For example, 27 3 2025")
    if message:
        field.error_messages["required"] = message
    return field


class PhilomenaProfileForm(VersionedForm):
    description = _text("Physical description", help_text="Height, build, hair, marks")
    vulnerabilities = _text("Vulnerabilities")
    medical_needs = _text("Medical needs")
    medication = _text("Medication", rows=2)
    associates = _text("Associates", help_text="Friends, family and adults of concern")
    addresses = _text("Addresses and places frequented")
    phone_numbers = _text("Phone numbers", rows=2)
    social_media = _text("Social media", rows=2)
    transport = _text("Transport", rows=2, help_text="Bus routes, bikes, taxis used")
    finances = _text("Finances", rows=2, help_text="Bank cards, cash, money sources")
    reviewed_on = _date("Date last reviewed", required=False)


class PlanForm(GovukForm):
    kind = forms.ChoiceField(label="Plan", choices=Plan.Kind.choices, widget=forms.RadioSelect)
    started_on = _date("Start date", message="Enter the start date")
    review_on = _date("Review date", required=False)
    content = _text("The plan", rows=8, required=True)


class PlanEndForm(GovukForm):
    ended_on = _date("End date", message="Enter the end date")


class MeetingForm(GovukForm):
    kind = forms.ChoiceField(
        label="Meeting", choices=Meeting.Kind.choices, widget=forms.RadioSelect
    )
    held_on = _date("Date of the meeting", message="Enter the date of the meeting")
    agencies = _text("Agencies attending", rows=2)
    decisions = _text("Decisions", rows=5)
    action_description = _text("Action agreed", rows=2, help_text="Leave empty if none")
    action_owner = forms.CharField(label="Action owner", required=False, max_length=200)
    action_due_on = _date("Action due", required=False)
