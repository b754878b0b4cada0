import pytest
from django.test import RequestFactory

from strom.lib.net import client_ip


@pytest.mark.parametrize(("count", "meta", "expected"), [
    (0, {"REMOTE_ADDR": "203.0.113.5", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}, "203.0.113.5"),
    (1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}, "198.51.100.1"),
    # A client cannot choose its address by sending its own X-Forwarded-For.
    (1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.1"}, "198.51.100.1"),
    (2, {"REMOTE_ADDR": "10.0.0.3", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.1, 10.0.0.2"}, "198.51.100.1"),
    (2, {"REMOTE_ADDR": "10.0.0.3", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}, None),
    (0, {"REMOTE_ADDR": "fe80::1%eth0"}, "fe80::1"),
    (0, {"REMOTE_ADDR": "not an address"}, None),
])
def test_client_address_through_trusted_proxies(settings, count, meta, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", **meta)
    request.META.update(meta)
    assert client_ip(request) == expected
