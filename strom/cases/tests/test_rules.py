"""The pure cores: the stage machine, the child presumption, pseudonyms."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from strom.cases import pseudonyms
from strom.cases.age import age_on, treated_as_child
from strom.cases.stages import MAIN_PATH, SIDE_STAGES, TRANSITIONS, MoveError, Stage, allowed_moves, check_move

# Written out by hand from the referral mechanism (domain §2), independently of TRANSITIONS.
EXPECTED_ALLOWED = [
    ("signal", "screening"), ("screening", "presumed_victim"), ("presumed_victim", "identified"),
    ("presumed_victim", "short_term_assistance"), ("identified", "short_term_assistance"),
    ("short_term_assistance", "long_term_inclusion"), ("short_term_assistance", "return"),
    ("long_term_inclusion", "follow_up"), ("return", "follow_up"), ("follow_up", "closed"),
    ("screening", "not_a_victim"), ("not_a_victim", "screening"), ("signal", "transferred"),
    ("transferred", "closed"),
]
EXPECTED_REFUSED = [
    ("signal", "identified"), ("signal", "short_term_assistance"), ("screening", "long_term_inclusion"),
    ("closed", "signal"), ("closed", "screening"), ("transferred", "screening"), ("identified", "not_a_victim"),
    ("return", "signal"), ("not_a_victim", "identified"),
]


def test_every_stage_has_a_row_and_every_target_is_a_stage():
    assert set(TRANSITIONS) == set(Stage.values)
    assert all(targets <= set(Stage.values) for targets in TRANSITIONS.values())
    assert set(MAIN_PATH) | set(SIDE_STAGES) == set(Stage.values)


def test_closed_is_the_only_end_and_every_stage_can_reach_it():
    assert [stage for stage, exits in TRANSITIONS.items() if not exits] == ["closed"]
    for start in Stage.values:
        seen, todo = {start}, [start]
        while todo:
            for nxt in TRANSITIONS[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        assert "closed" in seen, start


@pytest.mark.parametrize(("current", "target"), EXPECTED_ALLOWED)
def test_allowed_moves(current, target):
    check_move(current, target, why="new facts", closure_reason="other" if target == "closed" else "")
    assert target in allowed_moves(current)


@pytest.mark.parametrize(("current", "target"), EXPECTED_REFUSED)
def test_refused_moves(current, target):
    with pytest.raises(MoveError) as error:
        check_move(current, target, why="new facts")
    assert error.value.code == "not_allowed"
    assert target not in allowed_moves(current)


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"current": "signal", "target": "signal", "why": "x"}, "same_stage"),
    ({"current": "signal", "target": "screening", "why": "   "}, "no_reason"),
    ({"current": "signal", "target": "closed", "why": "x"}, "no_closure_reason"),
    ({"current": "signal", "target": "closed", "why": "x", "closure_reason": "bogus"}, "no_closure_reason"),
    ({"current": "signal", "target": "screening", "why": "x", "closure_reason": "other"},
     "closure_reason_without_closing"),
    ({"current": "signal", "target": "nowhere", "why": "x"}, "unknown_stage"),
])
def test_move_needs_reasons(kwargs, code):
    current, target = kwargs.pop("current"), kwargs.pop("target")
    with pytest.raises(MoveError) as error:
        check_move(current, target, **kwargs)
    assert error.value.code == code


def test_closing_with_a_reason():
    check_move("follow_up", "closed", why="goals met", closure_reason="goals_reached")


@pytest.mark.parametrize(("today", "kwargs", "expected"), [
    (date(2026, 6, 1), {"birth_date": date(2008, 6, 1)}, 18),
    (date(2026, 5, 31), {"birth_date": date(2008, 6, 1)}, 17),
    (date(2026, 2, 28), {"birth_date": date(2008, 2, 29)}, 17),
    (date(2026, 3, 1), {"birth_date": date(2008, 2, 29)}, 18),
    (date(2026, 6, 1), {"estimated_age": 16, "estimated_on": date(2024, 7, 1)}, 17),
    (date(2026, 6, 1), {"estimated_age": 16}, 16),
    (date(2026, 6, 1), {}, None),
])
def test_age_on(today, kwargs, expected):
    assert age_on(today, **kwargs) == expected


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"age_disputed": True, "birth_date": date(1990, 1, 1)}, True),
    ({"age_disputed": False, "birth_date": date(1990, 1, 1)}, False),
    ({"age_disputed": False, "birth_date": date(2010, 1, 1)}, True),
    ({"age_disputed": False, "estimated_age": 17, "estimated_on": date(2026, 1, 1)}, True),
    ({"age_disputed": False, "estimated_age": 17, "estimated_on": date(2025, 1, 1)}, False),
    ({"age_disputed": False}, None),
    ({"age_disputed": True}, True),
])
def test_treated_as_child(kwargs, expected):
    assert treated_as_child(date(2026, 6, 1), **kwargs) is expected


def test_pseudonyms_are_readable_and_random():
    drawn = {pseudonyms.generate() for _ in range(200)}
    assert all(re.fullmatch(pseudonyms.PATTERN, p) for p in drawn)
    assert len(drawn) > 190  # random, not derived from anything
    assert pseudonyms.generate(random.Random(1)) == pseudonyms.generate(random.Random(1))
    assert len(set(pseudonyms.FIRST)) == len(pseudonyms.FIRST) == 64
    assert len(set(pseudonyms.SECOND)) == len(pseudonyms.SECOND) == 64
