"""The child search form (issue 2 item 5): name or person id, and/or date of birth."""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError

from homeward.timeutil import local_date


class DateOfBirthField(DateInputField):
    """A GOV.UK date input whose errors say what to fix, per the Design System's wording."""

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        if len(year) != 4:
            raise ValidationError("Year must include 4 numbers", code="invalid")
        try:
            return date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError("Date of birth must be a real date", code="invalid") from error


class ChildSearchForm(forms.Form):
    query = forms.CharField(
        label="Name or person ID",
        required=False,
        max_length=100,
        help_text="First name, last name or both, or part of them; or the child's person ID",
    )
    date_of_birth = DateOfBirthField(
        label="Date of birth (optional)",
        required=False,
        require_all_fields=False,
        help_text="For example, 27 3 2010",
    )

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.form_class = "hw-search-form"
        self.helper.layout = Layout(
            Field.text("query", field_width=20, autocomplete="off", spellcheck="false"),
            Field("date_of_birth"),
            Submit("search", "Search"),
        )

    def clean_date_of_birth(self) -> date | None:
        value = self.cleaned_data.get("date_of_birth")
        if value is not None and self.now is not None and value > local_date(self.now):
            raise ValidationError("Date of birth must be in the past", code="future")
        return value

    def clean(self):
        cleaned = super().clean()
        nothing_entered = not cleaned.get("query", "").strip() and not cleaned.get("date_of_birth")
        if nothing_entered and not self.errors:
            raise ValidationError("Enter a name, a person ID or a date of birth")
        return cleaned
