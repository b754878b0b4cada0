"""Who may see and keep a municipality's self-assessment, action plan and local mapping.

Decided from the organisation the actor works for now, conservatively (a self-assessment says where a
municipality is weak; a local mapping names places and patterns of exploitation):

- **keeper**: `municipal.assess` (local coordinators) in an organisation *based in* the municipality.
  Starts, scores and completes assessments, keeps the action plan and writes the local mapping.
- **national reader**: `municipal.compare` (national coordinators) in an organisation of the
  municipality's country: reads completed assessments and the side-by-side comparison, never drafts,
  never the local mapping (which is the partnership's working document).
- **mapping reader**: people of today's member organisations of the municipality's partnership read
  the local mapping (the partnership keeps it; network.partnership_policies decides membership).
- **action owner**: the owner of an action reads it and changes its status.

Refusals: someone of an organisation based in the municipality (or, for national pages, of the country)
who lacks the right gets a recorded 403; everyone else a 404.
"""

from __future__ import annotations

from strom.accounts.policies import Actor, deny

ASSESS = "municipal.assess"
COMPARE = "municipal.compare"


def _based_in(actor: Actor, municipality) -> bool:
    organisation = actor.organisation
    return organisation is not None and organisation.municipality_id == municipality.pk


def is_keeper(actor: Actor, municipality) -> bool:
    return _based_in(actor, municipality) and actor.can(ASSESS)


def is_national_reader(actor: Actor, municipality) -> bool:
    organisation = actor.organisation
    return organisation is not None and organisation.country == municipality.country and actor.can(COMPARE)


def refuse(actor: Actor, municipality, permission: str, target=None):
    """403 (recorded) for someone of the municipality or its country; 404 for everyone else."""
    from django.http import Http404

    organisation = actor.organisation
    if _based_in(actor, municipality) or (organisation is not None and organisation.municipality_id is None
                                          and organisation.country == municipality.country):
        deny(actor, permission, target)
    raise Http404


def require_keeper(actor: Actor, municipality, *args, **kwargs) -> None:
    if not is_keeper(actor, municipality):
        refuse(actor, municipality, ASSESS, municipality)


def require_keeper_of_assessment(actor: Actor, assessment, *args, **kwargs) -> None:
    require_keeper(actor, assessment.municipality)


def require_keeper_of_action(actor: Actor, action, *args, **kwargs) -> None:
    require_keeper(actor, action.assessment.municipality)


def require_status_change(actor: Actor, action, *args, **kwargs) -> None:
    if action.owner_id != actor.user.pk:
        require_keeper(actor, action.assessment.municipality)


def require_compare(actor: Actor) -> None:
    if not actor.can(COMPARE):
        deny(actor, COMPARE)
