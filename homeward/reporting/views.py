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
    "csv": (downloads.CSV_TYPE, downloads.tables_csv),
    "xlsx": (downloads.XLSX_TYPE, downloads.tables_xlsx),
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


def _chosen_tables(report, key: str | None):
    """All the report's tables, or the one named by its key (a slug, never personal data)."""
    if not key:
        return "performance", report.tables()
    chosen = [table for table in report.tables() if table.key == key]
    if not chosen:
        raise Http404("No such table.")
    return f"performance-{key}", chosen


@allow(*REPORT_READERS)
def performance_download(request, fmt: str):
    """Every table (or one, ``?table=key``) as CSV or Excel, or the Word committee report.

    Children are shown by rank only in every file.
    """
    if fmt not in (*FORMATS, "docx"):
        raise Http404
    form, report = _report(request, timezone.now())
    if report is None:
        raise Http404("Choose a valid period first.")
    report = report.pseudonymised()
    if fmt == "docx":
        name, content_type, content = (
            "committee-report",
            downloads.DOCX_TYPE,
            committee_report_docx(report),
        )
    else:
        name, tables = _chosen_tables(report, request.GET.get("table"))
        content_type, render_file = FORMATS[fmt]
        content = render_file(tables)
    return downloads.download_response(
        user=request.user,
        content=content,
        content_type=content_type,
        filename=f"homeward-{name}-{report.period.key.replace('..', '-to-')}.{fmt}",
        detail={
            "report": name,
            "format": fmt,
            "period": report.period.key,
            "cohort": report.cohort.describe(),
        },
    )
