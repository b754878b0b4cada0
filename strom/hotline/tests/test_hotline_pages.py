"""The hotline pages for every persona: 404 to outsiders, 403 to members without the right; the form's
Save and new flow with the reference to read out; bad input changes nothing; the log's query count."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from strom.audit.models import AuditEvent
from strom.hotline.models import Caller, Contact, FollowUp
from strom.hotline.reference import display_reference
from strom.hotline.tests.conftest import record
from strom.testing import sign_in

pytestmark = pytest.mark.django_db

OTHERS = ["case_manager", "local_coordinator", "national_coordinator", "outsider_case_manager", "no_role"]


def form_data(**values) -> dict:
    data = {"topic": "working_abroad", "caller_type": "potential_victim", "channel": "phone", "language": "et",
            "started_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "urgency": "routine",
            "outcome": "information", "destination_country": "DE"}
    data.update(values)
    return data


@pytest.mark.parametrize("persona", OTHERS)
def test_others_get_403_on_pages_and_404_on_contacts(client, network, contact, persona):
    sign_in(client, getattr(network, persona))
    for name in ("hotline:log", "hotline:new", "hotline:shift", "hotline:figures"):
        assert client.get(reverse(name)).status_code == 403, name
    for name in ("hotline:detail", "hotline:edit"):
        assert client.get(reverse(name, args=[contact.pk])).status_code == 404, name
    assert client.post(reverse("hotline:add_follow_up", args=[contact.pk])).status_code == 404
    assert client.post(reverse("hotline:new"), form_data()).status_code == 403
    assert Contact.objects.count() == 1


def test_member_without_the_right_gets_403_on_a_contact(client, network, contact, hotline_admin):
    sign_in(client, hotline_admin)
    assert client.get(reverse("hotline:detail", args=[contact.pk])).status_code == 403
    assert client.get(reverse("hotline:log")).status_code == 403


def test_save_and_new_shows_the_reference_to_read_out(client, network):
    sign_in(client, network.hotline_operator)
    page = client.get(reverse("hotline:new"))
    assert page.status_code == 200
    html = page.content.decode()
    for field in ("phone", "email", "e-mail address\"", "given_names"):
        assert f'name="{field}' not in html
    response = client.post(reverse("hotline:new"), form_data(notes="Agency in Hamburg"), follow=True)
    contact = Contact.objects.get()
    assert response.redirect_chain[-1][0] == reverse("hotline:new")
    assert display_reference(contact.caller.reference) in response.content.decode()
    assert contact.operator == network.hotline_operator and contact.destination_country == "DE"
    assert contact.language == "et"
    # The next form offers the language just used.
    assert 'value="et" selected' in client.get(reverse("hotline:new")).content.decode()


def test_identity_posted_with_the_form_is_not_stored(client, network):
    from strom.hotline.tests.test_hotline_services import raw_rows

    sign_in(client, network.hotline_operator)
    response = client.post(reverse("hotline:new"), form_data(
        phone="+372 5555 0101", email="caller@example.org", given_names="Testa", municipality=str(network.vilnius.pk)))
    assert response.status_code == 302
    assert Contact.objects.get().municipality == network.vilnius
    for model in (Contact, Caller, FollowUp):
        for row in raw_rows(model):
            for value in row.values():
                assert not any(bit in str(value) for bit in ("5555", "@", "Testa")), (model, row)


def test_save_and_open_and_repeat_caller(client, network, contact):
    sign_in(client, network.hotline_coordinator)
    response = client.post(reverse("hotline:new"), form_data(view="1", caller_reference=contact.caller.reference,
                                                              follow_up_task="Send the checklist",
                                                              follow_up_due=timezone.localdate().isoformat(),
                                                              follow_up_owner=str(network.hotline_operator.pk)))
    again = Contact.objects.exclude(pk=contact.pk).get()
    assert response.status_code == 302 and response.url == reverse("hotline:detail", args=[again.pk])
    assert again.caller_id == contact.caller_id
    assert FollowUp.objects.get().owner == network.hotline_operator
    html = client.get(response.url).content.decode()
    assert "Send the checklist" in html and reverse("hotline:detail", args=[contact.pk]) in html


def test_bad_input_changes_nothing(client, network):
    sign_in(client, network.hotline_operator)
    for bad in ({"topic": ""}, {"caller_reference": "+372 5555 0101"}, {"outcome": "referred"},
                {"started_at": "2999-01-01T10:00"}, {"follow_up_task": "Call back"}):
        response = client.post(reverse("hotline:new"), form_data(**bad))
        assert response.status_code == 400, bad
        assert "ds-error-summary" in response.content.decode()
    assert not Contact.objects.exists()


def test_edit_own_contact_and_not_others(client, network, contact):
    theirs = record(network.hotline_coordinator)
    sign_in(client, network.hotline_operator)
    response = client.post(reverse("hotline:edit", args=[contact.pk]), form_data(outcome="none"))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.outcome == "none"
    assert client.get(reverse("hotline:edit", args=[theirs.pk])).status_code == 403
    assert client.get(reverse("hotline:detail", args=[theirs.pk])).status_code == 200


def test_follow_up_from_the_page_and_done_on_the_shift(client, network, contact):
    sign_in(client, network.hotline_operator)
    response = client.post(reverse("hotline:add_follow_up", args=[contact.pk]), {
        "follow_up-task": "Call back on Monday", "follow_up-due_on": timezone.localdate().isoformat(),
        "follow_up-owner": str(network.hotline_operator.pk)})
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert "Call back on Monday" in client.get(reverse("hotline:shift")).content.decode()
    client.post(reverse("hotline:follow_up_done", args=[follow_up.pk]), {"done": "1", "next": "shift"})
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None
    assert "Call back on Monday" not in client.get(reverse("hotline:shift")).content.decode()


def test_shift_by_operator_and_figures_for_coordinators_only(client, network, contact):
    sign_in(client, network.hotline_operator)
    assert "Contacts by operator" not in client.get(reverse("hotline:shift")).content.decode()
    assert client.get(reverse("hotline:figures")).status_code == 403
    sign_in(client, network.hotline_coordinator)
    assert "Contacts by operator" in client.get(reverse("hotline:shift")).content.decode()
    record(network.hotline_coordinator, topic="tip")
    mine = client.get(reverse("hotline:log"), {"operator": str(network.hotline_coordinator.pk)}).content.decode()
    assert mine.count("/hotline/") > 0 and "Tip" in mine and "Working abroad" not in mine
    response = client.get(reverse("hotline:figures"))
    assert response.status_code == 200 and "Germany" in response.content.decode()
    assert client.get(reverse("hotline:figures"), {"since": "2026-05-01", "until": "2026-01-01"}).status_code == 400


def test_log_is_a_keyset_page_with_flat_query_count(client, network):
    from strom.hotline import queries

    for _ in range(3):
        record(network.hotline_operator)
    sign_in(client, network.hotline_operator)
    client.get(reverse("hotline:log"))  # warm the session and the actor
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("hotline:log"))
    for _ in range(6):
        record(network.hotline_coordinator)
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("hotline:log"))
    assert len(more) == len(few)
    from strom.accounts.policies import actor_for_user

    actor = actor_for_user(network.hotline_operator)
    first = queries.contact_page(actor, size=5)
    second = queries.contact_page(actor, first.next_cursor, size=5)
    assert len(first.contacts) == 5 and len(second.contacts) == 4 and second.next_cursor is None
    assert not {c.pk for c in first.contacts} & {c.pk for c in second.contacts}


def test_my_work_lists_her_open_follow_ups_in_one_query(client, network, contact):
    from datetime import timedelta

    from strom.accounts.policies import actor_for_user
    from strom.hotline import services
    from strom.hotline.work import hotline_items

    operator = actor_for_user(network.hotline_operator)
    yesterday = timezone.localdate() - timedelta(days=1)
    services.add_follow_up(operator, contact, task="Call the caller back", due_on=yesterday)
    services.add_follow_up(operator, contact, task="Not mine", due_on=yesterday, owner=network.hotline_coordinator)
    with CaptureQueriesContext(connection) as queries_run:
        items = hotline_items(operator)
    assert len(queries_run) == 1
    assert [item.title for item in items] == ["Hotline follow-up: Call the caller back"]
    assert items[0].description.startswith("Overdue")
    assert hotline_items(actor_for_user(network.case_manager)) == []
    sign_in(client, network.hotline_operator)
    home = client.get(reverse("home")).content.decode()
    assert "Call the caller back" in home and reverse("hotline:log") in home


def test_a_campaign_code_links_its_campaign_and_a_bad_one_is_refused(client, network):
    from strom.prevention.tests.conftest import new_campaign

    campaign = new_campaign(network.hotline_coordinator, code="SAFE-WORK-26", title="Safe work abroad")
    named = record(network.hotline_operator, campaign_code="safe work 26")
    unknown = record(network.hotline_operator, campaign_code="NOT-OURS-26")
    sign_in(client, network.hotline_operator)
    page = client.get(reverse("hotline:detail", args=[named.pk])).content.decode()
    assert named.campaign_code == "SAFE-WORK-26"
    assert reverse("prevention:detail", args=[campaign.pk]) in page
    page = client.get(reverse("hotline:detail", args=[unknown.pk])).content.decode()
    assert "no campaign in Strom has this code" in page
    with pytest.raises(ValidationError, match="3 to 20 letters"):
        record(network.hotline_operator, campaign_code="X")
    assert Contact.objects.count() == 2


def test_the_shift_records_which_follow_ups_it_shows(client, network, contact):
    sign_in(client, network.hotline_operator)
    assert client.get(reverse("hotline:shift")).status_code == 200
    assert not AuditEvent.objects.filter(action="hotline.follow_ups_viewed").exists()  # none shown: nothing read
    follow_up = FollowUp.objects.create(contact=contact, organisation=contact.organisation, task="Call the employer",
                                        due_on=timezone.localdate(), owner=network.hotline_operator)
    assert "Call the employer" in client.get(reverse("hotline:shift")).content.decode()
    event = AuditEvent.objects.get(action="hotline.follow_ups_viewed")
    assert event.detail == {"follow_ups": [str(follow_up.pk)]} and event.actor == network.hotline_operator
    assert "employer" not in str(event.detail)
