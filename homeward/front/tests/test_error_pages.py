"""GOV.UK-styled error pages that never show a stack trace."""

import pytest
from django.test import RequestFactory
from django.views import defaults

from homeward.children.tests.factories import ChildFactory


def test_unknown_url_shows_the_gov_uk_page_not_found(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-template" in response.content.decode()


def test_refused_page_shows_the_gov_uk_no_access_page(client, analyst):
    client.force_login(analyst)
    child = ChildFactory(organisation=analyst.organisation)
    response = client.get(f"/children/{child.pk}/")
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


@pytest.mark.django_db
def test_server_error_page_renders_without_a_request_context_or_traceback():
    response = defaults.server_error(RequestFactory().get("/"))
    content = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with Homeward" in content
    assert "Traceback" not in content


def test_an_exception_in_a_view_shows_the_error_page_not_the_traceback(
    client, coordinator, settings, monkeypatch
):
    settings.DEBUG = False
    client.raise_request_exception = False
    client.force_login(coordinator)

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("homeward.front.views.children_search", explode)
    response = client.post("/", {"query": "anyone"})
    content = response.content.decode()
    assert response.status_code == 500
    assert "secret internals" not in content and "Traceback" not in content


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gets_the_gov_uk_explanation():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/accounts/sign-in/", {"username": "x"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
