"""The protection page and a form in a real browser: WCAG 2.1 A/AA by axe-core, and a task added with
the keyboard alone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from strom.protection import services
from strom.protection.tests.helpers import case_in, manager
from strom.testing_browser import (
    browser,  # noqa: F401 — a pytest fixture
    check_accessibility,
    go,
    heading,
    page,  # noqa: F401 — a pytest fixture
    with_session_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_protection_page_is_accessible_and_a_task_is_added_by_keyboard(page, live_server, network):  # noqa: F811
    case = case_in(network, "LT")  # LT: the rule's notice is shown beside the date
    today = timezone.localdate()
    actor = manager(network)
    period = services.start_period(actor, case, start=today - timedelta(days=3), authority="Police")
    services.extend_period(actor, period, granted_on=today, amount=10, unit="days", granted_by="Police")
    services.record_permit(actor, case, ground="cooperation", valid_from=today, authority="Migration Department",
                           valid_until=today + timedelta(days=180))
    services.assess_risk(actor, case, assessed_on=today, level="high", risks="Synthetic", measures="Synthetic",
                         next_review=today + timedelta(days=14))
    with_session_of(page, live_server, network.case_manager)
    go(page, live_server, f"/cases/{case.pk}/protection/")
    assert heading(page) == "Protection"
    check_accessibility(page, "protection-overview")

    go(page, live_server, f"/cases/{case.pk}/protection/tasks/new/")
    check_accessibility(page, "protection-task-form")
    for _press in range(60):  # from the top of the page to the task's title, by Tab alone
        if page.evaluate("document.activeElement && document.activeElement.id") == "id_title":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_title"
    page.keyboard.type("Call the interpreter")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert case.tasks.get().title == "Call the interpreter"
    check_accessibility(page, "protection-overview-with-task")
