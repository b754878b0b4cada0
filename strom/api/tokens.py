"""Creating, checking and revoking personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from strom.api.models import PersonalToken
from strom.audit.services import record

TOKEN_PREFIX = "strom_"  # noqa: S105 — a label, not a secret
MAX_DAYS = 90


def digest(raw: str) -> str:
    # The token carries 256 random bits: a fast hash is enough, a slow one would only cost requests.
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_token(user, *, name: str, days: int, request=None, via: str = "security page") -> tuple[PersonalToken, str]:
    """Returns the stored token and the raw secret, which is shown once and never again."""
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(_("A token lives between 1 and %(max)d days.") % {"max": MAX_DAYS})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = PersonalToken.objects.create(
        user=user, name=name, prefix=raw[: len(TOKEN_PREFIX) + 4], digest=digest(raw),
        expires=timezone.now() + timedelta(days=days),
    )
    # A token issued from the command line is the operator's act, not the user's: the trail says so.
    record("token.created", actor=user, target=token, detail={"days": days, "via": via}, request=request)
    return token, raw


@transaction.atomic
def revoke_token(user, token: PersonalToken, request=None) -> None:
    token.revoked = timezone.now()
    token.save(update_fields=["revoked"])
    record("token.revoked", actor=user, target=token, request=request)


def revoke_all_tokens(user, *, actor, request=None) -> int:
    """Revoke every live token of `user` (sign out everywhere, new password, lost second factor)."""
    live = PersonalToken.objects.filter(user=user, revoked__isnull=True)
    ids = [str(pk) for pk in live.values_list("pk", flat=True)]
    if ids:
        live.update(revoked=timezone.now())
        record("token.revoked", actor=actor, target=user, detail={"tokens": len(ids), "all": True},
               request=request)
    return len(ids)


def user_for_token(raw: str):
    """The active user behind a valid token, or None."""
    token = (
        PersonalToken.objects.select_related("user")
        .filter(digest=digest(raw), revoked__isnull=True, expires__gt=timezone.now(), user__is_active=True)
        .first()
    )
    if token is None:
        return None, None
    # Record the day of use, not each request: one write a day keeps the API fast.
    now = timezone.now()
    if token.last_used is None or token.last_used.date() != now.date():
        PersonalToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user, token
