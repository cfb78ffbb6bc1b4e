"""The base layout: GOV.UK page template without GOV.UK branding, navigation by role."""

import pytest
from django.test import RequestFactory

from homeward.accounts.models import Role
from homeward.front import navigation
from homeward.front.context_processors import navigation as navigation_context
from homeward.front.navigation import NavItem


@pytest.fixture
def home_page(client, coordinator):
    client.force_login(coordinator)
    return client.get("/").content.decode()


def test_page_has_a_skip_link_to_the_main_content(home_page):
    assert 'href="#main-content" class="govuk-skip-link"' in home_page
    assert 'id="main-content"' in home_page


def test_header_names_the_service_without_any_gov_uk_branding(home_page):
    assert ">Homeward</a>" in home_page
    for branding in ("govuk-logo", "govuk-header__logotype", "crown", "crest", "GOV.UK"):
        assert branding not in home_page


def test_page_loads_only_local_assets(home_page):
    assert "/static/build/homeward.css" in home_page
    assert "/static/build/homeward.js" in home_page
    assert "https://" not in home_page and "http://" not in home_page


def test_javascript_is_progressive_enhancement(home_page):
    assert "govuk-frontend-supported" in home_page
    assert 'type="module"' in home_page


def test_sign_out_is_a_post_form_with_csrf(home_page):
    form = home_page.split('class="hw-account__sign-out"')[0].rsplit("<form", 1)[1]
    assert 'method="post"' in form and "/accounts/sign-out/" in form
    assert "csrfmiddlewaretoken" in home_page


def test_anonymous_pages_show_no_navigation_or_sign_out(client, db):
    content = client.get("/accounts/sign-in/").content.decode()
    assert "govuk-service-navigation" not in content
    assert "Sign out" not in content


def test_messages_are_shown_as_notification_banners(client, coordinator):
    client.force_login(coordinator)
    content = client.post("/accounts/sign-out/", follow=True).content.decode()
    assert 'class="govuk-notification-banner"' in content
    assert "You have signed out." in content


def _items_for(user, monkeypatch, registry, view_name="front:home"):
    monkeypatch.setattr(navigation, "NAVIGATION", registry)
    monkeypatch.setattr("homeward.front.context_processors.NAVIGATION", registry)
    request = RequestFactory().get("/")
    request.user = user
    request.resolver_match = type("Match", (), {"view_name": view_name})()
    return navigation_context(request)["navigation_items"]


def test_navigation_shows_only_items_for_the_users_role(coordinator, monkeypatch):
    registry = [
        NavItem("Home", "front:home", (Role.COORDINATOR,)),
        NavItem("Admin only", "admin:index", (Role.ADMINISTRATOR,)),
    ]
    assert [i["label"] for i in _items_for(coordinator, monkeypatch, registry)] == ["Home"]


def test_navigation_skips_url_names_that_do_not_exist_yet(coordinator, monkeypatch):
    registry = [
        NavItem("Home", "front:home", (Role.COORDINATOR,)),
        NavItem("Not built yet", "nowhere:page", (Role.COORDINATOR,)),
    ]
    assert [i["label"] for i in _items_for(coordinator, monkeypatch, registry)] == ["Home"]


def test_navigation_marks_the_current_page(coordinator, monkeypatch):
    registry = [NavItem("Home", "front:home", (Role.COORDINATOR,))]
    assert _items_for(coordinator, monkeypatch, registry) == [
        {"label": "Home", "href": "/", "current": True}
    ]


def test_anonymous_users_get_no_navigation(db, monkeypatch):
    from django.contrib.auth.models import AnonymousUser

    assert _items_for(AnonymousUser(), monkeypatch, list(navigation.NAVIGATION)) == []


def test_nav_register_appends_once(monkeypatch):
    monkeypatch.setattr(navigation, "NAVIGATION", [])
    navigation.nav_register(label="Reports", url_name="reporting:index", roles=(Role.ANALYST,))
    navigation.nav_register(label="Reports", url_name="reporting:index", roles=(Role.ANALYST,))
    registered = navigation.NAVIGATION
    assert registered == [NavItem("Reports", "reporting:index", (Role.ANALYST,))]
