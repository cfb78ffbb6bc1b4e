"""Deny by default: every view states who may use it (SPEC.md §8).

A view without an ``@allow(...)`` or ``@public`` decorator is refused by
:class:`~homeward.accounts.middleware.AccessRuleMiddleware`, and the URL walk test fails.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from homeward.accounts.models import Role

ACCESS_ATTRIBUTE = "homeward_access"

# Roles that work with children's records day to day.
CASEWORK = (Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MANAGER)
# Everyone who may open a child's record at all (carers and police are scoped by selectors).
CHILD_READERS = (*CASEWORK, Role.CARER, Role.POLICE)
REPORT_READERS = (Role.COORDINATOR, Role.MANAGER, Role.ANALYST, Role.POLICE)


@dataclass(frozen=True)
class AccessRule:
    roles: tuple[str, ...]
    public: bool = False

    def permits(self, user) -> bool:
        if self.public:
            return True
        return bool(user.is_authenticated and user.is_active and user.role in self.roles)


def _mark(view: Callable, rule: AccessRule) -> Callable:
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not rule.public and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not rule.permits(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    setattr(wrapped, ACCESS_ATTRIBUTE, rule)
    return wrapped


def allow(*roles: str) -> Callable[[Callable], Callable]:
    """Only signed-in users with one of ``roles`` may use the view."""
    if not roles:
        raise ValueError("allow() needs at least one role; use @public for open pages.")

    def decorator(view: Callable) -> Callable:
        return _mark(view, AccessRule(roles=tuple(roles)))

    return decorator


def public(view: Callable) -> Callable:
    """Anyone, signed in or not, may use the view (sign-in page, health check)."""
    return _mark(view, AccessRule(roles=(), public=True))


def access_rule(view: Callable) -> AccessRule | None:
    return getattr(view, ACCESS_ATTRIBUTE, None)
