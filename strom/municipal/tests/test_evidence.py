"""Each evidence provider with a municipality that has the piece (Riga, built here) and one without
(Vilnius, or Riga before the piece exists): found, summary, links and suggested score."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from strom.municipal.evidence import PROVIDERS, evidence_for
from strom.municipal.models import Assessment, LocalMapping
from strom.municipal.tests.conftest import add_service
from strom.network.models import Agreement, Meeting, OrganisationType, Partnership, PartnershipMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


def ev(code, municipality, today):
    return evidence_for(code, municipality, today)


def test_every_provider_says_nothing_found_for_a_municipality_without_anything(network, today):
    for code in PROVIDERS:
        evidence = ev(code, network.vilnius, today)
        assert evidence.found is False, code
        assert evidence.suggested_score == 0 and evidence.summary, code


def test_an_item_without_provider_has_no_evidence(network, today):
    assert ev("mandate.budget", network.riga, today) is None


def test_focal_point(network, today):
    network.riga.focal_point = network.local_coordinator
    network.riga.save()
    found = ev("mandate.focal_point", network.riga, today)
    assert (found.found, found.suggested_score) == (True, 2)
    assert found.links[0][1] == f"/network/municipalities/{network.riga.pk}/"


def test_local_mapping_recent_complete_old_and_reviewed(network, local_mapping, today):
    riga = network.riga
    mapping = local_mapping(as_of=today - timedelta(days=800), complete=True)
    assert (ev("mapping.document", riga, today).suggested_score, ev("mapping.document", riga, today).found) == (1, True)
    mapping.as_of = today - timedelta(days=100)
    mapping.save()
    assert ev("mapping.document", riga, today).suggested_score == 2
    local_mapping(as_of=today - timedelta(days=10), complete=False)
    assert ev("mapping.document", riga, today).suggested_score == 1  # the newest lacks parts
    local_mapping(as_of=today - timedelta(days=5), complete=True)
    assert ev("mapping.document", riga, today).suggested_score == 3  # updated again: reviewed
    assert ev("mapping.document", riga, today - timedelta(days=900)).found is False  # as of before any version


@pytest.fixture
def local_mapping(network, db):
    def make(*, as_of, complete):
        version = LocalMapping.objects.filter(municipality=network.riga).count() + 1
        text = "x" if complete else ""
        return LocalMapping.objects.create(municipality=network.riga, version=version, as_of=as_of,
                                           populations="Care leavers", trends=text, places=text, actors=text,
                                           services_note=text)
    return make


def _partnership(network, *types):
    group = Partnership.objects.create(municipality=network.riga, name="Riga group")
    start = timezone.localdate() - timedelta(days=400)
    for organisation in (network.social, network.shelter, network.police, *types):
        PartnershipMember.objects.create(partnership=group, organisation=organisation, active_from=start)
    return group


def test_partnership_group_counts_sectors_of_active_members(network, today):
    group = _partnership(network)
    found = ev("partnership.group", network.riga, today)
    assert (found.found, found.suggested_score) == (True, 1)
    assert "3 member organisations from 3 sectors" in found.summary
    from strom.network.models import Organisation

    for name, kind in (("Riga Clinic", OrganisationType.HEALTH), ("Riga School", OrganisationType.EDUCATION)):
        organisation = Organisation.objects.create(name=name, type=kind, country="LV", municipality=network.riga)
        PartnershipMember.objects.create(partnership=group, organisation=organisation, active_from=today)
    assert ev("partnership.group", network.riga, today).suggested_score == 2
    PartnershipMember.objects.filter(organisation__name="Riga School").update(active_to=today - timedelta(days=1),
                                                                               active_from=today - timedelta(days=9))
    assert ev("partnership.group", network.riga, today).suggested_score == 1  # a former member does not count


def test_agreement_and_meetings(network, today):
    group = _partnership(network)
    assert ev("partnership.agreement_meetings", network.riga, today).found is False
    agreement = Agreement.objects.create(partnership=group, title="Agreement", valid_from=today - timedelta(days=30),
                                         valid_to=today + timedelta(days=300))
    assert ev("partnership.agreement_meetings", network.riga, today).suggested_score == 1
    now = timezone.now()
    for days in (20, 200, 500):  # the last is more than a year ago
        Meeting.objects.create(partnership=group, starts=now - timedelta(days=days))
    found = ev("partnership.agreement_meetings", network.riga, today)
    assert found.suggested_score == 2 and "2 meetings" in found.summary
    for days in (100, 300):
        Meeting.objects.create(partnership=group, starts=now - timedelta(days=days))
    assert ev("partnership.agreement_meetings", network.riga, today).suggested_score == 3
    agreement.valid_to = today - timedelta(days=1)
    agreement.save()
    found = ev("partnership.agreement_meetings", network.riga, today)
    assert found.suggested_score == 1 and "No valid agreement" in found.summary


def test_referral_procedure_needs_the_core_with_instructions(network, today):
    riga = [network.riga]
    service = add_service(network.shelter, "safe_accommodation", areas=riga, how_to_refer="Call")
    found = ev("referral.procedure", network.riga, today)
    assert (found.found, found.suggested_score) == (True, 1) and "Medical care" in found.summary
    for code in ("medical_care", "psychological", "legal_counselling"):
        add_service(network.social, code, areas=riga, how_to_refer="Write")
    add_service(network.police, "police_report", whole_country=True, how_to_refer="Call 112")
    found = ev("referral.procedure", network.riga, today)
    assert found.suggested_score == 2 and found.links[0][1].endswith("/procedure/")
    service.how_to_refer = ""
    service.save()
    assert ev("referral.procedure", network.riga, today).suggested_score == 1


def test_contact_24_7_needs_an_always_open_service_with_a_24_7_phone(network, today):
    add_service(network.shelter, "safe_accommodation", areas=[network.riga], always_open=True)
    assert ev("referral.contact_24_7", network.riga, today).found is False
    add_service(network.shelter, "hotline", areas=[network.riga], always_open=True, phone_24_7="+371 0000 0100")
    found = ev("referral.contact_24_7", network.riga, today)
    assert (found.found, found.suggested_score, len(found.links)) == (True, 2, 1)
    assert ev("referral.contact_24_7", network.vilnius, today).found is False


def test_directory_share_verified_within_a_year(network, today):
    riga = [network.riga]
    for days in (10, 20, 30, 40):
        add_service(network.shelter, "psychological", areas=riga, verified_days=days)
    assert ev("referral.directory", network.riga, today).suggested_score == 3
    add_service(network.shelter, "medical_care", areas=riga, verified_days=400)
    assert ev("referral.directory", network.riga, today).suggested_score == 2  # 4 of 5
    add_service(network.shelter, "legal_counselling", areas=riga, verified_days=None)
    found = ev("referral.directory", network.riga, today)
    assert found.suggested_score == 1 and "4 of 6" in found.summary


@pytest.mark.parametrize(("code", "type_code"), [
    ("referral.interpreters", "interpretation"),
    ("identification.child_protocol", "child_protection"),
    ("assistance.shelter", "safe_accommodation"),
])
def test_a_service_of_the_type_serving_the_municipality(network, today, code, type_code):
    add_service(network.hotline, type_code, areas=[network.vilnius])  # serves Vilnius, not Riga
    assert ev(code, network.riga, today).found is False
    add_service(network.police, type_code, whole_country=True)  # a national service of Latvia
    found = ev(code, network.riga, today)
    assert (found.found, found.suggested_score) == (True, 2)
    assert ev(code, network.vilnius, today).found is True


def test_inactive_services_do_not_count(network, today):
    add_service(network.shelter, "interpretation", areas=[network.riga], is_active=False)
    assert ev("referral.interpreters", network.riga, today).found is False


def test_health_needs_medical_and_psychological(network, today):
    add_service(network.shelter, "psychological", areas=[network.riga])
    found = ev("assistance.health", network.riga, today)
    assert found.suggested_score == 1 and "medical care does not" in found.summary
    add_service(network.shelter, "emergency_medical", areas=[network.riga])
    assert ev("assistance.health", network.riga, today).suggested_score == 2


def test_pathways_count_housing_education_employment(network, today):
    add_service(network.social, "employment", areas=[network.riga])
    assert ev("assistance.pathways", network.riga, today).suggested_score == 1
    add_service(network.social, "education", areas=[network.riga])
    add_service(network.social, "housing", areas=[network.riga])
    found = ev("assistance.pathways", network.riga, today)
    assert found.suggested_score == 2 and "3 of 3" in found.summary


def test_screenings_of_the_municipality_in_the_last_year(network, today):
    from strom.screening.loader import load_frameworks
    from strom.screening.models import Framework, Screening

    load_frameworks()
    framework = Framework.objects.filter(kind="indicators").first()
    screening = Screening.objects.create(organisation=network.social, framework=framework,
                                         screener=network.social_worker, age_group="adult")
    assert ev("identification.tools", network.riga, today).found is True
    assert ev("identification.tools", network.vilnius, today).found is False
    Screening.objects.filter(pk=screening.pk).update(created=timezone.now() - timedelta(days=400))
    assert ev("identification.tools", network.riga, today).found is False


def test_cases_recorded_without_a_count(network, today):
    from strom.cases.models import Case, Person

    person = Person.objects.create(pseudonym="Test-Person-1")
    Case.objects.create(person=person, lead_organisation=network.shelter, municipality=network.riga,
                        stage_changed=timezone.now(), created=timezone.now())
    found = ev("monitoring.statistics", network.riga, today)
    assert found.found is True and not any(ch.isdigit() for ch in found.summary.replace("12", ""))
    assert ev("monitoring.statistics", network.vilnius, today).found is False


def test_annual_review_from_the_previous_completed_assessment(network, checklist, today):
    assert ev("monitoring.annual_review", network.riga, today).found is False
    def assessment(days, status):
        return Assessment.objects.create(municipality=network.riga, checklist=checklist, organisation=network.social,
                                         as_of=today - timedelta(days=days), status=status)
    assessment(30, Assessment.Status.DRAFT)
    assert ev("monitoring.annual_review", network.riga, today).found is False  # a draft is no review
    assessment(600, Assessment.Status.COMPLETED)
    assert ev("monitoring.annual_review", network.riga, today).suggested_score == 1
    previous = assessment(365, Assessment.Status.COMPLETED)
    found = ev("monitoring.annual_review", network.riga, today)
    assert found.suggested_score == 2 and found.links[0][1] == f"/municipal/assessments/{previous.pk}/"
