"""The data exchange page: who sees what, exports (identity only for the lead organisation), the import
job with its progress and report; outsiders get 404, members without the right 403."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.cases.models import Case
from strom.cases.tests.helpers import open_shelter_case
from strom.interchange.models import ImportJob, JobState
from strom.referrals import services as referral_services
from strom.testing import sign_in

pytestmark = pytest.mark.django_db
IDENTITY = ("Testa", "Personae", "1999-04-12", "+371 2000 0000")


def rows_of(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


@pytest.mark.parametrize(("persona", "status", "export", "import_"), [
    ("case_manager", 200, True, False), ("org_admin", 200, False, True), ("social_worker", 403, False, False),
    ("no_role", 403, False, False),
])
def test_the_page_shows_what_the_actor_may_do(client, network, persona, status, export, import_):
    sign_in(client, getattr(network, persona))
    response = client.get(reverse("interchange:index"))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert (reverse("interchange:htcds_csv") in html) is export
        assert ('name="file"' in html) is import_


@pytest.mark.parametrize("name", ["interchange:htcds_csv", "interchange:htcds_xlsx", "interchange:ctdc_csv"])
def test_exports_need_the_right(client, network, name):
    sign_in(client, network.org_admin)
    assert client.get(reverse(name)).status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied", detail__permission="interchange.export").exists()


def test_htcds_csv_has_identity_for_the_lead_organisation_and_is_recorded(client, network):
    case = open_shelter_case(network)
    sign_in(client, network.case_manager)
    response = client.get(reverse("interchange:htcds_csv"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert case.person.pseudonym not in response["Content-Disposition"]
    [row] = rows_of(response)
    assert (row["prs_FirstName"], row["prs_SecondName"], row["prs_Birthdate"], row["prs_MobilePhone"]) == IDENTITY
    assert row["prs_Pseudonym"] == case.person.pseudonym and row["vic_TypeOfExploitation"] == "ForcedLabour"
    event = AuditEvent.objects.get(action="interchange.htcds_exported")
    assert {"given_names", "birth_date", "contact"} <= set(event.fields)
    assert event.detail == {"format": "csv", "cases": 1, "with_identity": 1}
    assert not any(value in str(event.detail) for value in IDENTITY)


def test_an_outsider_exports_none_of_the_cases(client, network):
    open_shelter_case(network)
    sign_in(client, network.outsider_case_manager)
    response = client.get(reverse("interchange:htcds_csv"))
    assert response.status_code == 200 and rows_of(response) == []


def test_a_receiver_by_referral_exports_nothing_of_the_case(client, network, case, service, consented,
                                                            shelter_worker):
    """A referral shows the receiver the referral's fields, not the case: `cases_visible_to` has no
    referral rule today, so the case is not exported (were a rule added, the row would carry the
    pseudonym only: identity goes with the lead organisation, test_htcds.py)."""
    referral = referral_services.make_referral(actor_for_user(network.case_manager), case=case, service=service,
                                               reason="Needs a safe place", needs="A bed")
    referral_services.accept(actor_for_user(shelter_worker), referral, assigned_to=shelter_worker)
    sign_in(client, shelter_worker)
    assert rows_of(client.get(reverse("interchange:htcds_csv"))) == []
    assert AuditEvent.objects.get(action="interchange.htcds_exported").detail["with_identity"] == 0


def test_htcds_xlsx_and_ctdc_csv_download(client, network):
    for _ in range(3):
        open_shelter_case(network)
    sign_in(client, network.case_manager)
    response = client.get(reverse("interchange:htcds_xlsx"))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    ctdc = client.get(reverse("interchange:ctdc_csv"))
    assert ctdc.status_code == 200 and rows_of(ctdc) == []  # three cases: fewer than k = 10, all withheld
    event = AuditEvent.objects.get(action="interchange.ctdc_exported")
    assert event.detail["withheld"] == 3 and event.detail["k"] == 10


def upload(content: str, name="cases.csv"):
    return SimpleUploadedFile(name, content.encode(), content_type="text/csv")


def test_an_import_runs_as_a_task_and_reports_by_line(client, network, django_capture_on_commit_callbacks):
    sign_in(client, network.org_admin)
    content = "cas_RegistrationDate,prs_FirstName,prs_Gender\n2024-01-02,Anna,Feminine\n2024-01-02,Berta,Woman\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interchange:import"), {"file": upload(content)})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("interchange:job", args=[job.pk])
    assert (job.state, job.imported, job.rows_total) == (JobState.REFUSED, 0, 2)
    assert job.report["errors"] == [{"line": 3, "column": "prs_Gender",
                                     "reason": "Not a value of this column's HTCDS picklist."}]
    assert not job.file and "Berta" not in str(job.report) and "Woman" not in str(job.report)
    page = client.get(reverse("interchange:job", args=[job.pk])).content.decode()
    assert "prs_Gender" in page and "hx-get" not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("interchange:import"), {"file": upload(content), "skip_invalid": "on"})
    assert Case.objects.filter(lead_organisation=network.shelter).count() == 1
    assert ImportJob.objects.order_by("-created").first().state == JobState.DONE


def test_a_file_without_its_header_row_puts_no_personal_data_in_the_report(client, network,
                                                                            django_capture_on_commit_callbacks):
    sign_in(client, network.org_admin)
    content = "Anna Bērziņa,+371 2612 3456,2024-01-02\nBerta Ozola,+371 2000 1111,2024-01-03\n"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("interchange:import"), {"file": upload(content)})
    job = ImportJob.objects.get()
    assert job.state == JobState.REFUSED and job.report["ignored_columns"] == [] and job.report["ignored_other"] == 3
    page = client.get(reverse("interchange:job", args=[job.pk])).content.decode()
    assert "3 other cells of the first row are not HTCDS column names" in page
    for value in ("Anna", "Bērziņa", "2612", "3456"):
        assert value not in str(job.report) and value not in page


def test_the_import_form_refuses_other_files(client, network):
    sign_in(client, network.org_admin)
    response = client.post(reverse("interchange:import"), {"file": upload("x", name="cases.pdf")})
    assert response.status_code == 400 and "Choose a CSV or XLSX file." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_import_and_job_pages_answer_404_to_outsiders_and_403_without_the_right(client, network,
                                                                               django_capture_on_commit_callbacks):
    sign_in(client, network.case_manager)
    assert client.post(reverse("interchange:import"), {"file": upload("x")}).status_code == 403
    sign_in(client, network.org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("interchange:import"), {"file": upload("cas_RegistrationDate\n2024-01-02\n"),
                                                    "dry_run": "on"})
    job = ImportJob.objects.get()
    assert job.state == JobState.DONE and job.imported == 0
    for name in ("interchange:job", "interchange:progress"):
        sign_in(client, network.outsider_case_manager)
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
        sign_in(client, network.case_manager)
        assert client.get(reverse(name, args=[job.pk])).status_code == 403
        sign_in(client, network.org_admin)
        assert client.get(reverse(name, args=[job.pk])).status_code == 200


def test_a_running_import_shows_a_progress_bar_that_polls(client, network):
    job = ImportJob.objects.create(organisation=network.shelter, municipality=network.riga,
                                   created_by=network.org_admin, file_format="csv", state=JobState.IMPORTING,
                                   rows_total=200, rows_done=50)
    sign_in(client, network.org_admin)
    html = client.get(reverse("interchange:progress", args=[job.pk])).content.decode()
    assert f'hx-get="{reverse("interchange:progress", args=[job.pk])}"' in html
    assert '<progress id="import-bar" max="200" value="50">50 / 200</progress>' in html


def test_the_state_is_announced_in_a_live_region_outside_the_polled_element(client, network):
    job = ImportJob.objects.create(organisation=network.shelter, municipality=network.riga,
                                   created_by=network.org_admin, file_format="csv", state=JobState.IMPORTING)
    sign_in(client, network.org_admin)
    page = client.get(reverse("interchange:job", args=[job.pk])).content.decode()
    assert '<div role="status"><p class="ds-paragraph" id="import-state">Importing</p>' in page
    assert page.index('id="import-state"') < page.index('id="import-progress"') and "hx-swap-oob" not in page
    url = reverse("interchange:progress", args=[job.pk])
    changed = client.get(url, {"state": "validating"}).content.decode()
    assert '<p class="ds-paragraph" id="import-state" hx-swap-oob="true">Importing</p>' in changed
    assert "hx-swap-oob" not in client.get(url, {"state": "importing"}).content.decode()
