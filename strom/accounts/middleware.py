"""Session rules that every page relies on: the second factor and the absolute lifetime.

(An inactive user needs no rule here: Django's backends refuse her on her next request.)
"""

from __future__ import annotations

import time

from allauth.mfa.utils import is_mfa_enabled
from allauth.usersessions.internal import usersessionkit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from strom.accounts.policies import requires_second_factor, session_passed_second_factor

AUTHENTICATED_AT = "strom_authenticated_at"
LAST_SEEN_AT = "strom_last_seen_at"
ACTIVITY_RESOLUTION_SECONDS = 60

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


class SessionActivityMiddleware:
    """Ends a session after 30 idle minutes or 12 hours in all, and tracks activity at most once a minute.

    Django's own sliding expiry would write the session on every request, and allauth's session list
    would rewrite its row on every request too: two write transactions per page, which on SQLite take
    the database-wide write lock. Writing once a minute keeps both records true enough.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            ended = self.end_if_expired(request)
            if ended is not None:
                return ended
            if request.user.is_authenticated:
                self.note_activity(request)
        return self.get_response(request)

    @staticmethod
    def end_if_expired(request):
        now = time.time()
        started = request.session.setdefault(AUTHENTICATED_AT, now)
        seen = request.session.get(LAST_SEEN_AT, started)
        if now - started > settings.SESSION_ABSOLUTE_LIFETIME.total_seconds():
            message = _("Your session ended after 12 hours. Please sign in again.")
        elif now - seen > settings.SESSION_IDLE_TIMEOUT.total_seconds():
            message = _("Your session ended after 30 minutes without activity. Please sign in again.")
        else:
            return None
        logout(request)
        if request.path_info.startswith("/api/"):
            return None  # the API goes on as anonymous and answers 401 itself
        messages.info(request, message)
        return redirect(settings.LOGIN_URL)

    @staticmethod
    def note_activity(request) -> None:
        now = time.time()
        if now - request.session.get(LAST_SEEN_AT, 0) < ACTIVITY_RESOLUTION_SECONDS:
            return
        request.session[LAST_SEEN_AT] = now  # marks the session modified: saved with a fresh expiry
        usersessionkit.track_activity(request, user=request.user, session=request.session)


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
            # Every API view authenticates with MfaSessionAuthentication or a token (see
            # REST_FRAMEWORK in settings), which refuse such sessions with 401 themselves.
            return self.get_response(request)
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
