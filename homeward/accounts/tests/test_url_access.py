"""The URL-permission walk: every URL pattern in the URL conf declares who may use it.

The walk is built from the live URL conf at collection time, so views that other engineers add
later are covered without touching this file. For every pattern:

- the view must carry an access rule (``@allow(...)`` or ``@public``);
- unless it is public, an anonymous request is redirected to sign-in, and a signed-in user
  whose role is not in the rule (and a user with no role at all) is refused with 403.

Django's admin is the one exception: it checks staff status itself and
:class:`~homeward.accounts.middleware.AccessRuleMiddleware` limits it to administrators.
"""

import re
import uuid
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from homeward.accounts.access import access_rule
from homeward.accounts.models import Role
from homeward.accounts.tests.factories import UserFactory

# A value per converter type that the converter accepts; custom converters are tried with each.
SAMPLE_VALUES = ("987654", "sample", "2024-04-01", str(uuid.UUID(int=1)), "2024", "q1")
_ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Endpoint:
    route: str  # the pattern as written, e.g. "children/<int:pk>/"
    url: str  # a concrete URL with sample values
    callback: object
    namespace: str


def _sample_for(converter) -> str:
    for value in SAMPLE_VALUES:
        if re.fullmatch(converter.regex, value):
            return converter.to_url(converter.to_python(value))
    raise AssertionError(f"No sample value fits the URL converter {converter!r}")


def _concrete(pattern) -> tuple[str, str]:
    """(route as written, route with sample values) for one level of a URL pattern."""
    if isinstance(pattern, RoutePattern):
        route = str(pattern._route)

        def sample(match):
            return _sample_for(pattern.converters[match["name"]])

        return route, _ROUTE_PARAMETER.sub(sample, route)
    if isinstance(pattern, RegexPattern) and "(" not in pattern._regex:
        return pattern._regex, pattern._regex.lstrip("^").rstrip("$").replace("\\", "")
    raise Unwalkable(f"{pattern} cannot be walked: use path() with converters, not re_path")


class Unwalkable(Exception):
    pass


def _walk(patterns, route="", url="/", namespace=""):
    """Yield an Endpoint per view, or the error message for a pattern that cannot be walked."""
    for entry in patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "admin" and not namespace:
            continue  # Django's admin: guarded by AccessRuleMiddleware, see the module docstring
        try:
            written, sample = _concrete(entry.pattern)
        except Unwalkable as error:
            yield f"{route}{entry.pattern}: {error}"
            continue
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace) if n)
            yield from _walk(entry.url_patterns, route + written, url + sample, inner)
        elif isinstance(entry, URLPattern):
            yield Endpoint(route + written, url + sample, entry.callback, namespace)


_WALKED = list(_walk(get_resolver().url_patterns))
ENDPOINTS = [e for e in _WALKED if isinstance(e, Endpoint)]
UNWALKABLE = [e for e in _WALKED if isinstance(e, str)]
PROTECTED = [e for e in ENDPOINTS if access_rule(e.callback) and not access_rule(e.callback).public]


def _request(client, endpoint: Endpoint):
    """GET, or POST for views that only accept POST (the access check runs first either way)."""
    response = client.get(endpoint.url)
    if response.status_code == 405:
        response = client.post(endpoint.url)
    return response


def test_every_url_pattern_can_be_walked():
    assert UNWALKABLE == []


def test_the_walk_finds_the_core_pages():
    routes = {e.route for e in ENDPOINTS}
    assert {"", "accounts/sign-in/", "children/<int:pk>/"} <= routes


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.route or "/")
def test_every_view_declares_an_access_rule(endpoint):
    assert access_rule(endpoint.callback) is not None, (
        f"{endpoint.route} has no access rule: decorate the view with @allow(...) or @public"
    )


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.route or "/")
def test_sample_url_resolves_to_the_walked_view(endpoint):
    assert resolve(endpoint.url).func is endpoint.callback


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", PROTECTED, ids=lambda e: e.route or "/")
def test_anonymous_user_is_sent_to_sign_in(client, endpoint):
    response = _request(client, endpoint)
    assert response.status_code == 302
    assert response.url.startswith(reverse(settings.LOGIN_URL))


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", PROTECTED, ids=lambda e: e.route or "/")
def test_signed_in_user_without_a_permitted_role_is_refused(client, endpoint, local_authority):
    allowed = set(access_rule(endpoint.callback).roles)
    refused_roles = [role for role in Role.values if role not in allowed] + [""]
    statuses = {}
    for role in refused_roles:
        user = UserFactory(
            organisation=local_authority, role=role, username=f"walk-{role}", password=None
        )
        client.force_login(user)
        statuses[role or "(no role)"] = _request(client, endpoint).status_code
    assert statuses == dict.fromkeys(statuses, 403)


@pytest.mark.django_db
def test_admin_refuses_a_signed_in_user_who_is_not_an_administrator(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("admin:index")).status_code == 403


@pytest.mark.django_db
def test_admin_sends_an_anonymous_user_to_its_sign_in(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
