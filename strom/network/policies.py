"""Who may shape the network and who may read it.

- A system administrator sets up organisations and municipalities.
- An organisation's administrator (`network.manage_services`) keeps her own organisation's services:
  what they offer, for whom, where, when, how to refer, and confirms every year that it is still true.
- Free places change daily and are known best by the people who work with the persons: besides the
  administrator, anyone who works on cases for that organisation (`case.write`) may update them, and
  nothing else of the service.
- Everyone signed in with `network.read` reads the partners' directory; the public directory needs
  no sign-in and shows only what a service chose to publish.

Each check refuses through `deny` (the refusal is recorded, then 403); the scoped reads in
queries.py return 404 before any of this to someone outside the organisation.
"""

from __future__ import annotations

from strom.accounts.policies import Actor, can_manage_organisations, deny

READ = "network.read"
MANAGE_SERVICES = "network.manage_services"
UPDATE_CAPACITY = "case.write"  # besides MANAGE_SERVICES: see the module docstring


def require_network_administration(actor: Actor, *args, **kwargs) -> None:
    if not can_manage_organisations(actor):
        deny(actor, "network.administer")


def require_directory(actor: Actor) -> None:
    if not actor.can(READ):
        deny(actor, READ)


def organisation_of(target):
    """The organisation a service, or one of its hours, exceptions or locations, belongs to."""
    service = getattr(target, "service", target)
    return getattr(service, "organisation", target)


def can_manage_services(actor: Actor, organisation) -> bool:
    return actor.can(MANAGE_SERVICES, organisation)


def require_service_management(actor: Actor, target, *args, **kwargs) -> None:
    """`target`: the organisation (to add a service) or a service or one of its parts."""
    organisation = organisation_of(target)
    if not can_manage_services(actor, organisation):
        deny(actor, MANAGE_SERVICES, target)


def can_update_capacity(actor: Actor, service) -> bool:
    organisation = organisation_of(service)
    return can_manage_services(actor, organisation) or actor.can(UPDATE_CAPACITY, organisation)


def require_capacity_update(actor: Actor, service, *args, **kwargs) -> None:
    if not can_update_capacity(actor, service):
        deny(actor, MANAGE_SERVICES, service)
