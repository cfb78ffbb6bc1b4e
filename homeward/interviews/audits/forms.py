"""Forms for RHI quality audits."""

from django import forms

from homeward.interviews.audits.scores import LINES
from homeward.interviews.audits.services import MAX_SAMPLE
from homeward.interviews.models import KeyLineOfEnquiry

SCORE_CHOICES = [
    (1, "1 – Inadequate"),
    (2, "2 – Requires improvement"),
    (3, "3 – Good"),
    (4, "4 – Outstanding"),
]


class AuditRoundForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="For example, “May 2023”.")
    held_on = forms.DateField(
        label="Date of the audit", widget=forms.DateInput(attrs={"type": "date"})
    )
    period_start = forms.DateField(
        label="Sample RHIs completed from", widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(label="to", widget=forms.DateInput(attrs={"type": "date"}))
    sample_size = forms.IntegerField(min_value=1, max_value=MAX_SAMPLE, initial=20)
    seed = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=2**62,
        help_text="Leave empty for a new random sample. The same seed draws the same sample.",
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The period must end on or after the day it starts.")
        return data


class InterviewAuditForm(forms.Form):
    """A 1–4 score and a comment for each of the seven key lines of enquiry."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for line in LINES:
            label = KeyLineOfEnquiry(line).label
            self.fields[f"score_{line}"] = forms.TypedChoiceField(
                label=label, choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
            )
            self.fields[f"comment_{line}"] = forms.CharField(
                label=f"Comment: {label.lower()}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @classmethod
    def initial_for(cls, audit) -> dict:
        initial = {}
        for line in LINES:
            initial[f"score_{line}"] = getattr(audit, line)
            initial[f"comment_{line}"] = (audit.comments or {}).get(line, "")
        return initial

    def scores(self) -> dict[str, int]:
        return {line: self.cleaned_data[f"score_{line}"] for line in LINES}

    def comments(self) -> dict[str, str]:
        return {line: self.cleaned_data[f"comment_{line}"] for line in LINES}

    def line_fields(self):
        """(score field, comment field) pairs, for the template."""
        return [(self[f"score_{line}"], self[f"comment_{line}"]) for line in LINES]
