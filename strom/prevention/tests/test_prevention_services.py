"""Writes of campaigns, activities and materials: policy, validation, audit; and the code lookups."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.prevention import queries, services
from strom.prevention.models import Activity, Campaign, Material
from strom.prevention.tests.conftest import new_campaign

pytestmark = pytest.mark.django_db


def test_a_campaign_without_a_code_gets_one_from_its_title(network):
    campaign = new_campaign(network.local_coordinator)
    year = campaign.starts_on.year % 100
    assert campaign.code == f"SAFE-WORK-{year:02d}"
    assert campaign.organiser == network.social and campaign.country == "LV"
    second = new_campaign(network.hotline_coordinator)
    assert second.code == f"SAFE-WORK-{year:02d}-2" and second.country == "LT"
    event = AuditEvent.objects.filter(action="prevention.campaign_created").order_by("seq").first()
    assert event.organisation_id == network.social.pk and "target_groups" in event.fields


def test_a_typed_code_is_normalised_and_must_be_free(network, campaign):
    assert new_campaign(network.hotline_coordinator, code=" vilnius safe ").code == "VILNIUS-SAFE"
    with pytest.raises(ValidationError) as error:
        new_campaign(network.hotline_coordinator, code="riga safe")
    assert "already has this code" in str(error.value.message_dict["code"])
    with pytest.raises(ValidationError) as error:
        new_campaign(network.hotline_coordinator, code="X")
    assert "code" in error.value.message_dict
    assert Campaign.objects.count() == 2


@pytest.mark.parametrize(("overrides", "field"), [
    ({"title": " "}, "title"),
    ({"ends_on": timezone.localdate() - timedelta(days=60)}, "ends_on"),
    ({"starts_on": timezone.localdate() + timedelta(days=4000)}, "starts_on"),
    ({"target_groups": ["aliens"]}, "target_groups"),
    ({"channels": ["pigeons"]}, "channels"),
    ({"country": "LT"}, "municipality"),  # Riga is not in Lithuania
])
def test_bad_input_changes_nothing(network, overrides, field):
    with pytest.raises(ValidationError) as error:
        new_campaign(network.local_coordinator, municipality=network.riga, **overrides)
    assert field in error.value.message_dict
    assert not Campaign.objects.exists() and not AuditEvent.objects.filter(action__startswith="prevention.").exists()


@pytest.mark.parametrize("persona", ["social_worker", "case_manager", "hotline_operator", "no_role"])
def test_only_prevention_managers_create(network, persona):
    with pytest.raises(PermissionDenied):
        new_campaign(getattr(network, persona))
    assert not Campaign.objects.exists()
    assert AuditEvent.objects.filter(action="permission.denied", detail__permission="prevention.manage").exists()


def test_another_organisations_manager_may_not_change_the_campaign(network, campaign):
    other = actor_for_user(network.hotline_coordinator)
    with pytest.raises(PermissionDenied):
        services.update_campaign(other, campaign, title="Taken over", starts_on=campaign.starts_on)
    with pytest.raises(PermissionDenied):
        services.add_activity(other, campaign, held_on=timezone.localdate(), channel="events", people_reached=5)
    campaign.refresh_from_db()
    assert campaign.title == "Safe work abroad" and not Activity.objects.exists()


def test_update_records_the_changed_fields_only(network, campaign):
    actor = actor_for_user(network.local_coordinator)
    same = {"code": campaign.code, "title": campaign.title, "starts_on": campaign.starts_on,
            "municipality": network.riga, "target_groups": ["work_abroad"], "channels": ["posters"]}
    assert services.update_campaign(actor, campaign, **same) == []
    changed = services.update_campaign(actor, campaign, **{**same, "title": "Safe work, safe life"},
                                       partners=[network.shelter])
    assert changed == ["title", "partners"]
    event = AuditEvent.objects.get(action="prevention.campaign_updated")
    assert event.fields == ["title", "partners"] and "Safe work" not in str(event.detail)
    assert list(campaign.partners.all()) == [network.shelter]


def test_activities_and_materials(network, campaign):
    actor = actor_for_user(network.local_coordinator)
    today = timezone.localdate()
    activity = services.add_activity(actor, campaign, held_on=today, channel="school_sessions", people_reached=42,
                                     place="Riga School No. 1")
    services.add_activity(actor, campaign, held_on=today, channel="posters", people_reached=100)
    assert queries.figures_for(Campaign.objects.get()).people_reached == 142
    for bad in ({"people_reached": -1}, {"people_reached": "many"}, {"channel": "pigeons"}):
        with pytest.raises(ValidationError):
            services.add_activity(actor, campaign,
                                  **{"held_on": today, "channel": "events", "people_reached": 1, **bad})
    activity_id = str(activity.pk)
    services.remove_activity(actor, campaign, activity)
    assert Activity.objects.count() == 1
    removed = AuditEvent.objects.get(action="prevention.activity_removed")
    assert removed.detail == {"activity": activity_id}  # the removed row's id, not "None"
    material = services.add_material(actor, campaign, title="Poster", language="lv", link="https://example.org/p.pdf")
    for bad in ({"link": "javascript:alert(1)"}, {"link": "not a link"}, {"language": "xx"}, {"title": ""}):
        with pytest.raises(ValidationError):
            services.add_material(actor, campaign, **{"title": "T", "language": "lv", "link": "https://e.org", **bad})
    material_id = str(material.pk)
    services.remove_material(actor, campaign, material)
    assert not Material.objects.exists()
    assert AuditEvent.objects.get(action="prevention.material_removed").detail == {"material": material_id}
    assert AuditEvent.objects.filter(action__in=["prevention.activity_added", "prevention.activity_removed",
                                                 "prevention.material_added", "prevention.material_removed"]
                                     ).count() == 5


def test_an_activity_of_another_campaign_is_refused(network, campaign):
    actor = actor_for_user(network.local_coordinator)
    other = new_campaign(network.local_coordinator, title="Other")
    activity = services.add_activity(actor, other, held_on=timezone.localdate(), channel="events", people_reached=1)
    with pytest.raises(ValidationError):
        services.remove_activity(actor, campaign, activity)
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_campaign_for_code_forgives_how_a_caller_says_it(network, campaign):
    assert queries.campaign_for_code("riga safe") == campaign
    assert queries.campaign_for_code(" RIGA_SAFE ") == campaign
    assert queries.campaign_for_code("RIGA-SAF") is None
    assert queries.campaign_for_code("") is None


def test_contacts_are_counted_by_the_code_they_named(network, campaign):
    from strom.hotline import services as hotline

    operator = actor_for_user(network.hotline_operator)
    hotline.record_contact(operator, topic="working_abroad", campaign_code=campaign.code.lower().replace("-", " "))
    hotline.record_contact(operator, topic="working_abroad", campaign_code=campaign.code)
    hotline.record_contact(operator, topic="working_abroad", campaign_code="OTHER-26")
    hotline.record_contact(operator, topic="working_abroad")
    other = new_campaign(network.local_coordinator, title="Unheard of", code="UNHEARD-26")
    assert queries.contacts_by_campaign([campaign, other]) == {campaign.code: 2, other.code: 0}
    assert queries.contacts_by_campaign([]) == {}
