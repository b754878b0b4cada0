"""Session rules that every page relies on: the second factor and the absolute lifetime.

(An inactive user needs no rule here: Django's backends refuse her on her next request.)
"""

from __future__ import annotations

import time

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from strom.accounts.policies import requires_second_factor

AUTHENTICATED_AT = "strom_authenticated_at"

# What someone who must still enrol a second factor may reach: enrolment itself, signing out,
# re-authentication, and the language switch.
ENROLMENT_URL_NAMES = {
    "mfa_required",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_add_webauthn",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_generate_recovery_codes",
    "account_logout",
    "account_reauthenticate",
    "mfa_reauthenticate",
    "set_language",
    "javascript-catalog",
}


def url_name(request) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


def session_passed_second_factor(request) -> bool:
    return any(r.get("method") == "mfa" for r in get_authentication_records(request, request.user))


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after sign-in, however active (idle expiry is SESSION_COOKIE_AGE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(AUTHENTICATED_AT)
            limit = settings.SESSION_ABSOLUTE_LIFETIME.total_seconds()
            if started is None:
                request.session[AUTHENTICATED_AT] = time.time()
            elif time.time() - started > limit:
                logout(request)
                messages.info(request, _("Your session ended after 12 hours. Please sign in again."))
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


class RequireSecondFactorMiddleware:
    """Nobody who may see personal data gets past sign-in on a password alone.

    allauth already asks for the code when an authenticator exists; this closes the other door:
    someone who has none yet may only enrol one, and a session that somehow lacks the second step
    is ended.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if request.path_info.startswith("/api/"):
            return self.get_response(request)  # the API refuses such sessions itself, with 401/403
        if not user.is_authenticated or session_passed_second_factor(request):
            return self.get_response(request)
        if not requires_second_factor(user):
            return self.get_response(request)
        if is_mfa_enabled(user):
            logout(request)
            return redirect(settings.LOGIN_URL)
        if url_name(request) in ENROLMENT_URL_NAMES:
            return self.get_response(request)
        return redirect("mfa_required")
