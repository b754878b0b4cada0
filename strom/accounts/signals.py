"""Sign-in, sign-out and second-factor events go to the audit trail."""

from __future__ import annotations

import time

from allauth.account import signals as account_signals
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.db.models import Q
from django.dispatch import receiver

from strom.accounts.middleware import AUTHENTICATED_AT
from strom.api.tokens import revoke_all_tokens
from strom.audit.services import record


@receiver(auth_signals.user_logged_in)
def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        # Activity is noted by the first request after signing in (which also lists the session).
        request.session[AUTHENTICATED_AT] = time.time()
    record("auth.login", actor=user, target=user, request=request)


@receiver(auth_signals.user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # Never what was typed: people type passwords into the user-name box, and the trail keeps
    # everything for ever. Only which account was tried, when it is one of ours.
    from strom.accounts.lockout import attempted_login
    from strom.accounts.models import User

    login = attempted_login(request, credentials)
    target = User.objects.filter(Q(username__iexact=login) | Q(email__iexact=login)).first() if login else None
    record("auth.login_failed", outcome="failed", target=target, detail={"known_account": target is not None},
           request=request)


@receiver(auth_signals.user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record("auth.logout", actor=user, target=user, request=request)


@receiver(mfa_signals.authenticator_added)
def on_authenticator_added(sender, request, user, authenticator, **kwargs):
    # Activating an authenticator means typing a valid code: that session has passed the second
    # factor, so the enrolment gate may open without signing in again.
    if request is not None:
        record_authentication(request, user, "mfa", type=authenticator.type, enrolled=True)
    record("mfa.added", actor=user, target=user, detail={"type": authenticator.type}, request=request)


@receiver(mfa_signals.authenticator_removed)
def on_authenticator_removed(sender, request, user, authenticator, **kwargs):
    record("mfa.removed", actor=user, target=user, detail={"type": authenticator.type}, request=request)
    revoke_all_tokens(user, actor=user, request=request)


@receiver(mfa_signals.authenticator_reset)
def on_authenticator_reset(sender, request, user, authenticator, **kwargs):
    record("mfa.reset", actor=user, target=user, detail={"type": authenticator.type}, request=request)
    revoke_all_tokens(user, actor=user, request=request)


@receiver(account_signals.password_changed)
@receiver(account_signals.password_reset)
def on_password_changed(sender, request, user, **kwargs):
    # A new password often follows a suspicion: tokens made with the old one must not outlive it.
    record("auth.password_changed", actor=user, target=user, request=request)
    revoke_all_tokens(user, actor=user, request=request)
