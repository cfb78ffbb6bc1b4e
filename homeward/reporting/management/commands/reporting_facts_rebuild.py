"""``homeward reporting_facts_rebuild``: derive every episode's facts again (decision 0024).

    homeward reporting_facts_rebuild

Every write path keeps the facts as it writes; this is for after a database was filled some
other way (a restore, SQL), or after a release that changes what a fact means. One transaction:
reports read the old facts until it commits. Then it takes the month counts the performance
page reads (decision 0026), which the rebuild dropped, so the first reports are quick again.
"""

import time

from django.core.management.base import BaseCommand

from homeward.reporting.facts import episode_facts_rebuild
from homeward.reporting.month_counts import month_counts_take_reports


class Command(BaseCommand):
    help = "Derive every episode's reporting facts again from the records."

    def handle(self, *args, **options):
        began = time.perf_counter()
        written = episode_facts_rebuild()
        elapsed = time.perf_counter() - began
        self.stdout.write(f"Episode facts rebuilt: {written:,} episodes in {elapsed:.1f} s.")
        began = time.perf_counter()
        cells = month_counts_take_reports()
        elapsed = time.perf_counter() - began
        self.stdout.write(f"Month counts taken: {cells:,} cells in {elapsed:.1f} s.")
