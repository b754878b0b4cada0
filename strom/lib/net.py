"""The client's address, the same way for the audit trail, the lockout and allauth's rate limits."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The address of whoever sent the request, or None.

    Behind `STROM_TRUSTED_PROXY_COUNT` reverse proxies each proxy appends the address it received
    from to X-Forwarded-For, so the client is the count-th entry from the right; anything further
    left was written by the client and proves nothing. Without proxies it is REMOTE_ADDR.
    """
    meta = getattr(request, "META", None) or {}
    count = settings.TRUSTED_PROXY_COUNT
    raw = meta.get("REMOTE_ADDR")
    if count:
        forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        raw = forwarded[-count] if len(forwarded) >= count else None
    return _address(raw)


def _address(raw) -> str | None:
    # Without an IPv6 zone ("%eth0"), which PostgreSQL's inet cannot store.
    try:
        return str(ipaddress.ip_address(str(raw).split("%", 1)[0])) if raw else None
    except ValueError:
        return None


def axes_client_ip(request, *args, **kwargs) -> str:
    return client_ip(request) or ""
