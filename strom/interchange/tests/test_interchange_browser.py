"""The data exchange page in a real browser: an administrator uploads a file with a bad row and reads
the report by line; a case manager sees the exports. Zero axe-core WCAG 2.1 A/AA violations."""

from __future__ import annotations

import pytest

from strom.interchange.models import ImportJob, JobState
from strom.testing_browser import (
    browser,  # noqa: F401 — a pytest fixture
    check_accessibility,
    go,
    heading,
    page,  # noqa: F401 — a pytest fixture
    with_session_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_read_the_report_and_see_the_exports(page, live_server, network, tmp_path):  # noqa: F811
    path = tmp_path / "cases.csv"
    path.write_text("cas_RegistrationDate,prs_Gender\n2024-01-02,Feminine\n2024-01-02,Woman\n", encoding="utf-8")
    with_session_of(page, live_server, network.org_admin)
    go(page, live_server, "/exchange/")
    assert heading(page) == "Data exchange"
    check_accessibility(page, "exchange-import-form")
    page.get_by_label("HTCDS spreadsheet (CSV or XLSX)").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and import").click()
    assert ImportJob.objects.get().state == JobState.REFUSED
    assert "prs_Gender" in page.locator("table").inner_text() and "3" in page.locator("table tbody").inner_text()
    check_accessibility(page, "exchange-import-report")

    with_session_of(page, live_server, network.case_manager)
    go(page, live_server, "/exchange/")
    assert page.get_by_role("link", name="HTCDS as CSV").count() == 1
    check_accessibility(page, "exchange-exports")
