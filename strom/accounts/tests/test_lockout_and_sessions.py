from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from strom.accounts import services
from strom.accounts.middleware import AUTHENTICATED_AT
from strom.accounts.policies import actor_for_user
from strom.testing import PASSWORD, sign_in


def attempt(client, username, password):
    return client.post(reverse("account_login"), {"login": username, "password": password},
                       REMOTE_ADDR="203.0.113.7")


@pytest.mark.django_db
def test_lockout_after_five_failures_then_cool_off(client, network, settings):
    user = network.national_coordinator
    for _ in range(5):
        assert attempt(client, user.username, "wrong password").status_code in (200, 429)
    locked = attempt(client, user.username, PASSWORD)
    assert locked.status_code == 429
    assert b"Too many attempts" in locked.content

    # The same person from another address is not locked out by an attacker elsewhere.
    other = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD},
                        REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 302

    # After the cool-off the lock lifts by itself.
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time
                                 - settings.AXES_COOLOFF_TIME - timedelta(minutes=1))
    client.logout()
    assert attempt(client, user.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_session_ends_after_twelve_hours_however_active(client, network):
    sign_in(client, network.national_coordinator)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[AUTHENTICATED_AT] -= 12 * 3600 + 1
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert client.get(reverse("home")).url.startswith(reverse("account_login"))


@pytest.mark.django_db
def test_session_ends_after_thirty_idle_minutes(client, network):
    from strom.accounts.middleware import LAST_SEEN_AT

    sign_in(client, network.national_coordinator)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[LAST_SEEN_AT] -= 29 * 60
    session.save()
    assert client.get(reverse("home")).status_code == 200  # 29 minutes: still there, and refreshed
    session = client.session
    session[LAST_SEEN_AT] -= 30 * 60 + 1
    session.save()
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_activity_is_written_at_most_once_a_minute(client, network):
    from allauth.usersessions.models import UserSession

    sign_in(client, network.national_coordinator)
    client.get(reverse("home"))
    first = UserSession.objects.get(user=network.national_coordinator).last_seen_at
    client.get(reverse("home"))
    assert UserSession.objects.get(user=network.national_coordinator).last_seen_at == first


@pytest.mark.django_db
def test_sign_out_everywhere_ends_other_sessions(client, django_user_model, network):
    from django.test import Client

    other = Client()
    sign_in(client, network.case_manager)
    sign_in(other, network.case_manager)
    assert client.get(reverse("home")).status_code == 200
    assert other.get(reverse("home")).status_code == 200

    client.post(reverse("sign_out_everywhere"))
    assert other.get(reverse("home")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_deactivation_ends_all_sessions(client, network):
    sign_in(client, network.case_manager)
    assert client.get(reverse("home")).status_code == 200

    services.deactivate_user(actor_for_user(network.org_admin), network.shelter, network.case_manager)

    network.case_manager.refresh_from_db()
    assert not network.case_manager.is_active
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_failed_sign_in_is_recorded_without_what_was_typed(client, network):
    from strom.audit.models import AuditEvent

    attempt(client, network.case_manager.username, "wrong password")
    attempt(client, "my secret password typed in the wrong box", "x")
    known, unknown = AuditEvent.objects.filter(action="auth.login_failed").order_by("seq")
    assert known.target_id == str(network.case_manager.id) and known.detail == {"known_account": True}
    assert unknown.target_id == "" and unknown.detail == {"known_account": False}
    assert "secret" not in str(AuditEvent.objects.values_list())


@pytest.mark.django_db
def test_a_refused_service_call_is_recorded_even_though_nothing_changes(network):
    from django.core.exceptions import PermissionDenied

    from strom.accounts.models import User
    from strom.audit.models import AuditEvent

    with pytest.raises(PermissionDenied):
        services.invite_user(actor_for_user(network.case_manager), network.shelter, email="a@example.org",
                             username="a", display_name="A", roles=["case_manager"])
    assert not User.objects.filter(username="a").exists()
    assert AuditEvent.objects.filter(action="permission.denied", actor_id=network.case_manager.id).exists()


@pytest.mark.django_db
def test_an_expired_session_gets_401_from_the_api_not_a_sign_in_page(client, network):
    sign_in(client, network.case_manager)
    session = client.session
    session[AUTHENTICATED_AT] -= 12 * 3600 + 1
    session.save()
    assert client.get(reverse("api_me")).status_code == 401


@pytest.mark.django_db
def test_lockout_page_says_how_long_the_pause_lasts(client, network, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=7)
    for _ in range(5):
        attempt(client, network.case_manager.username, "wrong")
    response = attempt(client, network.case_manager.username, "wrong")
    assert response.status_code == 429
    assert b"7 minutes" in response.content
