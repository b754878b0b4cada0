"""Who may screen and who may read a screening.

- `screening.run` (frontline workers, case managers, hotline operators) starts screenings for the
  organisation she acts for, continues her own drafts, and uses the frameworks and the stateless
  evaluation.
- `screening.read` reads the screenings of the organisation she acts for. A screening attached to a
  case is read, besides, by whoever may read that case (its lead organisation, break-glass) — the
  case's rules decide, see `queries.screening_for`.
- Attaching a screening to a case, or starting one for a case, needs both: the screening's side
  (`screening.read` / `screening.run` in its organisation) and `case.write` on the case.
- Only the screener changes the answers of a draft; a completed screening is final.
Outsiders (another organisation) get 404 from the scoped reads in queries.py before any of this;
members without the right get a recorded 403 through `deny`.
"""

from __future__ import annotations

from strom.accounts.policies import Actor, deny

RUN = "screening.run"
READ = "screening.read"


def require_run(actor: Actor, *args, **kwargs) -> None:
    if not actor.can(RUN):
        deny(actor, RUN)


def require_read(actor: Actor, screening=None) -> None:
    if not actor.can(READ, getattr(screening, "organisation", None)):
        deny(actor, READ, screening)


def can_continue(actor: Actor, screening) -> bool:
    return (screening.is_draft and actor.can(RUN, screening.organisation)
            and screening.screener_id == getattr(actor.user, "pk", None))


def require_continue(actor: Actor, screening, *args, **kwargs) -> None:
    if not can_continue(actor, screening):
        deny(actor, RUN, screening)


def require_run_for_case(actor: Actor, *args, case=None, **kwargs) -> None:
    """Starting a screening, and for a case also the right to change that case."""
    from strom.cases.policies import require_case_writing

    require_run(actor)
    if case is not None:
        require_case_writing(actor, case)


def require_attach(actor: Actor, screening, case, *args, **kwargs) -> None:
    from strom.cases.policies import require_case_writing

    if screening.organisation_id != getattr(actor.organisation, "pk", None):
        deny(actor, READ, screening)
    require_read(actor, screening)
    require_case_writing(actor, case)
