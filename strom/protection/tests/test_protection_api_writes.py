"""Protection writes through the API: the same services, the same case rules, 400s naming the field."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.cases import services as case_services
from strom.protection import services
from strom.protection.models import PeriodExtension, PermitRenewal
from strom.protection.tests.helpers import case_in, manager
from strom.testing import sign_in

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture
def case(network):
    return case_in(network, "LV")


@pytest.fixture
def child(network):
    return case_in(network, "LV", birth_date="", estimated_age=15, age_disputed=True)


def _url(name, case, *args):
    return reverse(name, args=[case.pk, *args])


def _post(client, name, case, *args, body=None):
    return client.post(_url(name, case, *args), body or {}, content_type="application/json")


def _overview(client, case):
    response = client.get(_url("api_case_protection", case))
    assert response.status_code == 200
    return response.json()


def _state(case):
    """Everything the writes could change, to check that a refused write changed nothing."""
    return (list(case.reflection_periods.values_list("pk", "ended_on", "last_day")),
            PeriodExtension.objects.filter(period__case=case).count(),
            list(case.residence_permits.values_list("pk", "expires")),
            PermitRenewal.objects.filter(permit__case=case).count(),
            case.risk_assessments.count(), case.guardians.count(), case.best_interests.count(),
            list(case.tasks.values_list("pk", "done_at")))


def _with_records(network, case):
    """A running period, a permit and an open task, for the routes that name one."""
    actor = manager(network)
    period = services.start_period(actor, case, start=TODAY, authority="State Police")
    permit = services.record_permit(actor, case, ground="cooperation", valid_from=TODAY, authority="OCMA")
    task = services.add_task(actor, case, title="Synthetic task")
    return period, permit, task


def _routes(period, permit, task):
    """Every write route with a body it would accept."""
    day = TODAY.isoformat()
    return [
        ("api_protection_period", (), {"start": day, "authority": "State Police"}),
        ("api_protection_period_extend", (period.pk,), {"granted_on": day, "amount": 10, "unit": "days",
                                                        "granted_by": "State Police"}),
        ("api_protection_period_end", (period.pk,), {"ended_on": day, "reason": "left_country"}),
        ("api_protection_permit", (), {"ground": "cooperation", "valid_from": day, "authority": "OCMA"}),
        ("api_protection_permit_renew", (permit.pk,), {"granted_on": day, "authority": "OCMA"}),
        ("api_protection_risk", (), {"assessed_on": day, "level": "high"}),
        ("api_protection_guardian", (), {"appointed_on": day, "authority": "Orphan court", "guardian": "NGO"}),
        ("api_protection_best_interests", (), {"assessed_on": day, "assessed_by": "Orphan court",
                                                "conclusion": "Synthetic"}),
        ("api_protection_tasks", (), {"title": "Synthetic"}),
        ("api_protection_task_done", (task.pk,), {}),
    ]


def test_period_start_extend_end(client, network, case):
    sign_in(client, network.case_manager)
    started = _post(client, "api_protection_period", case, body={"start": "2026-03-02", "authority": "State Police"})
    assert started.status_code == 201
    assert started.json()["period"]["last_day"] == "2026-03-31"
    period_id = started.json()["period"]["id"]
    extended = _post(client, "api_protection_period_extend", case, period_id, body={
        "granted_on": "2026-03-20", "amount": 10, "unit": "days", "granted_by": "State Police", "why": "Synthetic"})
    assert extended.status_code == 201 and extended.json()["period"]["last_day"] == "2026-04-10"
    seen = _overview(client, case)["period"]
    assert seen["last_day"] == "2026-04-10"
    assert seen["extensions"] == [{"granted_on": "2026-03-20", "amount": 10, "unit": "days",
                                   "granted_by": "State Police"}]
    ended = _post(client, "api_protection_period_end", case, period_id, body={
        "ended_on": "2026-04-01", "reason": "residence_permit", "ended_by": "OCMA"})
    assert ended.status_code == 201 and ended.json()["period"] is None
    assert _overview(client, case)["period"] is None
    assert case.reflection_periods.get().ended_on == date(2026, 4, 1)
    assert {"protection.period_started", "protection.period_extended", "protection.period_ended"} <= set(
        AuditEvent.objects.values_list("action", flat=True))


def test_permit_record_and_renew(client, network, case):
    sign_in(client, network.case_manager)
    recorded = _post(client, "api_protection_permit", case, body={
        "ground": "cooperation", "valid_from": "2026-03-02", "valid_until": "2026-09-01", "authority": "OCMA"})
    assert recorded.status_code == 201
    permit = recorded.json()["permit"]
    assert (permit["ground"], permit["expires"], permit["renewals"]) == ("cooperation", "2026-09-01", 0)
    renewed = _post(client, "api_protection_permit_renew", case, permit["id"], body={
        "granted_on": "2026-08-20", "valid_until": "2027-03-01", "authority": "OCMA"})
    assert renewed.status_code == 201
    seen = _overview(client, case)["permit"]
    assert (seen["id"], seen["expires"], seen["renewals"]) == (permit["id"], "2027-03-01", 1)


def test_risk_guardian_best_interests_and_tasks(client, network, child):
    sign_in(client, network.case_manager)
    risk = _post(client, "api_protection_risk", child, body={
        "assessed_on": "2026-03-02", "level": "acute", "risks": "Synthetic risk", "measures": "Synthetic measure",
        "next_review": "2026-03-16"})
    assert risk.status_code == 201 and risk.json()["level"] == "acute"
    guardian = _post(client, "api_protection_guardian", child, body={
        "appointed_on": "2026-03-03", "authority": "Orphan court", "guardian": "Synthetic NGO"})
    assert guardian.status_code == 201 and guardian.json()["guardian"] == "Synthetic NGO"
    assessed = _post(client, "api_protection_best_interests", child, body={
        "assessed_on": "2026-03-04", "assessed_by": "Orphan court", "conclusion": "Synthetic conclusion"})
    assert assessed.status_code == 201 and assessed.json()["conclusion"] == "Synthetic conclusion"
    task = _post(client, "api_protection_tasks", child, body={
        "title": "Synthetic task", "due_on": "2026-03-10", "assignee": str(network.case_manager.pk)})
    assert task.status_code == 201 and task.json()["assignee"] == str(network.case_manager.pk)
    assert task.json()["done_at"] is None
    done = _post(client, "api_protection_task_done", child, task.json()["id"])
    assert done.status_code == 201 and done.json()["done_at"] is not None
    seen = _overview(client, child)
    assert seen["risk"]["id"] == risk.json()["id"] and seen["risk"]["next_review"] == "2026-03-16"
    assert [row["id"] for row in seen["guardians"]] == [guardian.json()["id"]]
    assert [row["id"] for row in seen["best_interests"]] == [assessed.json()["id"]]
    assert [(row["id"], row["done_at"] is not None) for row in seen["tasks"]] == [(task.json()["id"], True)]
    again = _post(client, "api_protection_task_done", child, task.json()["id"])
    assert again.status_code == 400 and again.json()["non_field_errors"] == ["The task is already done."]


def test_guardian_and_best_interests_refused_for_an_adult(client, network, case):
    sign_in(client, network.case_manager)
    response = _post(client, "api_protection_guardian", case, body={
        "appointed_on": "2026-03-02", "authority": "Orphan court", "guardian": "Synthetic NGO"})
    assert response.status_code == 400
    assert response.json()["non_field_errors"][0].startswith("The person is an adult")
    response = _post(client, "api_protection_best_interests", case, body={
        "assessed_on": "2026-03-02", "assessed_by": "Orphan court", "conclusion": "Synthetic"})
    assert response.status_code == 400 and "The person is an adult" in response.json()["non_field_errors"][0]
    assert not case.guardians.exists() and not case.best_interests.exists()


FAR = (timezone.localdate() + timedelta(days=366 * 11)).isoformat()

BAD = [  # (route, names a record, body, the field named in the 400)
    ("api_protection_period", None, {"start": "not a date", "authority": "X"}, "start"),
    ("api_protection_period", None, {"start": FAR, "authority": "X"}, "start"),
    ("api_protection_period", None, {"start": "2026-03-02", "authority": "  "}, "authority"),
    ("api_protection_period", None, {"start": "2026-03-02", "authority": "X", "granted_amount": 0,
                                     "granted_unit": "days"}, "granted_amount"),
    ("api_protection_period_extend", "period", {"granted_on": "2026-03-01", "amount": 10, "unit": "days",
                                                "granted_by": "X"}, "granted_on"),
    ("api_protection_period_extend", "period", {"granted_on": "2026-03-05", "amount": 10, "unit": "weeks",
                                                "granted_by": "X"}, "unit"),
    ("api_protection_period_end", "period", {"ended_on": "2026-03-05", "reason": "bored"}, "reason"),
    ("api_protection_period_end", "period", {"ended_on": "2026-03-01", "reason": "left_country"}, "ended_on"),
    ("api_protection_permit", None, {"ground": "cooperation", "valid_from": "2026-03-02",
                                     "valid_until": "2026-03-01", "authority": "OCMA"}, "valid_until"),
    ("api_protection_permit", None, {"ground": "luck", "valid_from": "2026-03-02", "authority": "OCMA"}, "ground"),
    ("api_protection_permit_renew", "permit", {"granted_on": "2026-03-01", "authority": "OCMA"}, "granted_on"),
    ("api_protection_risk", None, {"assessed_on": "2026-03-02", "level": "extreme"}, "level"),
    ("api_protection_risk", None, {"assessed_on": "2026-03-02", "level": "low", "next_review": "2026-03-01"},
     "next_review"),
    ("api_protection_guardian", None, {"appointed_on": "2026-03-02", "authority": "Orphan court"}, "guardian"),
    ("api_protection_best_interests", None, {"assessed_on": "2026-03-02", "assessed_by": "X",
                                             "conclusion": " "}, "conclusion"),
    ("api_protection_tasks", None, {"title": ""}, "title"),
    ("api_protection_tasks", None, {"title": "Synthetic", "due_on": FAR}, "due_on"),
]


@pytest.mark.parametrize(("name", "record", "body", "field"), BAD)
def test_bad_input_gets_400_naming_the_field_and_changes_nothing(client, network, child, name, record, body,
                                                                 field):
    period, permit, _task = _with_records(network, child)
    before = _state(child)
    sign_in(client, network.case_manager)
    args = {"period": (period.pk,), "permit": (permit.pk,), None: ()}[record]
    response = _post(client, name, child, *args, body=body)
    assert response.status_code == 400
    assert field in response.json() and response.json()[field][0]
    assert _state(child) == before


def test_task_for_someone_outside_the_lead_organisation_is_refused(client, network, case):
    sign_in(client, network.case_manager)
    for someone in (network.outsider_case_manager.pk, "00000000-0000-0000-0000-000000000000"):
        response = _post(client, "api_protection_tasks", case, body={"title": "Synthetic", "assignee": str(someone)})
        assert response.status_code == 400
        assert response.json()["assignee"] == ["Assign the task to someone of the lead organisation."]
    assert not case.tasks.exists()


@pytest.mark.parametrize("persona", ["social_worker", "police_officer", "hotline_operator", "outsider_case_manager",
                                     "auditor", "no_role"])
def test_outsiders_get_404_on_every_write(client, network, child, persona):
    routes = _routes(*_with_records(network, child))
    before = _state(child)
    sign_in(client, getattr(network, persona))
    for name, args, body in routes:
        assert _post(client, name, child, *args, body=body).status_code == 404, name
    assert _state(child) == before


def test_records_of_another_case_are_404(client, network, child):
    period, permit, task = _with_records(network, case_in(network, "LV"))
    before = _state(child)
    sign_in(client, network.case_manager)
    for name, args, body in _routes(period, permit, task):
        if args:
            assert _post(client, name, child, *args, body=body).status_code == 404, name
    assert _state(child) == before


def test_readers_without_the_right_to_write_get_403(client, network, child):
    routes = _routes(*_with_records(network, child))
    before = _state(child)
    case_services.break_glass(actor_for_user(network.outsider_case_manager), child, reason="A reason long enough")
    for reader in (network.outsider_case_manager, network.org_admin):
        client.logout()
        sign_in(client, reader)
        for name, args, body in routes:
            assert _post(client, name, child, *args, body=body).status_code == 403, (reader, name)
    assert client.get(_url("api_case_protection", child)).status_code == 403  # the org admin reads nothing
    assert _state(child) == before
    assert AuditEvent.objects.filter(action="permission.denied").count() >= 2 * len(routes)


def test_schema_documents_the_writes(client, network):
    sign_in(client, network.case_manager)
    paths = client.get(reverse("api_schema"), {"format": "json"}).json()["paths"]
    base = "/api/v1/cases/{case_id}/protection/"
    for tail in ("period/", "period/{period_id}/extend/", "period/{period_id}/end/", "permit/",
                 "permit/{permit_id}/renew/", "risk/", "guardian/", "best-interests/", "tasks/",
                 "tasks/{task_id}/done/"):
        operation = paths[base + tail]["post"]
        assert {"201", "400", "403", "404"} <= set(operation["responses"]), tail
