"""allauth adapters: Strom has no open sign-up, and TOTP secrets are encrypted at rest."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied

from strom.lib import crypto
from strom.lib.net import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # People join through an invitation from their organisation's administrator.
        return False

    def get_client_ip(self, request) -> str:
        # The one reading of the client address (strom.lib.net), as for the audit trail and lockout.
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine the client's address.")
        return ip

    def post_login(self, request, user, **kwargs):
        # Her chosen language follows her to any browser she signs in from.
        response = super().post_login(request, user, **kwargs)
        if getattr(user, "preferred_language", ""):
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.preferred_language, samesite="Lax",
                                secure=settings.SESSION_COOKIE_SECURE, httponly=True)
        return response


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text, crypto.MFA_SECRET_AD)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text, crypto.MFA_SECRET_AD)
