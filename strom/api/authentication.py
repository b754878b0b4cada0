from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from strom.accounts.policies import requires_second_factor, session_passed_second_factor
from strom.api.tokens import user_for_token


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer strom_…` with a personal token."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("The Authorization header must be 'Bearer <token>'."))
        user, token = user_for_token(header[1])
        if user is None:
            raise exceptions.AuthenticationFailed(_("This token is not valid, has expired or was revoked."))
        return user, token

    def authenticate_header(self, request):
        return self.keyword


class MfaSessionAuthentication(authentication.SessionAuthentication):
    """The browser session, but only once it has passed the second factor where one is required."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, _auth = result
        if requires_second_factor(user) and not session_passed_second_factor(request._request):
            return None
        return result
