"""The consent ledger: its rules (pure), the service, the page."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.cases import services
from strom.cases.consent import ConsentError, check_entry, current
from strom.cases.models import ConsentEntry
from strom.cases.tests.helpers import open_shelter_case
from strom.testing import sign_in


@pytest.mark.parametrize(("entry", "field"), [
    ({"purpose": "nonsense"}, "purpose"),
    ({"state": "maybe"}, "state"),
    ({"recipient": ""}, "recipient_text"),
    ({"how": ""}, "how"),
    ({"how": "verbal", "legal_basis": "child_protection"}, "legal_basis"),
    ({"state": "not_required", "how": ""}, "legal_basis"),
    ({"state": "not_required", "how": "verbal", "legal_basis": "imminent_danger"}, "how"),
    ({"state": "withdrawn", "how": "telepathy"}, "how"),
])
def test_entries_that_break_the_rules(entry, field):
    values = {"purpose": "contact_police", "state": "given", "how": "written", "legal_basis": "",
              "recipient": "State Police", **entry}
    with pytest.raises(ConsentError) as error:
        check_entry(**values)
    assert error.value.field == field


@pytest.mark.parametrize("entry", [
    {"purpose": "contact_police", "state": "given", "how": "written", "legal_basis": "", "recipient": "Police"},
    {"purpose": "contact_police", "state": "withdrawn", "how": "verbal", "legal_basis": "", "recipient": "Police"},
    {"purpose": "contact_police", "state": "not_required", "how": "", "legal_basis": "child_protection",
     "recipient": "Police"},
    {"purpose": "keep_data", "state": "given", "how": "electronic", "legal_basis": "", "recipient": ""},
])
def test_entries_that_fit(entry):
    check_entry(**entry)


def test_current_is_the_latest_per_purpose_and_recipient():
    def entry(purpose, recipient, state):
        return SimpleNamespace(purpose=purpose, recipient_key=recipient, state=state)

    ledger = [entry("contact_police", "a", "given"), entry("share_for_referral", "b", "given"),
              entry("contact_police", "a", "withdrawn"), entry("share_for_referral", "c", "given")]
    assert [(e.purpose, e.recipient_key, e.state) for e in current(ledger)] == [
        ("contact_police", "a", "withdrawn"), ("share_for_referral", "b", "given"),
        ("share_for_referral", "c", "given")]


@pytest.mark.django_db
def test_record_consent_appends_and_audits(network):
    case = open_shelter_case(network)
    manager = actor_for_user(network.case_manager)
    services.record_consent(manager, case, purpose="share_for_referral", state="given", how="written",
                            recipient_organisation=network.social)
    services.record_consent(manager, case, purpose="share_for_referral", state="withdrawn", how="verbal",
                            recipient_organisation=network.social, note="Changed her mind")
    assert case.consents.count() == 2
    assert [e.state for e in current(case.consents.order_by("recorded_at", "id"))] == ["withdrawn"]
    event = AuditEvent.objects.filter(action="case.consent_recorded").order_by("seq").last()
    assert event.detail["state"] == "withdrawn" and "mind" not in str(event.detail)
    with pytest.raises(ValidationError) as error:
        services.record_consent(manager, case, purpose="contact_police", state="not_required",
                                recipient_text="Police")
    assert "legal_basis" in error.value.message_dict
    assert case.consents.count() == 2
    with pytest.raises(PermissionDenied):
        services.record_consent(actor_for_user(network.outsider_case_manager), case, purpose="keep_data",
                                state="given", how="verbal")


@pytest.mark.django_db
def test_consent_page(client, network):
    case = open_shelter_case(network)
    url = reverse("cases:consent_add", args=[case.pk])
    sign_in(client, network.outsider_case_manager)
    assert client.get(url).status_code == 404
    sign_in(client, network.org_admin)
    assert client.get(url).status_code == 403
    sign_in(client, network.case_manager)
    assert client.get(url).status_code == 200
    response = client.post(url, {"purpose": "contact_police", "state": "not_required",
                                 "legal_basis": "imminent_danger", "recipient_organisation": str(network.police.pk)})
    assert response.status_code == 302
    assert ConsentEntry.objects.get().recipient_organisation == network.police
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Imminent danger to life or health" in page
    response = client.post(url, {"purpose": "contact_police", "state": "given"})
    assert response.status_code == 200 and ConsentEntry.objects.count() == 1
