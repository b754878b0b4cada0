from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from strom.api.models import PersonalToken
from strom.api.tokens import create_token
from strom.testing import reauthenticate, sign_in


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.django_db
def test_schema_is_openapi_3(client, network):
    sign_in(client, network.case_manager)
    response = client.get(reverse("api_schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/me/" in schema["paths"]


@pytest.mark.django_db
def test_token_grants_the_api_with_the_users_rights(client, network):
    _token, raw = create_token(network.case_manager, name="sync", days=7)
    response = client.get(reverse("api_me"), **bearer(raw))
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "case_manager"
    assert "case.read" in body["permissions"]
    assert PersonalToken.objects.get().last_used is not None
    assert raw not in str(PersonalToken.objects.values_list("digest", flat=True))


@pytest.mark.django_db
def test_revoked_expired_and_unknown_tokens_are_refused(client, network):
    token, raw = create_token(network.case_manager, name="sync", days=7)
    assert client.get(reverse("api_me"), **bearer("strom_nonsense")).status_code == 401
    token.expires = timezone.now() - timedelta(seconds=1)
    token.save()
    assert client.get(reverse("api_me"), **bearer(raw)).status_code == 401
    token.expires = timezone.now() + timedelta(days=1)
    token.revoked = timezone.now()
    token.save()
    assert client.get(reverse("api_me"), **bearer(raw)).status_code == 401


@pytest.mark.django_db
def test_same_policies_as_pages(client, network):
    _t, raw = create_token(network.auditor, name="x", days=1)
    assert client.get(reverse("api_organisations"), **bearer(raw)).status_code == 403
    _t, raw = create_token(network.case_manager, name="x", days=1)
    response = client.get(reverse("api_organisations"), **bearer(raw))
    assert response.status_code == 200
    assert {o["name"] for o in response.json()["results"]} >= {"Riga Safe House", "Vilnius Hotline"}


@pytest.mark.django_db
def test_session_without_second_factor_cannot_use_the_api(client, network):
    client.force_login(network.case_manager)
    assert client.get(reverse("api_me")).status_code in (401, 403)


@pytest.mark.django_db
def test_token_pages_need_a_second_factor_and_show_the_token_once(client, network):
    client.force_login(network.national_coordinator)  # a role that may sign in without one
    response = client.get(reverse("api_token_create"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_index")

    sign_in(client, network.case_manager)
    response = client.get(reverse("api_token_create"))
    assert response.status_code == 302 and "reauthenticate" in response.url  # a token outlives the session
    reauthenticate(client)
    response = client.post(reverse("api_token_create"), {"name": "reporting", "days": "30"})
    assert response.status_code == 200
    raw = response.context["raw"]
    assert raw.startswith("strom_")
    assert raw not in client.get(reverse("security")).content.decode()

    token = PersonalToken.objects.get(user=network.case_manager)
    assert client.post(reverse("api_token_revoke", args=[token.id])).status_code == 302
    assert client.get(reverse("api_me"), **bearer(raw)).status_code == 401


@pytest.mark.django_db
def test_token_lifetime_is_checked(client, network):
    sign_in(client, network.case_manager)
    reauthenticate(client)
    response = client.post(reverse("api_token_create"), {"name": "x", "days": "9999"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not PersonalToken.objects.exists()


@pytest.mark.django_db
def test_issue_token_command(network, capsys):
    call_command("issue_token", "case_manager", "--days", "3")
    raw = capsys.readouterr().out.strip()
    assert raw.startswith("strom_")
    assert PersonalToken.objects.get().user == network.case_manager


@pytest.mark.django_db
def test_a_mangled_cursor_is_a_clear_400(client, network):
    _t, raw = create_token(network.case_manager, name="x", days=1)
    response = client.get(reverse("api_organisations"), {"cursor": "nonsense"}, **bearer(raw))
    assert response.status_code == 400
    assert "cursor" in response.json()


@pytest.mark.django_db
def test_sign_out_everywhere_revokes_tokens_too(client, network):
    _t, raw = create_token(network.case_manager, name="x", days=1)
    sign_in(client, network.case_manager)
    client.post(reverse("sign_out_everywhere"))
    assert client.get(reverse("api_me"), **bearer(raw)).status_code == 401


@pytest.mark.django_db
def test_command_issued_tokens_say_so_in_the_trail(network, capsys):
    from strom.audit.models import AuditEvent

    call_command("issue_token", "case_manager", "--days", "3")
    assert AuditEvent.objects.get(action="token.created").detail["via"] == "command"


@pytest.mark.django_db
def test_schema_is_for_signed_in_callers(client):
    assert client.get(reverse("api_schema")).status_code in (401, 403)
