import os

import pytest

# Live-server browser tests run the server in a thread beside the async Playwright loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def network(db):
    """The persona network (see strom/testing.py)."""
    from strom.testing import make_network

    return make_network()


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth keeps used TOTP codes and rate limits in the cache; tests must not see each other's.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL: run with DATABASE_URL=postgresql://…")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)
