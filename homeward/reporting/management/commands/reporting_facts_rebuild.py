"""``homeward reporting_facts_rebuild``: derive every episode's facts again (decision 0024).

    homeward reporting_facts_rebuild

Every write path keeps the facts as it writes; this is for after a database was filled some
other way (a restore, SQL), or after a release that changes what a fact means. One transaction:
reports read the old facts until it commits.
"""

import time

from django.core.management.base import BaseCommand

from homeward.reporting.facts import episode_facts_rebuild


class Command(BaseCommand):
    help = "Derive every episode's reporting facts again from the records."

    def handle(self, *args, **options):
        began = time.perf_counter()
        written = episode_facts_rebuild()
        elapsed = time.perf_counter() - began
        self.stdout.write(f"Episode facts rebuilt: {written:,} episodes in {elapsed:.1f} s.")
