"""The crisis view's rules (pure): who the operator calls now, for the caller's place.

The network's pathway finder (`strom/network/finder.py`, urgent need) ranks the services of the crisis
types that serve the caller's municipality; this module turns its findings into what an operator
needs with a person in danger on the line:

- **Round the clock**: every service reachable at any hour — a 24/7 phone, or open 24 hours with a
  phone. Fitting ones first, otherwise in the finder's order. The number shown is the 24/7 phone,
  else the ordinary phone of a service open 24 hours.
- **The urgent pathway**: one step per crisis type, in the order help is needed in a crisis (safety
  and a bed first; child protection first of all when the caller may be a child). Each step names
  the best fitting service reachable now (else the best fitting one, with "not reachable now"), up
  to two alternatives, or a gap: no provider registered for that kind of help here.
- **112** is always shown: the single European emergency number (Directive (EU) 2018/1972, Art. 109),
  answered in every EU/EEA country, Norway and Iceland included.

`number_now` decides which number to dial: a 24/7 phone always; an ordinary phone only while the
service is open now (or always open); otherwise none — the operator must not be sent to a closed line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

EMERGENCY_NUMBER = "112"

# Service type codes of the crisis pathway, in the order they are needed.
CRISIS_TYPES: tuple[str, ...] = (
    "safe_accommodation",
    "emergency_medical",
    "police_report",
    "child_protection",
    "psychological",
    "interpretation",
    "hotline",
)
ALTERNATIVES = 2


@dataclass(frozen=True)
class Entry:
    """One service as the finder saw it: facts and the finder's verdict, nothing else."""

    service_id: object
    name: str
    organisation: str
    type_code: str
    organisation_id: object = None
    type_name: str = ""
    phone: str = ""
    phone_24_7: str = ""
    always_open: bool = False
    open_now: bool = False
    fits: bool = True
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    type_code: str
    first: Entry | None
    alternatives: tuple[Entry, ...] = field(default=())

    @property
    def gap(self) -> bool:
        return self.first is None

    @property
    def reachable_now(self) -> bool:
        return self.first is not None and bool(number_now(self.first))


def number_now(entry: Entry) -> str:
    """The number to dial now: the 24/7 phone, else the phone while open; "" when none answers now."""
    if entry.phone_24_7:
        return entry.phone_24_7
    if entry.phone and (entry.always_open or entry.open_now):
        return entry.phone
    return ""


def is_round_the_clock(entry: Entry) -> bool:
    return bool(entry.phone_24_7) or (entry.always_open and bool(entry.phone))


def round_the_clock(entries: Iterable[Entry]) -> list[Entry]:
    """Services reachable at any hour, fitting ones first; otherwise the given (finder's) order."""
    reachable = [entry for entry in entries if is_round_the_clock(entry)]
    return [entry for entry in reachable if entry.fits] + [entry for entry in reachable if not entry.fits]


def pathway_types(*, child: bool = False, types: Sequence[str] = CRISIS_TYPES) -> tuple[str, ...]:
    """The crisis types in order; child protection first when the caller may be a child."""
    if child and "child_protection" in types:
        return ("child_protection", *[code for code in types if code != "child_protection"])
    return tuple(types)


def _best_first(entries: list[Entry]) -> list[Entry]:
    """Reachable-now before the rest, keeping the finder's order within each (a stable sort)."""
    return sorted(entries, key=lambda entry: not number_now(entry))


def urgent_pathway(entries: Iterable[Entry], *, child: bool = False,
                   types: Sequence[str] = CRISIS_TYPES) -> list[Step]:
    """One step per crisis type: the best fitting service (reachable now first) and alternatives."""
    entries = list(entries)
    steps = []
    for code in pathway_types(child=child, types=types):
        fitting = _best_first([entry for entry in entries if entry.type_code == code and entry.fits])
        first = fitting[0] if fitting else None
        steps.append(Step(code, first, tuple(fitting[1:1 + ALTERNATIVES])))
    return steps


def gaps(steps: Iterable[Step]) -> list[str]:
    return [step.type_code for step in steps if step.gap]
