from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from strom.accounts.policies import actor_for, requires_second_factor, session_passed_second_factor
from strom.web.navigation import navigation_for

SITE_NAME = _("Strom")


def shell(request) -> dict:
    """What the base layout needs: the actor, her organisations and the navigation."""
    data = {"site_name": SITE_NAME, "actor": None, "navigation": []}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"shell": data}
    if not session_passed_second_factor(request) and requires_second_factor(user):
        return {"shell": data}  # still enrolling: no navigation into the product yet
    actor = actor_for(request)
    data.update(actor=actor, navigation=navigation_for(actor, request.path))
    return {"shell": data}
