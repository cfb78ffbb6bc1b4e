"""RHI quality audits: reproducible samples, scoring, Derby's averages, access."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from homeward.accounts.models import AuditEvent
from homeward.children.tests.factories import ChildFactory
from homeward.episodes.tests.factories import EpisodeFactory
from homeward.interviews.audits import services
from homeward.interviews.audits.scores import LINES, round_scores
from homeward.interviews.models import AuditRound, InterviewAudit
from homeward.interviews.tests.factories import ReturnInterviewFactory

UTC = datetime.UTC
NOW = datetime.datetime(2023, 7, 1, 9, 0, tzinfo=UTC)


def completed_rhis(organisation, n, *, day=datetime.date(2023, 5, 10)):
    rhis = []
    for i in range(n):
        child = ChildFactory(organisation=organisation)
        went = datetime.datetime.combine(day, datetime.time(10), tzinfo=UTC)
        episode = EpisodeFactory(
            child=child, went_missing_at=went, returned_at=went + datetime.timedelta(hours=5)
        )
        rhis.append(
            ReturnInterviewFactory(
                episode=episode, completed_at=went + datetime.timedelta(hours=20 + i)
            )
        )
    return rhis


def make_round(user, **overrides):
    values = {
        "organisation": user.organisation,
        "name": "May 2023",
        "held_on": datetime.date(2023, 6, 1),
        "period_start": datetime.date(2023, 5, 1),
        "period_end": datetime.date(2023, 5, 31),
        "sample_size": 5,
        "created_by": user,
        "seed": 1234,
    }
    values.update(overrides)
    return services.audit_round_create(**values)


def sampled(audit_round):
    return sorted(audit_round.audits.values_list("interview_id", flat=True))


def test_same_seed_draws_the_same_sample(manager, local_authority):
    completed_rhis(local_authority, 20)
    first = make_round(manager, seed=99)
    second = make_round(manager, seed=99, name="Again")
    assert sampled(first) == sampled(second)
    assert len(sampled(first)) == 5


def test_different_seeds_draw_different_samples(manager, local_authority):
    completed_rhis(local_authority, 30)
    assert sampled(make_round(manager, seed=1)) != sampled(make_round(manager, seed=2))


def test_draw_sample_is_independent_of_candidate_order():
    assert services.draw_sample([5, 3, 9, 1, 7], size=3, seed=42) == services.draw_sample(
        [1, 3, 5, 7, 9], size=3, seed=42
    )


def test_sample_is_capped_at_the_number_of_candidates(manager, local_authority):
    completed_rhis(local_authority, 3)
    assert len(sampled(make_round(manager, sample_size=10))) == 3


def test_sample_excludes_voided_error_and_out_of_period_rhis(manager, local_authority):
    keep = completed_rhis(local_authority, 1)[0]
    voided = completed_rhis(local_authority, 1)[0]
    voided.voided_at, voided.voided_reason = NOW, "Moved out of area"
    voided.save()
    in_error = completed_rhis(local_authority, 1)[0]
    in_error.episode.recorded_in_error = True
    in_error.episode.save()
    completed_rhis(local_authority, 1, day=datetime.date(2023, 6, 10))
    assert sampled(make_round(manager, sample_size=10)) == [keep.pk]


def test_sample_is_taken_from_the_users_partnership_only(manager, local_authority, outsider):
    completed_rhis(outsider.organisation, 4)
    with pytest.raises(ValidationError):
        make_round(manager)


def test_sample_uses_london_dates_for_the_period(manager, local_authority):
    # 31 May 23:30 UTC is 1 June 00:30 in London: outside a May period.
    rhi = completed_rhis(local_authority, 1)[0]
    rhi.completed_at = datetime.datetime(2023, 5, 31, 23, 30, tzinfo=UTC)
    rhi.save()
    with pytest.raises(ValidationError):
        make_round(manager)


def test_creating_a_round_writes_an_audit_event_with_the_seed(manager, local_authority):
    completed_rhis(local_authority, 2)
    audit_round = make_round(manager, seed=77)
    event = AuditEvent.objects.get(
        object_type="interviews.auditround", object_id=str(audit_round.pk)
    )
    assert event.action == AuditEvent.Action.CREATED
    assert event.detail["seed"] == 77


def score(audit, user, values, comment=""):
    return services.interview_audit_score(
        audit=audit,
        scores=dict(zip(LINES, values, strict=True)),
        comments={LINES[0]: comment},
        auditor=user,
        now=NOW,
    )


def test_scoring_needs_every_line_between_1_and_4(manager, local_authority):
    completed_rhis(local_authority, 1)
    audit = make_round(manager).audits.get()
    with pytest.raises(ValidationError):
        score(audit, manager, [3, 3, 3, 3, 3, 3, 5])


def test_scoring_records_scores_comments_and_an_audit_event(manager, local_authority):
    completed_rhis(local_authority, 1)
    audit = make_round(manager).audits.get()
    score(audit, manager, [1, 2, 3, 4, 3, 2, 1], comment="Offered promptly")
    audit.refresh_from_db()
    assert (audit.contact, audit.authorisation, audit.scored_at) == (1, 1, NOW)
    assert audit.comments == {"contact": "Offered promptly"}
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CHANGED, object_type="interviews.interviewaudit"
    ).exists()


def test_round_averages_match_hand_computed_values(manager, local_authority):
    completed_rhis(local_authority, 3)
    audits = list(make_round(manager, sample_size=3).audits.order_by("pk"))
    score(audits[0], manager, [3, 2, 3, 3, 3, 3, 3])
    score(audits[1], manager, [3, 3, 2, 3, 3, 3, 3])
    score(audits[2], manager, [2, 2, 3, 2, 2, 2, 3])
    (result,) = round_scores(AuditRound.objects.all())
    # contact (3+3+2)/3 = 2.67 -> 2.7; timescales (2+3+2)/3 = 2.33 -> 2.3
    assert str(result.averages["contact"]) == "2.7"
    assert str(result.averages["timescales"]) == "2.3"
    assert str(result.averages["authorisation"]) == "3.0"
    # Sum of unrounded averages: (8+7+8+8+8+8+9)/3 = 56/3 = 18.67 -> 18.7
    assert str(result.total) == "18.7"
    assert result.scored == 3


def test_unscored_audits_do_not_pull_the_average_down(manager, local_authority):
    completed_rhis(local_authority, 2)
    first, _ = make_round(manager, sample_size=2).audits.order_by("pk")
    score(first, manager, [4, 4, 4, 4, 4, 4, 4])
    (result,) = round_scores(AuditRound.objects.all())
    assert str(result.total) == "28.0"
    assert result.scored == 1


def test_a_round_with_nothing_scored_has_no_total(manager, local_authority):
    completed_rhis(local_authority, 1)
    make_round(manager)
    (result,) = round_scores(AuditRound.objects.all())
    assert result.total is None


def test_rounds_come_oldest_first_for_the_trend(manager, local_authority):
    completed_rhis(local_authority, 2)
    make_round(manager, name="Later", held_on=datetime.date(2023, 8, 1))
    make_round(manager, name="Earlier", held_on=datetime.date(2023, 5, 1))
    assert [r.name for r in round_scores(AuditRound.objects.all())] == ["Earlier", "Later"]


# --- pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["manager", "coordinator"])
def test_auditors_can_open_the_audit_page(client, request, role, local_authority):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("audits:rounds")).status_code == 200


@pytest.mark.parametrize("role", ["police", "analyst", "carer", "social_worker", "administrator"])
def test_other_roles_cannot_open_the_audit_page(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("audits:rounds")).status_code == 403


def test_a_round_of_another_partnership_is_not_found(client, manager, outsider):
    completed_rhis(outsider.organisation, 1)
    other_round = make_round(outsider)
    client.force_login(manager)
    assert client.get(reverse("audits:round", args=[other_round.pk])).status_code == 404


def test_creating_a_round_through_the_form(client, manager, local_authority):
    completed_rhis(local_authority, 4)
    client.force_login(manager)
    response = client.post(
        reverse("audits:round_create"),
        {
            "name": "May 2023",
            "held_on": "2023-06-01",
            "period_start": "2023-05-01",
            "period_end": "2023-05-31",
            "sample_size": "3",
            "seed": "5",
        },
    )
    audit_round = AuditRound.objects.get()
    assert response.status_code == 302
    assert (audit_round.seed, audit_round.audits.count()) == (5, 3)


def test_scoring_through_the_form_and_the_table_on_the_page(client, manager, local_authority):
    completed_rhis(local_authority, 1)
    audit = make_round(manager).audits.get()
    client.force_login(manager)
    url = reverse("audits:score", args=[audit.round_id, audit.pk])
    assert client.get(url).status_code == 200
    data = {f"score_{line}": "3" for line in LINES} | {"comment_facts": "Clear account"}
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("audits:rounds")).content.decode()
    assert "AVERAGE SCORING" in page and "21.0" in page
    assert InterviewAudit.objects.get().comments == {"facts": "Clear account"}


def test_viewing_an_rhi_to_score_it_is_logged(client, manager, local_authority):
    completed_rhis(local_authority, 1)
    audit = make_round(manager).audits.get()
    client.force_login(manager)
    client.get(reverse("audits:score", args=[audit.round_id, audit.pk]))
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEWED, child=audit.interview.episode.child
    ).exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_audit_table_downloads_write_an_export_event(client, manager, local_authority, fmt):
    completed_rhis(local_authority, 1)
    score(make_round(manager).audits.get(), manager, [3] * 7)
    client.force_login(manager)
    response = client.get(reverse("audits:download", args=[fmt]))
    assert response.status_code == 200
    assert "homeward-rhi-audit-scores-" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED).count() == 1
