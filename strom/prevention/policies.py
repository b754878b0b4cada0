"""Who keeps and who reads prevention campaigns (deny by default; permissions, never role names).

- Read: everyone signed in with `network.read` (campaigns name organisations, places and counts, never
  people). Without it: a recorded 403.
- Keep (create, edit, add activities and materials): `prevention.manage`, acting for the organising
  organisation. Another organisation's campaign is a 404 for editing (queries.campaign_to_manage); a
  member of the organiser without the right gets a recorded 403.
"""

from __future__ import annotations

from strom.accounts.policies import Actor, deny

READ = "network.read"
MANAGE = "prevention.manage"


def require_reading(actor: Actor) -> None:
    if not actor.can(READ):
        deny(actor, READ)


def can_manage(actor: Actor, campaign=None) -> bool:
    if actor.organisation is None or not actor.can(MANAGE):
        return False
    return campaign is None or campaign.organiser_id == actor.organisation.pk


def require_managing(actor: Actor, campaign=None, *args, **kwargs) -> None:
    """For a new campaign (`campaign` None) the organiser is the organisation she acts for."""
    if not can_manage(actor, campaign):
        deny(actor, MANAGE, campaign)
