"""A screening and its case: started for a case, or made without identity and attached later; its
outcome, date and screener on the case timeline; read by whoever may read the case, and by no one else.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.cases import services as case_services
from strom.cases.tests.helpers import open_shelter_case
from strom.screening import services
from strom.screening.models import Screening
from strom.testing import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(network):
    return open_shelter_case(network)


def completed_screening(user, **fields):
    """An adult labour screening with the whole pattern present, completed."""
    actor = actor_for_user(user)
    screening = services.start_screening(actor, age_group="adult", exploitation_forms=["labour"], **fields)
    present = ("present", "account", "")
    services.save_answers(actor, screening, answers={code: present for code in (
        "d2.violence", "d2.documents", "d4.excessive_hours", "d4.hazardous", "d5.documents", "d5.violence")})
    assert services.complete_screening(actor, screening).outcome == "pattern_present"
    return screening


def test_attach_a_screening_without_identity_to_a_case(network, frameworks, case):
    screening = completed_screening(network.case_manager, label="first talk")
    services.attach_to_case(actor_for_user(network.case_manager), screening, case)
    screening.refresh_from_db()
    assert screening.case == case
    event = AuditEvent.objects.get(action="screening.attached")
    assert event.detail == {"case": str(case.pk)} and event.actor == network.case_manager
    assert screening.history.first().history_user == network.case_manager


def test_a_screening_stays_with_its_case(network, frameworks, case):
    other = open_shelter_case(network)
    screening = completed_screening(network.case_manager)
    actor = actor_for_user(network.case_manager)
    services.attach_to_case(actor, screening, case)
    services.attach_to_case(actor, screening, case)  # again to the same case: nothing changes
    with pytest.raises(ValidationError, match="already belongs to another case"):
        services.attach_to_case(actor, screening, other)
    screening.refresh_from_db()
    assert screening.case == case
    assert AuditEvent.objects.filter(action="screening.attached").count() == 1


def test_attaching_needs_the_screening_and_the_case(network, frameworks, case):
    # The social worker's screening (another organisation) to the shelter's case: she may not change it.
    theirs = completed_screening(network.social_worker)
    with pytest.raises(PermissionDenied):
        services.attach_to_case(actor_for_user(network.social_worker), theirs, case)
    # The case manager may change the case but may not take another organisation's screening.
    with pytest.raises(PermissionDenied):
        services.attach_to_case(actor_for_user(network.case_manager), theirs, case)
    theirs.refresh_from_db()
    assert theirs.case is None
    assert AuditEvent.objects.filter(action="permission.denied").count() == 2


def test_start_a_screening_for_a_case(client, network, frameworks, case):
    sign_in(client, network.case_manager)
    start = reverse("screening:start") + f"?case={case.pk}"
    page = client.get(start)
    assert page.status_code == 200 and case.person.pseudonym in page.content.decode()
    client.post(start, {"age_group": "adult", "exploitation_forms": ["labour"]})
    assert Screening.objects.get().case == case


@pytest.mark.parametrize("persona", ["social_worker", "outsider_case_manager"])
def test_starting_for_a_case_one_cannot_see_is_404(client, network, frameworks, case, persona):
    sign_in(client, getattr(network, persona))
    start = reverse("screening:start") + f"?case={case.pk}"
    assert client.get(start).status_code == 404
    assert client.post(start, {"age_group": "adult"}).status_code == 404
    assert client.get(reverse("screening:start") + "?case=not-an-id").status_code == 404
    assert not Screening.objects.exists()


def test_the_case_timeline_shows_outcome_date_and_screener(client, network, frameworks, case):
    screening = completed_screening(network.case_manager, case=case)
    draft = services.start_screening(actor_for_user(network.case_manager), age_group="adult", case=case)
    sign_in(client, network.case_manager)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Screening completed" in page and "Screening in progress" in page
    assert "Indicators of trafficking met" in page  # the stored outcome, in words
    assert "needs verification" in page  # the ILO/EC sets are marked so in their data files
    assert reverse("screening:summary", args=[screening.pk]) in page
    assert reverse("screening:summary", args=[draft.pk]) in page
    assert "Testa" in page  # the lead organisation reads the identity; the screening adds no answers:
    assert "Yes, present" not in page and "The person&#x27;s own account" not in page


def test_case_readers_read_the_attached_screening_and_no_one_else(client, network, frameworks, case):
    screening = completed_screening(network.case_manager, case=case)
    summary = reverse("screening:summary", args=[screening.pk])
    sign_in(client, network.outsider_case_manager)
    assert client.get(summary).status_code == 404
    case_services.break_glass(actor_for_user(network.outsider_case_manager), case,
                              reason="The person was taken to hospital tonight")
    assert client.get(summary).status_code == 200  # emergency access to the case reads its screenings
    assert AuditEvent.objects.filter(action="screening.viewed", actor=network.outsider_case_manager).exists()
    sign_in(client, network.social_worker)  # another organisation without access to the case
    assert client.get(summary).status_code == 404


def test_the_attach_page_lists_and_attaches(client, network, frameworks, case):
    mine = completed_screening(network.case_manager, label="hotline night")
    theirs = completed_screening(network.social_worker, label="their label")
    sign_in(client, network.case_manager)
    attach = reverse("screening:attach", args=[case.pk])
    page = client.get(attach).content.decode()
    assert "hotline night" in page and "their label" not in page
    refused = client.post(attach, {"screening": theirs.pk})
    assert refused.status_code == 200 and "Choose one of the screenings listed" in refused.content.decode()
    assert client.post(attach, {"screening": mine.pk})["Location"] == reverse("cases:detail", args=[case.pk])
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.case == case and theirs.case is None


def test_the_attach_page_is_for_those_who_change_the_case(client, network, frameworks, case):
    attach = reverse("screening:attach", args=[case.pk])
    sign_in(client, network.outsider_case_manager)
    assert client.get(attach).status_code == 404
    sign_in(client, network.org_admin)  # lead organisation, without case rights
    assert client.get(attach).status_code == 403


def test_api_start_for_a_case_and_attach(client, network, frameworks, case):
    sign_in(client, network.case_manager)
    started = client.post("/api/v1/screening/screenings/", {"age_group": "adult", "case": str(case.pk)},
                          content_type="application/json")
    assert started.status_code == 201 and started.json()["case"] == str(case.pk)
    loose = completed_screening(network.case_manager)
    attached = client.post(f"/api/v1/screening/screenings/{loose.pk}/attach", {"case": str(case.pk)},
                           content_type="application/json")
    assert attached.status_code == 200 and attached.json()["case"] == str(case.pk)
    sign_in(client, network.outsider_case_manager)
    mine = completed_screening(network.outsider_case_manager)
    refused = client.post(f"/api/v1/screening/screenings/{mine.pk}/attach", {"case": str(case.pk)},
                          content_type="application/json")
    assert refused.status_code == 404
    mine.refresh_from_db()
    assert mine.case is None
