"""The network's pages: services kept by their organisation, the partners' directory, the finder, the
referral procedure and the public directory. Outsiders get 404, members without the right 403."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from strom.accounts.models import Membership
from strom.accounts.policies import actor_for_user
from strom.accounts.roles import Role
from strom.audit.models import AuditEvent
from strom.network.models import HoursException, Service, ServiceLocation
from strom.network.tests.test_services_network import OFFICE, add_service
from strom.testing import sign_in
from strom.web.work import work_for

pytestmark = pytest.mark.django_db

SECRET_ADDRESS = "Hidden lane 7"
PUBLIC_ADDRESS = "Open square 1"
INTERNAL_NOTE = "Ask for Inga on the duty line"


@pytest.fixture
def directory(network):
    """A shelter service (internal), a public counselling service and an inactive one, in Riga."""
    shelter = add_service(network.shelter, "safe_accommodation", "Riga shelter", areas=[network.riga],
                          always_open=True, capacity_total=8, capacity_free=3, phone="+371 6700 0001",
                          phone_24_7="+371 2000 0000", how_to_refer=INTERNAL_NOTE, sexes=["female"])
    ServiceLocation.objects.create(service=shelter, municipality=network.riga, address=SECRET_ADDRESS)
    counselling = add_service(network.social, "psychological", "Riga counselling", areas=[network.riga],
                              hours=OFFICE, is_public=True, phone="+371 6700 0002", how_to_refer=INTERNAL_NOTE,
                              capacity_total=5, capacity_free=4, description="Free counselling in Riga.",
                              languages=["lv", "ru", "en"])
    ServiceLocation.objects.create(service=counselling, municipality=network.riga, address=PUBLIC_ADDRESS,
                                   confidential=False)
    ServiceLocation.objects.create(service=counselling, municipality=network.riga, address=SECRET_ADDRESS)
    police = add_service(network.police, "police_report", "Police duty desk", whole_country=True,
                         phone_24_7="112", is_public=True, languages=["lv"])
    closed = add_service(network.social, "psychological", "Closed-down counselling", areas=[network.riga],
                         is_public=True, is_active=False)
    vilnius = add_service(network.hotline, "hotline", "Vilnius helpline", areas=[network.vilnius],
                          is_public=True, languages=["lt"])
    return {"shelter": shelter, "counselling": counselling, "police": police, "closed": closed,
            "vilnius": vilnius}


@pytest.fixture
def outsider_admin(network):
    Membership.objects.create(user=network.outsider_case_manager, organisation=network.outsider, role=Role.ORG_ADMIN)
    return network.outsider_case_manager


def url(name, *args):
    return reverse(f"network:{name}", args=args)


def body(response) -> str:
    return response.content.decode()


# --- Navigation and "My work" ------------------------------------------------------------------


def test_navigation_offers_the_network_by_rights(client, network):
    sign_in(client, network.org_admin)
    page = body(client.get(reverse("home")))
    assert url("finder") in page and url("directory") in page and url("our_services") in page

    sign_in(client, network.case_manager)
    page = body(client.get(reverse("home")))
    assert url("finder") in page and url("directory") in page and url("our_services") not in page

    sign_in(client, network.auditor)
    page = body(client.get(reverse("home")))
    assert url("finder") not in page and url("directory") not in page


def test_my_work_asks_administrators_to_confirm_services_yearly(network, directory):
    shelter = directory["shelter"]
    titles = [item.title for item in work_for(actor_for_user(network.org_admin))]
    assert any("Riga shelter" in title for title in titles)  # never verified

    Service.objects.filter(pk=shelter.pk).update(last_verified=timezone.localdate() - timedelta(days=400))
    assert any("Riga shelter" in item.title for item in work_for(actor_for_user(network.org_admin)))

    Service.objects.filter(pk=shelter.pk).update(last_verified=timezone.localdate() - timedelta(days=100))
    assert not any("Riga shelter" in item.title for item in work_for(actor_for_user(network.org_admin)))

    Service.objects.filter(pk=shelter.pk).update(last_verified=None)
    assert not any("Riga shelter" in item.title for item in work_for(actor_for_user(network.case_manager)))
    # Another organisation's administrator is not asked about it.
    Membership.objects.create(user=network.local_coordinator, organisation=network.social, role=Role.ORG_ADMIN)
    assert not any("Riga shelter" in item.title for item in work_for(actor_for_user(network.local_coordinator)))


def test_my_work_lists_a_few_and_points_to_the_rest(network):
    for i in range(7):
        add_service(network.shelter, "psychological", f"Service {i}", areas=[network.riga])
    items = work_for(actor_for_user(network.org_admin))
    assert sum("Service" in item.title for item in items) == 5
    assert any(item.url == url("our_services") for item in items)


def test_home_page_shows_the_reminder(client, network, directory):
    sign_in(client, network.org_admin)
    assert "Riga shelter" in body(client.get(reverse("home")))


# --- Our services: who may --------------------------------------------------------------------


MANAGEMENT_PAGES = ["service_edit", "service_hours", "service_locations"]


@pytest.mark.parametrize("name", MANAGEMENT_PAGES)
def test_management_pages_for_the_administrator(client, network, directory, name):
    sign_in(client, network.org_admin)
    assert client.get(url(name, directory["shelter"].pk)).status_code == 200


@pytest.mark.parametrize("name", MANAGEMENT_PAGES)
def test_member_without_the_right_gets_403_recorded(client, network, directory, name):
    sign_in(client, network.case_manager)
    assert client.get(url(name, directory["shelter"].pk)).status_code == 403
    denial = AuditEvent.objects.filter(action="permission.denied").last()
    assert denial.detail["permission"] == "network.manage_services"


@pytest.mark.parametrize("name", MANAGEMENT_PAGES + ["service_capacity"])
def test_outsiders_get_404_for_another_organisations_service(client, network, directory, outsider_admin, name):
    sign_in(client, outsider_admin)
    assert client.get(url(name, directory["shelter"].pk)).status_code == 404


@pytest.mark.parametrize("name", ["service_verify", "service_exception_add", "service_capacity"])
def test_outsiders_cannot_post_to_another_organisations_service(client, network, directory, outsider_admin, name):
    sign_in(client, outsider_admin)
    assert client.post(url(name, directory["shelter"].pk), {"free": "0"}).status_code == 404
    directory["shelter"].refresh_from_db()
    assert directory["shelter"].last_verified is None and directory["shelter"].capacity_free == 3


def test_removals_are_scoped_to_the_service(client, network, directory, outsider_admin):
    exception = HoursException.objects.create(service=directory["shelter"], date=timezone.localdate())
    location = directory["shelter"].locations.get()
    sign_in(client, outsider_admin)
    assert client.post(url("service_exception_remove", directory["shelter"].pk, exception.pk)).status_code == 404
    assert client.post(url("service_location_remove", directory["shelter"].pk, location.pk)).status_code == 404
    sign_in(client, network.case_manager)
    assert client.post(url("service_exception_remove", directory["shelter"].pk, exception.pk)).status_code == 403
    sign_in(client, network.org_admin)
    # Another service's exception through this service's URL: 404.
    other = HoursException.objects.create(service=directory["counselling"], date=timezone.localdate())
    assert client.post(url("service_exception_remove", directory["shelter"].pk, other.pk)).status_code == 404
    assert client.post(url("service_exception_remove", directory["shelter"].pk, exception.pk)).status_code == 302
    assert client.post(url("service_location_remove", directory["shelter"].pk, location.pk)).status_code == 302
    assert HoursException.objects.filter(pk=other.pk).exists()
    assert not ServiceLocation.objects.filter(pk=location.pk).exists()


def test_our_services_list(client, network, directory):
    sign_in(client, network.org_admin)
    response = client.get(url("our_services"))
    assert response.status_code == 200
    page = body(response)
    assert "Riga shelter" in page and "Riga counselling" not in page  # only her organisation's
    assert "Never" in page and "3 / 8" in page and "Please confirm" in page
    response = client.post(url("service_capacity", directory["shelter"].pk), {"free": "1", "next": url("our_services")})
    assert response["Location"] == url("our_services")  # the list's quick form comes back to the list

    sign_in(client, network.case_manager)
    assert client.get(url("our_services")).status_code == 403
    sign_in(client, network.no_role)
    assert client.get(url("our_services")).status_code == 404  # acts for no organisation


def test_anonymous_is_sent_to_sign_in(client, directory):
    for path in [url("our_services"), url("directory"), url("finder"), url("service", directory["shelter"].pk)]:
        response = client.get(path)
        assert response.status_code == 302 and reverse("account_login") in response["Location"]


# --- Our services: writing through the pages ---------------------------------------------------


def service_post(network, **changes) -> dict:
    data = {"name": "Night counselling", "type": "psychological", "is_active": "on", "areas": [str(network.riga.pk)],
            "languages": ["lv", "ru"], "more_languages": ["fr"], "consent": "verbal", "answer_unit": "hours",
            "answer_time": "24", "phone": "+371 6700 0099", "sexes": ["female", "male"]}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_create_a_service_through_the_form(client, network):
    sign_in(client, network.org_admin)
    assert client.get(url("service_create")).status_code == 200
    response = client.post(url("service_create"), service_post(network))
    created = Service.objects.get(name="Night counselling")
    assert response.status_code == 302 and response["Location"] == url("service_hours", created.pk)
    assert created.organisation == network.shelter
    assert created.languages == ["lv", "ru", "fr"]
    assert created.sexes == ["female", "male"]
    assert AuditEvent.objects.filter(action="service.created", target_id=str(created.pk)).exists()


@pytest.mark.parametrize("changes, field", [
    ({"name": ""}, "name"),
    ({"type": "no_such_type"}, "type"),
    ({"areas": None}, "areas"),
    ({"min_age": "40", "max_age": "18"}, "max_age"),
    ({"phone": "call me"}, "phone"),
    ({"more_languages": ["xx"]}, "more_languages"),
    ({"website": "not a web site"}, "website"),
])
def test_bad_input_re_renders_with_messages_and_changes_nothing(client, network, changes, field):
    sign_in(client, network.org_admin)
    before = AuditEvent.objects.count()
    response = client.post(url("service_create"), service_post(network, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Please correct the following" in body(response)
    assert 'aria-invalid="true"' in body(response)
    assert not Service.objects.exists()
    assert AuditEvent.objects.count() == before


def test_edit_a_service_and_refusals_from_the_service_land_on_the_form(client, network, directory):
    shelter = directory["shelter"]
    sign_in(client, network.org_admin)
    page = client.get(url("service_edit", shelter.pk))
    assert page.context["form"].initial["name"] == "Riga shelter"
    assert page.context["form"].initial["type"] == "safe_accommodation"

    data = service_post(network, name="Riga safe house", type="safe_accommodation", capacity_total="8")
    assert client.post(url("service_edit", shelter.pk), data).status_code == 302
    shelter.refresh_from_db()
    assert shelter.name == "Riga safe house"
    assert AuditEvent.objects.filter(action="service.updated").get().fields[0] == "name"

    # Fewer places in all than are free: the service refuses, the form says why, nothing changes.
    response = client.post(url("service_edit", shelter.pk), service_post(network, name="Other", capacity_total="1"))
    assert response.status_code == 200
    assert "capacity_total" in response.context["form"].errors
    shelter.refresh_from_db()
    assert shelter.name == "Riga safe house"


def test_hours_editor(client, network, directory):
    counselling = directory["counselling"]
    Membership.objects.create(user=network.local_coordinator, organisation=network.social, role=Role.ORG_ADMIN)
    sign_in(client, network.local_coordinator)
    page = client.get(url("service_hours", counselling.pk))
    assert page.status_code == 200
    assert page.context["form"].initial["opens_0"] == time(9)

    data = {"opens_0": "08:00", "closes_0": "12:00", "opens2_0": "13:00", "closes2_0": "17:00",
            "opens_5": "22:00", "closes_5": "02:00"}
    assert client.post(url("service_hours", counselling.pk), data).status_code == 302
    assert list(counselling.hours.values_list("weekday", "opens", "closes")) == [
        (0, time(8), time(12)), (0, time(13), time(17)), (5, time(22), time(2))]

    response = client.post(url("service_hours", counselling.pk), {"opens_1": "09:00"})
    assert response.status_code == 200
    assert "closes_1" in response.context["form"].errors
    assert counselling.hours.count() == 3

    assert client.post(url("service_hours", counselling.pk), {"always_open": "on"}).status_code == 302
    counselling.refresh_from_db()
    assert counselling.always_open and not counselling.hours.exists()


def test_exceptions_sub_form(client, network, directory):
    shelter = directory["shelter"]
    sign_in(client, network.org_admin)
    response = client.post(url("service_exception_add", shelter.pk), {"exception-date": "2026-12-24",
                                                                      "exception-opens": "10:00"})
    assert response.status_code == 200
    assert response.context["exception_form"].errors
    assert not shelter.exceptions.exists()

    response = client.post(url("service_exception_add", shelter.pk), {"exception-date": "2026-12-24",
                                                                      "exception-closed": "on",
                                                                      "exception-note": "Christmas Eve"})
    assert response.status_code == 302
    assert shelter.exceptions.get().opens is None

    response = client.post(url("service_exception_add", shelter.pk), {"exception-date": "2026-12-24",
                                                                      "exception-closed": "on"})
    assert response.status_code == 200
    assert "date" in response.context["exception_form"].errors
    assert "Christmas Eve" in body(client.get(url("service_hours", shelter.pk)))


def test_locations_sub_form(client, network, directory):
    shelter = directory["shelter"]
    sign_in(client, network.org_admin)
    response = client.post(url("service_locations", shelter.pk), {"municipality": str(network.riga.pk)})
    assert response.status_code == 200 and response.context["form"].errors  # neither name nor address
    assert shelter.locations.count() == 1
    response = client.post(url("service_locations", shelter.pk), {
        "municipality": str(network.riga.pk), "address": "Back door 2", "confidential": "on"})
    assert response.status_code == 302
    assert shelter.locations.filter(address="Back door 2", confidential=True).exists()


def test_free_places_quick_form(client, network, directory):
    shelter = directory["shelter"]
    sign_in(client, network.case_manager)  # case.write in the shelter: may update free places
    detail = body(client.get(url("service", shelter.pk)))
    assert 'name="free"' in detail
    response = client.post(url("service_capacity", shelter.pk), {"free": "6", "next": url("service", shelter.pk)})
    assert response.status_code == 302 and response["Location"] == url("service", shelter.pk)
    shelter.refresh_from_db()
    assert shelter.capacity_free == 6 and shelter.capacity_updated_by == network.case_manager

    response = client.post(url("service_capacity", shelter.pk), {"free": "99"})
    assert response.status_code == 200 and "free" in response.context["form"].errors
    response = client.post(url("service_capacity", shelter.pk), {"free": "6", "next": "https://evil.example/"})
    assert response["Location"] == url("service", shelter.pk)  # never off-site
    shelter.refresh_from_db()
    assert shelter.capacity_free == 6

    sign_in(client, network.police_officer)
    assert 'name="free"' not in body(client.get(url("service", shelter.pk)))
    assert client.get(url("service_capacity", shelter.pk)).status_code == 404


def test_confirm_still_correct(client, network, directory):
    shelter = directory["shelter"]
    sign_in(client, network.org_admin)
    response = client.post(url("service_verify", shelter.pk), {"next": url("our_services")})
    assert response.status_code == 302
    shelter.refresh_from_db()
    assert shelter.last_verified == timezone.localdate() and shelter.verified_by == network.org_admin
    sign_in(client, network.case_manager)
    assert client.post(url("service_verify", shelter.pk)).status_code == 403


# --- The partners' directory -------------------------------------------------------------------


def test_service_detail_shows_everything_to_partners(client, network, directory):
    sign_in(client, network.hotline_operator)  # another organisation, another country
    response = client.get(url("service", directory["shelter"].pk))
    assert response.status_code == 200
    page = body(response)
    assert INTERNAL_NOTE in page and SECRET_ADDRESS in page  # signed-in partners see confidential addresses
    assert 'href="tel:+37120000000"' in page
    assert "Open now" in page  # always open, by the pathway core
    assert "Latvian, Russian" in page
    assert "3 of 8 places free." in page
    assert 'name="free"' not in page  # not hers to update


def test_service_detail_hours_and_open_now(client, network, directory):
    sign_in(client, network.case_manager)
    page = body(client.get(url("service", directory["counselling"].pk)))
    assert "09:00–17:00" in page
    assert "Europe/Riga" in page
    assert "Open now" in page or "Closed now" in page


def test_directory_pages_need_the_right_to_read(client, network, directory):
    sign_in(client, network.auditor)
    for path in [url("directory"), url("finder"), url("service", directory["shelter"].pk),
                 url("organisation", network.shelter.pk), url("municipality", network.riga.pk),
                 url("procedure", network.riga.pk)]:
        assert client.get(path).status_code == 403, path


def test_inactive_services_are_404_except_to_their_own_organisation(client, network, directory):
    sign_in(client, network.case_manager)
    assert client.get(url("service", directory["closed"].pk)).status_code == 404
    sign_in(client, network.social_worker)
    assert client.get(url("service", directory["closed"].pk)).status_code == 200


def test_organisation_page(client, network, directory):
    sign_in(client, network.case_manager)
    response = client.get(url("organisation", network.social.pk))
    assert response.status_code == 200
    page = body(response)
    assert "Riga counselling" in page and "Closed-down counselling" not in page and "Rīga" in page
    network.outsider.is_active = False
    network.outsider.save()
    assert client.get(url("organisation", network.outsider.pk)).status_code == 404


def test_municipality_page(client, network, directory):
    network.riga.focal_point = network.local_coordinator
    network.riga.save()
    sign_in(client, network.case_manager)
    response = client.get(url("municipality", network.riga.pk))
    assert response.status_code == 200
    page = body(response)
    assert "Riga Safe House" in page and "Riga Social Service" in page
    assert "Riga shelter" in page and "Police duty desk" in page  # whole country counts
    assert "Vilnius helpline" not in page
    assert network.local_coordinator.email in page


def test_directory_search(client, network, directory, django_assert_max_num_queries):
    sign_in(client, network.case_manager)
    assert client.get(url("directory")).status_code == 200
    with django_assert_max_num_queries(12):
        response = client.get(url("directory"), {"place": str(network.riga.pk), "language": "ru"})
    names = [service.name for service in response.context["results"]]
    assert names == ["Riga counselling", "Riga shelter"]
    response = client.get(url("directory"), {"need": "police_report"})
    assert [service.name for service in response.context["results"]] == ["Police duty desk"]


def test_directory_search_by_words_ranks_and_keeps_the_filters(client, network, directory):
    sign_in(client, network.case_manager)
    response = client.get(url("directory"), {"words": "SAFE house"})  # the organisation's name, any case
    assert [service.name for service in response.context["results"]] == ["Riga shelter"]
    response = client.get(url("directory"), {"words": "counselling"})
    assert [service.name for service in response.context["results"]] == ["Riga counselling"]  # not the inactive one
    response = client.get(url("directory"), {"words": "counselling", "language": "lt"})
    assert response.context["results"] == []


def test_directory_words_too_long_is_a_clear_message(client, network, directory):
    sign_in(client, network.case_manager)
    response = client.get(url("directory"), {"words": "x" * 201})
    assert response.context["results"] is None
    assert response.context["form"].errors["words"]


def test_procedure_page(client, network, directory):
    sign_in(client, network.social_worker)
    response = client.get(url("procedure", network.riga.pk))
    assert response.status_code == 200
    page = body(response)
    assert "Safe accommodation" in page and "Riga Safe House: Riga shelter" in page
    assert INTERNAL_NOTE in page and "+371 2000 0000" in page
    assert "The person&#x27;s verbal consent" in page or "verbal consent" in page
    assert "Monday 09:00–17:00" in page
    assert "No provider registered for" in page and "Voluntary return" in page


def test_procedure_of_an_unknown_municipality_is_404(client, network):
    import uuid

    sign_in(client, network.case_manager)
    assert client.get(url("procedure", uuid.uuid4())).status_code == 404


# --- The finder --------------------------------------------------------------------------------


def test_finder_empty_form(client, network):
    sign_in(client, network.hotline_operator)
    response = client.get(url("finder"))
    assert response.status_code == 200
    assert response.context["fitting"] is None
    assert 'method="get"' in body(response)


def test_finder_results_fit_first_with_why(client, network, directory):
    add_service(network.shelter, "safe_accommodation", "Men's shelter", areas=[network.riga], always_open=True,
                sexes=["male"], capacity_free=2, capacity_updated_at=timezone.now())
    sign_in(client, network.hotline_operator)
    response = client.get(url("finder"), {"municipality": str(network.riga.pk), "need": ["safe_accommodation"],
                                          "sex": "female", "urgent": "on", "language": "ru"})
    assert response.status_code == 200
    fitting = [result["service"].name for result in response.context["fitting"]]
    others = [result["service"].name for result in response.context["others"]]
    assert fitting == ["Riga shelter"] and others == ["Men's shelter"]
    page = body(response)
    assert "Other services and why they don" in page
    assert "✓" in page and "✗" in page and "Does not fit:" in page  # not colour alone
    assert 'href="tel:+37120000000"' in page
    assert "Needs the person&#x27;s verbal consent" in page


def test_finder_needs_a_municipality(client, network):
    sign_in(client, network.hotline_operator)
    response = client.get(url("finder"), {"need": ["safe_accommodation"]})
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert response.context["fitting"] is None


# --- The public directory ----------------------------------------------------------------------


def test_public_directory_works_without_signing_in(client, network, directory):
    response = client.get(reverse("public_directory"))
    assert response.status_code == 200
    assert response.context["results"] is None


def test_public_directory_shows_only_public_information(client, network, directory):
    response = client.get(reverse("public_directory"), {"place": str(network.riga.pk)})
    assert response.status_code == 200
    names = [service.name for service in response.context["results"]]
    assert names == ["Police duty desk", "Riga counselling"]  # not the shelter, not the inactive one
    page = body(response)
    for internal in ("Riga shelter", INTERNAL_NOTE, SECRET_ADDRESS, "free place", "Closed-down"):
        assert internal not in page, internal


def test_public_directory_words_find_only_public_services(client, network, directory):
    response = client.get(reverse("public_directory"), {"words": "riga"})
    assert [service.name for service in response.context["results"]] == ["Riga counselling"]
    response = client.get(reverse("public_directory"), {"words": "safe house"})  # an internal-only organisation
    assert response.context["results"] == []
    assert "Riga shelter" not in body(response)


def test_public_service_page_hides_internal_fields(client, network, directory):
    counselling = directory["counselling"]
    Service.objects.filter(pk=counselling.pk).update(last_verified=timezone.localdate(),
                                                     verified_by=network.local_coordinator)
    response = client.get(reverse("public_service", args=[counselling.pk]))
    assert response.status_code == 200
    page = body(response)
    assert "Free counselling in Riga." in page and PUBLIC_ADDRESS in page and "09:00–17:00" in page
    assert "Latvian, Russian, English" in page
    for internal in (INTERNAL_NOTE, SECRET_ADDRESS, "free place", "Local Coordinator", "verified", "confirmed",
                     "consent"):
        assert internal not in page, internal


@pytest.mark.parametrize("which", ["shelter", "closed"])
def test_non_public_or_inactive_services_are_404_publicly(client, directory, which):
    assert client.get(reverse("public_service", args=[directory[which].pk])).status_code == 404


def test_public_directory_filters_need_and_language(client, network, directory):
    response = client.get(reverse("public_directory"), {"language": "lt"})
    assert [service.name for service in response.context["results"]] == ["Vilnius helpline"]
    response = client.get(reverse("public_directory"), {"need": "police_report", "place": str(network.vilnius.pk)})
    assert response.context["results"] == []  # the Latvian police serve Latvia only


def test_public_directory_for_a_signed_in_user_is_the_same(client, network, directory):
    sign_in(client, network.case_manager)
    response = client.get(reverse("public_directory"), {"place": str(network.riga.pk)})
    assert "Riga shelter" not in body(response)


def test_sign_in_page_links_to_the_public_directory(client):
    assert reverse("public_directory") in body(client.get(reverse("account_login")))



# --- What the pages compute --------------------------------------------------------------------


def test_open_now_comes_from_the_pathway_core_in_local_time(network, directory):
    from datetime import UTC, datetime

    from strom.network.display import open_state

    counselling = directory["counselling"]
    monday_10_riga = datetime(2026, 3, 2, 8, tzinfo=UTC)  # 10:00 in Riga (UTC+2 in winter)
    assert open_state(counselling, now=monday_10_riga).open_now
    assert open_state(counselling, now=monday_10_riga).texts == ["Open now until 17:00"]
    sunday = datetime(2026, 3, 1, 8, tzinfo=UTC)
    state = open_state(counselling, now=sunday)
    assert not state.open_now and state.texts == ["Closed now; opens tomorrow at 09:00"]
    HoursException.objects.create(service=counselling, date=monday_10_riga.date())  # closed that Monday
    assert not open_state(counselling, now=monday_10_riga).open_now
    new_years_day = datetime(2026, 1, 1, 8, tzinfo=UTC)  # a Thursday, a public holiday in Latvia
    assert not open_state(counselling, now=new_years_day).open_now


def test_languages_offer_the_region_first_and_every_iso_639_1_code():
    from django.utils import translation

    from strom.network.forms import ServiceForm
    from strom.network.languages import REGION_LANGUAGES, is_language_code, region_choices

    with translation.override("lv"):
        assert dict(region_choices())["ru"] == "Krievu"
    assert [code for code, _name in region_choices()] == list(REGION_LANGUAGES)
    assert is_language_code("sw") and is_language_code("zh") and not is_language_code("xx")
    assert not is_language_code("fil")  # ISO 639-2/3 codes are not ISO 639-1
    form = ServiceForm(organisation=type("O", (), {"country": "LV"})())
    others = {code for code, _name in form.fields["more_languages"].choices}
    assert "sw" in others and "ru" not in others and len(others) + len(REGION_LANGUAGES) >= 183
