from homeward.episodes.tests.conftest import child, now  # noqa: F401 — shared fixtures
