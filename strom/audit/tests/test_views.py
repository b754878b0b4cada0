"""The auditor's trail page: who may open it, what it shows, how it pages, and that it is recorded."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from strom.audit.chain import verify_chain
from strom.audit.models import AuditEvent
from strom.audit.services import record
from strom.audit.views import PAGE_SIZE
from strom.testing import sign_in

URL = "/audit/"


@pytest.fixture
def auditor_client(client, network):
    sign_in(client, network.auditor)
    return client


def viewed_events():
    return AuditEvent.objects.filter(action="audit.viewed").order_by("seq")


def test_route_name():
    assert reverse("audit:trail") == URL


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["case_manager", "national_coordinator", "org_admin",
                                     "outsider_case_manager", "no_role"])
def test_everyone_without_audit_read_is_refused_and_the_refusal_recorded(client, network, persona):
    user = getattr(network, persona)
    sign_in(client, user)
    response = client.get(URL)
    assert response.status_code == 403
    denial = AuditEvent.objects.filter(action="permission.denied").get()
    assert (denial.actor_id, denial.outcome) == (user.pk, "denied")
    assert denial.detail == {"permission": "audit.read"}
    assert not viewed_events().exists()


@pytest.mark.django_db
def test_auditor_sees_the_trail_and_her_view_is_recorded(auditor_client, network):
    record("personal_data.viewed", actor=network.case_manager, organisation=network.shelter,
           target_type="cases.person", target_id="4f1c", fields=["name", "birth_date"])
    response = auditor_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "personal_data.viewed" in page and "Riga Safe House" in page and "name, birth_date" in page
    viewed = viewed_events().get()
    assert (viewed.actor_id, viewed.organisation_id, viewed.detail) == (
        network.auditor.pk, network.coordinator.pk, {})
    assert verify_chain().ok


@pytest.mark.django_db
def test_filters_narrow_the_list_and_are_recorded(auditor_client, network):
    record("auth.login", actor=network.case_manager)
    record("auth.login_failed", outcome="failed")
    record("token.created", actor=network.case_manager, target=network.case_manager)
    response = auditor_client.get(URL, {"action": "auth", "actor": "case_manager"})
    shown = [event.action for event in response.context["events"]]
    assert shown and set(shown) == {"auth.login"}
    assert viewed_events().get().detail == {"action": "auth", "actor": "case_manager"}

    response = auditor_client.get(URL, {"outcome": "failed"})
    assert [event.action for event in response.context["events"]] == ["auth.login_failed"]

    target = {"target_type": "accounts.user", "target_id": str(network.case_manager.pk)}
    response = auditor_client.get(URL, {**target, "action": "token.created"})
    assert [event.action for event in response.context["events"]] == ["token.created"]


@pytest.mark.django_db
def test_date_range_uses_whole_days(auditor_client):
    record("auth.login")
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    assert auditor_client.get(URL, {"date_from": today, "date_to": today}).context["events"]
    assert not auditor_client.get(URL, {"date_to": yesterday}).context["events"]


@pytest.mark.django_db
def test_bad_filters_show_a_message_and_no_events(auditor_client):
    record("auth.login")
    response = auditor_client.get(URL, {"date_from": "2026-02-10", "date_to": "2026-02-01", "outcome": "x"})
    assert response.status_code == 200
    assert response.context["events"] == []
    assert set(response.context["form"].errors) == {"date_to", "outcome"}
    assert 'aria-invalid="true"' in response.content.decode()


@pytest.mark.django_db
def test_keyset_pages_without_counting(auditor_client):
    for i in range(PAGE_SIZE + 5):
        record("personal_data.viewed", target_type="cases.person", target_id=f"p{i}")
    filters = {"action": "personal_data.viewed"}
    with CaptureQueriesContext(connection) as queries:
        first = auditor_client.get(URL, filters)
    assert not any("COUNT(" in query["sql"].upper() for query in queries.captured_queries)
    seqs = [event.seq for event in first.context["events"]]
    assert len(seqs) == PAGE_SIZE and seqs == sorted(seqs, reverse=True)
    older = first.context["older"]
    assert older == seqs[-1]
    assert f"before={older}" in first.content.decode()

    second = auditor_client.get(URL, {**filters, "before": older})
    rest = [event.seq for event in second.context["events"]]
    assert len(rest) == 5 and max(rest) < older and second.context["older"] is None
    assert viewed_events().last().detail == {"action": "personal_data.viewed", "before": older}


@pytest.mark.django_db
def test_mangled_before_shows_the_newest_page(auditor_client):
    record("auth.login")
    response = auditor_client.get(URL, {"before": "drop table"})
    assert response.status_code == 200 and response.context["before"] is None


@pytest.mark.django_db
def test_page_markup_is_accessible(auditor_client):
    record("auth.login")
    page = auditor_client.get(URL).content.decode()
    assert re.search(r"<table[^>]*>\s*<caption", page)
    assert page.count('<th scope="col">') == 10
    assert re.search(r'<form[^>]*method="get"', page)
    for name in ("date_from", "date_to", "action", "actor", "target_type", "target_id", "outcome"):
        assert f'<label class="ds-label" for="id_{name}">' in page
        assert f'id="id_{name}"' in page
