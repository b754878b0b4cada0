# ruff: noqa: F811 — fixtures come from crisis_helpers (no conftest of our own: the contact log owns it).
"""The crisis part's API under the page rules: crisis, job-offer check and escalation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from strom.api.tokens import create_token
from strom.cases.models import Person
from strom.hotline.models import JobOfferCheck, Outcome
from strom.hotline.tests.crisis_helpers import contact, operator_with_cases, shelter_24_7  # noqa: F401
from strom.referrals.models import Referral

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, raw = create_token(user, name="hotline-crisis", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, name, contact, data, user):
    return client.post(reverse(name, args=[contact.pk]), data, content_type="application/json", **bearer(user))


def test_crisis_for_a_municipality(client, network, shelter_24_7):
    auth = bearer(network.hotline_operator)
    response = client.get(reverse("api_hotline_crisis"), {"municipality": network.riga.pk}, **auth)
    assert response.status_code == 200
    body = response.json()
    assert body["emergency_number"] == "112"
    assert body["round_the_clock"][0]["number_now"] == "+371 2000 0247"
    assert body["pathway"][0]["first"]["service"] == str(shelter_24_7.pk)
    assert client.get(reverse("api_hotline_crisis"), **auth).status_code == 400  # no place
    assert client.get(reverse("api_hotline_crisis"), {"country": "LV"}, **bearer(network.case_manager)).status_code \
        == 403


def test_job_offer_check_through_the_api(client, network, contact):
    auth = bearer(network.hotline_coordinator)
    url = reverse("api_hotline_job_offer", args=[contact.pk])
    checklist = client.get(reverse("api_hotline_checklist"), **auth).json()
    assert checklist["items"][0]["code"] == "employer_verifiable"
    assert client.get(url, **auth).status_code == 404  # not made yet
    bad = client.put(url, {"answers": {"no_fee": "maybe"}}, content_type="application/json", **auth)
    assert bad.status_code == 400 and not JobOfferCheck.objects.exists()
    saved = client.put(url, {"answers": {"no_fee": "no"}, "destination_country": "de", "language": "de"},
                       content_type="application/json", **auth)
    assert saved.status_code == 200 and "Deutschland" in saved.json()["summary"]
    assert client.get(url, **auth).json()["answers"] == {"no_fee": "no"}


def test_escalate_to_a_referral_with_what_the_contact_says(client, network, contact, shelter_24_7):
    refused = post(client, "api_hotline_escalate_referral", contact, {"service": str(shelter_24_7.pk)},
                   network.hotline_operator)
    assert refused.status_code == 400 and "consent_how" in refused.json()
    made = post(client, "api_hotline_escalate_referral", contact,
                {"service": str(shelter_24_7.pk), "consent_how": "verbal"}, network.hotline_operator)
    assert made.status_code == 201
    referral = Referral.objects.get()
    assert referral.urgency == "immediate" and referral.reason.startswith("Hotline contact: Crisis.")
    assert referral.languages == ["uk"] and "farm" in referral.summary
    contact.refresh_from_db()
    assert contact.outcome == Outcome.REFERRED
    listed = client.get(reverse("api_hotline_escalations", args=[contact.pk]), **bearer(network.hotline_operator))
    assert listed.json()[0]["referral"] == str(referral.pk)


def test_escalate_to_a_case_only_with_consent_and_the_right(client, network, contact, operator_with_cases):
    person = {"given_names": "Test", "consent_how": "verbal"}
    refused = post(client, "api_hotline_escalate_case", contact, {**person, "consent_given": False},
                   operator_with_cases)
    assert refused.status_code == 400 and not Person.objects.exists()
    made = post(client, "api_hotline_escalate_case", contact, {**person, "consent_given": True}, operator_with_cases)
    assert made.status_code == 201 and made.json()["case"]


def test_escalation_needs_the_case_right(client, network, contact):
    response = post(client, "api_hotline_escalate_case", contact,
                    {"given_names": "Test", "consent_given": True, "consent_how": "verbal"}, network.hotline_operator)
    assert response.status_code == 403 and not Person.objects.exists()


@pytest.mark.parametrize("persona", ["case_manager", "outsider_case_manager", "no_role"])
def test_outsiders_get_404(client, network, contact, persona):
    user = getattr(network, persona)
    assert client.get(reverse("api_hotline_job_offer", args=[contact.pk]), **bearer(user)).status_code == 404
    assert post(client, "api_hotline_escalate_screening", contact, {"age_group": "adult"}, user).status_code == 404


def test_member_without_the_right_gets_403(client, contact, hotline_admin):
    assert post(client, "api_hotline_escalate_screening", contact, {"age_group": "adult"},
                hotline_admin).status_code == 403
    assert client.get(reverse("api_hotline_escalations", args=[contact.pk]), **bearer(hotline_admin)).status_code \
        == 403
