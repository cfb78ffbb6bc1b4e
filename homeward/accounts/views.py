"""Signing in and out, each written to the audit trail (SPEC.md §2 "Audit trail", §8)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.views.decorators.http import require_POST

from homeward.accounts.access import public
from homeward.accounts.audit import audit_record
from homeward.accounts.forms import SignInForm
from homeward.accounts.models import AuditEvent


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(action=AuditEvent.Action.SIGNED_IN, actor=self.request.user)
        return response

    def form_invalid(self, form):
        # Staff data only: the username that was tried, never the password.
        if form.authentication_attempted:
            audit_record(
                action=AuditEvent.Action.SIGN_IN_FAILED,
                detail={"username": form.attempted_username},
            )
        return super().form_invalid(form)


class SignOutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            audit_record(action=AuditEvent.Action.SIGNED_OUT, actor=user)
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You have signed out.")
        return response


sign_in = public(SignInView.as_view())
sign_out = public(require_POST(SignOutView.as_view()))
