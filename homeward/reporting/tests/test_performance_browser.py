"""The reporting pages in Debian's Chromium: change the period, download the Word report and read
its tables back, axe-core on every reporting page, screenshots, and the report rendered to PDF
and PNG pages (LibreOffice and pdftoppm, when installed) in test-artifacts/ to be looked at."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache
from docx import Document

from homeward.reporting.tests import performance_data as data
from homeward.testing.browser import ROOT

pytestmark = pytest.mark.e2e

ARTIFACTS = ROOT / "test-artifacts" / "committee-report"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _render_pages(docx_path: Path) -> list[Path]:
    """The Word file as PDF and PNG pages, for a person to look at (skipped without the tools)."""
    if not (shutil.which("libreoffice") and shutil.which("pdftoppm")):
        return []
    subprocess.run(
        [
            "libreoffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(ARTIFACTS),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = docx_path.with_suffix(".pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / "page")],
        check=True,
        timeout=120,
    )
    return sorted(ARTIFACTS.glob("page-*.png"))


def test_performance_page_period_change_and_word_report(
    browser_page,
    coordinator,
    manager,
    local_authority,
    sign_in,
    screenshot,
    assert_no_serious_axe_violations,
):
    data.build(local_authority, manager)
    page = browser_page
    sign_in(page, coordinator)
    page.goto("/reports/performance/")
    screenshot(page, "reporting-performance-default")
    assert_no_serious_axe_violations(page)

    page.get_by_label("Period", exact=True).select_option("reporting_year")
    page.get_by_label("Year", exact=True).fill("2023")
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_url("**year=2023**")
    assert page.locator("#report-heading").inner_text() == "2023/24"
    first_row = page.locator('table[data-table="comparison"] tbody tr').first
    assert first_row.locator("td").all_inner_texts() == ["1", "7"]
    screenshot(page, "reporting-performance-2023-24")
    assert_no_serious_axe_violations(page)

    with page.expect_download() as download_info:
        page.locator("#committee-report-link").click()
    download = download_info.value
    assert download.suggested_filename == "homeward-committee-report-2023-24.docx"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*"):
        old.unlink()
    docx_path = ARTIFACTS / download.suggested_filename
    download.save_as(str(docx_path))

    document = Document(io.BytesIO(docx_path.read_bytes()))
    comparison = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert comparison[0] == ["Measure", "2022/23", "2023/24"]
    assert comparison[1] == ["Number of missing episodes (total)", "1", "7"]
    top = next(t for t in document.tables if t.rows[0].cells[0].text == "Young person")
    assert [row.cells[0].text for row in top.rows[1:]] == ["1", "2", "3", "4"]
    assert "ChildA" not in "\n".join(p.text for p in document.paragraphs)

    pages = _render_pages(docx_path)
    if pages:
        assert len(pages) >= 3


def test_audit_and_cme_pages_are_accessible(
    browser_page,
    coordinator,
    manager,
    local_authority,
    sign_in,
    screenshot,
    assert_no_serious_axe_violations,
):
    data.build(local_authority, manager)
    page = browser_page
    sign_in(page, coordinator)
    for name, url in [
        ("audits", "/audits/"),
        ("audit-new", "/audits/new/"),
        ("cme", "/education/?status=all"),
        ("cme-new", "/education/new/"),
    ]:
        page.goto(url)
        screenshot(page, f"reporting-{name}")
        assert_no_serious_axe_violations(page)
    page.goto("/audits/")
    page.get_by_role("link", name="February 2024").click()
    screenshot(page, "reporting-audit-round")
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Change scores").first.click()
    screenshot(page, "reporting-audit-score")
    assert_no_serious_axe_violations(page)
