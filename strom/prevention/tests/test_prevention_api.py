"""Prevention through the API: the same policies as the pages, validation, keyset pages; practices read."""

import pytest
from django.urls import reverse
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.api.tokens import create_token
from strom.practices import services as practice_services
from strom.prevention.models import Activity, Campaign
from strom.prevention.tests.conftest import new_campaign

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, raw = create_token(user, name="prevention", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_list_detail_and_code(client, network, campaign):
    auth = bearer(network.outsider_case_manager)
    listing = client.get(reverse("api_prevention_campaigns"), **auth).json()
    assert [row["code"] for row in listing["results"]] == ["RIGA-SAFE"] and listing["next"] is None
    detail = client.get(reverse("api_prevention_campaign", args=[campaign.pk]), **auth).json()
    assert detail["figures"] == {"activities": 0, "people_reached": 0, "by_channel": [], "contacts": 0}
    assert client.get(reverse("api_prevention_code", args=["riga safe"]), **auth).json()["id"] == str(campaign.pk)
    assert client.get(reverse("api_prevention_code", args=["NOPE-1"]), **auth).status_code == 404
    unknown = reverse("api_prevention_campaign", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(unknown, **auth).status_code == 404


def test_without_the_directory_403(client, network, campaign):
    auth = bearer(network.auditor)
    assert client.get(reverse("api_prevention_campaigns"), **auth).status_code == 403
    assert client.get(reverse("api_prevention_campaign", args=[campaign.pk]), **auth).status_code == 403


def test_create_and_add_an_activity(client, network):
    auth = bearer(network.hotline_coordinator)
    today = timezone.localdate().isoformat()
    response = client.post(reverse("api_prevention_campaigns"), {"title": "Safe work abroad", "starts_on": today,
                                                                 "target_groups": ["work_abroad"]},
                           content_type="application/json", **auth)
    assert response.status_code == 201
    body = response.json()
    assert body["code"].startswith("SAFE-WORK-") and body["country"] == "LT"
    added = client.post(reverse("api_prevention_activities", args=[body["id"]]),
                        {"held_on": today, "channel": "outreach", "people_reached": 40},
                        content_type="application/json", **auth)
    assert added.status_code == 201 and Activity.objects.get().people_reached == 40


def test_refusals(client, network, campaign):
    today = timezone.localdate().isoformat()
    bad = client.post(reverse("api_prevention_campaigns"), {"title": "X", "code": "riga-safe", "starts_on": today},
                      content_type="application/json", **bearer(network.local_coordinator))
    assert bad.status_code == 400 and "code" in bad.json()
    denied = client.post(reverse("api_prevention_campaigns"), {"title": "X", "starts_on": today},
                         content_type="application/json", **bearer(network.social_worker))
    assert denied.status_code == 403
    elsewhere = client.post(reverse("api_prevention_activities", args=[campaign.pk]),
                            {"held_on": today, "channel": "events", "people_reached": 1},
                            content_type="application/json", **bearer(network.hotline_coordinator))
    assert elsewhere.status_code == 404
    assert Campaign.objects.count() == 1 and not Activity.objects.exists()


def test_keyset_pages_and_a_bad_cursor(client, network):
    for number in range(30):
        new_campaign(network.local_coordinator, code=f"PAGE-{number:02d}")
    auth = bearer(network.social_worker)
    first = client.get(reverse("api_prevention_campaigns"), **auth).json()
    second = client.get(first["next"], **auth).json()
    assert len(first["results"]) == 25 and len(second["results"]) == 5 and second["next"] is None
    assert client.get(reverse("api_prevention_campaigns"), {"after": "nonsense"}, **auth).status_code == 400


def test_practices_read_by_everyone_signed_in(client, network):
    practice = practice_services.create_practice(
        actor_for_user(network.local_coordinator), country="EE", original_language="en", title="Hotline in Tallinn",
        problem="Offers.", approach="Calls.")
    auth = bearer(network.no_role)
    found = client.get(reverse("api_practices"), {"words": "TALLINN"}, **auth).json()
    assert [row["text"]["title"] for row in found["results"]] == ["Hotline in Tallinn"]
    detail = client.get(reverse("api_practice", args=[practice.pk]), **auth).json()
    assert [t["language"] for t in detail["texts"]] == ["en"]
    assert client.get(reverse("api_practices")).status_code in (401, 403)
