"""The areas of a case together: the case summary shows the parts of protection, assistance and
referrals, and retention erases the free text of every area (notes and documents, protection,
assistance, referrals) while keeping what statistics need."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.assistance import services as assistance
from strom.assistance.models import CompensationClaim, Goal, NeedsAssessment, Proceeding
from strom.casefiles import services as casefiles
from strom.casefiles.models import Document, Note
from strom.cases import retention
from strom.cases import services as case_services
from strom.cases.models import Case
from strom.protection import services as protection
from strom.protection.models import CaseTask, Deadline, RiskAssessment
from strom.referrals import services as referrals
from strom.referrals.models import Referral
from strom.referrals.tests.conftest import accommodation
from strom.testing import sign_in

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def full_case(network, case, service, consented):
    """A case with something in every area, all of it with free text a retention must erase."""
    actor = actor_for_user(network.case_manager)
    protection.assess_risk(actor, case, assessed_on=TODAY, level="high", risks="Recruiter lives nearby",
                           measures="Moved to a safe flat")
    protection.add_task(actor, case, title="Call the embassy about a passport", due_on=TODAY + timedelta(days=3))
    assistance.assess_needs(actor, case, assessed_on=TODAY, needs=[accommodation()], urgency="immediate",
                            note="Sleeps badly")
    assistance.add_goal(actor, case, text="A safe place to live")
    assistance.approve_plan(actor, case, case.assistance_plans.get(), next_review_on=TODAY + timedelta(days=30))
    proceeding = assistance.record_proceeding(actor, case, kind="criminal", stage="investigation", role="victim",
                                              protection_measures="No contact with the accused")
    assistance.add_claim(actor, case, proceeding, amount=Decimal("1500.00"), currency="EUR",
                         against="The recruiter's company", status="planned")
    assistance.record_delivered(actor, case, provider_name="Night Shelter Co-op", date_from=TODAY - timedelta(days=2),
                                date_to=TODAY, units=Decimal("2"), unit="night", unit_cost=Decimal("30.00"),
                                currency="EUR", payer="municipality")
    casefiles.add_note(actor, case, title="First meeting", text="Told us about the debt", sensitivity="case")
    casefiles.add_document(actor, case, kind="letter", upload=SimpleUploadedFile(
        "letter.txt", b"A letter naming her employer", content_type="text/plain"))
    referrals.make_referral(actor, case=case, service=service, reason="Needs a safe place tonight",
                            needs="A bed, a Ukrainian speaker")
    return case


def test_the_summary_shows_protection_assistance_and_referrals(client, network, full_case):
    sign_in(client, network.case_manager)
    page = client.get(reverse("cases:summary", args=[full_case.pk])).content.decode()
    for heading in ("Protection", "Assistance", "Referrals and disclosures", "Notes and documents"):
        assert f">{heading}</h2>" in page
    assert "Recruiter lives nearby" in page
    assert "A safe place to live" in page
    assert "60.00 EUR" in page and "Emergency beds" in page
    assert page.index(">Protection</h2>") < page.index(">Assistance</h2>") < page.index(">Notes and documents</h2>")


def test_the_receivers_reader_gets_no_disclosure_log_in_a_summary(network, full_case, shelter_worker):
    from strom.referrals.summary import summary_context

    assert summary_context(actor_for_user(shelter_worker), full_case) is None
    assert summary_context(actor_for_user(network.case_manager), full_case)["referrals"]


def close_long_ago(network, case) -> Case:
    case_services.change_stage(actor_for_user(network.case_manager), case, to_stage="closed",
                               why="Goals reached.", closure_reason="goals_reached")
    Case.objects.filter(pk=case.pk).update(stage_changed=timezone.now() - timedelta(days=11 * 366))
    return Case.objects.get(pk=case.pk)


def test_retention_erases_the_free_text_of_every_area_and_keeps_the_figures(network, full_case,
                                                                          django_capture_on_commit_callbacks):
    stored = Document.objects.get(case=full_case).file.name
    assert default_storage.exists(stored)
    case = close_long_ago(network, full_case)
    unconfirmed = retention.apply_retention(today=date.today() + timedelta(days=1))
    assert (unconfirmed.erased, unconfirmed.refused_unverified) == (0, 1)
    assert RiskAssessment.objects.get(case=case).risks == "Recruiter lives nearby"
    with django_capture_on_commit_callbacks(execute=True):
        report = retention.apply_retention(today=date.today() + timedelta(days=1), confirm_unverified=True)
    assert report.erased == 1
    assert {"notes and documents", "protection", "assistance", "referrals"} <= set(report.erasers)

    risk = RiskAssessment.objects.get(case=case)
    assert (risk.risks, risk.measures, risk.level) == ("", "", "high")
    assert all(row.risks == "" for row in risk.history.all())
    assert CaseTask.objects.get(case=case).title == ""
    assert not Deadline.objects.filter(case=case).exists()
    assert NeedsAssessment.objects.get(case=case).note == ""
    assert Goal.objects.get(plan__case=case).text == ""
    assert Proceeding.objects.get(case=case).protection_measures == ""
    claim = CompensationClaim.objects.get(proceeding__case=case)
    assert (claim.against, claim.amount) == ("", Decimal("1500.00"))
    note = Note.objects.get(case=case)
    assert (note.title, note.text) == ("", "") and all(row.text == "" for row in note.history.all())
    document = Document.objects.get(case=case)
    assert (document.name, document.file.name, document.kind) == ("", "", "letter")
    assert not default_storage.exists(stored)
    referral = Referral.objects.get(case=case)
    assert (referral.reason, referral.needs, referral.state) == ("", "", "sent")
    assert case.delivered_services.get().total == Decimal("60.00")  # costs stay for the figures
