"""The Word committee report (python-docx) in the shape of the seed reports (SPEC.md §6).

Title page, purpose, summary, a recommendation placeholder, then every section of the
performance report with its tables (the same :class:`~homeward.reporting.tables.Table` objects
as the page and the CSV), the trend charts as PNG, and a placeholder for the analyst's
narrative after each section. Children appear only by rank (1, 2, 3 …).
"""

import io

from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt, RGBColor

from homeward.reporting.performance import PerformanceReport, period_name
from homeward.reporting.tables import Table, cell_text, plural, share_text

PLACEHOLDER = RGBColor(0x50, 0x5A, 0x5F)


def _placeholder(document, text: str) -> None:
    run = document.add_paragraph().add_run(f"[{text}]")
    run.italic = True
    run.font.color.rgb = PLACEHOLDER


def _change(now: int, before: int) -> str:
    if now == before:
        return "the same as"
    return f"{'up' if now > before else 'down'} from {before}"


def summary_lines(report: PerformanceReport) -> list[str]:
    """The executive summary: each line a sentence built from the report's own figures."""
    card, earlier = report.card, report.earlier
    lines = [
        f"Between {card.period.start:%-d %B %Y} and {card.period.end:%-d %B %Y} there "
        f"{'was' if card.episodes == 1 else 'were'} "
        f"{plural(card.episodes, 'missing episode', 'missing episodes')} "
        f"({_change(card.episodes, earlier.episodes)} a year earlier) for "
        f"{plural(card.children, 'young person', 'young people')} "
        f"({_change(card.children, earlier.children)} a year earlier).",
        f"{plural(card.lac_episodes, 'episode was', 'episodes were')} of "
        f"{plural(card.lac_children, 'looked after child', 'looked after children')}.",
        f"A return home interview was offered after {share_text(card.rhi_offered)} episodes "
        f"and accepted after {share_text(card.rhi_accepted)}; "
        f"{share_text(card.rhi_completed)} accepted interviews were completed, "
        f"{share_text(card.rhi_in_time)} of them within 72 hours of the return.",
        report.persistent_sentence,
        f"{plural(card.still_missing, 'episode was', 'episodes were')} still open at the end "
        "of the period.",
    ]
    if report.cme.received:
        lines.append(
            f"Schools made {plural(report.cme.received, 'referral', 'referrals')} of children "
            f"missing education; {plural(report.cme.closed, 'child was', 'children were')} "
            f"located and the referral closed, {report.cme.still_open} still open."
        )
    return lines


def _add_table(document, table: Table) -> None:
    caption = document.add_paragraph(style="Caption")
    caption.add_run(table.caption)
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    for index, (cell, heading) in enumerate(zip(grid.rows[0].cells, table.columns, strict=True)):
        cell.text = ""
        run = cell.paragraphs[0].add_run(heading)
        run.bold = True
        if index and table.numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        cells = grid.add_row().cells
        cells[0].text = row.header
        for cell, value in zip(cells[1:], row.values, strict=True):
            cell.text = cell_text(value)
            if table.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if not table.rows:
        document.add_paragraph("No records in this period.")
    if table.note:
        document.add_paragraph(table.note).runs[0].font.size = Pt(9)
    document.add_paragraph()


def _title_page(document, report: PerformanceReport) -> None:
    document.add_paragraph()
    document.add_heading("Children who go missing from home, care or education", level=0)
    document.add_paragraph(f"Performance report: {period_name(report.period)}").runs[
        0
    ].font.size = Pt(16)
    document.add_paragraph(f"Children: {report.cohort.describe()}")
    document.add_paragraph(
        f"Figures as at {timezone.localtime(report.as_at):%-d %B %Y %H:%M}, from Homeward."
    )
    _placeholder(document, "Committee name and meeting date")
    _placeholder(document, "Report of: name and role of the author")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _front_matter(document, report: PerformanceReport) -> None:
    document.add_heading("Purpose of the report", level=1)
    document.add_paragraph(
        "This report gives the partnership's performance for children who go missing from "
        f"home, care or education for {period_name(report.period)}, against the same period "
        "a year earlier, with the quality of return home interviews and children missing "
        "education."
    )
    document.add_heading("Executive summary", level=1)
    for line in summary_lines(report):
        document.add_paragraph(line, style="List Bullet")
    _placeholder(document, "Analyst's summary of what the figures show and why")
    document.add_heading("Recommendation", level=1)
    _placeholder(
        document,
        "Members of the committee are recommended to: (a) note the contents of this report",
    )


def committee_report_docx(report: PerformanceReport) -> bytes:
    """The committee report as a .docx file (children pseudonymised by rank)."""
    report = report.pseudonymised()
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.left_margin = section.right_margin = Cm(2)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    _title_page(document, report)
    _front_matter(document, report)
    document.add_heading("Performance", level=1)
    for part in report.sections():
        document.add_heading(part.heading, level=2)
        if part.text:
            document.add_paragraph(part.text)
        for chart in part.charts:
            document.add_picture(io.BytesIO(chart.png()), width=Cm(16))
            document.add_paragraph(chart.summary, style="Caption")
        for table in part.tables:
            _add_table(document, table)
        _placeholder(document, "Analyst's narrative for this section")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
