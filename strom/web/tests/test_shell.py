import pytest
from django.urls import reverse

from strom.testing import sign_in


@pytest.mark.django_db
def test_pages_carry_a_strict_csp_and_are_not_stored(client, network):
    sign_in(client, network.case_manager)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_sign_in_page_renders_in_the_shell(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert b'class="ds-skip-link"' in response.content
    assert b'name="language"' in response.content


@pytest.mark.django_db
def test_navigation_follows_rights(client, network):
    sign_in(client, network.auditor)
    body = client.get(reverse("home")).content.decode()
    assert reverse("audit:trail") in body
    assert reverse("organisation_users") not in body

    sign_in(client, network.org_admin)
    body = client.get(reverse("home")).content.decode()
    assert reverse("organisation_users") in body
    assert reverse("audit:trail") not in body


@pytest.mark.django_db
def test_organisation_switcher_shown_only_to_people_in_several(client, network):
    from strom.accounts.models import Membership
    from strom.accounts.roles import Role

    sign_in(client, network.case_manager)
    assert b'id="switch-organisation"' not in client.get(reverse("home")).content
    Membership.objects.create(user=network.case_manager, organisation=network.social, role=Role.FRONTLINE_WORKER)
    assert b'id="switch-organisation"' in client.get(reverse("home")).content


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["lv", "de", "pl", "ru", "uk", "fi", "sv", "da", "nb", "et", "lt", "nl"])
def test_language_switcher_serves_django_strings_translated(client, network, language):
    from django.utils import translation

    with translation.override(language):
        password = translation.gettext("Password")
    assert password != "Password"
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'lang="{language}"' in body
    assert password in body


@pytest.mark.django_db
def test_profile_and_security_pages(client, network):
    sign_in(client, network.case_manager)
    assert client.get(reverse("profile")).status_code == 200
    assert client.get(reverse("security")).status_code == 200
    response = client.post(reverse("profile"), {"display_name": "Marta", "preferred_language": "lv"})
    assert response.status_code == 302
    network.case_manager.refresh_from_db()
    assert network.case_manager.display_name == "Marta"


@pytest.mark.django_db
def test_unknown_page_is_a_plain_404(client, network):
    sign_in(client, network.case_manager)
    response = client.get("/no/such/page/")
    assert response.status_code == 404
