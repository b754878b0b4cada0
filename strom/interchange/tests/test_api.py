"""The data exchange API: same policies as the page (404 outside, recorded 403 without the right)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from strom.api.tokens import create_token
from strom.cases.tests.helpers import open_shelter_case
from strom.interchange.models import ImportJob

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, raw = create_token(user, name="exchange", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def csv_file(content: str, name: str = "cases.csv"):
    return SimpleUploadedFile(name, content.encode(), content_type="text/csv")


def test_an_import_through_the_api_and_its_report(client, network, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/exchange/imports/",
                               {"file": csv_file("cas_RegistrationDate,prs_Gender\n2024-01-02,X\n")},
                               **bearer(network.org_admin))
    assert response.status_code == 202
    job = ImportJob.objects.get()
    detail = client.get(f"/api/v1/exchange/imports/{job.pk}/", **bearer(network.org_admin)).json()
    assert detail["state"] == "refused" and detail["rows_total"] == 1
    assert detail["errors"] == [{"line": 2, "column": "prs_Gender",
                                 "reason": "Not a value of this column's HTCDS picklist."}]
    assert client.get(f"/api/v1/exchange/imports/{job.pk}/", **bearer(network.outsider_case_manager)).status_code == 404
    assert client.get(f"/api/v1/exchange/imports/{job.pk}/", **bearer(network.case_manager)).status_code == 403


def test_the_api_refuses_without_the_right_and_bad_files(client, network):
    assert client.post("/api/v1/exchange/imports/", {"file": csv_file("x")},
                       **bearer(network.case_manager)).status_code == 403
    response = client.post("/api/v1/exchange/imports/", {"file": csv_file("x", "cases.txt")},
                           **bearer(network.org_admin))
    assert response.status_code == 400 and "file" in response.json()
    assert not ImportJob.objects.exists()


def test_the_htcds_export_through_the_api(client, network):
    case = open_shelter_case(network)
    response = client.get("/api/v1/exchange/htcds.csv", **bearer(network.case_manager))
    assert response.status_code == 200
    assert case.person.pseudonym in b"".join(response.streaming_content).decode()
    assert client.get("/api/v1/exchange/htcds.csv", **bearer(network.org_admin)).status_code == 403
