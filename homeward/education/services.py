"""Writes for the children missing education (CME) referral register (SPEC.md §1, §2)."""

import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from homeward.accounts.audit import audit_record, changed_fields
from homeward.accounts.models import AuditEvent, Organisation, User
from homeward.children.models import Child
from homeward.education.models import CMEReferral


def _check_dates(referred_on: date, located_on: date | None, closed_on: date | None, today: date):
    errors = {}
    if referred_on > today:
        errors["referred_on"] = "The referral date cannot be in the future."
    if located_on is not None and located_on < referred_on:
        errors["located_on"] = "The child cannot be located before the referral."
    if located_on is not None and located_on > today:
        errors["located_on"] = "The date located cannot be in the future."
    if closed_on is not None and closed_on < referred_on:
        errors["closed_on"] = "The referral cannot close before it was made."
    if closed_on is not None and closed_on > today:
        errors["closed_on"] = "The date closed cannot be in the future."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def cme_referral_create(
    *,
    organisation: Organisation,
    child: Child,
    school: str,
    referred_on: date,
    created_by: User,
    today: date,
) -> CMEReferral:
    """Record a school's referral of a child missing education."""
    _check_dates(referred_on, None, None, today)
    referral = CMEReferral.objects.create(
        organisation=organisation,
        external_id=f"HW-{uuid.uuid4().hex[:12].upper()}",
        child=child,
        school=school.strip(),
        referred_on=referred_on,
    )
    audit_record(action=AuditEvent.Action.CREATED, actor=created_by, obj=referral, child=child)
    return referral


@transaction.atomic
def cme_referral_update(
    *,
    referral: CMEReferral,
    located_on: date | None,
    outcome: str,
    closed_on: date | None,
    changed_by: User,
    today: date,
) -> CMEReferral:
    """Record where the child was located, the outcome, and when the referral closed.

    A referral closes only once the child is located and the outcome is written down.
    """
    _check_dates(referral.referred_on, located_on, closed_on, today)
    if closed_on is not None and (located_on is None or not outcome.strip()):
        raise ValidationError(
            {"closed_on": "Record the date located and the outcome before closing the referral."}
        )
    before = CMEReferral.objects.get(pk=referral.pk)
    referral.located_on = located_on
    referral.outcome = outcome.strip()
    referral.closed_on = closed_on
    referral.save()
    audit_record(
        action=AuditEvent.Action.CHANGED,
        actor=changed_by,
        obj=referral,
        child=referral.child,
        detail=changed_fields(before, referral),
    )
    return referral
