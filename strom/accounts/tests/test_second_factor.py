"""Nobody who may see personal data gets in on a password alone."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from strom.accounts.models import Membership
from strom.accounts.roles import RIGHTS, Role
from strom.testing import PASSWORD, give_totp, totp_code

PERSONAL_DATA_ROLES = [role for role, rights in RIGHTS.items() if rights.personal_data]


def password_step(client, user):
    return client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})


@pytest.mark.django_db
@pytest.mark.parametrize("role", PERSONAL_DATA_ROLES)
def test_personal_data_role_without_second_factor_reaches_only_enrolment(client, network, role):
    user = network.no_role
    organisation = network.coordinator if role == Role.AUDITOR else network.shelter
    Membership.objects.create(user=user, organisation=organisation, role=role)

    response = password_step(client, user)
    assert response.status_code == 302

    for page in ("home", "profile", "security", "organisation_users"):
        response = client.get(reverse(page))
        assert response.status_code == 302, page
        assert response.url == reverse("mfa_required"), page
    assert client.get(reverse("api_me")).status_code in (401, 403)
    assert client.get(reverse("mfa_required")).status_code == 200
    # Enrolling needs the password once more, so a stolen session cannot enrol the thief's phone.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_reauthenticate"))
    assert client.get(response.url).status_code == 200


@pytest.mark.django_db
def test_role_without_personal_data_needs_no_second_factor(client, network):
    response = password_step(client, network.national_coordinator)
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_system_administrator_needs_a_second_factor(client, network):
    admin = network.no_role
    admin.is_superuser = admin.is_staff = True
    admin.save()
    password_step(client, admin)
    assert client.get(reverse("home")).url == reverse("mfa_required")


@pytest.mark.django_db
def test_sign_in_with_password_and_totp(client, network):
    secret = give_totp(network.case_manager)

    response = password_step(client, network.case_manager)
    assert response.url == reverse("mfa_authenticate")
    # Between the two steps the person is not signed in at all.
    assert client.get(reverse("home")).url.startswith(reverse("account_login"))

    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert client.get(reverse("home")).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth records the enrolment when its transaction commits
def test_enrolling_a_totp_opens_the_product(client, network):
    user = network.case_manager
    password_step(client, user)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_totp_secret_is_encrypted_at_rest(network):
    secret = give_totp(network.case_manager)
    stored = Authenticator.objects.get(user=network.case_manager, type=Authenticator.Type.TOTP).data["secret"]
    assert secret not in stored
    assert stored.startswith("v1:")


@pytest.mark.django_db
def test_changing_the_second_factor_needs_recent_authentication(client, network):
    import time

    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY

    from strom.testing import sign_in

    give_totp(network.case_manager)
    sign_in(client, network.case_manager)
    session = client.session
    for entry in session[AUTHENTICATION_METHODS_SESSION_KEY]:
        entry["at"] = time.time() - 3600
    session.save()
    response = client.get(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert "reauthenticate" in response.url


@pytest.mark.django_db
def test_preferred_language_applies_at_sign_in(client, network):
    user = network.national_coordinator
    user.preferred_language = "lv"
    user.save()
    password_step(client, user)
    assert b'lang="lv"' in client.get(reverse("home")).content
