"""``homeward demo [--seed N] [--today YYYY-MM-DD]``: a synthetic partnership to try Homeward."""

import time
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from homeward.demo.services import SIGN_IN_URL, DemoError, DemoOutcome, demo_partnership_build
from homeward.exchange.loader import ExchangeLoadError
from homeward.timeutil import local_date


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today '{value}' is not a date in YYYY-MM-DD form") from exc


class Command(BaseCommand):
    help = (
        "Build the synthetic Northmoor partnership (invented children, episodes, interviews) "
        "through the exchange loader, and print the demo users' sign-in details. Re-running "
        "adds nothing and gives the demo users a fresh password."
    )
    # The demo needs no URL or template checks (they import every view, charts included).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")
        parser.add_argument(
            "--today", help="the demo's today, YYYY-MM-DD (default: today in London)"
        )
        parser.add_argument(
            "--files", type=Path, help="also keep the generated exchange files here"
        )

    def handle(self, *args, seed: int, today: str | None, files: Path | None, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError(
                "The demo never runs with HOMEWARD_ENV=production: it is not real data."
            )
        real_today = local_date(timezone.now())
        day = _day(today) if today else real_today
        if day > real_today:
            raise CommandError("--today cannot be in the future.")
        started = time.monotonic()
        try:
            outcome = demo_partnership_build(
                seed=seed, today=day, folder=files, progress=options["verbosity"] > 1
            )
        except (DemoError, ExchangeLoadError) as exc:
            raise CommandError(str(exc)) from exc
        self._report(outcome, seed, day, time.monotonic() - started)
        if files is not None and not outcome.created:
            self.stdout.write(f"(No files written to {files}: the demo was not generated again.)")

    def _report(self, outcome: DemoOutcome, seed: int, day: date, seconds: float) -> None:
        write = self.stdout.write
        if outcome.created:
            write(f"Built the synthetic demo partnership in {seconds:.1f}s (seed {seed}, {day}):")
            for name, counts in outcome.loaded.files.items():
                write(f"  {name}: {counts}")
        else:
            write("The demo partnership is already here: nothing added; demo passwords reset.")
        write("")
        write(f"Sign in at {SIGN_IN_URL} as any of these users, with the password below.")
        for user in outcome.users:
            role = user.get_role_display()
            write(f"  {user.username:<14} {role} ({user.organisation})")
        write(f"Password (all demo users, new on every run): {outcome.password}")
