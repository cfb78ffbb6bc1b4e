"""The service navigation: one small registry that every app appends its pages to.

Add a line to ``NAVIGATION`` (label, URL name, roles who see it). The context processor
:func:`homeward.front.context_processors.navigation` shows each signed-in user the items for their
role, in this order, and silently skips URL names that do not exist yet — so an item can be added
before its page lands. The access rule on the view still decides who may open the page: hiding a
link is a courtesy, not a control.
"""

from dataclasses import dataclass

from homeward.accounts.models import Role

ALL_ROLES: tuple[str, ...] = tuple(Role.values)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[str, ...]


NAVIGATION: list[NavItem] = [
    NavItem("Home", "front:home", ALL_ROLES),
    NavItem(
        "Missing episodes",
        "episodes:list",
        (Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MANAGER, Role.CARER, Role.POLICE),
    ),
    NavItem(
        "Performance",
        "reporting:performance",
        (Role.COORDINATOR, Role.MANAGER, Role.ANALYST, Role.POLICE),
    ),
    NavItem("RHI audits", "audits:rounds", (Role.MANAGER, Role.COORDINATOR)),
    NavItem(
        "Missing education",
        "education:referrals",
        (Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MANAGER),
    ),
]


def nav_register(*, label: str, url_name: str, roles: tuple[str, ...]) -> NavItem:
    """Append an item from elsewhere (e.g. an app's ``ready()``); registering twice is harmless."""
    item = NavItem(label=label, url_name=url_name, roles=tuple(roles))
    if item not in NAVIGATION:
        NAVIGATION.append(item)
    return item
