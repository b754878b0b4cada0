"""allauth adapters: Strom has no open sign-up, and TOTP secrets are encrypted at rest."""

from __future__ import annotations

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings

from strom.lib import crypto


def enrolling_right_after_sign_in(request) -> bool:
    """A first second factor, minutes after typing the password: asking for it again helps no one."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or Authenticator.objects.filter(user=user).exists():
        return False
    records = get_authentication_records(request, user)
    if not records or records[-1].get("method") != "password":
        return False
    return time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # People join through an invitation from their organisation's administrator.
        return False

    def post_login(self, request, user, **kwargs):
        # Her chosen language follows her to any browser she signs in from.
        response = super().post_login(request, user, **kwargs)
        if getattr(user, "preferred_language", ""):
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.preferred_language, samesite="Lax",
                                secure=settings.SESSION_COOKIE_SECURE, httponly=True)
        return response

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        request = self.request or context.request
        if app == "allauth.mfa" and request is not None and enrolling_right_after_sign_in(request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text, crypto.MFA_SECRET_AD)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text, crypto.MFA_SECRET_AD)
