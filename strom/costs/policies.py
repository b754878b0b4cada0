"""Who may do what with costs (deny by default; permissions, never role names).

- Keep rates (unit costs, staff rates, overhead): `costs.manage`, for the municipality of the
  organisation she acts for (a local coordinator keeps her municipality's). Country-wide rates and the
  national basket are kept by the system (demo, commands) until a national permission exists.
- See a case's cost and add staff time: the case's readers and writers (cases.policies).
- See the figures of a municipality and year: `stats.local` for the municipality of her organisation,
  `stats.national` for every municipality of her organisation's country. Others with neither: 403;
  a municipality outside her scope: 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from strom.accounts.policies import Actor, deny
from strom.network.models import Municipality

MANAGE = "costs.manage"
LOCAL = "stats.local"
NATIONAL = "stats.national"


def managed_municipality(actor: Actor):
    organisation = actor.organisation
    return organisation.municipality if organisation is not None and organisation.municipality_id else None


def may_manage(actor: Actor) -> bool:
    return actor.can(MANAGE) and managed_municipality(actor) is not None


def require_managing(actor: Actor, *args, **kwargs) -> None:
    if not may_manage(actor):
        deny(actor, MANAGE)


def require_basket_keeping(actor: Actor | None, *args, **kwargs) -> None:
    # The basket is national law, not a municipality's choice: the system (demo, commands) or an admin.
    if actor is not None and not actor.is_system_admin:
        deny(actor, MANAGE)


@dataclass(frozen=True)
class ReportScope:
    national: bool
    country: str
    municipalities: tuple  # the Municipality rows she may see figures of


def report_scope(actor: Actor) -> ReportScope:
    """The municipalities whose figures she may see; a recorded 403 without either right."""
    organisation = actor.organisation
    if organisation is not None and actor.can(NATIONAL):
        country = str(organisation.country)
        return ReportScope(True, country, tuple(Municipality.objects.filter(country=country).order_by("name")))
    if organisation is not None and actor.can(LOCAL) and organisation.municipality_id:
        municipality = organisation.municipality
        return ReportScope(False, str(municipality.country), (municipality,))
    deny(actor, LOCAL)
    raise AssertionError  # deny raises
