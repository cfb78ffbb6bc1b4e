"""``homeward reporting_facts_check``: do the stored episode facts match the records?

    homeward reporting_facts_check

Compares every stored facts row with the one derived from the records now, in the database
(decision 0024), then counts every stored month counts cell again and compares (decision 0026).
Exit status 0 when they all match; otherwise 1, with up to 20 episode ids or cells (numbers and
dates only, nothing personal) and the advice to run ``homeward reporting_facts_rebuild``.
"""

from django.core.management.base import BaseCommand, CommandError

from homeward.reporting.facts import facts_differences
from homeward.reporting.month_counts import month_counts_differences


class Command(BaseCommand):
    help = "Check that the stored reporting facts match the records."

    def handle(self, *args, **options):
        differing = facts_differences()
        if differing:
            ids = ", ".join(str(pk) for pk in differing)
            raise CommandError(
                f"The reporting facts of these episodes do not match their records: {ids}. "
                "Run 'homeward reporting_facts_rebuild' and report this as a bug."
            )
        self.stdout.write("Episode facts match the records.")
        cells = month_counts_differences()
        if cells:
            raise CommandError(
                "These month counts do not match their episode facts: "
                f"{'; '.join(cells)}. Run 'homeward reporting_facts_rebuild' (it drops them) "
                "and report this as a bug."
            )
        self.stdout.write("Month counts match the episode facts.")
