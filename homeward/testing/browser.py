"""Browser tests: Playwright for Python driving Debian's Chromium (a pytest plugin).

Registered in ``homeward/conftest.py`` (``pytest_plugins``), so every test can use:

- ``browser_page`` — a fresh Playwright page (own cookies) whose ``goto("/…")`` is relative to
  Django's ``live_server``;
- ``sign_in(page, user)`` — sign in through the real sign-in form;
- ``screenshot(page, name)`` — a full-page PNG in ``test-artifacts/screenshots/`` (gitignored);
- ``assert_no_serious_axe_violations(page)`` — run axe-core (from node_modules) on the page and
  fail listing every serious or critical violation.

The helpers are importable from this module and also offered as fixtures of the same names.
Mark browser tests ``@pytest.mark.e2e``. Chromium comes from Debian (``/usr/bin/chromium``);
Playwright never downloads a browser of its own (never run ``playwright install``).
"""

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BUILT_CSS = ROOT / "homeward" / "static" / "build" / "homeward.css"
SERIOUS_IMPACTS = ("serious", "critical")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def sign_in(page, user, password: str | None = None) -> None:
    """Sign ``user`` in through the sign-in page and wait until the home page has loaded."""
    from homeward.accounts.tests.factories import TEST_PASSWORD

    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password").fill(password or TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/sign-in/" not in url)


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as ``test-artifacts/screenshots/<name>.png``; return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page, impacts: tuple[str, ...] = SERIOUS_IMPACTS) -> list[dict]:
    """Run axe-core on the page as it is now; the violations with one of ``impacts``."""
    if not AXE_SCRIPT.exists():
        raise RuntimeError(f"{AXE_SCRIPT} is missing: run scripts/build_assets.sh")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        "async () => await window.axe.run(document, {resultTypes: ['violations']})"
    )
    return [v for v in results["violations"] if v["impact"] in impacts]


def _describe(violation: dict) -> str:
    targets = "; ".join(", ".join(node["target"]) for node in violation["nodes"][:5])
    return f"[{violation['impact']}] {violation['id']}: {violation['help']} — at {targets}"


def assert_no_serious_axe_violations(page) -> None:
    """Fail, listing them, if axe-core finds serious or critical accessibility violations."""
    violations = axe_violations(page)
    if violations:
        listing = "\n".join(_describe(v) for v in violations)
        pytest.fail(f"axe-core found serious accessibility problems on {page.url}:\n{listing}")


def _ensure_assets() -> None:
    """The pages need the compiled CSS and JS; build them (fast when up to date)."""
    subprocess.run(["bash", str(ROOT / "scripts" / "build_assets.sh")], check=True, cwd=ROOT)


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator:
    """One headless Debian Chromium for the whole test session."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/test does this)")
    _ensure_assets()
    # Playwright's sync API runs an event loop in this thread; Django refuses database access
    # while a loop is running unless told it is safe (it is: the test thread is synchronous).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium_browser, live_server) -> Iterator:
    """A page in a fresh browser context (own cookies), addressed relative to the live server."""
    context = chromium_browser.new_context(
        base_url=live_server.url,
        viewport=DESKTOP,
        locale="en-GB",
        timezone_id="Europe/London",
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(name="sign_in")
def _sign_in_fixture():
    return sign_in


@pytest.fixture(name="screenshot")
def _screenshot_fixture():
    return screenshot


@pytest.fixture(name="assert_no_serious_axe_violations")
def _axe_fixture():
    return assert_no_serious_axe_violations
