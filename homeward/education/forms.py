"""Forms for the CME referral register."""

from django import forms

from homeward.children.models import Child

DATE = forms.DateInput(attrs={"type": "date"})


class ReferralForm(forms.Form):
    """A new referral: the child is named by their person ID, so no list of children is shown."""

    person_id = forms.CharField(
        label="Child's person ID",
        max_length=40,
        help_text="The ID in the case-management system. Add the child first if they are new.",
    )
    school = forms.CharField(label="Referring school", max_length=200)
    referred_on = forms.DateField(label="Date referred", widget=DATE)

    def __init__(self, *args, children=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.children = children if children is not None else Child.objects.none()

    def clean_person_id(self) -> Child:
        person_id = self.cleaned_data["person_id"].strip()
        matches = list(self.children.filter(local_id=person_id)[:2])
        if len(matches) != 1:
            raise forms.ValidationError(
                "No child with that person ID was found."
                if not matches
                else "More than one child has that person ID; ask an administrator."
            )
        return matches[0]


class OutcomeForm(forms.Form):
    located_on = forms.DateField(label="Date located", required=False, widget=DATE)
    outcome = forms.CharField(
        label="Outcome",
        required=False,
        max_length=200,
        help_text="For example, “on roll at another school”, “moved out of area”, "
        "“elective home education”.",
    )
    closed_on = forms.DateField(label="Date the referral closed", required=False, widget=DATE)
