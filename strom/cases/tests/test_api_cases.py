"""The cases API: the same policies as the pages, identity reads recorded, keyset pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from strom.api.tokens import create_token
from strom.audit.models import AuditEvent
from strom.cases.models import Case
from strom.cases.tests.helpers import open_shelter_case

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, raw = create_token(user, name="cases", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def case(network):
    return open_shelter_case(network)


def endpoints(case) -> list[str]:
    return [reverse("api_case", args=[case.pk]), reverse("api_case_timeline", args=[case.pk])]


def test_case_manager_reads_the_case_and_the_read_is_recorded(client, network, case):
    auth = bearer(network.case_manager)
    data = client.get(reverse("api_case", args=[case.pk]), **auth).json()
    assert data["person"]["given_names"] == "Testa" and data["pseudonym"] == case.person.pseudonym
    assert data["stage"] == "signal" and len(data["places"]) == 2
    event = AuditEvent.objects.get(action="person.identity_viewed")
    assert "given_names" in event.fields and event.actor_id == network.case_manager.pk
    timeline = client.get(reverse("api_case_timeline", args=[case.pk]), **auth).json()
    assert [row["to_stage"] for row in timeline] == ["signal"]


@pytest.mark.parametrize("persona", ["outsider_case_manager", "social_worker", "police_officer", "auditor",
                                     "national_coordinator", "hotline_operator"])
def test_outsiders_get_404_on_every_endpoint(client, network, case, persona):
    auth = bearer(getattr(network, persona))
    for url in endpoints(case):
        assert client.get(url, **auth).status_code == 404
    response = client.post(reverse("api_case_stage", args=[case.pk]), {"to_stage": "screening", "why": "x"},
                           content_type="application/json", **auth)
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="person.identity_viewed").exists()


def test_member_without_the_right_gets_403(client, network, case):
    auth = bearer(network.org_admin)
    for url in [*endpoints(case), reverse("api_cases")]:
        assert client.get(url, **auth).status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied", actor_id=network.org_admin.pk).exists()


def test_list_pages_with_cursor_and_no_identity(client, network):
    cases = [open_shelter_case(network) for _ in range(3)]
    auth = bearer(network.case_manager)
    from strom.cases import queries

    queries_size, queries.PAGE_SIZE = queries.PAGE_SIZE, 2
    try:
        first = client.get(reverse("api_cases"), **auth).json()
        second = client.get(first["next"], **auth).json()
    finally:
        queries.PAGE_SIZE = queries_size
    assert len(first["results"]) == 2 and len(second["results"]) == 1 and second["next"] is None
    seen = {row["id"] for row in first["results"] + second["results"]}
    assert seen == {str(c.pk) for c in cases}
    assert "given_names" not in str(first)
    assert client.get(reverse("api_cases"), {"after": "nonsense"}, **auth).status_code == 400
    assert client.get(reverse("api_cases"), {"stage": "nowhere"}, **auth).status_code == 400
    outsider = client.get(reverse("api_cases"), **bearer(network.outsider_case_manager)).json()
    assert outsider["results"] == []


def test_stage_change_through_the_api(client, network, case):
    auth = bearer(network.case_manager)
    url = reverse("api_case_stage", args=[case.pk])
    refused = client.post(url, {"to_stage": "identified", "why": "x"}, content_type="application/json", **auth)
    assert refused.status_code == 400 and "to_stage" in refused.json()
    refused = client.post(url, {"to_stage": "closed", "why": "x"}, content_type="application/json", **auth)
    assert refused.status_code == 400
    assert Case.objects.get().stage == "signal"
    moved = client.post(url, {"to_stage": "screening", "why": "Indicators"}, content_type="application/json",
                        **auth)
    assert moved.status_code == 201 and moved.json()["to_stage"] == "screening"
    assert Case.objects.get().stage == "screening"
