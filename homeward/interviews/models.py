"""Return home interviews and RHI quality audits (SPEC.md §1, §2, §4)."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class InterviewerRole(models.TextChoices):
    INDEPENDENT = "independent", "Independent co-ordinator"
    COMMISSIONED = "commissioned", "Commissioned provider"
    RESIDENTIAL_EXCEPTION = "residential_exception", "Residential staff (exception guidance)"
    SOCIAL_WORKER = "social_worker", "Social worker"
    OTHER = "other", "Other"


class PushFactor(models.TextChoices):
    CONFLICT_AT_HOME = "conflict_at_home", "Conflict at home or placement"
    RULES_BOUNDARIES = "rules_boundaries", "Rules or boundaries"
    BULLYING = "bullying", "Bullying"
    ABUSE = "abuse", "Abuse or neglect"
    PLACEMENT_UNHAPPY = "placement_unhappy", "Unhappy with placement"
    MENTAL_HEALTH = "mental_health", "Emotional or mental health"
    SCHOOL = "school", "Problems at school"
    OTHER = "other", "Other"


class PullFactor(models.TextChoices):
    FAMILY = "family", "Wanting to be with family"
    FRIENDS = "friends", "Wanting to be with friends"
    PARTNER = "partner", "Boyfriend or girlfriend"
    ADULTS = "adults", "Older people or adults of concern"
    SUBSTANCES = "substances", "Alcohol or drugs"
    PARTIES = "parties", "Parties"
    OTHER = "other", "Other"


class CreIndicator(models.TextChoices):
    """The child at risk of exploitation checklist recorded in an RHI."""

    GIFTS_MONEY = "gifts_money", "Unexplained gifts, money or phones"
    OLDER_ASSOCIATES = "older_associates", "Associating with older people"
    TRAVEL_OUT_OF_AREA = "travel_out_of_area", "Travel out of area without explanation"
    SUBSTANCE_MISUSE = "substance_misuse", "Alcohol or drug misuse"
    SEXUAL_HEALTH = "sexual_health", "Sexual health concerns"
    CARRYING_DRUGS_WEAPONS = "carrying_drugs_weapons", "Carrying drugs or weapons"
    INJURIES = "injuries", "Unexplained injuries"
    ONLINE_CONTACT = "online_contact", "Contact with unknown adults online"
    HOTELS_ADDRESSES = "hotels_addresses", "Found in hotels or unknown addresses"
    CONTROLLED_PHONE = "controlled_phone", "Multiple or controlled phones"


class ReturnInterview(models.Model):
    """The return home interview of one episode. Its status is derived (reporting.rhi_status)."""

    episode = models.OneToOneField(
        "episodes.Episode", on_delete=models.CASCADE, related_name="return_interview"
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    offered_by = models.CharField(max_length=200, blank=True)
    # None until the child answers; a completed interview counts as accepted (SPEC.md §4).
    accepted = models.BooleanField(null=True)
    declined_reason = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    interviewer_name = models.CharField(max_length=200, blank=True)
    interviewer_role = models.CharField(max_length=30, choices=InterviewerRole.choices, blank=True)
    push_factors = models.JSONField(default=list, blank=True)
    pull_factors = models.JSONField(default=list, blank=True)
    factors_details = models.TextField("push and pull factors in detail", blank=True)
    where_stayed = models.TextField("where the child stayed and with whom", blank=True)
    travel = models.TextField("how the child travelled", blank=True)
    harm_suffered = models.TextField(blank=True)
    cre_indicators = models.JSONField("exploitation indicators", default=list, blank=True)
    childs_words = models.TextField("the child's own words", blank=True)
    analysis = models.TextField("professional analysis and judgement", blank=True)
    actions = models.TextField("actions, safety and disruption plan", blank=True)
    shared_with_police_at = models.DateTimeField(null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    authorised_at = models.DateTimeField(null=True, blank=True)
    voided_reason = models.CharField(max_length=200, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["completed_at"])]

    def __str__(self) -> str:
        return f"Return interview for episode {self.episode_id}"


class KeyLineOfEnquiry(models.TextChoices):
    """The seven lines an RHI audit scores, 1 (inadequate) to 4 (outstanding) (SPEC.md §2)."""

    CONTACT = "contact", "Appropriateness of contact / offering a return interview"
    TIMESCALES = "timescales", "Within statutory timescales"
    CRE_ANALYSIS = "cre_analysis", "CRE risk analysis completed"
    FACTS = "facts", "Facts and circumstances leading to the missing episode"
    ANALYSIS = "analysis", "Professional analysis and judgement"
    ACTION_PLAN = "action_plan", "Action plan"
    AUTHORISATION = "authorisation", "Management authorisation"


class AuditRound(models.Model):
    """A sample of completed RHIs drawn for a quality audit; the seed makes it reproducible."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    name = models.CharField(max_length=100)
    held_on = models.DateField()
    period_start = models.DateField()
    period_end = models.DateField()
    sample_size = models.PositiveIntegerField()
    seed = models.BigIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        ordering = ["held_on"]

    def __str__(self) -> str:
        return self.name


def _score_field(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, null=True, blank=True)


class InterviewAudit(models.Model):
    round = models.ForeignKey(AuditRound, on_delete=models.CASCADE, related_name="audits")
    interview = models.ForeignKey(ReturnInterview, on_delete=models.PROTECT, related_name="audits")
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    contact = _score_field(KeyLineOfEnquiry.CONTACT.label)
    timescales = _score_field(KeyLineOfEnquiry.TIMESCALES.label)
    cre_analysis = _score_field(KeyLineOfEnquiry.CRE_ANALYSIS.label)
    facts = _score_field(KeyLineOfEnquiry.FACTS.label)
    analysis = _score_field(KeyLineOfEnquiry.ANALYSIS.label)
    action_plan = _score_field(KeyLineOfEnquiry.ACTION_PLAN.label)
    authorisation = _score_field(KeyLineOfEnquiry.AUTHORISATION.label)
    comments = models.JSONField(default=dict, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "interview"], name="audit_once_per_round"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{line}__isnull": True}) | Q(**{f"{line}__range": (1, 4)}),
                    name=f"audit_{line}_score_1_to_4",
                )
                for line in KeyLineOfEnquiry.values
            ],
        ]

    def __str__(self) -> str:
        return f"Audit of return interview {self.interview_id}"
