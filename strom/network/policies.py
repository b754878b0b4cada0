"""Who may shape the network. The network issue adds services, pathways and partnerships here."""

from __future__ import annotations

from strom.accounts.policies import Actor, can_manage_organisations, deny


def require_network_administration(actor: Actor, *args, **kwargs) -> None:
    if not can_manage_organisations(actor):
        deny(actor, "network.administer")
