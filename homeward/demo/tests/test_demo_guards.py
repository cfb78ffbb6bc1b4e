"""``homeward demo`` never touches real users, never runs in production, never dates the future."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command

from homeward.demo.services import DemoError, demo_organisations, demo_users_ensure

CLOCK = datetime(2026, 11, 22, 8, 30, tzinfo=UTC)


def test_a_demo_username_held_by_a_real_user_stops_the_demo(coordinator):
    council, police = demo_organisations()
    with pytest.raises(DemoError, match="outside the demo partnership"):
        demo_users_ensure(council=council, police=police)
    coordinator.refresh_from_db()
    assert coordinator.organisation.name == "Testshire Council"


@time_machine.travel(CLOCK, tick=False)
def test_today_cannot_be_in_the_future():
    with pytest.raises(CommandError, match="future"):
        call_command("demo", "--today", "2026-11-23")


def test_today_must_be_a_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("demo", "--today", "22/11/2026")


def test_the_demo_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("demo")
