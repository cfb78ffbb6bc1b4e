"""Forms of the return home interview journey (SPEC.md §2 "Return home interview")."""

from django import forms

from homeward.episodes.forms import LondonDateTimeField, VersionedForm
from homeward.interviews.models import CreIndicator, InterviewerRole, PullFactor, PushFactor


def _text(label: str, rows: int = 4, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _checkboxes(label: str, enum) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=enum.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
    )


class OfferForm(VersionedForm):
    offered_at = LondonDateTimeField(
        label="When was the interview offered?",
        error_messages={"required": "Enter when the interview was offered"},
    )
    offered_by = forms.CharField(
        label="Who offered it?", max_length=200, help_text="Name and role or service"
    )


class AnswerForm(VersionedForm):
    accepted = forms.TypedChoiceField(
        label="Did the child accept the interview?",
        choices=[("yes", "Yes, accepted"), ("no", "No, declined")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    declined_reason = _text(
        "If declined, why?", rows=3, help_text="In the child's words if possible"
    )


class CompleteForm(VersionedForm):
    completed_at = LondonDateTimeField(
        label="When was the interview completed?",
        error_messages={"required": "Enter when the interview was completed"},
    )
    interviewer_name = forms.CharField(
        label="Interviewer", max_length=200, required=False, help_text="Leave empty if it was you"
    )
    interviewer_role = forms.ChoiceField(
        label="Interviewer's role",
        choices=InterviewerRole.choices,
        widget=forms.RadioSelect,
        help_text="Someone independent of the child's care, unless the child chose otherwise. "
        "Residential staff only when trained under the exception guidance.",
    )
    push_factors = _checkboxes("Push factors: what made the child leave?", PushFactor)
    pull_factors = _checkboxes("Pull factors: what drew the child away?", PullFactor)
    factors_details = _text("Push and pull factors in detail")
    where_stayed = _text("Where did the child stay, and with whom?", rows=3)
    travel = _text("How did the child travel?", rows=2)
    harm_suffered = _text("Harm suffered", rows=3)
    cre_indicators = _checkboxes("Child at risk of exploitation checklist", CreIndicator)
    childs_words = _text("The child's own words", rows=5)
    analysis = _text("Professional analysis and judgement", rows=5)
    actions = _text("Actions, safety and disruption plan", rows=5)


class ConfirmForm(VersionedForm):
    """A button that carries the version the user saw (share with police, authorise)."""


VOID_REASONS = [
    ("Child moved out of area", "Child moved out of area"),
    ("Child turned 18", "Child turned 18"),
    ("Child in custody", "Child in custody"),
    (
        "Linked to an episode already interviewed",
        "Linked to an episode already interviewed",
    ),
    ("other", "Another reason"),
]


class VoidForm(VersionedForm):
    reason_choice = forms.ChoiceField(
        label="Why is the interview void?", choices=VOID_REASONS, widget=forms.RadioSelect
    )
    other_reason = forms.CharField(
        label="If another reason, what is it?", max_length=200, required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason_choice") == "other" and not cleaned.get("other_reason", "").strip():
            self.add_error("other_reason", "Enter why the interview is void")
        return cleaned

    @property
    def reason(self) -> str:
        choice = self.cleaned_data["reason_choice"]
        return self.cleaned_data["other_reason"] if choice == "other" else choice
