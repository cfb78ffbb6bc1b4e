"""``homeward export DIR``: write the organisation's records as exchange files (SPEC.md §9)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from homeward.exchange.exporter import exchange_export
from homeward.exchange.organisation import organisation_for_command


class Command(BaseCommand):
    help = "Write the exchange files (children, care periods, episodes, interviews, CME) to DIR."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--organisation", help="the local authority's name or id")

    def handle(self, *args, folder: Path, organisation: str | None, **options):
        org = organisation_for_command(organisation)
        exchange_export(folder=folder, organisation=org)
        self.stdout.write(f"Exchange files for {org} written to {folder}.")
