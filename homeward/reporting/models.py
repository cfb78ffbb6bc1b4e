"""Episode facts: one narrow row per episode for counting (SPEC.md §3–§6, decision 0024).

Every value here is copied or derived from the records (episode, child, the care period covering
the episode's London date, the return interview) by ONE query, :func:`homeward.reporting.facts.
derived_facts`, built from the same expressions the pages use; nothing here depends on the
instant T or on a cohort, so a fact never changes unless a record does. Every write path calls
:func:`homeward.reporting.facts.episode_facts_refresh` in its own transaction, and
``homeward reporting_facts_check`` compares the stored rows with the derived ones.

Fields a report filters on keep the episode's own names (``organisation``, ``child``,
``went_missing_on``, ``returned_at`` …), so a scope such as
``filter(organisation__partnership_id=…)`` reads the same on either model.
"""

from django.db import models


def _link(model: str) -> dict:
    # Derived rows: no database constraint (they are rewritten, never edited), no reverse name.
    return {
        "to": model,
        "on_delete": models.DO_NOTHING,
        "db_constraint": False,
        "related_name": "+",
    }


class EpisodeFacts(models.Model):
    episode = models.OneToOneField(
        "episodes.Episode",
        on_delete=models.CASCADE,
        primary_key=True,
        db_constraint=False,
        related_name="facts",
    )
    organisation = models.ForeignKey(**_link("accounts.Organisation"), db_index=False)
    child = models.ForeignKey(**_link("children.Child"))
    went_missing_on = models.DateField()
    went_missing_at = models.DateTimeField()
    returned_at = models.DateTimeField(null=True)
    recorded_in_error = models.BooleanField()
    category = models.CharField(max_length=10)
    risk_level = models.CharField(max_length=10)
    last_seen_place = models.ForeignKey(**_link("episodes.Location"), null=True, db_index=False)
    stayed_place = models.ForeignKey(**_link("episodes.Location"), null=True, db_index=False)
    found_place = models.ForeignKey(**_link("episodes.Location"), null=True, db_index=False)
    # The child, as recorded now.
    gender = models.CharField(max_length=20)
    responsible_authority = models.CharField(max_length=100)
    # The child's responsible authority is the recording organisation's (name or ONS code,
    # ignoring case) or empty: "ours" when a report names no authority (cohorts module).
    authority_is_recorder = models.BooleanField()
    age = models.SmallIntegerField()  # whole years on went_missing_on (SPEC.md §3)
    # The care period covering the episode's London date (SPEC.md §3), if any.
    looked_after = models.BooleanField()
    placement_type = models.CharField(max_length=2)
    placement_group = models.CharField(max_length=20)
    in_area = models.BooleanField(null=True)
    # The return interview, if any (SPEC.md §4 reads these as at T).
    rhi_offered_at = models.DateTimeField(null=True)
    rhi_accepted = models.BooleanField(null=True)
    rhi_completed_at = models.DateTimeField(null=True)
    rhi_voided_at = models.DateTimeField(null=True)
    # "given" when a voided reason is recorded, else "" (the reason itself stays on the record).
    rhi_voided_reason = models.CharField(max_length=5)
    # The chains (decision 0025): the London date of the child's previous counted episode
    # (not recorded in error; ordered by went_missing_at, then id) that shares what the name
    # says, NULL when there is none — so "the child's first such episode in a period" is
    # "previous before the period's first day", a plain filtered count. "lac" is the same
    # looked-after status; "area" also the same in_area; "recorder" also the same
    # authority_is_recorder; _2 and _3 go two and three episodes back (SPEC.md §5).
    # NULL throughout for an episode recorded in error (never counted).
    previous_on = models.DateField(null=True)
    previous_2_on = models.DateField(null=True)
    previous_3_on = models.DateField(null=True)
    previous_lac_on = models.DateField(null=True)
    previous_lac_2_on = models.DateField(null=True)
    previous_lac_3_on = models.DateField(null=True)
    previous_area_on = models.DateField(null=True)
    previous_recorder_on = models.DateField(null=True)
    previous_recorder_area_on = models.DateField(null=True)
    previous_category_on = models.DateField(null=True)
    previous_lac_category_on = models.DateField(null=True)
    previous_age_band_on = models.DateField(null=True)
    previous_lac_age_band_on = models.DateField(null=True)
    previous_placement_group_on = models.DateField(null=True)
    previous_risk_on = models.DateField(null=True)
    previous_lac_risk_on = models.DateField(null=True)

    class Meta:
        verbose_name_plural = "episode facts"
        indexes = [models.Index(fields=["went_missing_on"], name="facts_went_missing_on")]

    def __str__(self) -> str:
        return f"facts of episode {self.episode_id}"


class MonthCountsVersion(models.Model):
    """The version of one organisation's facts for one month (decision 0026): every write of
    facts there gives it a new value, in the same transaction, before it drops that month's
    counts — so counts taken from older facts are never stored (see ``month_counts``)."""

    organisation = models.ForeignKey(**_link("accounts.Organisation"), db_index=False)
    month = models.DateField()  # its first day
    version = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month"], name="month_counts_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"month counts version of {self.organisation_id} {self.month:%Y-%m}"


class MonthCountsCell(models.Model):
    """The counts of one organisation's episodes of one month, taken for one period (its first
    and last day decide which episodes are the first of their chain, and who is still missing)
    and one cohort variant (looked after or not; "ours"), as they are for any T after
    ``settled_at`` (decision 0026). Its :class:`MonthCounts` rows hold the numbers."""

    organisation = models.ForeignKey(**_link("accounts.Organisation"), db_index=False)
    month = models.DateField()
    period_start = models.DateField()
    period_end = models.DateField()
    variant = models.CharField(max_length=400)
    # The last instant any count of the cell changes at (NULL: no episodes): the latest
    # went missing, return + 72 hours, offer, completion or voiding of its episodes.
    settled_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "period_end", "variant", "month", "organisation"],
                name="month_counts_cell_unique",
            )
        ]
        indexes = [models.Index(fields=["month", "organisation"], name="month_counts_cell_month")]

    def __str__(self) -> str:
        return f"month counts of {self.organisation_id} {self.month:%Y-%m} ({self.variant})"


class MonthCounts(models.Model):
    """One cell's counts for one responsible authority and gender (the child's): each count of
    the chain query (``counting._chain_aggregates``) by its name, zeros left out."""

    cell = models.ForeignKey(MonthCountsCell, on_delete=models.CASCADE, related_name="rows")
    responsible_authority = models.CharField(max_length=100)
    gender = models.CharField(max_length=20)
    counts = models.JSONField()

    def __str__(self) -> str:
        return f"month counts row of cell {self.cell_id}"
