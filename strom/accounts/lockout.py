"""django-axes in Strom: how the account being tried is named, and what a locked-out person sees."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render


def attempted_login(request, credentials: dict | None = None) -> str:
    # allauth authenticates with `username` or `email` depending on what was typed into `login`;
    # all three must count against the same lock, case-insensitively.
    for source in (credentials or {}, getattr(request, "POST", {}) or {}):
        for key in ("username", "email", "login"):
            value = source.get(key)
            if value:
                return str(value).strip().casefold()
    return ""


def locked_out(request, original_response=None, credentials=None):
    """429 with how long the pause lasts, read from the setting rather than assumed."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)
