"""Persona tests: the receiver sees exactly the chosen fields, in pages and the API; withdrawal ends
access; outsiders get 404; the inbox, the case tab, My work, the letter and the figures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.api.tokens import create_token
from strom.audit.models import AuditEvent
from strom.referrals import services
from strom.referrals.models import Referral, State
from strom.referrals.tests.conftest import give_consent
from strom.testing import sign_in
from strom.web.work import PROVIDERS

pytestmark = pytest.mark.django_db

IDENTITY_VALUES = ("Testa", "Personae", "+371 2000 0000", "Only call between 10 and 12", "1999-04-12")


def bearer(user) -> dict:
    _token, raw = create_token(user, name="referrals", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def refer(network, case, service, **fields):
    return services.make_referral(
        actor_for_user(network.case_manager),
        case=case,
        service=service,
        reason="Needs a safe place",
        needs="A bed near a school",
        **fields,
    )


def shown_fields(html: str) -> set[str]:
    import re

    return set(re.findall(r'data-field="([a-z_]+)"', html))


def test_receiver_sees_exactly_the_minimum_in_page_and_api(client, network, case, service, consented, shelter_worker):
    referral = refer(network, case, service)
    sign_in(client, shelter_worker)
    html = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert shown_fields(html) == {"pseudonym", "age_group", "languages", "needs", "urgency"}
    assert case.person.pseudonym in html and "25-34" in html and "A bed near a school" in html
    for value in IDENTITY_VALUES:
        assert value not in html
    document = client.get(reverse("api_referral", args=[referral.pk]), **bearer(shelter_worker)).json()
    assert set(document["person"]) == {
        "strom_pseudonym",
        "strom_age_group",
        "prs_PrimaryLanguage",
        "prs_SecondaryLanguage",
        "strom_languages",
        "strom_needs",
    }
    assert not any(value in str(document) for value in IDENTITY_VALUES)
    # The receiver still cannot open the case itself: no access rule was widened.
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_chosen_identity_is_shown_and_its_views_are_audited(client, network, case, service, consented, shelter_worker):
    referral = refer(network, case, service, shared_fields=["given_names", "contact"])
    sign_in(client, shelter_worker)
    html = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert shown_fields(html) == {"pseudonym", "age_group", "languages", "needs", "urgency", "given_names", "contact"}
    assert "Testa" in html and "+371 2000 0000" in html and "Personae" not in html
    event = AuditEvent.objects.filter(action="referral.identity_viewed", target_id=str(referral.pk)).latest("seq")
    assert "given_names" in event.fields and "contact" in event.fields and "Testa" not in str(event.detail)
    document = client.get(reverse("api_referral", args=[referral.pk]), **bearer(shelter_worker)).json()
    assert document["person"]["prs_FirstName"] == "Testa" and document["person"]["prs_MobilePhone"] == "+371 2000 0000"
    assert "prs_SecondName" not in document["person"]
    assert AuditEvent.objects.filter(action="referral.identity_viewed", target_id=str(referral.pk)).count() == 2


def test_withdrawn_consent_ends_the_receivers_access_from_then_on(
    client, network, case, service, receiver, consented, shelter_worker
):
    referral = refer(network, case, service, shared_fields=["given_names"])
    give_consent(network, case, receiver, state="withdrawn", how="verbal")
    sign_in(client, shelter_worker)
    html = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert shown_fields(html) == {"pseudonym", "urgency"}
    assert "Testa" not in html and "A bed near a school" not in html and "withdrew consent" in html
    document = client.get(reverse("api_referral", args=[referral.pk]), **bearer(shelter_worker)).json()
    assert set(document["person"]) == {"strom_pseudonym"} and document["consent"]["state_now"] == "withdrawn"
    letter = client.get(reverse("referrals:letter", args=[referral.pk]))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"


def test_outsiders_get_404_everywhere(client, network, case, service, consented):
    referral = refer(network, case, service)
    for persona in (network.outsider_case_manager, network.social_worker, network.police_officer):
        sign_in(client, persona)
        for url in (reverse("referrals:detail", args=[referral.pk]), reverse("referrals:letter", args=[referral.pk])):
            assert client.get(url).status_code == 404
        assert client.post(reverse("referrals:act", args=[referral.pk, "withdraw"])).status_code == 404
        assert client.get(reverse("api_referral", args=[referral.pk]), **bearer(persona)).status_code == 404
    assert Referral.objects.get(pk=referral.pk).state == State.SENT


def test_the_form_refuses_without_consent_with_a_clear_message(client, network, case, service):
    sign_in(client, network.case_manager)
    url = reverse("referrals:new") + f"?case={case.pk}"
    assert client.get(url).status_code == 200
    response = client.post(url, {"service": service.pk, "urgency": "urgent", "reason": "Safe place"})
    assert response.status_code == 200
    assert "No current consent to share with Riga Women&#x27;s Shelter" in response.content.decode()
    assert not Referral.objects.exists()


def test_refer_accept_and_both_see_the_state(client, network, case, service, consented, shelter_worker):
    sign_in(client, network.case_manager)
    response = client.post(
        reverse("referrals:new") + f"?case={case.pk}",
        {"service": service.pk, "urgency": "urgent", "reason": "Safe place", "shared_fields": ["gender"]},
    )
    referral = Referral.objects.get()
    assert response.status_code == 302 and referral.shared_fields[-1] == "gender"
    sign_in(client, shelter_worker)
    assert "Emergency beds" in client.get(reverse("referrals:inbox")).content.decode()
    response = client.post(
        reverse("referrals:act", args=[referral.pk, "accept"]), {"assigned_to": str(shelter_worker.pk), "note": "Bed 4"}
    )
    assert response.status_code == 302
    sign_in(client, network.case_manager)
    html = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "Accepted" in html and "Bed 4" in html
    tab = client.get(reverse("referrals:case", args=[case.pk])).content.decode()
    assert "Riga Women&#x27;s Shelter" in tab and "Age group, Languages" in tab and "Accepted" in tab
    assert (
        reverse("referrals:case", args=[case.pk])
        in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    )


def test_a_bad_action_changes_nothing(client, network, case, service, consented, shelter_worker):
    referral = refer(network, case, service)
    sign_in(client, shelter_worker)
    response = client.post(reverse("referrals:act", args=[referral.pk, "decline"]), {"reason": ""})
    assert response.status_code == 400
    assert Referral.objects.get(pk=referral.pk).state == State.SENT
    response = client.post(reverse("api_referral_action", args=[referral.pk, "withdraw"]), {}, **bearer(shelter_worker))
    assert response.status_code == 403


def test_api_lists_both_sides_without_personal_data(client, network, case, service, consented, shelter_worker):
    referral = refer(network, case, service)
    sent = client.get(reverse("api_referrals"), **bearer(network.case_manager)).json()
    received = client.get(reverse("api_referrals"), **bearer(shelter_worker)).json()
    assert [row["id"] for row in sent["sent"]] == [str(referral.pk)] and received["sent"] == []
    assert [row["id"] for row in received["received"]] == [str(referral.pk)]
    assert case.person.pseudonym not in str(received)
    response = client.post(
        reverse("api_referral_action", args=[referral.pk, "withdraw"]),
        {"note": "no longer"},
        **bearer(network.case_manager),
    )
    assert response.status_code == 200 and response.json()["state"] == "withdrawn"


def work_titles(user) -> list[str]:
    actor = actor_for_user(user)
    return [item.title + " " + item.description for provider in PROVIDERS for item in provider(actor)]


def test_overdue_stands_out_on_both_sides_and_escalates(
    client, network, case, service, consented, shelter_worker, receiver_admin, receiver
):
    referral = refer(network, case, service)
    assert any("waits for your answer" in title for title in work_titles(shelter_worker))
    assert not any("Overdue referral" in title for title in work_titles(receiver_admin))
    Referral.objects.filter(pk=referral.pk).update(due_at=timezone.now() - timedelta(hours=1))
    assert any("OVERDUE" in title for title in work_titles(shelter_worker))
    assert any("No answer yet" in title for title in work_titles(network.case_manager))
    assert any("Overdue referral at Riga Women" in title for title in work_titles(receiver_admin))
    assert any("Overdue referral at Riga Women" in title for title in work_titles(network.local_coordinator))
    assert not any("Overdue referral" in title for title in work_titles(network.outsider_case_manager))
    network.riga.focal_point = network.national_coordinator
    network.riga.save()
    assert any("Overdue referral" in title for title in work_titles(network.national_coordinator))
    sign_in(client, network.case_manager)
    assert "Overdue" in client.get(reverse("referrals:inbox")).content.decode()
    sign_in(client, receiver_admin)
    html = client.get(reverse("referrals:inbox")).content.decode()
    assert "Emergency beds" in html and case.person.pseudonym not in html


def test_the_sender_sees_questions_and_declines_in_one_statement(
    network, case, service, consented, shelter_worker, django_assert_num_queries
):
    from strom.referrals.work import referral_items

    asked, declined = refer(network, case, service), refer(network, case, service)
    worker = actor_for_user(shelter_worker)
    services.request_info(worker, asked, question="Does she need an interpreter?")
    services.decline(worker, declined, reason="Full tonight")
    sender = actor_for_user(network.case_manager)
    with django_assert_num_queries(1):
        titles = [item.title for item in referral_items(sender)]
    assert sorted(titles) == ["Riga Women's Shelter asks for information on a referral",
                              "Riga Women's Shelter declined a referral"]
    Referral.objects.filter(pk=declined.pk).update(updated=timezone.now() - timedelta(days=8))
    assert [item.title for item in referral_items(sender)] == [  # a declined one stays for a week
        "Riga Women's Shelter asks for information on a referral"]


def test_figures_per_service_and_municipality(client, network, case, service, consented, shelter_worker):
    first = refer(network, case, service)
    second = refer(network, case, service)
    worker = actor_for_user(shelter_worker)
    services.accept(worker, first, assigned_to=shelter_worker)
    services.decline(worker, second, reason="Full")
    Referral.objects.filter(pk=first.pk).update(answered_at=first.sent_at + timedelta(hours=2))
    Referral.objects.filter(pk=second.pk).update(answered_at=second.sent_at + timedelta(hours=6))
    data = client.get(reverse("api_referral_figures"), **bearer(network.local_coordinator)).json()
    [row] = data["services"]
    assert (row["sent"], row["answered"], row["accepted"], row["acceptance_rate"], row["median_hours"]) == (
        2,
        2,
        1,
        50.0,
        4.0,
    )
    assert data["municipalities"][0]["label"] == "Rīga"
    sign_in(client, network.local_coordinator)
    html = client.get(reverse("referrals:figures")).content.decode()
    assert "<caption" in html and "50.0" in html
    assert client.get(reverse("api_referral_figures"), **bearer(network.case_manager)).status_code == 404


def test_a_service_can_be_chosen_by_link_and_the_letter_is_in_the_receivers_language(
        client, network, case, service, consented, receiver):
    from strom.referrals.letter import letter_language

    sign_in(client, network.case_manager)
    html = client.get(reverse("referrals:new") + f"?case={case.pk}&service={service.pk}").content.decode()
    assert f'value="{service.pk}" selected' in html
    assert letter_language(receiver) == "lv"
    assert letter_language(network.hotline) == "lt"
    network.hotline.municipality = None
    network.hotline.country = "GB"
    assert letter_language(network.hotline) == "en"


def test_the_pathway_finder_offers_a_referral_to_those_who_may_refer(rf, network, service):
    from django.template import Context, Template

    template = Template("{% load referrals %}{% refer_link service %}")
    request = rf.get("/")
    request.user = network.case_manager
    assert f"/referrals/new/?service={service.pk}" in template.render(Context({"request": request,
                                                                              "service": service}))
    request = rf.get("/")
    request.user = network.local_coordinator  # no referral.make
    assert template.render(Context({"request": request, "service": service})) == ""


def test_a_withdrawn_referral_closes_the_fields_to_the_receiver_and_late_actions_change_nothing(
        client, network, case, service, consented, shelter_worker):
    referral = refer(network, case, service)
    services.withdraw(actor_for_user(network.case_manager), referral)
    sign_in(client, shelter_worker)
    html = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert shown_fields(html) == {"pseudonym", "urgency"} and "A bed near a school" not in html
    response = client.post(reverse("referrals:act", args=[referral.pk, "accept"]),
                           {"assigned_to": str(shelter_worker.pk)})
    assert response.status_code == 302 and Referral.objects.get(pk=referral.pk).state == State.WITHDRAWN
    response = client.post(reverse("referrals:act", args=[referral.pk, "open_case"]), follow=True)
    assert "Accept the referral" in response.content.decode() or "already" in response.content.decode()
    sign_in(client, network.case_manager)  # the sender still sees what it sent
    assert "A bed near a school" in client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()


def test_a_declined_referral_reaches_the_senders_work(network, case, service, consented, shelter_worker):
    referral = refer(network, case, service)
    services.decline(actor_for_user(shelter_worker), referral, reason="Full", suggested_service=service)
    assert any("declined a referral" in title for title in work_titles(network.case_manager))
    assert not any("declined a referral" in title for title in work_titles(shelter_worker))
