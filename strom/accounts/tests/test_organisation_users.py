"""Organisation administrators invite and deactivate their own users, and nobody else's."""

import pytest
from django.core import mail
from django.urls import reverse

from strom.accounts.models import Membership, User
from strom.accounts.roles import Role
from strom.audit.models import AuditEvent
from strom.testing import sign_in


@pytest.mark.django_db
def test_admin_invites_a_colleague_with_a_link_and_no_case_data(client, network,
                                                               django_capture_on_commit_callbacks):
    sign_in(client, network.org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("organisation_users"), {
            "display_name": "New Colleague", "email": "new@example.org", "username": "new.colleague",
            "roles": [Role.CASE_MANAGER, Role.FRONTLINE_WORKER]})
    assert response.status_code == 302
    user = User.objects.get(username="new.colleague")
    assert not user.has_usable_password()
    assert set(user.memberships.values_list("role", flat=True)) == {Role.CASE_MANAGER, Role.FRONTLINE_WORKER}
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="user.invited").exists()


@pytest.mark.django_db
def test_invalid_invitation_changes_nothing(client, network):
    sign_in(client, network.org_admin)
    before = User.objects.count()
    response = client.post(reverse("organisation_users"), {
        "display_name": "X", "email": "not-an-address", "username": "x", "roles": []})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert User.objects.count() == before


@pytest.mark.django_db
def test_auditor_role_only_in_a_national_coordinators_office(client, network):
    sign_in(client, network.org_admin)
    response = client.post(reverse("organisation_users"), {
        "display_name": "Y", "email": "y@example.org", "username": "y", "roles": [Role.AUDITOR]})
    assert response.status_code == 200
    assert "roles" in response.context["form"].errors
    assert not User.objects.filter(username="y").exists()


@pytest.mark.django_db
def test_member_without_the_right_gets_403_and_the_denial_is_recorded(client, network):
    sign_in(client, network.case_manager)
    assert client.get(reverse("organisation_users")).status_code == 403
    denial = AuditEvent.objects.get(action="permission.denied")
    assert denial.actor_id == network.case_manager.id
    assert denial.detail["permission"] == "organisation.manage_users"


@pytest.mark.django_db
def test_outsider_learns_nothing_about_another_organisations_user(client, network):
    outsider_admin = network.outsider_case_manager
    Membership.objects.create(user=outsider_admin, organisation=network.outsider, role=Role.ORG_ADMIN)
    sign_in(client, outsider_admin)
    url = reverse("deactivate_member", args=[network.case_manager.id])
    assert client.post(url).status_code == 404
    network.case_manager.refresh_from_db()
    assert network.case_manager.is_active


@pytest.mark.django_db
def test_admin_deactivates_own_user(client, network):
    sign_in(client, network.org_admin)
    response = client.post(reverse("deactivate_member", args=[network.case_manager.id]))
    assert response.status_code == 302
    network.case_manager.refresh_from_db()
    assert not network.case_manager.is_active
    assert not Membership.objects.filter(user=network.case_manager, is_active=True).exists()


@pytest.mark.django_db
def test_user_with_another_organisation_stays_active_there(client, network):
    Membership.objects.create(user=network.case_manager, organisation=network.social, role=Role.FRONTLINE_WORKER)
    sign_in(client, network.org_admin)
    client.post(reverse("deactivate_member", args=[network.case_manager.id]))
    network.case_manager.refresh_from_db()
    assert network.case_manager.is_active
    assert list(network.case_manager.memberships.filter(is_active=True).values_list("organisation", flat=True)) \
        == [network.social.id]


@pytest.mark.django_db
def test_organisation_switcher_changes_the_rights_in_force(client, network):
    user = network.case_manager
    Membership.objects.create(user=user, organisation=network.social, role=Role.ORG_ADMIN)
    sign_in(client, user)
    assert client.get(reverse("organisation_users")).status_code == 403
    client.post(reverse("switch_organisation"), {"organisation": str(network.social.id)})
    assert client.get(reverse("organisation_users")).status_code == 200


@pytest.mark.django_db
def test_cannot_switch_to_an_organisation_one_is_not_in(client, network):
    sign_in(client, network.case_manager)
    response = client.post(reverse("switch_organisation"), {"organisation": str(network.outsider.id)})
    assert response.status_code == 404
    network.case_manager.refresh_from_db()
    assert network.case_manager.current_organisation_id == network.shelter.id


@pytest.mark.django_db
def test_admin_changes_roles_and_the_change_takes_effect_at_once(client, network):
    from django.test import Client

    colleague = Client()
    sign_in(colleague, network.case_manager)
    assert colleague.get(reverse("home")).status_code == 200

    sign_in(client, network.org_admin)
    url = reverse("member_roles", args=[network.case_manager.id])
    assert client.get(url).status_code == 200
    response = client.post(url, {"roles": [Role.FRONTLINE_WORKER]})
    assert response.status_code == 302
    roles = set(Membership.objects.filter(user=network.case_manager, is_active=True).values_list("role", flat=True))
    assert roles == {Role.FRONTLINE_WORKER}
    assert colleague.get(reverse("home")).status_code == 302  # signed out: her rights changed


@pytest.mark.django_db
def test_roles_page_is_404_for_other_organisations_users_and_403_without_the_right(client, network):
    sign_in(client, network.org_admin)
    assert client.get(reverse("member_roles", args=[network.hotline_operator.id])).status_code == 404
    sign_in(client, network.case_manager)
    assert client.get(reverse("member_roles", args=[network.org_admin.id])).status_code == 403


@pytest.mark.django_db
def test_system_administrator_sets_up_an_organisation_and_its_administrator(client, network,
                                                                            django_capture_on_commit_callbacks):
    from strom.network.models import Organisation

    admin = network.no_role
    admin.is_superuser = admin.is_staff = True
    admin.save()
    sign_in(client, admin)
    response = client.post(reverse("network:organisations"), {
        "form": "organisation", "org-name": "Tallinn Shelter", "org-type": "shelter", "org-country": "EE"})
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Tallinn Shelter")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:invite_administrator", args=[organisation.id]), {
            "display_name": "Admin", "email": "admin@tallinn.example.org", "username": "tallinn.admin"})
    assert response.status_code == 302
    assert Membership.objects.filter(organisation=organisation, role=Role.ORG_ADMIN,
                                     user__username="tallinn.admin").exists()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_organisation_pages_are_for_system_administrators_only(client, network):
    sign_in(client, network.org_admin)
    assert client.get(reverse("network:organisations")).status_code == 403
    response = client.post(reverse("network:organisations"), {
        "form": "organisation", "org-name": "X", "org-type": "ngo", "org-country": "EE"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_municipality_must_be_in_the_organisations_country(client, network):
    from strom.network.models import Organisation

    admin = network.no_role
    admin.is_superuser = True
    admin.save()
    sign_in(client, admin)
    response = client.post(reverse("network:organisations"), {
        "form": "organisation", "org-name": "Mixed", "org-type": "ngo", "org-country": "EE",
        "org-municipality": str(network.riga.id)})
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Mixed").exists()


@pytest.mark.django_db
def test_offered_roles_fit_the_organisation(client, network):
    sign_in(client, network.org_admin)
    offered = {value for value, _label in client.get(reverse("organisation_users")).context["form"]
               .fields["roles"].choices}
    assert Role.CASE_MANAGER in offered
    assert Role.NATIONAL_COORDINATOR not in offered and Role.AUDITOR not in offered


@pytest.mark.django_db
def test_admin_cannot_take_over_someone_elses_account_by_inviting_it(client, network):
    sign_in(client, network.org_admin)
    for email, username in [(network.police_officer.email.upper(), "new.name"),
                            ("fresh@example.org", network.police_officer.username)]:
        response = client.post(reverse("organisation_users"), {
            "display_name": "X", "email": email, "username": username, "roles": [Role.CASE_MANAGER]})
        assert response.status_code == 200
        assert response.context["form"].non_field_errors()
    assert not Membership.objects.filter(user=network.police_officer, organisation=network.shelter).exists()


@pytest.mark.django_db
def test_a_former_colleague_can_be_invited_back(client, network):
    from strom.accounts import services
    from strom.accounts.policies import actor_for_user

    services.deactivate_user(actor_for_user(network.org_admin), network.shelter, network.case_manager)
    sign_in(client, network.org_admin)
    response = client.post(reverse("organisation_users"), {
        "display_name": "Back", "email": network.case_manager.email, "username": "ignored",
        "roles": [Role.CASE_MANAGER]})
    assert response.status_code == 302
    network.case_manager.refresh_from_db()
    assert network.case_manager.is_active
    assert AuditEvent.objects.filter(action="user.reactivated").exists()


@pytest.mark.django_db
def test_system_administrators_are_never_deactivated_by_losing_a_membership(network):
    from strom.accounts import services
    from strom.accounts.policies import actor_for_user

    admin = network.no_role
    admin.is_superuser = True
    admin.save()
    Membership.objects.create(user=admin, organisation=network.shelter, role=Role.CASE_MANAGER)
    services.deactivate_user(actor_for_user(network.org_admin), network.shelter, admin)
    admin.refresh_from_db()
    assert admin.is_active


@pytest.mark.django_db
def test_admin_cannot_change_her_own_roles(client, network):
    sign_in(client, network.org_admin)
    response = client.post(reverse("member_roles", args=[network.org_admin.id]), {"roles": [Role.CASE_MANAGER]})
    assert response.status_code == 302
    assert Membership.objects.get(user=network.org_admin).role == Role.ORG_ADMIN


@pytest.mark.django_db
def test_admin_cannot_deactivate_herself(client, network):
    sign_in(client, network.org_admin)
    client.post(reverse("deactivate_member", args=[network.org_admin.id]))
    network.org_admin.refresh_from_db()
    assert network.org_admin.is_active
    assert Membership.objects.get(user=network.org_admin).is_active
