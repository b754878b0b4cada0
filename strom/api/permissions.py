from __future__ import annotations

from rest_framework.permissions import BasePermission

from strom.accounts.policies import actor_for, deny


class HasPermission(BasePermission):
    """The API asks the same policies as the pages: `HasPermission.of("network.read")`."""

    permission: str = ""

    @classmethod
    def of(cls, permission: str) -> type[HasPermission]:
        return type(f"Has_{permission.replace('.', '_')}", (cls,), {"permission": permission})

    def has_permission(self, request, view) -> bool:
        if not request.user.is_authenticated:
            return False
        # DRF puts the token's user on the underlying request too, so the actor is the caller.
        actor = actor_for(request._request)
        if not actor.can(self.permission):
            deny(actor, self.permission)
        return True
