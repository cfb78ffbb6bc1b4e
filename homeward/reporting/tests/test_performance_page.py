"""The performance page, its downloads and the one-source-of-truth check (SPEC.md §6, §8)."""

import csv
import io
from html.parser import HTMLParser

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from homeward.accounts.models import AuditEvent
from homeward.reporting.tests import performance_data as data

QUERY = {"period": "reporting_year", "year": "2023", "cohort": "all"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Reports are kept for five minutes; every test starts without any."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dataset(manager, local_authority):
    return data.build(local_authority, manager)


@pytest.fixture
def pinned():
    with time_machine.travel(data.AS_AT, tick=False):
        yield


class TableParser(HTMLParser):
    """The rows of every ``<table data-table=…>`` of a page, as cell texts."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._key = None
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-table" in attrs:
            self._key = attrs["data-table"]
            self.tables[self._key] = []
        elif self._key and tag == "tr":
            self._row = []
        elif self._key and self._row is not None and tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[self._key].append(self._row)
            self._row = None
        elif tag == "table":
            self._key = None

    def handle_data(self, text):
        if self._cell is not None:
            self._cell.append(text)


def page_tables(html: str) -> dict[str, list[list[str]]]:
    parser = TableParser()
    parser.feed(html)
    return parser.tables


def csv_tables(content: bytes) -> list[list[list[str]]]:
    """Each table of the CSV as its rows (header row first), the caption line dropped."""
    text = content.decode("utf-8-sig")
    blocks, current = [], []
    for row in csv.reader(io.StringIO(text)):
        if not row:
            blocks.append(current)
            current = []
        else:
            current.append(row)
    blocks.append(current)
    return [block[1:] for block in blocks]


def _excel_text(cell) -> str:
    if cell.value is None:
        return ""
    if cell.number_format == "0.0":
        return f"{cell.value:.1f}"
    return str(cell.value)


def xlsx_tables(content: bytes) -> list[list[list[str]]]:
    workbook = load_workbook(io.BytesIO(content))
    result = []
    for sheet in workbook.worksheets:
        rows = [[_excel_text(cell) for cell in row] for row in sheet.iter_rows(min_row=2)]
        # drop the blank line and note that follow a table
        if len(rows) >= 2 and all(v == "" for v in rows[-2]):
            rows = rows[:-2]
        result.append(rows)
    return result


def docx_tables(content: bytes) -> list[list[list[str]]]:
    document = Document(io.BytesIO(content))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def get(client, user, name="reporting:performance", *args, query=QUERY):
    client.force_login(user)
    return client.get(reverse(name, args=args), query)


# --- access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "manager", "analyst", "police"])
def test_report_readers_can_open_the_performance_page(client, request, role):
    assert get(client, request.getfixturevalue(role)).status_code == 200


@pytest.mark.parametrize("role", ["social_worker", "carer", "administrator"])
def test_other_roles_cannot_open_the_performance_page(client, request, role):
    assert get(client, request.getfixturevalue(role)).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("reporting:performance"))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_outsider_sees_no_figures_from_another_partnership(client, outsider, dataset, pinned):
    tables = page_tables(get(client, outsider).content.decode())
    assert tables["comparison"][1] == ["Number of missing episodes (total)", "0", "0"]


@pytest.mark.parametrize("role", ["social_worker", "carer", "administrator"])
def test_other_roles_cannot_download(client, request, role):
    response = get(client, request.getfixturevalue(role), "reporting:download", "csv")
    assert response.status_code == 403


# --- page -----------------------------------------------------------------------------------


def test_page_shows_names_to_coordinators(client, coordinator, dataset, pinned):
    tables = page_tables(get(client, coordinator).content.decode())
    assert tables["top-children"][1][:2] == ["ChildA Example", "3"]


def test_page_shows_ranks_not_names_to_analysts(client, analyst, dataset, pinned):
    html = get(client, analyst).content.decode()
    assert page_tables(html)["top-children"][1][:2] == ["1", "3"]
    assert "ChildA" not in html


def test_changing_the_period_changes_the_figures(client, coordinator, dataset, pinned):
    query = {"period": "reporting_quarter", "year": "2023", "quarter": "1", "cohort": "all"}
    tables = page_tables(get(client, coordinator, query=query).content.decode())
    assert tables["comparison"][1] == ["Number of missing episodes (total)", "1", "2"]


def test_an_invalid_period_shows_the_error_and_no_figures(client, coordinator):
    query = {"period": "range", "start": "2024-03-01", "end": "2024-01-01"}
    html = get(client, coordinator, query=query).content.decode()
    assert "must end on or after" in html
    assert "data-table" not in html


def test_every_table_has_a_caption_and_scoped_headers(client, coordinator, dataset, pinned):
    html = get(client, coordinator).content.decode()
    assert html.count("<table") == html.count("<caption")
    assert 'scope="col"' in html and 'scope="row"' in html


def test_charts_are_inline_svg_with_title_summary_and_data_table(
    client, coordinator, dataset, pinned
):
    html = get(client, coordinator).content.decode()
    assert html.count('role="img"') == 3
    assert 'data-table="chart-trend-episodes"' in html
    assert "<figcaption" in html


# --- downloads ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx"])
def test_every_download_writes_an_exported_event(client, coordinator, dataset, pinned, fmt):
    response = get(client, coordinator, "reporting:download", fmt)
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORTED)
    assert event.actor == coordinator
    assert event.detail["period"] == "2023-24" and event.detail["format"] == fmt


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx"])
def test_file_names_carry_no_personal_data(client, coordinator, dataset, pinned, fmt):
    disposition = get(client, coordinator, "reporting:download", fmt)["Content-Disposition"]
    assert disposition.endswith(f'2023-24.{fmt}"')
    assert "Child" not in disposition


def test_downloads_show_children_by_rank_even_to_coordinators(client, coordinator, dataset, pinned):
    content = get(client, coordinator, "reporting:download", "csv").content.decode("utf-8-sig")
    assert "ChildA" not in content


def test_one_table_can_be_downloaded_on_its_own(client, coordinator, dataset, pinned):
    query = {**QUERY, "table": "gender"}
    response = get(client, coordinator, "reporting:download", "csv", query=query)
    assert response["Content-Disposition"].endswith('homeward-performance-gender-2023-24.csv"')
    (table,) = csv_tables(response.content)
    assert table[0] == ["Gender", "Individuals", "Episodes"]
    assert table[1] == ["Male", "2", "3"]


def test_an_unknown_table_is_not_found(client, coordinator, dataset, pinned):
    query = {**QUERY, "table": "nonsense"}
    assert get(client, coordinator, "reporting:download", "xlsx", query=query).status_code == 404


def test_each_table_on_the_page_links_to_its_own_download(client, coordinator, dataset, pinned):
    html = get(client, coordinator).content.decode()
    assert (
        "download.csv?period=reporting_year&amp;year=2023&amp;cohort=all&amp;table=gender" in html
    )


def test_an_unknown_format_is_not_found(client, coordinator):
    assert get(client, coordinator, "reporting:download", "pdf").status_code == 404


def test_word_report_has_title_purpose_summary_recommendation_and_charts(
    client, coordinator, dataset, pinned
):
    document = Document(io.BytesIO(get(client, coordinator, "reporting:download", "docx").content))
    text = "\n".join(p.text for p in document.paragraphs)
    for heading in ("Purpose of the report", "Executive summary", "Recommendation", "Performance"):
        assert heading in text
    assert "there were 7 missing episodes (up from 1 a year earlier) for 4 young people" in text
    assert len(document.inline_shapes) == 3


def test_a_download_just_after_the_page_gives_the_report_the_page_showed(
    client, coordinator, dataset, pinned
):
    get(client, coordinator)
    dataset["A"].episodes.update(recorded_in_error=True)  # changes the figures from now on
    rows = csv_tables(get(client, coordinator, "reporting:download", "csv").content)
    assert rows[0][1] == ["Number of missing episodes (total)", "1", "7"]


def test_analysts_never_get_a_report_kept_for_a_coordinator(
    client, coordinator, analyst, dataset, pinned
):
    get(client, coordinator)
    html = get(client, analyst).content.decode()
    assert "ChildA" not in html


# --- one source of truth --------------------------------------------------------------------


def test_page_csv_excel_and_word_give_the_same_figures(client, analyst, dataset, pinned):
    """Parse each output and compare every table, cell by cell (analysts: ranks everywhere)."""
    page = page_tables(get(client, analyst).content.decode())
    from_page = [rows for key, rows in page.items() if not key.startswith("chart-")]
    from_csv = csv_tables(get(client, analyst, "reporting:download", "csv").content)
    from_xlsx = xlsx_tables(get(client, analyst, "reporting:download", "xlsx").content)
    from_docx = docx_tables(get(client, analyst, "reporting:download", "docx").content)
    # An empty table shows one "no records" row on the page; the files have only the header.
    from_page = [[r for r in rows if r != ["No records in this period."]] for rows in from_page]
    assert len(from_page) == len(from_csv) == len(from_xlsx) == len(from_docx) == 20
    assert from_csv == from_page
    assert from_xlsx == from_page
    assert from_docx == from_page
