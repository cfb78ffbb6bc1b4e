"""``homeward ssda903 --year 2023 DIR``: the SSDA903 Header, Episodes and Missing files (§7)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from homeward.exchange.organisation import organisation_for_command
from homeward.exchange.ssda903 import SSDA903Error, ssda903_export


class Command(BaseCommand):
    help = "Write the SSDA903 return for the collection year starting 1 April YEAR."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--year", type=int, required=True, help="e.g. 2023 for 2023/24")
        parser.add_argument("--organisation", help="the local authority's name or id")

    def handle(self, *args, folder: Path, year: int, organisation: str | None, **options):
        org = organisation_for_command(organisation)
        try:
            ret = ssda903_export(folder=folder, organisation=org, year=year)
        except SSDA903Error as exc:
            for breach in exc.breaches:
                self.stderr.write(str(breach))
            raise CommandError(exc.args[0]) from exc
        self.stdout.write(
            f"SSDA903 {year}/{(year + 1) % 100:02d} written to {folder}: "
            f"{len(ret.header)} children, {len(ret.episodes)} episodes, "
            f"{len(ret.missing)} missing periods."
        )
