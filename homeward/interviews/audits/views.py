"""RHI quality audits: rounds, their samples, scoring, and Derby's audit-score table."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from homeward.accounts.access import allow
from homeward.accounts.audit import audit_record
from homeward.accounts.models import AuditEvent, Role
from homeward.interviews.audits import selectors, services
from homeward.interviews.audits.forms import AuditRoundForm, InterviewAuditForm
from homeward.interviews.audits.scores import round_scores
from homeward.reporting import downloads
from homeward.reporting.charts import line_chart
from homeward.reporting.tables import audit_scores_table

AUDITORS = (Role.MANAGER, Role.COORDINATOR)


def _scores_and_chart(user):
    scores = round_scores(selectors.audit_rounds_for_user(user))
    table = audit_scores_table(scores)
    chart = line_chart(
        key="audit-trend",
        title="Average scoring across audit rounds",
        categories=[r.name for r in scores],
        series=[("AVERAGE SCORING", [None if r.total is None else float(r.total) for r in scores])],
        y_label="Sum of the seven averages (7 to 28)",
    )
    return scores, table, chart


@allow(*AUDITORS)
def round_list(request):
    scores, table, chart = _scores_and_chart(request.user)
    return render(
        request,
        "interviews/audits/round_list.html",
        {"scores": scores, "table": table, "chart": chart if scores else None},
    )


@allow(*AUDITORS)
@require_http_methods(["GET", "POST"])
def round_create(request):
    form = AuditRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            audit_round = services.audit_round_create(
                organisation=request.user.organisation, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Audit round created: {audit_round.audits.count()} RHIs sampled."
            )
            return redirect("audits:round", round_id=audit_round.pk)
    return render(request, "interviews/audits/round_form.html", {"form": form})


@allow(*AUDITORS)
def round_detail(request, round_id: int):
    audit_round = selectors.audit_round_get_for_user(request.user, round_id)
    return render(
        request,
        "interviews/audits/round_detail.html",
        {"round": audit_round, "audits": selectors.round_audits(audit_round)},
    )


@allow(*AUDITORS)
@require_http_methods(["GET", "POST"])
def audit_score(request, round_id: int, audit_id: int):
    audit = selectors.interview_audit_get_for_user(request.user, round_id, audit_id)
    interview = audit.interview
    form = InterviewAuditForm(request.POST or None, initial=InterviewAuditForm.initial_for(audit))
    if request.method == "POST" and form.is_valid():
        services.interview_audit_score(
            audit=audit,
            scores=form.scores(),
            comments=form.comments(),
            auditor=request.user,
            now=timezone.now(),
        )
        messages.success(request, "Audit scores saved.")
        return redirect("audits:round", round_id=round_id)
    if request.method == "GET":
        audit_record(
            action=AuditEvent.Action.VIEWED,
            actor=request.user,
            obj=interview,
            child=interview.episode.child,
            detail={"purpose": "RHI quality audit"},
        )
    return render(
        request,
        "interviews/audits/audit_form.html",
        {"audit": audit, "interview": interview, "form": form, "round": audit.round},
    )


@allow(*AUDITORS)
def scores_download(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _, table, _ = _scores_and_chart(request.user)
    render_file = downloads.tables_csv if fmt == "csv" else downloads.tables_xlsx
    content_type = downloads.CSV_TYPE if fmt == "csv" else downloads.XLSX_TYPE
    today = timezone.localdate()
    return downloads.download_response(
        user=request.user,
        content=render_file([table]),
        content_type=content_type,
        filename=f"homeward-rhi-audit-scores-{today:%Y%m%d}.{fmt}",
        detail={"report": "rhi-audit-scores", "format": fmt},
    )
