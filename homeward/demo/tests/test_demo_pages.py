"""Every page a demo user can reach from the home page renders (no server error).

A crawl through the built demo partnership, following the links each role is shown, catches
templates and views that fail on real-shaped data (missing optional records, loaded rows without
a user) that hand-built test cases miss.
"""

import re
from collections import Counter, deque
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import Resolver404, resolve

from homeward.accounts.models import User
from homeward.demo.tests.test_demo_command import first_run  # noqa: F401  (module fixture)

CLOCK = datetime(2026, 11, 22, 8, 30, tzinfo=UTC)
HREF = re.compile(r'href="(/[^"#]*)"')
SKIPPED_PREFIXES = ("/accounts/sign-out", "/admin/", "/static/")
PAGES_PER_ROLE = 45
PAGES_PER_VIEW = 3


def _links(html: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in HREF.findall(html)]


def _view_name(path: str) -> str | None:
    try:
        return resolve(path.split("?")[0]).view_name
    except Resolver404:
        return None


def _crawl(client, start: str = "/") -> dict[str, int]:
    """Breadth-first GETs from ``start``; at most a few pages of each view, to see every view."""
    seen, statuses, per_view = {start}, {}, Counter()
    queue = deque([start])
    while queue and len(statuses) < PAGES_PER_ROLE:
        path = queue.popleft()
        response = client.get(path)
        statuses[path] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for link in _links(response.content.decode()):
            view = _view_name(link)
            if link in seen or view is None or link.startswith(SKIPPED_PREFIXES):
                continue
            if per_view[view] >= PAGES_PER_VIEW:
                continue
            per_view[view] += 1
            seen.add(link)
            queue.append(link)
    return statuses


@pytest.mark.parametrize(
    "username", ["coordinator", "socialworker", "carer", "police", "manager", "analyst"]
)
def test_every_page_a_demo_user_reaches_renders(first_run, client, username):  # noqa: F811
    client.force_login(User.objects.get(username=username))
    with time_machine.travel(CLOCK, tick=False):
        statuses = _crawl(client)
    failures = {path: status for path, status in statuses.items() if status >= 500}
    assert failures == {}
    assert len(statuses) > 3
