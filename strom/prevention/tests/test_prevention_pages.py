"""The prevention pages: who reads, who keeps, forms that refuse bad input, the keyset list."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.prevention import services
from strom.prevention.models import Activity, Campaign
from strom.prevention.tests.conftest import new_campaign
from strom.testing import sign_in

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"prevention:{name}", args=args)


@pytest.mark.parametrize("persona", ["social_worker", "outsider_case_manager", "hotline_operator",
                                     "national_coordinator"])
def test_everyone_with_the_directory_reads_campaigns(client, network, campaign, persona):
    services.add_activity(actor_for_user(network.local_coordinator), campaign, held_on=timezone.localdate(),
                          channel="school_sessions", people_reached=42, place="School No. 1")
    sign_in(client, getattr(network, persona))
    listing = client.get(_url("list")).content.decode()
    assert "RIGA-SAFE" in listing and _url("detail", campaign.pk) in listing
    page = client.get(_url("detail", campaign.pk)).content.decode()
    assert "RIGA-SAFE" in page and "School No. 1" in page and "42" in page
    assert _url("edit", campaign.pk) not in page  # only the organiser's managers keep it


@pytest.mark.parametrize("persona", ["no_role", "auditor"])
def test_members_without_the_directory_get_403(client, network, campaign, persona):
    sign_in(client, getattr(network, persona))
    assert client.get(_url("list")).status_code == 403
    assert client.get(_url("detail", campaign.pk)).status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied", detail__permission="network.read").exists()


def test_an_unknown_campaign_is_404(client, network):
    sign_in(client, network.social_worker)
    assert client.get(_url("detail", "00000000-0000-0000-0000-000000000000")).status_code == 404


@pytest.mark.parametrize("persona", ["hotline_coordinator", "national_coordinator", "outsider_case_manager"])
def test_another_organisation_cannot_reach_the_forms(client, network, campaign, persona):
    sign_in(client, getattr(network, persona))
    assert client.get(_url("edit", campaign.pk)).status_code == 404
    assert client.post(_url("activity_add", campaign.pk), {"activity-held_on": "2026-01-01"}).status_code == 404
    assert client.post(_url("material_add", campaign.pk), {}).status_code == 404


def test_a_member_of_the_organiser_without_the_right_gets_403(client, network, campaign):
    sign_in(client, network.social_worker)  # Riga Social Service, frontline worker
    assert client.get(_url("edit", campaign.pk)).status_code == 403
    assert client.post(_url("activity_add", campaign.pk), {}).status_code == 403
    assert client.get(_url("new")).status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied", detail__permission="prevention.manage").count() == 3


def test_create_through_the_form(client, network):
    sign_in(client, network.local_coordinator)
    start = timezone.localdate() - timedelta(days=3)
    response = client.post(_url("new"), {"title": "Ask before you go", "country": "LV", "municipality": network.riga.pk,
                                         "target_groups": ["students", "parents"], "channels": ["school_sessions"],
                                         "starts_on": start.isoformat(), "partners": [network.shelter.pk]})
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("detail", campaign.pk)
    assert campaign.code == f"ASK-BEFORE-{start.year % 100:02d}" and campaign.organiser == network.social
    assert list(campaign.partners.all()) == [network.shelter]


def test_the_form_shows_errors_and_changes_nothing(client, network, campaign):
    sign_in(client, network.local_coordinator)
    response = client.post(_url("new"), {"title": "Again", "code": "riga-safe", "country": "LV",
                                         "starts_on": timezone.localdate().isoformat()})
    page = response.content.decode()
    assert response.status_code == 200 and "ds-error-summary" in page and "already has this code" in page
    assert Campaign.objects.count() == 1


def test_edit_activity_and_material_through_the_pages(client, network, campaign):
    sign_in(client, network.local_coordinator)
    data = {"title": "Safe work, safe life", "code": "RIGA-SAFE", "country": "LV", "municipality": network.riga.pk,
            "starts_on": campaign.starts_on.isoformat(), "target_groups": ["work_abroad"], "channels": ["posters"]}
    assert client.post(_url("edit", campaign.pk), data).status_code == 302
    response = client.post(_url("activity_add", campaign.pk), {
        "activity-held_on": timezone.localdate().isoformat(), "activity-channel": "events",
        "activity-people_reached": "120", "activity-place": "Town square"})
    assert response.status_code == 302
    bad = client.post(_url("activity_add", campaign.pk), {"activity-held_on": "", "activity-channel": "events",
                                                          "activity-people_reached": "-3"})
    assert bad.status_code == 200 and "ds-error-summary" in bad.content.decode()
    client.post(_url("material_add", campaign.pk), {"material-title": "Poster", "material-language": "lv",
                                                    "material-link": "https://example.org/poster.pdf"})
    page = client.get(_url("detail", campaign.pk)).content.decode()
    assert "Safe work, safe life" in page and "Town square" in page and "https://example.org/poster.pdf" in page
    activity = Activity.objects.get()
    assert client.post(_url("activity_remove", campaign.pk, activity.pk)).status_code == 302
    assert not Activity.objects.exists()


def test_the_campaign_shows_the_hotline_contacts_that_named_its_code(client, network, campaign):
    from strom.hotline import services as hotline

    hotline.record_contact(actor_for_user(network.hotline_operator), topic="working_abroad",
                           campaign_code=campaign.code)
    sign_in(client, network.social_worker)
    page = client.get(_url("detail", campaign.pk)).content.decode()
    assert '<dd id="campaign-contacts">1</dd>' in page


def test_filters_and_keyset_pages(client, network):
    today = timezone.localdate()
    for day in range(5):
        new_campaign(network.local_coordinator, title=f"Campaign {day}", code=f"CAMP-{day}",
                     starts_on=today - timedelta(days=day), target_groups=["students"] if day % 2 else [])
    new_campaign(network.hotline_coordinator, title="Vilnius", code="VILNIUS-1")
    sign_in(client, network.social_worker)
    first = client.get(_url("list"), {"country": "LV"})
    codes = [c.code for c, _n in first.context["rows"]]
    assert codes == ["CAMP-0", "CAMP-1", "CAMP-2", "CAMP-3", "CAMP-4"]
    assert [c.code for c, _n in client.get(_url("list"), {"target_group": "students"}).context["rows"]] == [
        "CAMP-1", "CAMP-3"]
    sign_in(client, network.hotline_coordinator)
    assert [c.code for c, _n in client.get(_url("list"), {"ours": "on"}).context["rows"]] == ["VILNIUS-1"]


def test_the_list_pages_by_keyset(network):
    from strom.prevention.queries import Filters, campaign_page

    today = timezone.localdate()
    for day in range(5):
        new_campaign(network.local_coordinator, title=f"Campaign {day}", code=f"CAMP-{day}",
                     starts_on=today - timedelta(days=day // 2))  # two share a day: the id decides
    actor = actor_for_user(network.social_worker)
    seen, cursor = [], None
    while True:
        page = campaign_page(actor, Filters(), cursor, size=2)
        seen += [c.code for c in page.campaigns]
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert sorted(seen) == [f"CAMP-{d}" for d in range(5)] and len(seen) == 5


def test_the_list_costs_the_same_queries_for_more_campaigns(client, network):
    sign_in(client, network.social_worker)
    new_campaign(network.local_coordinator, code="ONE-1")
    client.get(_url("list"))
    with CaptureQueriesContext(connection) as few:
        client.get(_url("list"))
    for number in range(2, 8):
        campaign = new_campaign(network.local_coordinator, code=f"MORE-{number}", partners=[network.shelter])
        services.add_activity(actor_for_user(network.local_coordinator), campaign, held_on=timezone.localdate(),
                              channel="events", people_reached=number)
    with CaptureQueriesContext(connection) as many:
        client.get(_url("list"))
    assert len(many) == len(few)
