"""The thin layer between the stored frameworks and the pure rule (rules.py): the explanation that
the summary page, the printable summary and the API all show, in one shape."""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from strom.screening import rules
from strom.screening.models import Framework, Indicator

NOTICE = gettext_lazy(
    "This is a suggestion drawn from the ILO/European Commission operational indicators, not an "
    "identification decision. The decision is always made by a person, and by the authority responsible "
    "for it. The indicators were built for research and data collection: no outcome here rules "
    "trafficking in or out.")
UNVERIFIED = gettext_lazy(
    "This indicator set needs verification: its grades or wording have not been checked against the "
    "primary source, so the outcome may differ from the published set.")

ELEMENT_LABELS = {
    rules.RECRUITMENT: gettext_lazy("recruitment by deception, coercion or abuse of vulnerability"),
    rules.EXPLOITATION: gettext_lazy("exploitative conditions"),
    rules.COERCION: gettext_lazy("coercion or abuse of vulnerability at destination"),
    rules.ACT: gettext_lazy("an act of recruitment, transport, transfer, harbouring or receipt"),
}
GRADE_LABELS = {rules.STRONG: gettext_lazy("strong"), rules.MEDIUM: gettext_lazy("medium"),
                rules.WEAK: gettext_lazy("weak")}
ACT_QUESTION = gettext_lazy(
    "Was the child recruited, transported, transferred, harboured or received by someone (also within "
    "the country, and also with the family's agreement)?")
ACT_HELP = gettext_lazy(
    "For children no means (deception, force, abuse of vulnerability) are needed: an act and exploitation "
    "are enough.")


@lru_cache(maxsize=64)
def _rules_framework(framework_id, digest: str) -> rules.Framework:  # digest: a rewritten version is reloaded
    framework = Framework.objects.get(pk=framework_id)
    dimensions = []
    for dimension in framework.dimensions.prefetch_related("indicators").order_by("order"):
        indicators = tuple(rules.Indicator(i.code, i.grade) for i in dimension.indicators.all())
        dimensions.append(rules.Dimension(dimension.code, dimension.element, indicators))
    return rules.Framework(framework.population, tuple(dimensions))


def rules_framework(framework: Framework) -> rules.Framework:
    return _rules_framework(framework.pk, framework.digest)


def framework_summary(framework: Framework) -> dict:
    return {"code": framework.code, "version": framework.version, "title": framework.title,
            "kind": framework.kind, "population": framework.population, "exploitation": framework.exploitation,
            "source": framework.source, "status": framework.status,
            "needs_verification": framework.needs_verification,
            "verification_note": framework.verification_note, "valid_from": framework.valid_from}


def outcome_text(outcome: str, partial: str, population: str) -> str:
    if outcome == rules.PATTERN_PRESENT:
        if population == rules.CHILD:
            return _("Indicators of trafficking met: an act and exploitative conditions (for a child, no "
                     "means are needed).")
        return _("Indicators of trafficking met: recruitment, exploitative conditions and coercion at "
                 "destination.")
    if outcome == rules.PARTIAL:
        met = [str(ELEMENT_LABELS[name]) for name in partial.split("+") if name]
        if partial == rules.EXPLOITATION:
            return _("Exploitation without established trafficking elements: exploitative conditions are met, "
                     "the other elements are not established.")
        return _("Partly met: %(elements)s. The other elements of the pattern are not established.") % {
            "elements": "; ".join(met)}
    return _("Not enough information: the answers do not show any element of the pattern. This does not "
             "rule trafficking out.")


def explain(framework: Framework, answers: dict[str, str], act: str = rules.UNKNOWN) -> dict:
    """The evaluation with every label the reader needs. Raises ValueError on bad answers."""
    result = rules.evaluate(rules_framework(framework), answers, act)
    indicators = {i.code: i for i in Indicator.objects.filter(dimension__framework=framework)
                  .select_related("dimension")}
    dimensions = {d.code: d for d in framework.dimensions.all()}
    return {
        "framework": framework_summary(framework),
        "outcome": result.outcome,
        "outcome_text": outcome_text(result.outcome, result.partial, result.population),
        "partial": result.partial,
        "elements": result.elements,
        "pattern_possible": result.pattern_possible,
        "act": result.act,
        "dimensions": [{
            "code": r.code, "title": dimensions[r.code].title, "element": r.element, "met": r.met,
            "reachable": r.reachable,
            "by": [_indicator(indicators[code]) for code in r.by],
            "completing": [_indicator(indicators[code]) for code in r.completing],
        } for r in result.dimensions],
        "next_questions": [_question(code, indicators) for code in result.next_questions],
        "notice": str(NOTICE),
        "verification_warning": str(UNVERIFIED) if framework.needs_verification else "",
    }


def _indicator(indicator: Indicator) -> dict:
    return {"code": indicator.code, "label": indicator.label, "grade": indicator.grade,
            "grade_label": str(GRADE_LABELS.get(indicator.grade, "")), "dimension": indicator.dimension.code}


def _question(code: str, indicators: dict) -> dict:
    if code == rules.ACT:
        return {"code": rules.ACT, "question": str(ACT_QUESTION), "grade": "", "dimension": ""}
    indicator = indicators[code]
    return {**_indicator(indicator), "question": indicator.question}
