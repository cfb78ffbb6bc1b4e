"""Reads for the CME referral register, scoped to the user's partnership (STYLE.md §3)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from homeward.accounts.models import User
from homeward.education.models import CMEReferral


def cme_referrals_for_user(user: User) -> QuerySet[CMEReferral]:
    if not (user.is_authenticated and user.organisation_id):
        return CMEReferral.objects.none()
    return CMEReferral.objects.filter(organisation__partnership_id=user.partnership_id)


def cme_referral_get_for_user(user: User, pk: int) -> CMEReferral:
    return get_object_or_404(cme_referrals_for_user(user).select_related("child"), pk=pk)
