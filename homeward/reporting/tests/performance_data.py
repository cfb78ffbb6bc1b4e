"""A small fixed partnership whose every report figure is worked out by hand in the tests.

Reporting year 2023/24 (1 April 2023 – 31 March 2024), reports as at 1 May 2024 12:00 UTC.

A  female, looked after (K2 residential, placed in area):
   A1 10 Apr missing 12 h, RHI in time, last seen Bus station
   A2 15 May missing 24 h, RHI late (96 h), found at River Walk
   A3  1 Oct away 6 h, RHI voided
B  male, looked after (U1 foster, placed out of area):
   B1  1 Jul missing 48 h, RHI offered and declined
   B2 10 Jan missing 6 h, no RHI (overdue at T)
C  gender not recorded, not looked after:
   C1  1 Aug absent 3 h, RHI in time, last seen Bus station
D  male, not looked after:
   D1 31 Mar 23:30 BST missing, not returned
   D0  1 Jun 2022 (a year earlier) 24 h, RHI in time, last seen Bus station
E  male, not looked after: E1 recorded in error; E2 1 Apr 2024 00:30 BST (the next year)
CME referrals: 1 May 2023 closed 1 Jun 2023; 1 Feb 2024 open; 1 Mar 2023 (the year before).
One audit round held 1 Feb 2024: one RHI scored 3 on every line (AVERAGE SCORING 21.0).
"""

import datetime

from homeward.children.services import episode_care_periods_refresh
from homeward.children.tests.factories import CarePeriodFactory, ChildFactory
from homeward.education.models import CMEReferral
from homeward.episodes.models import Category
from homeward.episodes.tests.factories import EpisodeFactory, LocationFactory
from homeward.interviews.audits import services as audit_services
from homeward.interviews.audits.scores import LINES
from homeward.interviews.tests.factories import ReturnInterviewFactory
from homeward.reporting.periods import reporting_year

UTC = datetime.UTC
H = datetime.timedelta(hours=1)
PERIOD = reporting_year(2023)
AS_AT = datetime.datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def at(y, m, d, hh=20, mm=0):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=UTC)


def build(organisation, manager):
    """Create the dataset in ``organisation``; returns the children by letter."""
    bus = LocationFactory(organisation=organisation, name="Bus station")
    river = LocationFactory(organisation=organisation, name="River Walk")

    def child(letter, gender, dob):
        return ChildFactory(
            organisation=organisation,
            first_name=f"Child{letter}",
            last_name="Example",
            gender=gender,
            date_of_birth=dob,
            responsible_authority=organisation.name,
        )

    a = child("A", "female", datetime.date(2008, 6, 1))
    b = child("B", "male", datetime.date(2010, 1, 15))
    c = child("C", "", datetime.date(2012, 3, 1))
    d = child("D", "male", datetime.date(2007, 9, 1))
    e = child("E", "male", datetime.date(2009, 2, 2))
    CarePeriodFactory(
        child=a, start_date=datetime.date(2020, 1, 1), placement_type="K2", in_area=True
    )
    CarePeriodFactory(
        child=b, start_date=datetime.date(2022, 1, 1), placement_type="U1", in_area=False
    )

    def episode(ch, went, hours=None, category=Category.MISSING, **extra):
        returned = went + hours * H if hours is not None else None
        return EpisodeFactory(
            child=ch, went_missing_at=went, returned_at=returned, category=category, **extra
        )

    a1 = episode(a, at(2023, 4, 10), 12, last_seen_place=bus)
    ReturnInterviewFactory(
        episode=a1,
        offered_at=a1.returned_at + H,
        accepted=True,
        completed_at=a1.returned_at + 24 * H,
    )
    a2 = episode(a, at(2023, 5, 15), 24, found_place=river)
    ReturnInterviewFactory(episode=a2, completed_at=a2.returned_at + 96 * H)
    a3 = episode(a, at(2023, 10, 1), 6, category=Category.AWAY)
    ReturnInterviewFactory(
        episode=a3,
        voided_at=a3.returned_at + 2 * H,
        voided_reason="Linked to an episode already interviewed",
    )
    b1 = episode(b, at(2023, 7, 1), 48)
    ReturnInterviewFactory(
        episode=b1,
        offered_at=b1.returned_at + H,
        accepted=False,
        declined_reason="Did not want to talk",
    )
    episode(b, at(2024, 1, 10), 6)
    c1 = episode(c, at(2023, 8, 1), 3, category=Category.ABSENT, last_seen_place=bus)
    c1_rhi = ReturnInterviewFactory(episode=c1, completed_at=c1.returned_at + 11 * H)
    episode(d, at(2024, 3, 31, 22, 30))  # 23:30 BST on 31 March: in 2023/24, never returned
    d0 = episode(d, at(2022, 6, 1), 24, last_seen_place=bus)
    ReturnInterviewFactory(episode=d0, completed_at=d0.returned_at + 10 * H)
    episode(e, at(2023, 9, 1), 5, recorded_in_error=True)
    episode(e, at(2024, 3, 31, 23, 30), 2)  # 00:30 BST on 1 April 2024: the next year
    episode_care_periods_refresh()

    for ref, referred, closed in [
        ("R1", datetime.date(2023, 5, 1), datetime.date(2023, 6, 1)),
        ("R2", datetime.date(2024, 2, 1), None),
        ("R0", datetime.date(2023, 3, 1), None),
    ]:
        CMEReferral.objects.create(
            organisation=organisation,
            external_id=ref,
            child=c,
            school="Testshire Academy",
            referred_on=referred,
            located_on=closed,
            outcome="On roll elsewhere" if closed else "",
            closed_on=closed,
        )

    audit_round = audit_services.audit_round_create(
        organisation=organisation,
        name="February 2024",
        held_on=datetime.date(2024, 2, 1),
        period_start=datetime.date(2023, 8, 1),
        period_end=datetime.date(2023, 8, 31),
        sample_size=5,
        created_by=manager,
        seed=7,
    )
    audit_services.interview_audit_score(
        audit=audit_round.audits.get(interview=c1_rhi),
        scores=dict.fromkeys(LINES, 3),
        comments={},
        auditor=manager,
        now=AS_AT,
    )
    return {"A": a, "B": b, "C": c, "D": d, "E": e}
