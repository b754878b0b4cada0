"""The status timeline of a case: the stages of a national referral mechanism as a state machine.

Pure: no Django models, no database. The allowed moves are data (`TRANSITIONS`); `check_move`
is the one rule book that the service (`services.change_stage`) and the forms both ask.

The stages follow the referral mechanism (shared design, domain §2): a signal is screened; on
reasonable grounds the person is a presumed victim, later possibly formally identified; assistance
is short-term first, then long-term inclusion or a (voluntary) return, then follow-up, and the case
closes with a reason. At any point before assistance the person may turn out not to be a victim and
be referred elsewhere; at any point before closing the case may be transferred to another lead
organisation. Assistance never waits for identification (CoE Convention Art. 12, 13): a presumed
victim may go straight to short-term assistance.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stage(models.TextChoices):
    SIGNAL = "signal", _("Signal")
    SCREENING = "screening", _("Screening")
    PRESUMED_VICTIM = "presumed_victim", _("Presumed victim (reasonable grounds)")
    IDENTIFIED = "identified", _("Identified")
    SHORT_TERM_ASSISTANCE = "short_term_assistance", _("Short-term assistance")
    LONG_TERM_INCLUSION = "long_term_inclusion", _("Long-term inclusion")
    RETURN = "return", _("Return")
    FOLLOW_UP = "follow_up", _("Follow-up")
    NOT_A_VICTIM = "not_a_victim", _("Not a victim, referred elsewhere")
    TRANSFERRED = "transferred", _("Transferred")
    CLOSED = "closed", pgettext_lazy("case stage", "Closed")


class ClosureReason(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("The plan's goals were reached")
    PERSON_DECLINED = "person_declined", _("The person declined further help")
    CONTACT_LOST = "contact_lost", _("Contact was lost")
    NOT_A_VICTIM = "not_a_victim", _("Not a victim; referred elsewhere")
    TRANSFERRED = "transferred", _("Transferred to another organisation")
    RETURNED = "returned", _("Returned; follow-up ended")
    DECEASED = "deceased", _("The person died")
    OTHER = "other", _("Other reason")


S = Stage
_OPEN_EXITS = (S.TRANSFERRED, S.CLOSED)

# From each stage, the stages a case may move to. Rules as data: change the table, not the code.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.SIGNAL: frozenset({S.SCREENING, S.PRESUMED_VICTIM, S.NOT_A_VICTIM, *_OPEN_EXITS}),
    S.SCREENING: frozenset({S.PRESUMED_VICTIM, S.NOT_A_VICTIM, *_OPEN_EXITS}),
    S.PRESUMED_VICTIM: frozenset({S.IDENTIFIED, S.SHORT_TERM_ASSISTANCE, S.NOT_A_VICTIM, *_OPEN_EXITS}),
    S.IDENTIFIED: frozenset({S.SHORT_TERM_ASSISTANCE, S.LONG_TERM_INCLUSION, S.RETURN, *_OPEN_EXITS}),
    S.SHORT_TERM_ASSISTANCE: frozenset({S.IDENTIFIED, S.LONG_TERM_INCLUSION, S.RETURN, S.FOLLOW_UP,
                                        *_OPEN_EXITS}),
    S.LONG_TERM_INCLUSION: frozenset({S.RETURN, S.FOLLOW_UP, *_OPEN_EXITS}),
    S.RETURN: frozenset({S.FOLLOW_UP, *_OPEN_EXITS}),
    S.FOLLOW_UP: frozenset({S.LONG_TERM_INCLUSION, *_OPEN_EXITS}),
    # New facts may reopen screening for someone first found not to be a victim.
    S.NOT_A_VICTIM: frozenset({S.SCREENING, S.CLOSED}),
    S.TRANSFERRED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}

# The order of the stages along the main path, for drawing the timeline (side branches last).
MAIN_PATH: tuple[str, ...] = (S.SIGNAL, S.SCREENING, S.PRESUMED_VICTIM, S.IDENTIFIED, S.SHORT_TERM_ASSISTANCE,
                              S.LONG_TERM_INCLUSION, S.RETURN, S.FOLLOW_UP, S.CLOSED)
SIDE_STAGES: tuple[str, ...] = (S.NOT_A_VICTIM, S.TRANSFERRED)
FIRST_STAGE = S.SIGNAL
OPEN_STAGES = frozenset(stage for stage, exits in TRANSITIONS.items() if exits) - {S.CLOSED}


class MoveError(Exception):
    """Why a move is refused: a code for tests and a translatable message for people."""

    def __init__(self, code: str, message):
        super().__init__(code)
        self.code, self.message = code, message

    def __str__(self) -> str:
        return str(self.message)


def allowed_moves(stage: str) -> list[str]:
    """The stages reachable from `stage`, in the order of the main path then the side stages."""
    exits = TRANSITIONS.get(stage, frozenset())
    return [s for s in (*MAIN_PATH, *SIDE_STAGES) if s in exits]


def check_move(current: str, target: str, *, why: str, closure_reason: str = "") -> None:
    """Raise MoveError unless a case at `current` may move to `target` for the reason given."""
    if current not in TRANSITIONS or target not in TRANSITIONS:
        raise MoveError("unknown_stage", _("This is not a stage of a case."))
    if target == current:
        raise MoveError("same_stage", _("The case is already at this stage."))
    if target not in TRANSITIONS[current]:
        raise MoveError("not_allowed", _("A case cannot move from “%(current)s” to “%(target)s”.")
                        % {"current": Stage(current).label, "target": Stage(target).label})
    if not why.strip():
        raise MoveError("no_reason", _("Say why the case moves to this stage."))
    if target == S.CLOSED and closure_reason not in ClosureReason.values:
        raise MoveError("no_closure_reason", _("Choose the reason for closing the case."))
    if target != S.CLOSED and closure_reason:
        raise MoveError("closure_reason_without_closing", _("A closure reason belongs to closing the case only."))
