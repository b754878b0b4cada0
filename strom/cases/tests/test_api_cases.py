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


# --- Writes ---------------------------------------------------------------------------------------

NEW_PERSON = {"given_names": "Oleksandr", "family_names": "Shevchenko", "birth_date": "1990-05-01",
              "gender": "Masculine", "citizenships": ["UA"], "languages": ["uk"]}


def open_body(network, person=None, **extra) -> dict:
    return {"person": person or dict(NEW_PERSON), "municipality": str(network.riga.pk),
            "exploitation_forms": ["labour"], "places": [{"kind": "exploitation", "country": "LV", "place": "Rīga"}],
            **extra}


def test_post_opens_a_case(client, network):
    response = client.post(reverse("api_cases"), open_body(network, team=[str(network.case_manager.pk)]),
                           content_type="application/json", **bearer(network.case_manager))
    assert response.status_code == 201, response.json()
    case = Case.objects.get(pk=response.json()["id"])
    assert response.json()["pseudonym"] == case.person.pseudonym and case.person.family_names == "Shevchenko"
    assert case.age_group == "adult" and list(case.team.all()) == [network.case_manager]
    assert "Shevchenko" not in response.content.decode()


def test_post_answers_409_with_the_duplicates_until_confirmed(client, network):
    client.post(reverse("api_cases"), open_body(network), content_type="application/json",
                **bearer(network.case_manager))
    auth = bearer(network.outsider_case_manager)
    polish = {**NEW_PERSON, "given_names": "Ołeksandr", "family_names": "Szewczenko"}
    body = open_body(network, polish, municipality=str(network.vilnius.pk))
    conflict = client.post(reverse("api_cases"), body, content_type="application/json", **auth)
    assert conflict.status_code == 409
    data = conflict.json()
    assert data["possible_duplicates"]["visible"] == []
    assert [m["name"] for m in data["possible_duplicates"]["elsewhere"]] == ["Riga Safe House"]
    assert Case.objects.get().person.pseudonym not in conflict.content.decode()
    tampered = client.post(reverse("api_cases"), {**body, "confirmation": data["confirmation"][:-1] + "x"},
                           content_type="application/json", **auth)
    assert tampered.status_code == 409 and Case.objects.count() == 1
    confirmed = client.post(reverse("api_cases"), {**body, "confirmation": data["confirmation"]},
                            content_type="application/json", **auth)
    assert confirmed.status_code == 201 and Case.objects.count() == 2


@pytest.mark.parametrize(("change", "field"), [
    ({"municipality": "00000000-0000-0000-0000-000000000000"}, "municipality"),
    ({"person": {**NEW_PERSON, "citizenships": ["XX"]}}, "citizenships"),
    ({"person": {**NEW_PERSON, "birth_date": "2999-01-01"}}, "birth_date"),
    ({"places": [{"kind": "exploitation", "country": "ZZ"}]}, "places"),
    ({"exploitation_forms": ["nonsense"]}, "exploitation_forms"),
])
def test_post_refuses_bad_input_with_a_400_naming_the_field(client, network, change, field):
    response = client.post(reverse("api_cases"), {**open_body(network), **change}, content_type="application/json",
                           **bearer(network.case_manager))
    assert response.status_code == 400
    assert field in str(response.json())
    assert not Case.objects.exists()


def test_opening_needs_case_write(client, network):
    response = client.post(reverse("api_cases"), open_body(network), content_type="application/json",
                           **bearer(network.social_worker))
    assert response.status_code == 403 and not Case.objects.exists()


def test_patch_case_and_person(client, network, case):
    auth = bearer(network.case_manager)
    response = client.patch(reverse("api_case", args=[case.pk]), {"risk_flags": ["child"], "industry": "A"},
                            content_type="application/json", **auth)
    assert response.status_code == 200 and sorted(response.json()["changed"]) == ["industry", "risk_flags"]
    before = set(case.person.name_keys.values_list("digest", flat=True))
    response = client.patch(reverse("api_case_person", args=[case.pk]),
                            {"family_names": "Kovalenko", "birth_date": "2012-02-02"},
                            content_type="application/json", **auth)
    assert response.status_code == 200, response.json()
    assert sorted(response.json()["changed"]) == ["birth_date", "family_names"]
    assert response.json()["possible_duplicates"] == {"visible": [], "elsewhere": []}
    case.refresh_from_db()
    assert case.age_group == "child" and set(case.person.name_keys.values_list("digest", flat=True)) != before
    bad = client.patch(reverse("api_case_person", args=[case.pk]), {"languages": ["xx"]},
                       content_type="application/json", **auth)
    assert bad.status_code == 400 and "languages" in bad.json()


def test_writes_are_404_to_outsiders_and_403_to_readers_without_write(client, network, case):
    for user, status in ((network.outsider_case_manager, 404), (network.hotline_operator, 404)):
        auth = bearer(user)
        assert client.patch(reverse("api_case", args=[case.pk]), {"industry": "A"},
                            content_type="application/json", **auth).status_code == status
        assert client.patch(reverse("api_case_person", args=[case.pk]), {"given_names": "X"},
                            content_type="application/json", **auth).status_code == status
        assert client.post(reverse("api_case_decisions", args=[case.pk]), {}, content_type="application/json",
                           **auth).status_code == status
    case.refresh_from_db()
    assert case.industry == "F"


def test_post_decisions_and_consents(client, network, case):
    auth = bearer(network.case_manager)
    decision = {"authority": "State Police", "level": "reasonable_grounds", "decided_on": "2026-01-05",
                "outcome": "positive"}
    response = client.post(reverse("api_case_decisions", args=[case.pk]), decision, content_type="application/json",
                           **auth)
    assert response.status_code == 201 and case.decisions.count() == 1
    future = client.post(reverse("api_case_decisions", args=[case.pk]), {**decision, "decided_on": "2999-01-01"},
                         content_type="application/json", **auth)
    assert future.status_code == 400 and "decided_on" in future.json()
    entry = {"purpose": "share_for_referral", "state": "given", "how": "written",
             "recipient_organisation": str(network.social.pk)}
    response = client.post(reverse("api_case_consents", args=[case.pk]), entry, content_type="application/json",
                           **auth)
    assert response.status_code == 201, response.json()
    assert response.json()["recipient_organisation"] == str(network.social.pk)
    no_how = client.post(reverse("api_case_consents", args=[case.pk]), {**entry, "how": ""},
                         content_type="application/json", **auth)
    assert no_how.status_code == 400 and case.consents.count() == 1


def test_post_emergency_access(client, network, case):
    url = reverse("api_case_emergency_access", args=[case.pk])
    auth = bearer(network.outsider_case_manager)
    refused = client.post(url, {"reason": "now"}, content_type="application/json", **auth)
    assert refused.status_code == 400 and "reason" in refused.json()
    granted = client.post(url, {"reason": "The person is at our door and needs a shelter tonight."},
                          content_type="application/json", **auth)
    assert granted.status_code == 201 and granted.json()["case"] == str(case.pk)
    assert client.get(reverse("api_case", args=[case.pk]), **auth).status_code == 200
    assert client.post(url, {"reason": "The person is at our door and needs a shelter tonight."},
                       content_type="application/json", **bearer(network.hotline_operator)).status_code == 404


def test_the_schema_documents_the_case_writes(client, network):
    from strom.testing import sign_in

    sign_in(client, network.case_manager)
    paths = client.get(reverse("api_schema"), {"format": "json"}).json()["paths"]
    other_areas = ("protection", "assistance", "notes", "documents", "costs")  # their own apps test their routes
    cases = {path: set(methods) - {"parameters"} for path, methods in paths.items()
             if path.startswith("/api/v1/cases/") and path.split("/")[5:6] not in [[area] for area in other_areas]}
    assert cases == {
        "/api/v1/cases/": {"get", "post"},
        "/api/v1/cases/{case_id}/": {"get", "patch"},
        "/api/v1/cases/{case_id}/timeline/": {"get"},
        "/api/v1/cases/{case_id}/stage/": {"post"},
        "/api/v1/cases/{case_id}/person/": {"patch"},
        "/api/v1/cases/{case_id}/decisions/": {"post"},
        "/api/v1/cases/{case_id}/consents/": {"post"},
        "/api/v1/cases/{case_id}/emergency-access/": {"post"},
    }
    assert "409" in paths["/api/v1/cases/"]["post"]["responses"]
