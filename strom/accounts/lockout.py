"""How django-axes names the account being tried, whatever form or API sent the attempt."""

from __future__ import annotations


def attempted_login(request, credentials: dict | None = None) -> str:
    # allauth authenticates with `username` or `email` depending on what was typed into `login`;
    # all three must count against the same lock, case-insensitively.
    for source in (credentials or {}, getattr(request, "POST", {}) or {}):
        for key in ("username", "email", "login"):
            value = source.get(key)
            if value:
                return str(value).strip().casefold()
    return ""
