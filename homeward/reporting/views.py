"""The performance page and its downloads (SPEC.md §6): thin views over performance.py."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from homeward.accounts.access import REPORT_READERS, allow
from homeward.reporting import downloads
from homeward.reporting.committee_report import committee_report_docx
from homeward.reporting.forms import PerformanceForm
from homeward.reporting.performance import performance_report_recent, report_cohort
from homeward.timeutil import local_date

FORMATS = {
    "csv": (downloads.CSV_TYPE, lambda report: downloads.tables_csv(report.tables())),
    "xlsx": (downloads.XLSX_TYPE, lambda report: downloads.tables_xlsx(report.tables())),
    "docx": (downloads.DOCX_TYPE, committee_report_docx),
}


def _report(request, now):
    form = PerformanceForm(request.GET, today=local_date(now))
    if not form.is_valid():
        return form, None
    report = performance_report_recent(
        user=request.user,
        period=form.selected_period(),
        cohort=report_cohort(request.user.organisation, **form.cohort_options()),
        now=now,
    )
    return form, report


@allow(*REPORT_READERS)
def performance(request):
    form, report = _report(request, timezone.now())
    return render(
        request,
        "reporting/performance.html",
        {"form": form, "report": report, "query": request.GET.urlencode()},
    )


@allow(*REPORT_READERS)
def performance_download(request, fmt: str):
    """The report as CSV, Excel or the Word committee report; children shown by rank only."""
    if fmt not in FORMATS:
        raise Http404
    now = timezone.now()
    form, report = _report(request, now)
    if report is None:
        raise Http404("Choose a valid period first.")
    report = report.pseudonymised()
    content_type, render_file = FORMATS[fmt]
    name = "committee-report" if fmt == "docx" else "performance"
    return downloads.download_response(
        user=request.user,
        content=render_file(report),
        content_type=content_type,
        filename=f"homeward-{name}-{report.period.key.replace('..', '-to-')}.{fmt}",
        detail={
            "report": name,
            "format": fmt,
            "period": report.period.key,
            "cohort": report.cohort.describe(),
        },
    )
