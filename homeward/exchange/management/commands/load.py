"""``homeward load DIR``: load an exchange folder, all or nothing (SPEC.md §9)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from homeward.exchange.files import count_rows
from homeward.exchange.loader import ExchangeLoadError, exchange_files, exchange_load
from homeward.exchange.organisation import organisation_for_command

# Files longer than this get a progress bar on stderr.
PROGRESS_FROM_ROWS = 5000


class Command(BaseCommand):
    help = "Load an exchange folder (children, care periods, episodes, interviews, CME referrals)."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--organisation", help="the local authority's name or id")

    def handle(self, *args, folder: Path, organisation: str | None, **options):
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        org = organisation_for_command(organisation)
        progress = any(count_rows(path) > PROGRESS_FROM_ROWS for path in exchange_files(folder))
        try:
            result = exchange_load(folder=folder, organisation=org, progress=progress)
        except ExchangeLoadError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(exc.args[0]) from exc
        self.stdout.write(str(result))
        if not result.changed:
            self.stdout.write("Nothing changed.")
