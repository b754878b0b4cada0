"""The case pages, persona by persona: who gets what, what is recorded, and the forms."""

from __future__ import annotations

import pytest
from django.urls import reverse

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.cases.models import BreakGlass, Case, Person
from strom.cases.tests.helpers import open_shelter_case
from strom.testing import sign_in
from strom.web.work import work_for

pytestmark = pytest.mark.django_db

CASE_PAGES = ["cases:detail", "cases:person_edit", "cases:edit", "cases:stage", "cases:decision_add",
              "cases:consent_add"]
WRITE_PAGES = CASE_PAGES[1:]


def body(response) -> str:
    return response.content.decode()


@pytest.fixture
def case(network):
    return open_shelter_case(network)


def test_navigation_offers_cases_to_those_with_the_right(client, network):
    sign_in(client, network.case_manager)
    assert reverse("cases:list") in body(client.get(reverse("home")))
    sign_in(client, network.org_admin)
    assert reverse("cases:list") not in body(client.get(reverse("home")))


@pytest.mark.parametrize("name", CASE_PAGES)
def test_case_manager_of_the_lead_organisation_gets_every_page(client, network, case, name):
    sign_in(client, network.case_manager)
    assert client.get(reverse(name, args=[case.pk])).status_code == 200


@pytest.mark.parametrize("name", [*CASE_PAGES, "cases:break_glass"])
@pytest.mark.parametrize("persona", ["social_worker", "police_officer", "hotline_operator", "national_coordinator",
                                     "auditor", "local_coordinator", "no_role"])
def test_other_organisations_get_404_on_every_page(client, network, case, name, persona):
    sign_in(client, getattr(network, persona))
    assert client.get(reverse(name, args=[case.pk])).status_code == 404
    if name != "cases:detail":
        assert client.post(reverse(name, args=[case.pk]), {"why": "x", "to_stage": "screening",
                                                           "reason": "An emergency reason"}).status_code == 404


@pytest.mark.parametrize("name", CASE_PAGES)
def test_outsider_case_manager_gets_404_without_break_glass(client, network, case, name):
    sign_in(client, network.outsider_case_manager)
    assert client.get(reverse(name, args=[case.pk])).status_code == 404
    if name != "cases:detail":
        assert client.post(reverse(name, args=[case.pk]), {"why": "x", "to_stage": "screening"}).status_code == 404
    assert Case.objects.get().stage == "signal"


def test_outsiders_cannot_acknowledge(client, network, case):
    from strom.cases import services

    grant = services.break_glass(actor_for_user(network.outsider_case_manager), case, reason="A reason long enough")
    sign_in(client, network.social_worker)
    assert client.post(reverse("cases:acknowledge", args=[case.pk, grant.pk])).status_code == 404
    sign_in(client, network.outsider_case_manager)  # she sees the case for now, but may not change it
    assert client.post(reverse("cases:acknowledge", args=[case.pk, grant.pk])).status_code == 403
    assert BreakGlass.objects.get().acknowledged_at is None


def test_unknown_case_is_404(client, network):
    sign_in(client, network.case_manager)
    assert client.get(reverse("cases:detail", args=["00000000-0000-0000-0000-000000000000"])).status_code == 404


@pytest.mark.parametrize("name", CASE_PAGES)
def test_member_without_the_right_gets_403_recorded(client, network, case, name):
    sign_in(client, network.org_admin)
    assert client.get(reverse(name, args=[case.pk])).status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied", actor_id=network.org_admin.pk).exists()


def test_list_needs_the_right(client, network, case):
    sign_in(client, network.org_admin)
    assert client.get(reverse("cases:list")).status_code == 403
    sign_in(client, network.outsider_case_manager)
    response = client.get(reverse("cases:list"))
    assert response.status_code == 200 and case.person.pseudonym not in body(response)


def test_list_shows_pseudonyms_never_names(client, network, case):
    sign_in(client, network.case_manager)
    page = body(client.get(reverse("cases:list")))
    assert case.person.pseudonym in page and "Testa" not in page
    assert not AuditEvent.objects.filter(action="person.identity_viewed").exists()
    assert AuditEvent.objects.filter(action="case.list_viewed").exists()


def test_list_filters_and_pages(client, network, monkeypatch):
    from strom.cases import queries

    cases = [open_shelter_case(network) for _ in range(3)]
    sign_in(client, network.case_manager)
    monkeypatch.setattr(queries, "PAGE_SIZE", 2)
    first = body(client.get(reverse("cases:list")))
    assert "after=" in first and sum(c.person.pseudonym in first for c in cases) == 2
    page = body(client.get(reverse("cases:list"), {"stage": "screening"}))
    assert all(c.person.pseudonym not in page for c in cases)
    page = body(client.get(reverse("cases:list"), {"stage": "signal", "mine": "on"}))
    assert sum(c.person.pseudonym in page for c in cases) == 2


def test_case_page_shows_identity_and_records_which_fields(client, network, case):
    sign_in(client, network.case_manager)
    page = body(client.get(reverse("cases:detail", args=[case.pk])))
    assert "Testa" in page and "Only call between 10 and 12" in page and case.person.pseudonym in page
    event = AuditEvent.objects.get(action="person.identity_viewed")
    assert event.actor_id == network.case_manager.pk and event.target_id == str(case.person_id)
    assert {"given_names", "birth_date", "contact"} <= set(event.fields)
    assert "Testa" not in str(event.detail)
    assert "<svg" in page and "Signal" in page  # the timeline picture and its list
    # The person's languages by name — not the interface's list of languages, which the shell's
    # language switcher once leaked into the page under the same template variable.
    assert "<dd>Ukrainian, Russian · needs an interpreter</dd>" in page and "name_local" not in page


def test_open_a_case_through_the_form(client, network):
    sign_in(client, network.case_manager)
    assert client.get(reverse("cases:open")).status_code == 200
    data = {
        "person-given_names": "Demo", "person-family_names": "Example", "person-birth_date": "2010-05-01",
        "person-gender": "Masculine", "person-citizenships": ["LV"], "person-languages": ["lv"],
        "person-contact_safety": "unknown", "person-documents_status": "held",
        "case-municipality": str(network.riga.pk), "case-team": [str(network.case_manager.pk)],
        "case-exploitation_forms": ["forced_marriage"], "case-industry": "",
        "places-TOTAL_FORMS": "3", "places-INITIAL_FORMS": "0", "places-0-kind": "exploitation",
        "places-0-country": "LV", "places-0-place": "Rīga",
    }
    response = client.post(reverse("cases:open"), data)
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("cases:detail", args=[case.pk])
    assert case.person.given_names == "Demo" and case.exploitation_forms == ["forced_marriage"]
    assert case.places.get().place == "Rīga"
    assert "Treated as a child" in body(client.get(response["Location"]))


def test_bad_input_re_renders_and_changes_nothing(client, network):
    sign_in(client, network.case_manager)
    data = {"person-gender": "Masculine", "person-contact_safety": "unknown", "person-documents_status": "held",
            "person-birth_date": "not a date", "case-municipality": str(network.riga.pk),
            "places-TOTAL_FORMS": "1", "places-INITIAL_FORMS": "0", "places-0-country": "LV"}
    response = client.post(reverse("cases:open"), data)
    assert response.status_code == 200 and "ds-error-summary" in body(response)
    assert not Person.objects.exists() and not Case.objects.exists()


def test_open_needs_case_write(client, network):
    sign_in(client, network.org_admin)
    assert client.get(reverse("cases:open")).status_code == 403
    sign_in(client, network.social_worker)
    assert client.get(reverse("cases:open")).status_code == 403


def test_change_the_stage_through_the_form(client, network, case):
    sign_in(client, network.case_manager)
    url = reverse("cases:stage", args=[case.pk])
    response = client.post(url, {"to_stage": "screening", "why": ""})
    assert response.status_code == 200 and Case.objects.get().stage == "signal"
    response = client.post(url, {"to_stage": "identified", "why": "x"})  # not offered from signal
    assert response.status_code == 200 and Case.objects.get().stage == "signal"
    response = client.post(url, {"to_stage": "closed", "why": "done"})
    assert response.status_code == 200 and Case.objects.get().stage == "signal"
    response = client.post(url, {"to_stage": "screening", "why": "Indicators"})
    assert response.status_code == 302 and Case.objects.get().stage == "screening"
    assert "Indicators" in body(client.get(reverse("cases:detail", args=[case.pk])))


def test_edit_person_and_case(client, network, case):
    sign_in(client, network.case_manager)
    page = body(client.get(reverse("cases:person_edit", args=[case.pk])))
    assert "Testa" in page
    data = {"person-given_names": "Testa", "person-family_names": "Changed", "person-gender": "Feminine",
            "person-contact_safety": "safe", "person-documents_status": "missing"}
    assert client.post(reverse("cases:person_edit", args=[case.pk]), data).status_code == 302
    person = Person.objects.get()
    assert person.family_names == "Changed" and person.birth_date == ""
    data = {"case-municipality": str(network.riga.pk), "case-industry": "A", "case-risk_flags": ["health"],
            "places-TOTAL_FORMS": "1", "places-INITIAL_FORMS": "0"}
    assert client.post(reverse("cases:edit", args=[case.pk]), data).status_code == 302
    case.refresh_from_db()
    assert case.industry == "A" and case.risk_flags == ["health"] and not case.places.exists()


def test_record_a_decision(client, network, case):
    sign_in(client, network.case_manager)
    data = {"authority": "State Police", "level": "reasonable_grounds", "decided_on": "2026-01-02",
            "outcome": "positive"}
    assert client.post(reverse("cases:decision_add", args=[case.pk]), data).status_code == 302
    assert "State Police" in body(client.get(reverse("cases:detail", args=[case.pk])))


# --- Break-glass through the pages ----------------------------------------------------------------


def test_break_glass_without_reason_is_refused(client, network, case):
    sign_in(client, network.outsider_case_manager)
    url = reverse("cases:break_glass", args=[case.pk])
    page = body(client.get(url))
    assert "Testa" not in page and case.person.pseudonym not in page
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "ds-error-summary" in body(response)
    assert not BreakGlass.objects.exists()
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_break_glass_with_reason_opens_alerts_and_is_acknowledged(client, network, case):
    sign_in(client, network.outsider_case_manager)
    response = client.post(reverse("cases:break_glass", args=[case.pk]),
                           {"reason": "She is at our office, frightened, and asks for her shelter."})
    assert response.status_code == 302
    page = body(client.get(reverse("cases:detail", args=[case.pk])))
    assert "Testa" in page and "Emergency access" in page
    assert client.get(reverse("cases:stage", args=[case.pk])).status_code == 403  # reads only
    event = AuditEvent.objects.filter(action="person.identity_viewed").order_by("seq").last()
    assert event.detail["access"] == "emergency"
    # The lead organisation is alerted in "My work" and on the case page.
    items = work_for(actor_for_user(network.case_manager))
    assert any(case.person.pseudonym in item.title for item in items)
    sign_in(client, network.case_manager)
    grant = BreakGlass.objects.get()
    assert "Acknowledge" in body(client.get(reverse("cases:detail", args=[case.pk])))
    assert client.post(reverse("cases:acknowledge", args=[case.pk, grant.pk])).status_code == 302
    assert not any(case.person.pseudonym in item.title for item in work_for(actor_for_user(network.case_manager)))


def test_lead_member_on_the_break_glass_page_goes_to_the_case(client, network, case):
    sign_in(client, network.case_manager)
    response = client.get(reverse("cases:break_glass", args=[case.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("cases:detail", args=[case.pk])
