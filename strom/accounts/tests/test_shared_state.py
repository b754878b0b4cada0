"""With several app servers, a used TOTP code must be refused on every server: the replay guard
lives in the shared Redis cache. These tests run against a real Redis (STROM_TEST_REDIS_URL)."""

import os

import pytest
from django.test import Client
from django.urls import reverse

from strom.testing import PASSWORD, give_totp, totp_code

REDIS_URL = os.environ.get("STROM_TEST_REDIS_URL", "")


@pytest.fixture
def redis_cache(settings):
    if not REDIS_URL:
        pytest.skip("set STROM_TEST_REDIS_URL=redis://127.0.0.1:6379/15 to test with Redis")
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis at {REDIS_URL} is not reachable: {error}")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": REDIS_URL}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


def two_steps(client, user, code):
    client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    return client.post(reverse("mfa_authenticate"), {"code": code})


@pytest.mark.django_db
def test_a_totp_code_is_accepted_once_across_servers(redis_cache, network):
    user = network.case_manager
    code = totp_code(give_totp(user))
    first, second = Client(), Client()  # two browsers, as if on two app servers sharing Redis

    assert two_steps(first, user, code).status_code == 302
    assert first.get(reverse("home")).status_code == 200

    replay = two_steps(second, user, code)
    assert replay.status_code == 200  # the form again, with an error
    assert second.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_sessions_live_in_redis(redis_cache, network):
    from strom.testing import sign_in

    client = Client()
    sign_in(client, network.national_coordinator)
    assert client.get(reverse("home")).status_code == 200
    assert any(b"django.contrib.sessions.cache" in key for key in
               __import__("redis").Redis.from_url(REDIS_URL).keys("*"))
