"""The children missing education referral register and its counts (Hartlepool's lines)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from homeward.accounts.models import AuditEvent
from homeward.children.tests.factories import ChildFactory
from homeward.education import services
from homeward.education.models import CMEReferral
from homeward.education.tests.factories import CMEReferralFactory

TODAY = datetime.date(2023, 7, 1)
D = datetime.date


def test_create_writes_the_referral_and_an_audit_event(coordinator, local_authority):
    child = ChildFactory(organisation=local_authority)
    referral = services.cme_referral_create(
        organisation=local_authority,
        child=child,
        school=" Testshire Academy ",
        referred_on=D(2023, 6, 1),
        created_by=coordinator,
        today=TODAY,
    )
    assert referral.school == "Testshire Academy"
    assert referral.external_id.startswith("HW-")
    assert AuditEvent.objects.filter(action="created", child=child).exists()


def test_a_referral_cannot_be_dated_in_the_future(coordinator, local_authority):
    with pytest.raises(ValidationError):
        services.cme_referral_create(
            organisation=local_authority,
            child=ChildFactory(organisation=local_authority),
            school="Testshire Academy",
            referred_on=D(2023, 7, 2),
            created_by=coordinator,
            today=TODAY,
        )


def test_a_referral_closes_only_once_located_with_an_outcome(coordinator, local_authority):
    referral = CMEReferralFactory(child__organisation=local_authority)
    with pytest.raises(ValidationError):
        services.cme_referral_update(
            referral=referral,
            located_on=None,
            outcome="",
            closed_on=D(2023, 6, 1),
            changed_by=coordinator,
            today=TODAY,
        )


def test_recording_the_outcome_logs_the_change(coordinator, local_authority):
    referral = CMEReferralFactory(child__organisation=local_authority)
    services.cme_referral_update(
        referral=referral,
        located_on=D(2023, 5, 4),
        outcome="Moved out of area",
        closed_on=D(2023, 5, 5),
        changed_by=coordinator,
        today=TODAY,
    )
    event = AuditEvent.objects.get(action="changed")
    assert event.detail["closed_on"] == [None, "2023-05-05"]


def test_adding_a_referral_by_person_id(client, coordinator, local_authority):
    child = ChildFactory(organisation=local_authority, local_id="P123")
    client.force_login(coordinator)
    response = client.post(
        reverse("education:referral_add"),
        {"person_id": "P123", "school": "Testshire Academy", "referred_on": "2023-06-01"},
    )
    assert response.status_code == 302
    assert CMEReferral.objects.get().child == child


def test_a_child_of_another_partnership_cannot_be_referred(client, coordinator, outsider):
    ChildFactory(organisation=outsider.organisation, local_id="P999")
    client.force_login(coordinator)
    response = client.post(
        reverse("education:referral_add"),
        {"person_id": "P999", "school": "Testshire Academy", "referred_on": "2023-06-01"},
    )
    assert response.status_code == 200
    assert not CMEReferral.objects.exists()


def test_the_register_lists_open_referrals_of_the_partnership_only(client, coordinator, outsider):
    CMEReferralFactory(child__organisation=coordinator.organisation, school="Near School")
    CMEReferralFactory(child__organisation=outsider.organisation, school="Far School")
    client.force_login(coordinator)
    page = client.get(reverse("education:referrals")).content.decode()
    assert "Near School" in page and "Far School" not in page


def test_a_referral_of_another_partnership_is_not_found(client, coordinator, outsider):
    referral = CMEReferralFactory(child__organisation=outsider.organisation)
    client.force_login(coordinator)
    assert client.get(reverse("education:referral", args=[referral.pk])).status_code == 404


def test_recording_located_and_closed_through_the_form(client, coordinator, local_authority):
    referral = CMEReferralFactory(child__organisation=local_authority)
    client.force_login(coordinator)
    response = client.post(
        reverse("education:referral", args=[referral.pk]),
        {"located_on": "2023-05-02", "outcome": "On roll elsewhere", "closed_on": "2023-05-03"},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.closed_on == D(2023, 5, 3)


@pytest.mark.parametrize("role", ["police", "analyst", "carer", "administrator"])
def test_roles_outside_casework_cannot_open_the_register(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("education:referrals")).status_code == 403


def test_the_register_shows_this_reporting_years_counts(client, coordinator, local_authority):
    with time_machine.travel(datetime.datetime(2023, 7, 1, 12, tzinfo=datetime.UTC), tick=False):
        CMEReferralFactory(child__organisation=local_authority, referred_on=D(2023, 4, 3))
        CMEReferralFactory(child__organisation=local_authority, referred_on=D(2023, 3, 3))
        client.force_login(coordinator)
        page = client.get(reverse("education:referrals")).content.decode()
    assert "2023/24" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in page
