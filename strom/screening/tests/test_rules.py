"""The evaluation rule (strom/screening/rules.py), exhaustively and against an independent reading.

No database: frameworks are built here or read straight from the data files. The expected results
come from `Reading` below, a second, deliberately plain transcription of the ILO/EC rule (domain.md
§1), never from the code under test.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strom.screening import rules
from strom.screening.rules import (
    ABSENT,
    ACT,
    NOT_ENOUGH_INFORMATION,
    PARTIAL,
    PATTERN_PRESENT,
    PRESENT,
    UNKNOWN,
    Dimension,
    Framework,
    Indicator,
    dimension_met,
    evaluate,
)

DATA = Path(__file__).resolve().parents[1] / "frameworks"
ELEMENT_OF = {"D1": "recruitment", "D2": "recruitment", "D3": "recruitment", "D4": "exploitation",
              "D5": "coercion", "D6": "coercion"}


# --- The independent reading ---------------------------------------------------------------------
class Reading:
    """The rule as domain.md states it, in the plainest form we could write."""

    @staticmethod
    def met(strong: int, medium: int, weak: int) -> bool:
        # "≥2 S, or 1 S + ≥1 M or W, or ≥3 M, or 2 M + 1 W. Weak indicators alone never suffice."
        if strong >= 2:
            return True
        if strong == 1 and medium + weak >= 1:
            return True
        if medium >= 3:
            return True
        return medium == 2 and weak >= 1

    @classmethod
    def dimensions_met(cls, framework: Framework, answers: dict) -> dict[str, bool]:
        result = {}
        for dimension in framework.dimensions:
            grades = [i.grade for i in dimension.indicators if answers.get(i.code) == PRESENT]
            result[dimension.code] = cls.met(grades.count("S"), grades.count("M"), grades.count("W"))
        return result

    @staticmethod
    def outcome(population: str, met: dict[str, bool], act: str) -> tuple[str, set[str]]:
        d1, d2, d3, d4, d5, d6 = (met[f"D{n}"] for n in range(1, 7))
        recruitment, coercion = d1 or d2 or d3, d5 or d6
        if population == "adult":
            present = recruitment and d4 and coercion
            named = {n for n, v in (("recruitment", recruitment), ("exploitation", d4), ("coercion", coercion)) if v}
        else:
            has_act = act == PRESENT or recruitment  # a met recruitment dimension is an act that took place
            present = has_act and d4
            named = {n for n, v in (("act", has_act), ("exploitation", d4), ("coercion", coercion)) if v}
        if present:
            return PATTERN_PRESENT, set()
        return (PARTIAL, named) if named else (NOT_ENOUGH_INFORMATION, set())


# --- Frameworks ----------------------------------------------------------------------------------
def synthetic(population: str) -> Framework:
    """Six dimensions with two strong, three medium and two weak indicators each."""
    grades = ["S", "S", "M", "M", "M", "W", "W"]
    return Framework(population, tuple(
        Dimension(code, element, tuple(Indicator(f"{code.lower()}.{n}{g}", g) for n, g in enumerate(grades)))
        for code, element in ELEMENT_OF.items()))


def from_file(name: str) -> Framework:
    data = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return Framework(data["population"], tuple(
        Dimension(d["code"], d["element"], tuple(Indicator(i["code"], i["grade"]) for i in d["indicators"]))
        for d in data["dimensions"]))


ADULT, CHILD = synthetic("adult"), synthetic("child")
FILES = ["adults_labour", "adults_sexual", "children_labour", "children_sexual"]


def meeting(framework: Framework, codes) -> dict[str, str]:
    """Answers that meet exactly the dimensions `codes` (two strong each), every other indicator absent."""
    answers = {}
    for dimension in framework.dimensions:
        strong = [i.code for i in dimension.indicators if i.grade == "S"][:2]
        for indicator in dimension.indicators:
            answers[indicator.code] = PRESENT if dimension.code in codes and indicator.code in strong else ABSENT
    return answers


# --- The dimension rule --------------------------------------------------------------------------
@pytest.mark.parametrize(("strong", "medium", "weak"), list(itertools.product(range(4), range(5), range(4))))
def test_dimension_rule_every_count(strong, medium, weak):
    assert dimension_met(["S"] * strong + ["M"] * medium + ["W"] * weak) == Reading.met(strong, medium, weak)


@pytest.mark.parametrize(("grades", "expected"), [
    ("", False), ("W", False), ("WWWWWW", False), ("S", False), ("M", False), ("MM", False), ("MW", False),
    ("MWWW", False), ("SS", True), ("SM", True), ("SW", True), ("MMM", True), ("MMW", True), ("MMWW", True),
])
def test_dimension_rule_named_cases(grades, expected):
    assert dimension_met(list(grades)) is expected


def test_weak_alone_never_meets_a_dimension():
    dimension = ADULT.dimensions[0]
    answers = {i.code: PRESENT if i.grade == "W" else ABSENT for i in dimension.indicators}
    result = rules.evaluate_dimension(dimension, answers)
    assert not result.met and not result.reachable and result.completing == ()


# --- Outcomes: every combination class -----------------------------------------------------------
COMBINATIONS = [set(c) for n in range(7) for c in itertools.combinations(ELEMENT_OF, n)]


@pytest.mark.parametrize("met", COMBINATIONS, ids=lambda c: "+".join(sorted(c)) or "none")
def test_adult_outcome_for_every_combination_of_dimensions(met):
    result = evaluate(ADULT, meeting(ADULT, met))
    expected, named = Reading.outcome("adult", {code: code in met for code in ELEMENT_OF}, UNKNOWN)
    assert result.outcome == expected
    assert set(filter(None, result.partial.split("+"))) == named
    assert {r.code for r in result.dimensions if r.met} == met


@pytest.mark.parametrize("act", [PRESENT, ABSENT, UNKNOWN])
@pytest.mark.parametrize("met", COMBINATIONS, ids=lambda c: "+".join(sorted(c)) or "none")
def test_child_outcome_for_every_combination_of_dimensions_and_act(met, act):
    result = evaluate(CHILD, meeting(CHILD, met), act)
    expected, named = Reading.outcome("child", {code: code in met for code in ELEMENT_OF}, act)
    assert result.outcome == expected
    assert set(filter(None, result.partial.split("+"))) == named


def test_adult_pattern_needs_all_three_elements():
    assert evaluate(ADULT, meeting(ADULT, {"D2", "D4", "D6"})).outcome == PATTERN_PRESENT
    for missing in ({"D4", "D6"}, {"D2", "D6"}, {"D2", "D4"}):
        assert evaluate(ADULT, meeting(ADULT, missing)).outcome == PARTIAL


def test_named_partial_outcomes():
    assert evaluate(ADULT, meeting(ADULT, {"D4"})).partial == "exploitation"
    assert evaluate(ADULT, meeting(ADULT, {"D1", "D4"})).partial == "recruitment+exploitation"
    assert evaluate(ADULT, meeting(ADULT, {"D4", "D5"})).partial == "exploitation+coercion"
    assert evaluate(CHILD, meeting(CHILD, {"D4"}), ABSENT).partial == "exploitation"


def test_child_needs_no_means():
    # Exploitation and an act, no deception, force or abuse of vulnerability: the pattern for a child…
    assert evaluate(CHILD, meeting(CHILD, {"D4"}), PRESENT).outcome == PATTERN_PRESENT
    # …not for an adult.
    assert evaluate(ADULT, meeting(ADULT, {"D4"})).outcome == PARTIAL


def test_nothing_known_is_not_enough_information():
    for framework in (ADULT, CHILD):
        result = evaluate(framework, {})
        assert result.outcome == NOT_ENOUGH_INFORMATION and result.partial == ""
        assert result.pattern_possible


def test_bad_answers_are_refused():
    with pytest.raises(ValueError, match="present, absent or unknown"):
        evaluate(ADULT, {"d1.0S": "yes"})
    with pytest.raises(ValueError, match="Not indicators"):
        evaluate(ADULT, {"nope": PRESENT})
    with pytest.raises(ValueError, match="act"):
        evaluate(CHILD, {}, "maybe")


# --- What is missing -----------------------------------------------------------------------------
def test_one_strong_then_any_other_unknown_completes_the_dimension():
    answers = {**meeting(ADULT, {"D1", "D5"}), "d4.0S": PRESENT}
    for code in ("d4.1S", "d4.2M", "d4.6W"):
        answers[code] = UNKNOWN
    result = evaluate(ADULT, answers)
    d4 = next(r for r in result.dimensions if r.code == "D4")
    assert not d4.met and d4.reachable
    assert d4.completing == ("d4.1S", "d4.2M", "d4.6W")  # strongest first
    assert result.next_questions == ("d4.1S", "d4.2M", "d4.6W")


def test_questions_only_for_missing_elements():
    answers = meeting(ADULT, {"D1", "D4"})
    answers.update({"d2.0S": UNKNOWN, "d5.2M": UNKNOWN, "d5.3M": UNKNOWN, "d5.4M": UNKNOWN, "d6.5W": UNKNOWN})
    result = evaluate(ADULT, answers)
    # Recruitment is met already: D2's open question is not asked; D5 can still be met with its three
    # medium indicators (none alone completes it); D6 cannot be met with one weak indicator.
    assert result.next_questions == ("d5.2M", "d5.3M", "d5.4M")


def test_pattern_impossible_asks_nothing():
    result = evaluate(ADULT, meeting(ADULT, {"D1", "D4"}))  # everything else answered absent
    assert result.outcome == PARTIAL and not result.pattern_possible and result.next_questions == ()


def test_child_act_question_comes_first():
    answers = meeting(CHILD, {"D4"})
    answers["d1.0S"] = UNKNOWN
    result = evaluate(CHILD, answers, UNKNOWN)
    assert result.next_questions == (ACT,)
    result = evaluate(CHILD, answers, ABSENT)  # the act denied: only a met recruitment dimension can show it
    assert result.next_questions == () and not result.pattern_possible
    answers.update({"d1.1S": UNKNOWN})
    assert evaluate(CHILD, answers, ABSENT).next_questions == ("d1.0S", "d1.1S")


# --- Property-based: random answers on the real data files and the synthetic sets -----------------
FRAMEWORKS = [ADULT, CHILD, *(from_file(name) for name in FILES)]


@st.composite
def cases(draw):
    framework = draw(st.sampled_from(FRAMEWORKS))
    codes = sorted(framework.indicator_codes())
    # Mostly sparse answer sets with a bias to "present", so that every outcome shows up often.
    values = st.sampled_from([PRESENT, PRESENT, ABSENT, UNKNOWN])
    answers = draw(st.dictionaries(st.sampled_from(codes), values, max_size=len(codes)))
    return framework, answers, draw(st.sampled_from([PRESENT, ABSENT, UNKNOWN]))


PROPERTY = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


@given(cases())
@PROPERTY
def test_evaluation_agrees_with_the_independent_reading(case):
    framework, answers, act = case
    result = evaluate(framework, answers, act)
    met = Reading.dimensions_met(framework, answers)
    expected, named = Reading.outcome(framework.population, met, act)
    assert result.outcome == expected
    assert set(filter(None, result.partial.split("+"))) == named
    assert {r.code: r.met for r in result.dimensions} == met


@given(cases())
@PROPERTY
def test_confirming_the_next_questions_completes_the_pattern(case):
    framework, answers, act = case
    result = evaluate(framework, answers, act)
    unknown = framework.indicator_codes() - {c for c, v in answers.items() if v != UNKNOWN}
    assert set(result.next_questions) - {ACT} <= unknown  # only open questions are asked
    assert (ACT in result.next_questions) <= (act == UNKNOWN)
    if result.outcome == PATTERN_PRESENT:
        assert result.next_questions == ()
        return
    confirmed = {**answers, **{code: PRESENT for code in result.next_questions if code != ACT}}
    after = evaluate(framework, confirmed, PRESENT if ACT in result.next_questions else act)
    everything = evaluate(framework, {**answers, **{code: PRESENT for code in unknown}},
                          PRESENT if act == UNKNOWN else act)
    # "Possible" means exactly: confirming every open question would complete the pattern.
    assert result.pattern_possible == (everything.outcome == PATTERN_PRESENT)
    if result.pattern_possible:
        assert after.outcome == PATTERN_PRESENT
    else:
        assert result.next_questions == ()


@given(cases())
@PROPERTY
def test_each_completing_indicator_alone_meets_its_dimension(case):
    framework, answers, act = case
    for result in evaluate(framework, answers, act).dimensions:
        dimension = next(d for d in framework.dimensions if d.code == result.code)
        for code in result.completing:
            grades = [i.grade for i in dimension.indicators if answers.get(i.code) == PRESENT or i.code == code]
            assert Reading.met(grades.count("S"), grades.count("M"), grades.count("W"))
        others = [i for i in dimension.indicators if answers.get(i.code, UNKNOWN) == UNKNOWN
                  and i.code not in result.completing]
        for indicator in others if not result.met else []:
            grades = [i.grade for i in dimension.indicators if answers.get(i.code) == PRESENT] + [indicator.grade]
            assert not Reading.met(grades.count("S"), grades.count("M"), grades.count("W"))
