"""``homeward reporting_facts_check``: do the stored episode facts match the records?

    homeward reporting_facts_check

Compares every stored facts row with the one derived from the records now, in the database
(decision 0024). Exit status 0 when they all match; otherwise 1, with up to 20 episode ids
(numbers only, nothing personal) and the advice to run ``homeward reporting_facts_rebuild``.
"""

from django.core.management.base import BaseCommand, CommandError

from homeward.reporting.facts import facts_differences


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
