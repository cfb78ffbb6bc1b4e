"""Reads for RHI quality audits, scoped to the user's partnership (STYLE.md §3)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from homeward.accounts.models import User
from homeward.interviews.models import AuditRound, InterviewAudit


def audit_rounds_for_user(user: User) -> QuerySet[AuditRound]:
    return AuditRound.objects.filter(organisation__partnership_id=user.partnership_id)


def audit_round_get_for_user(user: User, round_id: int) -> AuditRound:
    """The round, or 404 when it belongs to another partnership."""
    return get_object_or_404(audit_rounds_for_user(user), pk=round_id)


def interview_audit_get_for_user(user: User, round_id: int, audit_id: int) -> InterviewAudit:
    return get_object_or_404(
        InterviewAudit.objects.select_related("interview__episode__child", "round").filter(
            round__organisation__partnership_id=user.partnership_id
        ),
        pk=audit_id,
        round_id=round_id,
    )


def round_audits(audit_round: AuditRound) -> QuerySet[InterviewAudit]:
    return audit_round.audits.select_related("interview__episode").order_by("interview_id")
