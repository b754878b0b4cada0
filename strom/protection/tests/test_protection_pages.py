"""The protection pages, the API and the case list's deadline filter, under the case rules."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.cases import services as case_services
from strom.protection import services
from strom.protection.models import ReflectionPeriod
from strom.protection.tests.helpers import case_in, manager
from strom.testing import sign_in

pytestmark = pytest.mark.django_db

FORMS = ["period_start", "permit_add", "risk_add", "guardian_add", "best_interests_add", "task_add"]


@pytest.fixture
def case(network):
    return case_in(network, "LV")


def _url(name, case, *args):
    return reverse(f"protection:{name}", args=[case.pk, *args])


def test_overview_shows_last_day_working_days_and_notices(client, network, case):
    today = timezone.localdate()
    services.start_period(manager(network), case, start=today - timedelta(days=25), authority="State Police")
    services.add_task(manager(network), case, title="Synthetic task title", due_on=today)
    sign_in(client, network.case_manager)
    response = client.get(_url("overview", case))
    page = response.content.decode()
    assert response.status_code == 200
    assert "working day" in page and "Synthetic task title" in page
    assert f'<a href="{_url("overview", case)}" aria-current="page">Protection</a>' in page
    event = AuditEvent.objects.filter(action="protection.viewed").get()
    assert "title" in event.fields and "Synthetic" not in str(event.detail)


def test_lithuanian_notice_is_shown_beside_the_date(client, network):
    case = case_in(network, "LT")
    services.start_period(manager(network), case, start=timezone.localdate(), authority="Police")
    sign_in(client, network.case_manager)
    assert "still needs verification" in client.get(_url("overview", case)).content.decode()


def test_case_page_has_the_protection_tab(client, network, case):
    sign_in(client, network.case_manager)
    assert _url("overview", case) in client.get(reverse("cases:detail", args=[case.pk])).content.decode()


@pytest.mark.parametrize("persona", ["social_worker", "police_officer", "hotline_operator", "outsider_case_manager",
                                     "auditor", "no_role"])
def test_outsiders_get_404_everywhere(client, network, case, persona):
    sign_in(client, getattr(network, persona))
    assert client.get(_url("overview", case)).status_code == 404
    for name in FORMS:
        assert client.post(_url(name, case), {"start": "2026-03-02", "authority": "X"}).status_code == 404
    assert client.get(reverse("api_case_protection", args=[case.pk])).status_code == 404
    assert not ReflectionPeriod.objects.exists()


def test_lead_member_without_case_rights_gets_403(client, network, case):
    sign_in(client, network.org_admin)
    assert client.get(_url("overview", case)).status_code == 403
    assert client.post(_url("period_start", case), {"start": "2026-03-02", "authority": "X"}).status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied").exists()


def test_break_glass_reads_but_cannot_write(client, network, case):
    services.start_period(manager(network), case, start=timezone.localdate(), authority="State Police")
    case_services.break_glass(actor_for_user(network.outsider_case_manager), case, reason="A reason long enough")
    sign_in(client, network.outsider_case_manager)
    page = client.get(_url("overview", case))
    assert page.status_code == 200 and "State Police" in page.content.decode()
    assert "Record an extension" not in page.content.decode()
    assert client.get(_url("period_start", case)).status_code == 403
    assert client.post(_url("task_add", case), {"title": "X"}).status_code == 403
    assert client.get(reverse("api_case_protection", args=[case.pk])).status_code == 200
    assert not case.tasks.exists()


def test_forms_write_through_the_services(client, network, case):
    sign_in(client, network.case_manager)
    response = client.post(_url("period_start", case), {"start": "2026-03-02", "authority": "State Police"})
    assert response.status_code == 302
    period = case.reflection_periods.get()
    assert period.last_day == date(2026, 3, 31)
    assert client.post(_url("period_extend", case, period.pk), {
        "granted_on": "2026-03-20", "amount": "10", "unit": "days", "granted_by": "State Police",
        "why": "Synthetic"}).status_code == 302
    period.refresh_from_db()
    assert period.last_day == date(2026, 4, 10)
    assert client.post(_url("task_add", case), {"title": "Synthetic", "due_on": "2026-04-01",
                                                "assignee": str(network.case_manager.pk)}).status_code == 302
    task = case.tasks.get()
    assert client.post(_url("task_done", case, task.pk)).status_code == 302
    task.refresh_from_db()
    assert task.done_at is not None


def test_bad_input_shows_a_message_and_changes_nothing(client, network, case):
    sign_in(client, network.case_manager)
    response = client.post(_url("guardian_add", case), {"appointed_on": "2026-03-02", "authority": "Orphan court",
                                                         "guardian": "Synthetic NGO"})
    assert response.status_code == 200
    assert "The person is an adult" in response.content.decode()
    assert not case.guardians.exists()
    response = client.post(_url("period_start", case), {"start": "not a date", "authority": ""})
    assert response.status_code == 200 and not case.reflection_periods.exists()


def test_api_returns_period_with_last_day_and_notices(client, network):
    case = case_in(network, "LT")
    services.start_period(manager(network), case, start=date(2026, 3, 2), authority="Police")
    services.assess_risk(manager(network), case, assessed_on=date(2026, 3, 3), level="acute", risks="Synthetic")
    sign_in(client, network.case_manager)
    data = client.get(reverse("api_case_protection", args=[case.pk])).json()
    assert data["period"]["last_day"] == "2026-03-31"
    assert data["period"]["rule_country"] == "LT" and data["period"]["rule_valid_from"] == "2008-02-01"
    assert data["period"]["notices"] == ["The country's rule for this still needs verification."]
    assert data["risk"]["level"] == "acute" and data["permit"] is None and data["tasks"] == []


def test_api_schema_has_the_route(client, network):
    sign_in(client, network.case_manager)
    schema = client.get(reverse("api_schema"), {"format": "json"}).json()
    assert "/api/v1/cases/{case_id}/protection/" in schema["paths"]
    assert "deadline" in {p["name"] for p in schema["paths"]["/api/v1/cases/"]["get"]["parameters"]}


def test_case_list_filter_by_deadline(client, network):
    today = timezone.localdate()
    soon, later, none = case_in(network, "LV"), case_in(network, "LV"), case_in(network, "LV")
    services.add_task(manager(network), soon, title="Synthetic", due_on=today + timedelta(days=5))
    services.add_task(manager(network), soon, title="Synthetic 2", due_on=today + timedelta(days=6))
    services.add_task(manager(network), later, title="Synthetic", due_on=today + timedelta(days=20))
    sign_in(client, network.case_manager)

    def listed(days):
        page = client.get(reverse("cases:list"), {"deadline": days}).content.decode()
        return {case for case in (soon, later, none) if case.person.pseudonym in page}

    assert listed(7) == {soon}
    assert listed(14) == {soon}
    assert listed(30) == {soon, later}
    assert listed("") == {soon, later, none}
    api = client.get(reverse("api_cases"), {"deadline": 7}).json()["results"]
    assert [row["id"] for row in api] == [str(soon.pk)]  # one row, though the case has two deadlines
    assert client.get(reverse("api_cases"), {"deadline": 9}).status_code == 400
