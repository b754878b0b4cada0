"""The hotline API under the page rules: operators of the hotline only; anonymous by construction."""

from __future__ import annotations

import pytest
from django.urls import reverse

from strom.api.tokens import create_token
from strom.hotline.models import Contact
from strom.hotline.reference import display_reference

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, raw = create_token(user, name="hotline", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.parametrize("persona", ["case_manager", "local_coordinator", "national_coordinator",
                                     "outsider_case_manager"])
def test_others_get_403_on_lists_and_404_on_contacts(client, network, contact, persona):
    auth = bearer(getattr(network, persona))
    assert client.get(reverse("api_hotline_contacts"), **auth).status_code == 403
    assert client.post(reverse("api_hotline_contacts"), {"topic": "tip"}, content_type="application/json",
                       **auth).status_code == 403
    assert client.get(reverse("api_hotline_contact", args=[contact.pk]), **auth).status_code == 404
    assert client.patch(reverse("api_hotline_contact", args=[contact.pk]), {"outcome": "none"},
                        content_type="application/json", **auth).status_code == 404
    assert client.get(reverse("api_hotline_figures"), {"since": "2026-01-01", "until": "2026-01-31"},
                      **auth).status_code == 403


def test_member_without_the_right_gets_403(client, network, contact, hotline_admin):
    assert client.get(reverse("api_hotline_contact", args=[contact.pk]), **bearer(hotline_admin)).status_code == 403


def test_record_read_correct_and_list(client, network, contact):
    auth = bearer(network.hotline_operator)
    response = client.post(reverse("api_hotline_contacts"), {
        "topic": "working_abroad", "destination_country": "no", "language": "ru", "campaign_code": "fjord 26",
        "exploitation_forms": ["labour"], "caller_reference": display_reference(contact.caller.reference),
        "phone": "+372 5555 0101"}, content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["caller_reference"] == display_reference(contact.caller.reference)
    assert body["destination_country"] == "NO" and body["campaign_code"] == "FJORD26"
    assert "phone" not in body and "+372" not in response.content.decode()
    created = Contact.objects.get(pk=body["id"])
    assert created.caller_id == contact.caller_id
    patched = client.patch(reverse("api_hotline_contact", args=[created.pk]), {"outcome": "none"},
                           content_type="application/json", **auth)
    assert patched.status_code == 200 and patched.json()["outcome"] == "none"
    assert patched.json()["destination_country"] == "NO" and patched.json()["language"] == "ru"  # untouched
    listed = client.get(reverse("api_hotline_contacts"), **bearer(network.hotline_coordinator)).json()
    assert [row["id"] for row in listed["results"]] == [str(created.pk), str(contact.pk)]
    assert listed["next"] is None


def test_bad_input_changes_nothing(client, network):
    auth = bearer(network.hotline_operator)
    for bad in ({"topic": "nonsense"}, {"topic": "tip", "outcome": "referred"}, {"topic": "tip", "country": "XX"},
                {"topic": "tip", "caller_reference": "ABCDEF"}, {"topic": "tip", "language": "xx"}):
        response = client.post(reverse("api_hotline_contacts"), bad, content_type="application/json", **auth)
        assert response.status_code == 400, bad
    assert not Contact.objects.exists()


def test_operator_cannot_correct_anothers_contact_nor_see_figures(client, network, contact):
    auth = bearer(network.hotline_coordinator)
    assert client.patch(reverse("api_hotline_contact", args=[contact.pk]), {"urgency": "urgent"},
                        content_type="application/json", **auth).status_code == 200
    theirs = Contact.objects.get()
    theirs.operator = network.hotline_coordinator
    theirs.save()
    operator = bearer(network.hotline_operator)
    assert client.patch(reverse("api_hotline_contact", args=[contact.pk]), {"urgency": "routine"},
                        content_type="application/json", **operator).status_code == 403
    assert client.get(reverse("api_hotline_figures"), {"since": "2026-01-01", "until": "2026-01-31"},
                      **operator).status_code == 403
    figures = client.get(reverse("api_hotline_figures"), {"since": "2020-01-01", "until": "2030-12-31"}, **auth)
    assert figures.status_code == 400  # more than three years


def test_figures_for_the_coordinator(client, network, contact):
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    response = client.get(reverse("api_hotline_figures"), {"since": today, "until": today},
                          **bearer(network.hotline_coordinator))
    assert response.status_code == 200
    topics = {row["key"]: row["count"] for row in response.json()["topic"]}
    assert topics["working_abroad"] == 1 and sum(topics.values()) == 1
    assert response.json()["destination_country"][0]["key"] == "DE"
