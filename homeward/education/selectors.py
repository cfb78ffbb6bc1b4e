"""Reads for the CME referral register, scoped to the user's partnership (STYLE.md §3)."""

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from homeward.accounts.models import User
from homeward.education.models import CMEReferral


def cme_referrals_for_user(user: User) -> QuerySet[CMEReferral]:
    if not (user.is_authenticated and user.organisation_id):
        return CMEReferral.objects.none()
    return CMEReferral.objects.filter(organisation__partnership_id=user.partnership_id)


def cme_referral_get_for_user(user: User, pk: int) -> CMEReferral:
    return get_object_or_404(cme_referrals_for_user(user).select_related("child"), pk=pk)


def cme_counts(
    referrals: QuerySet[CMEReferral], *, start: date, end: date, as_at: date
) -> dict[str, int]:
    """Hartlepool's "Missing from Education" lines for referrals received from start to end.

    ``received``: referred in the period; ``located_and_closed``: of those, closed by ``as_at``
    (a closure after the report date has not happened yet, SPEC.md §4); ``still_open``: the rest.
    Counted in the database in one query.
    """
    in_period = referrals.filter(referred_on__range=(start, end))
    closed = Q(closed_on__isnull=False, closed_on__lte=as_at)
    figures = in_period.aggregate(
        received=Count("pk"), located_and_closed=Count("pk", filter=closed)
    )
    figures["still_open"] = figures["received"] - figures["located_and_closed"]
    return figures
