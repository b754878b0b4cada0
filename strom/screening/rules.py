"""The ILO/EC operational indicators as a rule: a pure function from answers to an explained suggestion.

No Django here: frameworks arrive as plain data (`Framework`, `Dimension`, `Indicator`) and answers
as a mapping from indicator code to "present", "absent" or "unknown" (a code not in the mapping is
unknown). The outcome is a *suggestion* for a person to weigh, never an identification decision.

The rule book
-------------
Dimension rule. A dimension is met when the indicators confirmed present include at least
  - two strong ones, or
  - one strong and at least one medium or weak, or
  - three medium, or
  - two medium and one weak.
Weak indicators alone never suffice, nor does one strong or two medium on their own.

Elements. Every dimension stands for one element of the Palermo definition:
  - recruitment (D1 deceptive, D2 coercive, D3 abuse of vulnerability),
  - exploitation (D4 exploitative conditions),
  - coercion at destination (D5 coercion, D6 abuse of vulnerability).
An element is met when any of its dimensions is met.

Adults. The trafficking pattern is present when recruitment, exploitation and coercion at
destination are all met.

Children. Means are not required. The pattern is present when an *act* (recruitment, transport,
transfer, harbouring or receipt) is established and exploitation is met. D1–D3 indicators describe
means, so the act is its own question, answered present, absent or unknown; a met recruitment
dimension also establishes the act, since it describes a recruitment that took place. Coercion at
destination is reported but not required. A person whose age is uncertain is screened as a child
(Council of Europe Convention, Art. 10(3)): that choice is made before this module, by choosing
the children's set.

Outcomes. `pattern_present`; else `partial` when at least one element (or, for a child, the act)
is met, named by the elements met (e.g. "recruitment+exploitation"; "exploitation" alone is
"exploitation without established trafficking elements"); else `not_enough_information`. A
screening never concludes that someone is not a victim: with nothing met the outcome says only
that the information does not show the pattern.

What is missing. For every dimension not met: whether it can still be met by confirming unknown
indicators, and which single unknown indicators would each complete it on their own. For the
pattern: whether it is still possible, and the next questions: the unknown indicators of the
dimensions that could supply each element still missing (for a child, the act question first),
those that alone would complete their dimension first, then strong before medium before weak.
Confirming every next question completes the pattern whenever the pattern is still possible.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

PRESENT, ABSENT, UNKNOWN = "present", "absent", "unknown"
ANSWERS = (PRESENT, ABSENT, UNKNOWN)
STRONG, MEDIUM, WEAK = "S", "M", "W"
GRADES = (STRONG, MEDIUM, WEAK)
ADULT, CHILD = "adult", "child"
RECRUITMENT, EXPLOITATION, COERCION = "recruitment", "exploitation", "coercion"
ELEMENTS = (RECRUITMENT, EXPLOITATION, COERCION)
ACT = "act"  # the children's rule: an act of recruitment, transport, transfer, harbouring or receipt

PATTERN_PRESENT = "pattern_present"
PARTIAL = "partial"
NOT_ENOUGH_INFORMATION = "not_enough_information"
OUTCOMES = (PATTERN_PRESENT, PARTIAL, NOT_ENOUGH_INFORMATION)

# The smallest sets of present indicators (strong, medium, weak) that meet a dimension.
SUFFICIENT = ((2, 0, 0), (1, 1, 0), (1, 0, 1), (0, 3, 0), (0, 2, 1))
_GRADE_ORDER = {STRONG: 0, MEDIUM: 1, WEAK: 2}


@dataclass(frozen=True)
class Indicator:
    code: str
    grade: str


@dataclass(frozen=True)
class Dimension:
    code: str
    element: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Framework:
    population: str  # ADULT or CHILD
    dimensions: tuple[Dimension, ...]

    def indicator_codes(self) -> set[str]:
        return {indicator.code for dimension in self.dimensions for indicator in dimension.indicators}


@dataclass(frozen=True)
class DimensionResult:
    code: str
    element: str
    met: bool
    by: tuple[str, ...]  # the present indicators, strongest first
    reachable: bool  # met, or would be if every unknown indicator were confirmed
    completing: tuple[str, ...]  # unknown indicators each of which alone would meet it (empty when met)


@dataclass(frozen=True)
class Evaluation:
    population: str
    outcome: str
    partial: str  # the elements met, joined by "+", when the outcome is partial; else ""
    elements: dict[str, bool]  # adults: the three elements; children: act, exploitation, coercion
    dimensions: tuple[DimensionResult, ...]
    act: str  # the act answer (children); "" for adults
    pattern_possible: bool
    next_questions: tuple[str, ...] = field(default=())  # indicator codes, and ACT for the act question


def dimension_met(grades) -> bool:
    """The dimension rule, on the grades of the indicators confirmed present."""
    grades = list(grades)
    strong, medium, weak = grades.count(STRONG), grades.count(MEDIUM), grades.count(WEAK)
    return any(strong >= s and medium >= m and weak >= w for s, m, w in SUFFICIENT)


def _answer(answers: Mapping[str, str], code: str) -> str:
    value = answers.get(code, UNKNOWN)
    if value not in ANSWERS:
        raise ValueError(f"An answer is present, absent or unknown, not {value!r}.")
    return value


def _strongest_first(indicators) -> list[Indicator]:
    return sorted(indicators, key=lambda indicator: _GRADE_ORDER[indicator.grade])


def evaluate_dimension(dimension: Dimension, answers: Mapping[str, str]) -> DimensionResult:
    present = [i for i in dimension.indicators if _answer(answers, i.code) == PRESENT]
    unknown = [i for i in dimension.indicators if _answer(answers, i.code) == UNKNOWN]
    present_grades = [i.grade for i in present]
    met = dimension_met(present_grades)
    completing = () if met else tuple(
        i.code for i in _strongest_first(unknown) if dimension_met([*present_grades, i.grade]))
    return DimensionResult(
        code=dimension.code, element=dimension.element, met=met,
        by=tuple(i.code for i in _strongest_first(present)) if met else (),
        reachable=met or dimension_met(present_grades + [i.grade for i in unknown]),
        completing=completing,
    )


def evaluate(framework: Framework, answers: Mapping[str, str], act: str = UNKNOWN) -> Evaluation:
    """The explained suggestion for `answers` (indicator code → present/absent/unknown).

    `act` is the children's act question (ignored for adults). Raises ValueError on an answer that
    is not present/absent/unknown or on an indicator code the framework does not have.
    """
    unknown_codes = set(answers) - framework.indicator_codes()
    if unknown_codes:
        raise ValueError(f"Not indicators of this framework: {', '.join(sorted(unknown_codes))}")
    if act not in ANSWERS:
        raise ValueError(f"The act is present, absent or unknown, not {act!r}.")
    results = tuple(evaluate_dimension(d, answers) for d in framework.dimensions)
    met = {e: any(r.met for r in results if r.element == e) for e in ELEMENTS}
    reachable = {e: any(r.reachable for r in results if r.element == e) for e in ELEMENTS}
    if framework.population == CHILD:
        return _child(framework, answers, results, met, reachable, act)
    return _adult(framework, answers, results, met, reachable)


def _adult(framework, answers, results, met, reachable) -> Evaluation:
    present = all(met.values())
    possible = all(reachable.values())
    questions = () if present or not possible else _next_questions(framework, answers, results,
                                                                   [e for e in ELEMENTS if not met[e]])
    return Evaluation(population=ADULT, outcome=_outcome(present, met), partial=_partial(present, met),
                      elements=dict(met), dimensions=results, act="", pattern_possible=possible,
                      next_questions=questions)


def _child(framework, answers, results, met, reachable, act) -> Evaluation:
    has_act = act == PRESENT or met[RECRUITMENT]
    act_possible = act != ABSENT or reachable[RECRUITMENT]
    elements = {ACT: has_act, EXPLOITATION: met[EXPLOITATION], COERCION: met[COERCION]}
    present = has_act and met[EXPLOITATION]
    possible = act_possible and reachable[EXPLOITATION]
    questions: tuple[str, ...] = ()
    if not present and possible:
        questions = _next_questions(framework, answers, results, [] if met[EXPLOITATION] else [EXPLOITATION])
        if not has_act:
            # The act question settles it at once; the recruitment indicators only when it was answered "no".
            questions = ((ACT,) if act == UNKNOWN else
                         _next_questions(framework, answers, results, [RECRUITMENT])) + questions
    return Evaluation(population=CHILD, outcome=_outcome(present, elements), partial=_partial(present, elements),
                      elements=elements, dimensions=results, act=act, pattern_possible=possible,
                      next_questions=questions)


def _outcome(present: bool, elements: dict[str, bool]) -> str:
    if present:
        return PATTERN_PRESENT
    return PARTIAL if any(elements.values()) else NOT_ENOUGH_INFORMATION


def _partial(present: bool, elements: dict[str, bool]) -> str:
    return "" if present else "+".join(name for name, is_met in elements.items() if is_met)


def _next_questions(framework: Framework, answers: Mapping[str, str], results, missing_elements) -> tuple[str, ...]:
    """Unknown indicators of every still reachable dimension of each missing element, best first:
    within an element, those that alone would complete their dimension, then by grade."""
    by_code = {r.code: r for r in results}
    chosen: list[str] = []
    for element in missing_elements:
        open_dimensions = [d for d in framework.dimensions if d.element == element
                           and not by_code[d.code].met and by_code[d.code].reachable]
        completing = [code for d in open_dimensions for code in by_code[d.code].completing]
        rest = _strongest_first(i for d in open_dimensions for i in d.indicators
                                if _answer(answers, i.code) == UNKNOWN)
        for code in [*completing, *(i.code for i in rest)]:
            if code not in chosen:
                chosen.append(code)
    return tuple(chosen)
