"""The HSDS 3.0 API: HSDS's page shape, who may ask, and a public variant that shows only the public."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from strom.api.tests import test_schema_conformance as conformance
from strom.api.tokens import create_token
from strom.network import hsds
from strom.network.models import Service, ServiceLocation
from strom.network.tests import test_hsds as base
from strom.network.tests.test_hsds import SECRET_ADDRESS, assert_valid, needs_schemas
from strom.network.vocabularies import SERVICE_TYPES

# The fixtures these tests share with their neighbours.
directory = base.directory
keep_the_test_connection = conformance.keep_the_test_connection

PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def bearer(user):
    _token, raw = create_token(user, name="hsds", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.django_db
def test_lists_are_pages_as_hsds_describes_them(client, directory, network):
    auth = bearer(network.case_manager)
    first = client.get(reverse("hsds_services"), {"per_page": 3}, **auth).json()
    assert set(first) == PAGE_KEYS
    assert (first["total_items"], first["total_pages"], first["page_number"], first["size"]) == (4, 2, 1, 3)
    assert (first["first_page"], first["last_page"], first["empty"]) == (True, False, False)
    second = client.get(reverse("hsds_services"), {"per_page": 3, "page": 2}, **auth).json()
    assert (second["page_number"], second["size"], second["first_page"], second["last_page"]) == (2, 1, False, True)
    names = [s["name"] for s in first["contents"] + second["contents"]]
    assert sorted(names) == names and len(set(names)) == 4
    beyond = client.get(reverse("hsds_services"), {"page": 10**30}, **auth).json()
    assert beyond["empty"] and beyond["contents"] == [] and beyond["last_page"]
    for bad in ({"page": 0}, {"per_page": 101}, {"page": "x"}, {"full": "maybe"}, {"organization_id": "nope"},
                {"modified_after": "2025-01-01"}, {"modified_after": "0001-01-01T00:00:00+01:00"}):
        assert client.get(reverse("hsds_services"), bad, **auth).status_code == 400
    # ISO 8601 allows offsets PostgreSQL does not; the moment is compared in UTC.
    later = client.get(reverse("hsds_services"), {"modified_after": "7716-01-01T08:40:56+16:00"}, **auth).json()
    assert later["total_items"] == 0
    earlier = client.get(reverse("hsds_services"), {"modified_after": "2000-01-01T00:00:00Z"}, **auth).json()
    assert earlier["total_items"] == 4


@pytest.mark.django_db
def test_every_endpoint_answers(client, directory, network):
    auth = bearer(network.social_worker)
    shelter = directory["shelter"]
    assert client.get(reverse("hsds_root"), **auth).json()["version"] == "3.0"
    service = client.get(reverse("hsds_service", args=[shelter.id]), **auth).json()
    assert service["organization"]["name"] == "Riga Safe House" and service["phones"]
    listed = client.get(reverse("hsds_services"), {"full": "true", "organization_id": shelter.organisation_id},
                        **auth).json()
    assert [s["id"] for s in listed["contents"]] == [str(shelter.id)] and "schedules" in listed["contents"][0]
    term = hsds.service_type_term(shelter.type)
    by_type = client.get(reverse("hsds_services"), {"taxonomy_term_id": term.id}, **auth).json()
    assert [s["id"] for s in by_type["contents"]] == [str(shelter.id)]
    organisations = client.get(reverse("hsds_organizations"), **auth).json()
    assert organisations["total_items"] == 6 and "services" not in organisations["contents"][0]
    full = client.get(reverse("hsds_organizations"), {"full": "true", "full_service": "true"}, **auth).json()
    assert any(s.get("schedules") for o in full["contents"] for s in o["services"])
    one = client.get(reverse("hsds_organization", args=[shelter.organisation_id]), **auth).json()
    assert [s["id"] for s in one["services"]] == [str(shelter.id)] and "schedules" not in one["services"][0]
    taxonomies = client.get(reverse("hsds_taxonomies"), **auth).json()
    assert {t["name"] for t in taxonomies["contents"]} >= {"strom-service-types", "strom-fields"}
    taxonomy = client.get(reverse("hsds_taxonomy", args=[hsds.SERVICE_TYPES.id]), **auth).json()
    assert taxonomy["name"] == "strom-service-types"
    terms = client.get(reverse("hsds_taxonomy_terms"), {"taxonomy_id": hsds.SERVICE_TYPES.id, "per_page": 100},
                       **auth).json()
    assert {t["code"] for t in terms["contents"]} == {code for code, _name, _source in SERVICE_TYPES}
    assert client.get(reverse("hsds_taxonomy_term", args=[term.id]), **auth).json()["code"] == "safe_accommodation"
    inactive = Service.objects.get(is_active=False)
    assert client.get(reverse("hsds_service", args=[inactive.id]), **auth).status_code == 404


@needs_schemas
@pytest.mark.django_db
def test_api_objects_validate(client, directory, network):
    auth = bearer(network.case_manager)
    for item in client.get(reverse("hsds_services"), **auth).json()["contents"]:
        assert_valid(item, "service_list")
    for item in client.get(reverse("hsds_services"), {"full": "true"}, **auth).json()["contents"]:
        assert_valid(item, "service")
    for item in client.get(reverse("hsds_organizations"), {"full": "true"}, **auth).json()["contents"]:
        assert_valid(item, "organization")
    for item in client.get(reverse("hsds_organizations"), **auth).json()["contents"]:
        assert_valid(item, "organization_list")
    for item in client.get(reverse("hsds_taxonomy_terms"), {"per_page": 100}, **auth).json()["contents"]:
        assert_valid(item, "taxonomy_term")


@pytest.mark.django_db
def test_who_may_ask(client, directory, network):
    shelter = directory["shelter"]
    for name, args in (("hsds_services", []), ("hsds_service", [shelter.id]), ("hsds_organizations", []),
                       ("hsds_taxonomies", []), ("hsds_taxonomy_terms", [])):
        assert client.get(reverse(name, args=args)).status_code == 401
        assert client.get(reverse(name, args=args), **bearer(network.auditor)).status_code == 403  # no network.read
        assert client.get(reverse(name, args=args), **bearer(network.outsider_case_manager)).status_code == 200


@pytest.mark.django_db
def test_the_public_api_shows_only_the_public_directory(client, directory):
    services = client.get(reverse("hsds_public_services"), {"full": "true"}).json()
    assert {s["name"] for s in services["contents"]} == {"Counselling", "Trafficking hotline"}
    organisations = client.get(reverse("hsds_public_organizations"), {"full": "true", "full_service": "true"}).json()
    assert {o["name"] for o in organisations["contents"]} == {"Riga Social Service", "Vilnius Hotline"}
    for hidden in Service.objects.filter(is_public=False) | Service.objects.filter(is_active=False):
        assert client.get(reverse("hsds_public_service", args=[hidden.id])).status_code == 404
    shelter = directory["shelter"]
    assert client.get(reverse("hsds_public_organization", args=[shelter.organisation_id])).status_code == 404
    everything = json.dumps([services, organisations], ensure_ascii=False)
    assert "Safe house for women" not in everything and "Reporting to the police" not in everything
    assert client.get(reverse("hsds_public_taxonomies")).status_code == 200


@pytest.mark.django_db
def test_how_to_refer_is_for_partners_only(client, directory, network):
    public = Service.objects.get(name="Counselling")
    Service.objects.filter(pk=public.pk).update(how_to_refer="Ask for the duty social worker by name")
    public_answers = [client.get(reverse("hsds_public_service", args=[public.id])),
                      client.get(reverse("hsds_public_services")),
                      client.get(reverse("hsds_public_services"), {"full": "true"}),
                      client.get(reverse("hsds_public_organizations"), {"full": "true", "full_service": "true"}),
                      client.get(reverse("hsds_public_organization", args=[public.organisation_id]))]
    for response in public_answers:
        assert response.status_code == 200
        assert "duty social worker" not in response.content.decode()
    partners = client.get(reverse("hsds_service", args=[public.id]), **bearer(network.case_manager)).json()
    assert partners["application_process"] == "Ask for the duty social worker by name"


@pytest.mark.django_db
def test_no_endpoint_gives_a_confidential_address(client, directory, network):
    auth = bearer(network.case_manager)
    shelter = directory["shelter"]
    confidential = ServiceLocation.objects.get(confidential=True)
    responses = [client.get(reverse("hsds_service", args=[shelter.id]), **auth),
                 client.get(reverse("hsds_services"), {"full": "true"}, **auth),
                 client.get(reverse("hsds_organizations"), {"full": "true", "full_service": "true"}, **auth),
                 client.get(reverse("hsds_organization", args=[shelter.organisation_id]), {"full_service": "true"},
                            **auth)]
    for response in responses:
        text = response.content.decode()
        assert response.status_code == 200 and SECRET_ADDRESS not in text and str(confidential.id) not in text


@pytest.mark.django_db
def test_lists_cost_the_same_few_queries_however_many_services(client, directory, network,
                                                                django_assert_max_num_queries):
    auth = bearer(network.case_manager)
    client.get(reverse("hsds_root"), **auth)  # warm up the session and token paths
    with django_assert_max_num_queries(10):
        small = client.get(reverse("hsds_services"), {"full": "true"}, **auth)
    for index in range(20):
        copy = Service.objects.create(organisation=network.social, type=directory["counselling"].type,
                                      name=f"Extra {index}", is_public=True)
        copy.areas.set([network.riga])
    with django_assert_max_num_queries(10):
        large = client.get(reverse("hsds_services"), {"full": "true"}, **auth)
    assert large.json()["size"] == 24 and small.json()["size"] == 4
    with django_assert_max_num_queries(11):
        client.get(reverse("hsds_organizations"), {"full": "true", "full_service": "true"}, **auth)


@pytest.mark.django_db
def test_the_schema_documents_the_hsds_endpoints(client, network):
    from strom.testing import sign_in

    sign_in(client, network.case_manager)
    paths = client.get(reverse("api_schema"), {"format": "json"}).json()["paths"]
    assert {"/api/v1/hsds/services/", "/api/v1/hsds/services/{id}/", "/api/v1/hsds/organizations/",
            "/api/v1/hsds/taxonomies/", "/api/v1/hsds/taxonomy_terms/{id}/"} <= set(paths)
    assert not [path for path in paths if "/public/" in path]  # the schema is for signed-in callers
    page = paths["/api/v1/hsds/services/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert set(page["required"]) == PAGE_KEYS


@pytest.mark.django_db
def test_hsds_responses_with_data_conform_to_the_schema(directory, network, keep_the_test_connection):
    """The project's schemathesis test runs on an empty directory; this one on a full one, with real ids."""
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import positive_data_acceptance

    _token, raw = create_token(network.case_manager, name="schemathesis", days=1)
    headers = {"Authorization": f"Bearer {raw}"}
    real_ids = {"/api/v1/hsds/services/{id}/": directory["shelter"].id,
                "/api/v1/hsds/organizations/{id}/": directory["shelter"].organisation_id,
                "/api/v1/hsds/taxonomies/{id}/": hsds.SERVICE_TYPES.id,
                "/api/v1/hsds/taxonomy_terms/{id}/": hsds.service_type_term(directory["shelter"].type).id}
    checked = 0
    for operation in conformance.operations(raw):
        if not operation.path.startswith("/api/v1/hsds/"):
            continue
        checked += 1
        if operation.path in real_ids:
            operation.Case(path_parameters={"id": str(real_ids[operation.path])}, query={"full_service": True}) \
                .call_and_validate(headers=headers)
        else:
            for query in ({}, {"full": True, "full_service": True, "per_page": 2}):
                operation.Case(query=query).call_and_validate(headers=headers)

        @given(case=operation.as_strategy())
        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        check()
    assert checked == 9
