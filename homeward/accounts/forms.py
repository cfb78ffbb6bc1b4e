"""Sign-in form, rendered with the GOV.UK Design System (crispy-forms-gds)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    """Django's authentication form (axes and the auth backends run through it), GOV.UK-styled."""

    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account has been switched off: ask your administrator",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("username", field_width=20, autocomplete="username", spellcheck="false"),
            Field.text("password", field_width=20, autocomplete="current-password"),
            Submit("sign_in", "Sign in"),
        )

    @property
    def attempted_username(self) -> str:
        """The username typed in, for the audit trail of a failed sign-in (never the password)."""
        return (self.data.get("username") or "").strip()[:150]

    @property
    def authentication_attempted(self) -> bool:
        """True when both fields were filled in, so the credentials were actually checked."""
        return bool(self.data.get("username")) and bool(self.data.get("password"))
