"""Signing in and out: GOV.UK form, audit trail entries, and lockout after five failures."""

from django.urls import reverse

from homeward.accounts.models import AuditEvent

SIGN_IN = "/accounts/sign-in/"


def _sign_in(client, username, password):
    return client.post(SIGN_IN, {"username": username, "password": password})


def test_sign_in_url():
    assert reverse("accounts:sign_in") == SIGN_IN


def test_sign_in_page_uses_the_gov_uk_form(client, db):
    content = client.get(SIGN_IN).content.decode()
    assert 'class="govuk-input' in content
    assert 'autocomplete="current-password"' in content


def test_signing_in_redirects_home(client, coordinator, password):
    response = _sign_in(client, "coordinator", password)
    assert response.status_code == 302 and response.url == reverse("front:home")


def test_signing_in_is_audited(client, coordinator, password):
    _sign_in(client, "coordinator", password)
    event = AuditEvent.objects.get()
    assert (event.action, event.actor) == (AuditEvent.Action.SIGNED_IN, coordinator)


def test_a_failed_sign_in_is_audited_with_only_the_username(client, coordinator):
    _sign_in(client, "coordinator", "not-the-password-123")
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.detail) == (
        AuditEvent.Action.SIGN_IN_FAILED,
        None,
        {"username": "coordinator"},
    )


def test_the_password_never_reaches_the_audit_trail(client, coordinator):
    _sign_in(client, "coordinator", "secret-guess-9876")
    assert "secret-guess-9876" not in str(list(AuditEvent.objects.values()))


def test_an_empty_form_is_not_audited_as_a_failed_sign_in(client, db):
    _sign_in(client, "", "")
    assert not AuditEvent.objects.exists()


def test_a_failed_sign_in_shows_the_error_summary(client, coordinator):
    response = _sign_in(client, "coordinator", "wrong-password-000")
    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert "Enter a correct username and password" in content
    assert "<title>Error: " in content


def test_missing_fields_are_named_in_the_error_summary(client, db):
    content = _sign_in(client, "", "").content.decode()
    assert "Enter your username" in content and "Enter your password" in content


def test_signing_out_is_audited_and_ends_the_session(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("accounts:sign_out"))
    assert response.status_code == 302
    assert AuditEvent.objects.get().action == AuditEvent.Action.SIGNED_OUT
    assert client.get(reverse("front:home")).status_code == 302


def test_sign_out_by_get_is_refused(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("accounts:sign_out")).status_code == 405


def test_signed_in_user_visiting_sign_in_goes_home(client, coordinator):
    client.force_login(coordinator)
    assert client.get(SIGN_IN).status_code == 302


def test_account_is_locked_after_five_failed_sign_ins(client, coordinator, password):
    for _ in range(5):
        _sign_in(client, "coordinator", "wrong-password-000")
    response = _sign_in(client, "coordinator", password)
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.SIGNED_IN).exists()


def test_four_failures_do_not_lock_the_account(client, coordinator, password):
    for _ in range(4):
        _sign_in(client, "coordinator", "wrong-password-000")
    response = _sign_in(client, "coordinator", password)
    assert response.status_code == 302
