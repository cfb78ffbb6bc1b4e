"""CSV and Excel downloads of report tables (SPEC.md §6, §8).

Every download renders the same :class:`~homeward.reporting.tables.Table` objects the page shows,
through :func:`~homeward.reporting.tables.cell_text`, and writes an ``exported`` audit event.
File names say what and when, never who.
"""

import csv
import io
from collections.abc import Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from homeward.accounts.audit import audit_record
from homeward.accounts.models import AuditEvent, User
from homeward.reporting.tables import Table, cell_text

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def tables_csv(tables: Sequence[Table]) -> bytes:
    """One CSV: for each table its caption on a line, the header row, the rows, a blank line.

    UTF-8 with a byte-order mark so Excel opens it with the right characters.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([table.caption])
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow([row.header, *(cell_text(v) for v in row.values)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _excel_value(value):
    """Numbers stay numbers in Excel; everything else is its one text form."""
    if isinstance(value, bool):
        return cell_text(value)
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal | float):
        return float(value)
    return cell_text(value)


def _sheet_title(table: Table, used: set[str]) -> str:
    base = table.key[:28] or "table"
    title, n = base, 2
    while title in used:
        title, n = f"{base[:26]}-{n}", n + 1
    used.add(title)
    return title


def tables_xlsx(tables: Sequence[Table]) -> bytes:
    """A workbook with one sheet per table: caption in A1, header in row 2, data below."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table, used))
        sheet["A1"] = table.caption
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append(list(table.columns))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append([row.header, *(_excel_value(v) for v in row.values)])
            for cell, value in zip(sheet[sheet.max_row][1:], row.values, strict=False):
                if isinstance(value, Decimal | float):
                    cell.number_format = "0.0"  # as the page shows it: 9.0 hours, 2.9 points
        if table.note:
            sheet.append([])
            sheet.append([table.note])
        sheet.column_dimensions["A"].width = 60
        for column in range(2, len(table.columns) + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 22
        sheet.freeze_panes = "B3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download_response(
    *, user: User, content: bytes, content_type: str, filename: str, detail: dict
) -> HttpResponse:
    """The file as an attachment, after writing the ``exported`` audit event."""
    audit_record(
        action=AuditEvent.Action.EXPORTED,
        actor=user,
        detail={"file": filename, **detail},
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
